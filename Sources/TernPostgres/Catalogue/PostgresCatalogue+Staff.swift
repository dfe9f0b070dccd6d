import Foundation
import TernStore

/// The staff list on PostgreSQL, as the SQLite catalogue keeps it (an admin's work, audited,
/// never losing the last admin), and one thing more: a staff member's login role gets (or
/// loses) Tern's matching group role in the same transaction, through the schema's account
/// functions, so a new advisor can open the console at once (`tern accounts sync` does the same
/// for everyone).
extension PostgresCatalogue {
    public func staffMembers() async throws -> [StaffMember] {
        try await read { transaction in
            try await transaction.rows { s in s.append("SELECT username, name, role FROM staff ORDER BY username") }.map { row in
                StaffMember(username: try ListingRecords.value(row, "username", table: "staff"),
                            name: try ListingRecords.value(row, "name", table: "staff"),
                            role: try ListingRecords.known(row, "role", table: "staff"))
            }
        }
    }

    public func addStaff(username: String, name: String?, role: StaffRole, alsoStudent: Bool, by actor: Actor) async throws {
        let username = try LoginName.check(username)
        let name = try StoredText.name.check(name.flatMap { $0.isEmpty ? nil : $0 } ?? username)
        try await write(for: .manageStaff) { transaction in
            guard try await transaction.rows({ s in s.append("SELECT 1 FROM staff WHERE username = \(s.bind(username)) FOR UPDATE") }).isEmpty else {
                throw CatalogueError.refused("\(username) is already staff")
            }
            if !alsoStudent, !(try await transaction.rows { s in s.append("SELECT 1 FROM students WHERE username = \(s.bind(username))") }).isEmpty {
                throw CatalogueError.refused("\(username) is also a student; as staff they would read other students' records (say --also-student if that is meant)")
            }
            try await transaction.execute { s in
                s.append("INSERT INTO staff (username, name, role) VALUES (\(s.bind(username)), \(s.bind(name)), \(s.bind(role.rawValue)))")
            }
            try await transaction.grantAccount(username, role)
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "add_staff", student: nil,
                                        detail: "\(username) (\(role.rawValue))\(alsoStudent ? ", also a student" : "")")
        }
    }

    public func removeStaff(username: String, by actor: Actor) async throws {
        try await write(for: .manageStaff) { transaction in
            let role = try await transaction.staffRole(username, locking: true)
            if role == .admin { try await transaction.refuseLosingLastAdmin(username, "removed") }
            try await transaction.execute { s in s.append("DELETE FROM staff WHERE username = \(s.bind(username))") }
            try await transaction.revokeAccount(username, role)
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "remove_staff", student: nil, detail: username)
        }
    }

    public func setStaffRole(username: String, to role: StaffRole, by actor: Actor) async throws {
        try await write(for: .manageStaff) { transaction in
            let held = try await transaction.staffRole(username, locking: true)
            guard held != role else { throw CatalogueError.refused("\(username) is already \(role.withArticle)") }
            if held == .admin { try await transaction.refuseLosingLastAdmin(username, "made an advisor") }
            try await transaction.execute { s in
                s.append("UPDATE staff SET role = \(s.bind(role.rawValue)) WHERE username = \(s.bind(username))")
            }
            try await transaction.revokeAccount(username, held)
            try await transaction.grantAccount(username, role)
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "change_staff_role", student: nil,
                                        detail: "\(username): \(held.rawValue) → \(role.rawValue)")
        }
    }
}

extension PostgresTransaction {
    func staffRole(_ username: String, locking: Bool) async throws -> StaffRole {
        guard let row = try await rows({ s in
            s.append("SELECT role FROM staff WHERE username = \(s.bind(username))\(locking ? " FOR UPDATE" : "")")
        }).first else {
            throw CatalogueError.notFound("no staff member with the username \(username)")
        }
        return try ListingRecords.known(row, "role", table: "staff")
    }

    /// The schema refuses it too (a trigger); this says it in a sentence that names the person.
    func refuseLosingLastAdmin(_ username: String, _ what: String) async throws {
        let admins = try await integer { s in s.append("SELECT count(*) FROM staff WHERE role = 'admin'") }
        if admins <= 1 {
            throw CatalogueError.refused("\(username) is the last admin and cannot be \(what); make another admin first (tern staff role NAME admin)")
        }
    }

    /// Tern's group role for `role`, granted to the login role of that name (made when missing),
    /// if the account is a plain one the schema's functions may touch.
    func grantAccount(_ login: String, _ role: StaffRole) async throws {
        try await execute { s in
            s.append("SELECT tern_account_grant(\(s.bind(login)), \(s.bind("tern_" + role.rawValue))) WHERE tern_account_is_plain(\(s.bind(login)))")
        }
    }

    func revokeAccount(_ login: String, _ role: StaffRole) async throws {
        try await execute { s in
            s.append("SELECT tern_account_revoke(\(s.bind(login)), \(s.bind("tern_" + role.rawValue))) WHERE tern_account_is_plain(\(s.bind(login)))")
        }
    }
}

/// The catalogue's settings on PostgreSQL (`tern settings`), as the SQLite catalogue keeps
/// them: checked first, changed in one transaction with one audit row; a new home currency
/// re-ranks every listing for the pay order in the same transaction (the schema's trigger).
extension PostgresCatalogue {
    /// What `tern settings` shows: the home currency, the pay floor (hundredths of it per hour),
    /// the unpaid hours limit, and the apply link when set.
    public func settingsShown() async throws -> (homeCurrency: String, payFloorCents: Int, unpaidMaxHours: Int, applyLink: String?) {
        try await read { transaction in
            let review = try await transaction.reviewSettings()
            let link = try await transaction.rows { s in
                s.append("SELECT value FROM settings WHERE key = \(s.bind(SettingsChange.applyLinkKey))")
            }.first.map { try ListingRecords.value($0, "value", table: "settings") as String }
            return (review.homeCurrency, review.payFloorCents, review.unpaidMaxHours, link)
        }
    }

    public func changeSettings(_ change: SettingsChange, by principal: Principal) async throws {
        guard !change.isEmpty else { return }
        try change.check()
        try await write(for: .changeSettings) { transaction in
            var changed: [String] = []
            for (name, key, value) in change.values {
                guard let value else { continue }
                let old = try await transaction.rows { s in
                    s.append("SELECT value FROM settings WHERE key = \(s.bind(key)) FOR UPDATE")
                }.first.map { try ListingRecords.value($0, "value", table: "settings") as String }
                try await transaction.execute { s in
                    s.append("INSERT INTO settings (key, value) VALUES (\(s.bind(key)), \(s.bind(value))) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                }
                changed.append("\(name) \(old ?? "(not set)") -> \(value)")
            }
            try await transaction.audit(by: principal.account.displayName, role: principal.auditRole,
                                        action: AuditedAction.changedSettings.rawValue, student: nil, detail: changed.joined(separator: "; "))
        }
    }
}

/// `tern audit` on PostgreSQL: the trail newest first, every history event and audit-log row,
/// narrowed by student, actor and a start time, as the SQLite catalogue reads it.
extension PostgresCatalogue {
    public func auditTrail(student: String?, actor: String?, since: Date?, limit: Int) async throws -> [AuditTrailEntry] {
        try await read(for: .readAuditTrail) { transaction in
            try await transaction.rows { s in
                var log: [String] = [], events: [String] = []
                if let student {
                    log.append("l.student_id = (SELECT id FROM students WHERE username = \(s.bind(student)))")
                    events.append("a.student_id = (SELECT id FROM students WHERE username = \(s.bind(student)))")
                }
                if let actor {
                    log.append("l.actor_username = \(s.bind(actor))")
                    events.append("(e.actor_username = \(s.bind(actor)) OR e.entered_by = \(s.bind(actor)))")
                }
                if let since {
                    let stamp = Timestamp.string(since)
                    log.append("l.at >= \(s.bind(stamp))")
                    events.append("e.at >= \(s.bind(stamp))")
                }
                func filter(_ clauses: [String]) -> String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }
                s.append("""
                    SELECT l.at, l.actor_username AS actor, l.actor_role AS role, l.action, st.username, l.application_id,
                           l.detail, l.id AS ordinal, 0 AS source
                    FROM audit_log l LEFT JOIN students st ON st.id = l.student_id \(filter(log))
                    UNION ALL
                    SELECT e.at, coalesce(e.entered_by, e.actor_username),
                           CASE WHEN e.entered_by IS NOT NULL THEN 'staff for ' || e.actor_role
                                WHEN e.on_behalf_of IS NOT NULL THEN e.actor_role || ' for student' ELSE e.actor_role END,
                           CASE WHEN e.to_status IS NOT NULL THEN 'moved' WHEN e.visibility = 'staff' THEN 'staff_note' ELSE 'note' END,
                           st.username, e.application_id,
                           CASE WHEN e.to_status IS NOT NULL THEN coalesce(e.from_status, 'new') || ' -> ' || e.to_status
                                || coalesce(': ' || e.note, '') ELSE e.note END,
                           e.id, 1
                    FROM application_events e JOIN applications a ON a.id = e.application_id JOIN students st ON st.id = a.student_id
                    \(filter(events))
                    ORDER BY 1 DESC, 9 DESC, 8 DESC LIMIT \(s.bind(Int64(max(1, limit))))
                    """)
            }.map { row in
                AuditTrailEntry(at: try row[0].decode(String.self), actor: try row[1].decode(String.self), actorRole: try row[2].decode(String.self),
                                action: try row[3].decode(String.self), student: try row[4].decode(String?.self),
                                applicationID: try row[5].decode(Int64?.self), detail: try row[6].decode(String?.self))
            }
        }
    }
}
