import Foundation
import GRDB

extension Catalogue {
    /// The staff list, by username.
    ///
    /// ```swift
    /// for member in try catalogue.staffMembers() { print(member.username, member.role) }
    /// ```
    public func staffMembers() throws -> [StaffMember] {
        try read { try StaffMember.order(Column("username")).fetchAll($0) }
    }

    /// Adds a staff member (staff work; the catalogue file's owner adds the first one). Audited.
    ///
    /// ```swift
    /// try catalogue.addStaff(username: "rpatel", name: "Ritu Patel", role: .advisor, by: Actor(role: .staff, username: "root"))
    /// ```
    public func addStaff(username: String, name: String? = nil, role: StaffRole = .advisor, by actor: Actor) throws {
        let username = try StoredText.username.check(username)
        guard !username.isEmpty, !username.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) else {
            throw CatalogueError.invalid("a staff username is an OS login: no spaces or control characters")
        }
        let name = try StoredText.name.check(name.flatMap { $0.isEmpty ? nil : $0 } ?? username)
        try write { db in
            guard try StaffMember.filter(Column("username") == username).fetchCount(db) == 0 else {
                throw CatalogueError.refused("\(username) is already staff")
            }
            try StaffMember(username: username, name: name, role: role).insert(db)
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "add_staff", student: nil, detail: "\(username) (\(role.rawValue))")
        }
    }

    /// Removes a staff member. Audited; the audit trail keeps what they did.
    public func removeStaff(username: String, by actor: Actor) throws {
        try write { db in
            guard try StaffMember.filter(Column("username") == username).deleteAll(db) > 0 else {
                throw CatalogueError.notFound("no staff member with the username \(username)")
            }
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "remove_staff", student: nil, detail: username)
        }
    }

    /// Audit-log entries not about a student (staff management, reviews), oldest first.
    public func auditEntries(action: String) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT actor_username, actor_role, action, detail, at FROM audit_log WHERE action = ? ORDER BY id",
                             arguments: [action]).map {
                AuditEntry(actor: $0["actor_username"], actorRole: $0["actor_role"], action: $0["action"], detail: $0["detail"], at: $0["at"])
            }
        }
    }
}
