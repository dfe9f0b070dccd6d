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
