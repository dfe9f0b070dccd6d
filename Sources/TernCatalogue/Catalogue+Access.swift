import Foundation
internal import GRDB

extension Catalogue {
    /// What `account` is in this catalogue: staff, a student, the file's owner.
    ///
    /// ```swift
    /// let me = try catalogue.principal(for: .current())
    /// ```
    public func principal(for account: Account) throws -> Principal {
        let (staff, student): (StaffRole?, String?) = try read { db in
            guard let login = account.login else { return (nil, nil) }
            let role: StaffRole? = try Row.fetchOne(db, SQLRequest(literal: "SELECT role FROM staff WHERE username = \(login)"))
                .map { try $0.known("role", stored: ("staff", "role"), rowID: nil) }
            let student = try String.fetchOne(db, SQLRequest(literal: "SELECT username FROM students WHERE username = \(login)"))
            return (role, student)
        }
        return Principal(account: account, staffRole: staff, studentUsername: student,
                         ownsFile: file.ownerUID == account.uid, fileIsPersonal: file.isPersonal)
    }

    /// Checks, before any work, that `account` may do `operation`, and for which student.
    /// `actingFor` is `--user NAME`: honoured only for staff and the owner of a personal
    /// catalogue; when staff act for a student, that is written to the audit log at once.
    ///
    /// ```swift
    /// let access = try catalogue.authorize(.apply, account: .current(), actingFor: nil)
    /// ```
    public func authorize(_ operation: TernStore.Operation, account: Account, actingFor: String? = nil) throws -> Authorization {
        // A new authorization replaces the last one; until it is granted, nothing is checked.
        clearance.set(nil)
        let principal = try principal(for: account)
        var student = principal.studentUsername
        var actingAs: String? = nil
        if let requested = actingFor, requested != principal.studentUsername {
            guard principal.mayActForStudents else {
                throw CatalogueError.notPermitted("--user is for staff acting for a student; you are \(account.displayName)")
            }
            guard try read({ try Bool.fetchOne($0, SQLRequest(literal: "SELECT 1 FROM students WHERE username = \(requested)")) }) == true else {
                throw CatalogueError.refused("no student has the username \(requested)")
            }
            student = requested
            actingAs = requested
        }
        switch operation.audience {
        case .anyone:
            break
        case .student:
            guard student != nil else {
                throw CatalogueError.notPermitted("\(operation.summary) needs a student profile, and \(account.displayName) has none")
            }
        case .staff:
            guard let role = principal.role else {
                throw CatalogueError.notPermitted("\(operation.summary) is for staff; \(account.displayName) is not staff")
            }
            let needed = operation.role ?? .admin
            guard role.includes(needed) else {
                throw CatalogueError.notPermitted(Clearance.refusal(operation: operation, needs: needed, login: account.displayName, holds: role))
            }
        }
        let access = Authorization(principal: principal, student: student, actingAs: actingAs)
        // Staff work (and acting for a student) lasts only while the staff row does; the owner's
        // standing comes from the file, not from a row.
        if !principal.ownsFile, let login = account.login, principal.isStaff, operation.audience == .staff || actingAs != nil {
            clearance.set(Clearance(login: login, role: operation.role ?? Operation.actForStudent.role ?? .advisor))
        }
        if let actingAs {
            let role = principal.isStaff ? "staff" : "owner"
            // Acting for a student discloses their records: refused, rather than done unrecorded,
            // where the audit log cannot be written.
            guard !isReadOnly else {
                throw CatalogueError.notPermitted("acting for a student is recorded in the audit log, and the catalogue is open read-only here")
            }
            try write { db in
                try Self.audit(db, by: principal.account.displayName, role: role, action: "act_as_student",
                               student: actingAs, detail: operation.rawValue)
            }
            delegation.set(.init(staff: principal.account.displayName, role: role, student: actingAs))
        }
        return access
    }

    /// Refuses unless the account this catalogue was authorized for may still do `operation`
    /// (read from the staff list now): for a screen about to do work beyond what it was opened
    /// for. The file's owner, and a catalogue not authorized for staff work, always may.
    ///
    /// ```swift
    /// try catalogue.checkStanding(for: .expireListings)
    /// ```
    public func checkStanding(for operation: TernStore.Operation) throws {
        try read(for: operation) { _ in }
    }

    /// Appends to the audit log: the next link of its hash chain (append-only: triggers refuse
    /// edits, deletes and rows that do not continue the chain). `application` names the
    /// application the row is about, when there is one.
    static func audit(_ db: Database, by actor: String, role: String, action: String, student username: String?, detail: String?,
                      application: Int64? = nil) throws {
        let studentID = try username.flatMap { try Int64.fetchOne(db, SQLRequest(literal: "SELECT id FROM students WHERE username = \($0)")) }
        try ChainedRecords.appendAudit(db, actor: actor, role: role, action: action, studentID: studentID, applicationID: application,
                                       detail: detail, at: Timestamp.string(Date()))
    }

    /// Entries of the audit log about one student, oldest first (for tests and, later, `tern audit`).
    public func auditEntries(aboutStudent username: String) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, SQLRequest(literal: """
                SELECT a.actor_username, a.actor_role, a.action, a.detail, a.at FROM audit_log a
                JOIN students s ON s.id = a.student_id WHERE s.username = \(username) ORDER BY a.id
                """)).map {
                AuditEntry(actor: try $0.decode(forColumn: "actor_username"), actorRole: try $0.decode(forColumn: "actor_role"), action: try $0.decode(forColumn: "action"), detail: try $0.decode(forColumn: "detail"), at: try $0.decode(forColumn: "at"))
            }
        }
    }
}

/// One line of the audit trail: who did or saw what, and when.
public struct AuditEntry: Sendable, Equatable {
    public var actor: String
    public var actorRole: String
    public var action: String
    public var detail: String?
    public var at: String
}
