import Foundation
internal import GRDB

extension Catalogue {
    /// The staff list, by username.
    ///
    /// ```swift
    /// for member in try catalogue.staffMembers() { print(member.username, member.role) }
    /// ```
    public func staffMembers() throws -> [StaffMember] {
        try read { try Stored<StaffMember>.order(Column("username")).fetchAll($0).map(\.record) }
    }

    /// Adds a staff member (an admin's work; the catalogue file's owner adds the first one).
    /// Audited. An account that is also a student is added only with `alsoStudent`: staff read
    /// other students' records, which a student on their own never may.
    ///
    /// ```swift
    /// try catalogue.addStaff(username: "rpatel", name: "Ritu Patel", role: .advisor, by: Actor(role: .staff, username: "root"))
    /// ```
    public func addStaff(username: String, name: String? = nil, role: StaffRole = .advisor, alsoStudent: Bool = false, by actor: Actor) throws {
        let username = try LoginName.check(username)
        let name = try StoredText.name.check(name.flatMap { $0.isEmpty ? nil : $0 } ?? username)
        try write(for: .manageStaff) { db in
            guard try Stored<StaffMember>.filter(Column("username") == username).fetchCount(db) == 0 else {
                throw CatalogueError.refused("\(username) is already staff")
            }
            if !alsoStudent, try Bool.fetchOne(db, SQLRequest(literal: "SELECT 1 FROM students WHERE username = \(username)")) == true {
                throw CatalogueError.refused("\(username) is also a student; as staff they would read other students' records (say --also-student if that is meant)")
            }
            try Stored(StaffMember(username: username, name: name, role: role)).insert(db)
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "add_staff", student: nil,
                           detail: "\(username) (\(role.rawValue))\(alsoStudent ? ", also a student" : "")")
        }
    }

    /// Removes a staff member. Audited; the audit trail keeps what they did. The last admin
    /// stays: without one, nobody but the file's owner could manage staff again.
    public func removeStaff(username: String, by actor: Actor) throws {
        try write(for: .manageStaff) { db in
            guard let member = try Stored<StaffMember>.filter(Column("username") == username).fetchOne(db)?.record else {
                throw CatalogueError.notFound("no staff member with the username \(username)")
            }
            if member.role == .admin { try Self.refuseLosingLastAdmin(db, username, "removed") }
            try Stored<StaffMember>.filter(Column("username") == username).deleteAll(db)
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "remove_staff", student: nil, detail: username)
        }
    }

    /// Gives a staff member another role. Audited; the last admin cannot be made an advisor.
    ///
    /// ```swift
    /// try catalogue.setStaffRole(username: "rpatel", to: .admin, by: reviewer)
    /// ```
    public func setStaffRole(username: String, to role: StaffRole, by actor: Actor) throws {
        try write(for: .manageStaff) { db in
            guard let member = try Stored<StaffMember>.filter(Column("username") == username).fetchOne(db)?.record else {
                throw CatalogueError.notFound("no staff member with the username \(username)")
            }
            guard member.role != role else { throw CatalogueError.refused("\(username) is already \(role.withArticle)") }
            if member.role == .admin { try Self.refuseLosingLastAdmin(db, username, "made an advisor") }
            try db.execute(literal: "UPDATE staff SET role = \(role) WHERE username = \(username)")
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "change_staff_role", student: nil,
                           detail: "\(username): \(member.role.rawValue) → \(role.rawValue)")
        }
    }

    /// The schema refuses it too (a trigger); this says it in a sentence that names the person.
    private static func refuseLosingLastAdmin(_ db: Database, _ username: String, _ what: String) throws {
        let admins = try Int.fetchOne(db, sql: "SELECT count(*) FROM staff WHERE role = 'admin'") ?? 0
        if admins <= 1 {
            throw CatalogueError.refused("\(username) is the last admin and cannot be \(what); make another admin first (tern staff role NAME admin)")
        }
    }

    /// Audit-log entries not about a student (staff management, reviews), oldest first.
    public func auditEntries(action: String) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, SQLRequest(literal: "SELECT actor_username, actor_role, action, detail, at FROM audit_log WHERE action = \(action) ORDER BY id")).map {
                AuditEntry(actor: try $0.decode(forColumn: "actor_username"), actorRole: try $0.decode(forColumn: "actor_role"), action: try $0.decode(forColumn: "action"), detail: try $0.decode(forColumn: "detail"), at: try $0.decode(forColumn: "at"))
            }
        }
    }
}
