import Foundation
import TernStore

/// ``AccessStore`` on PostgreSQL: who the account is in this catalogue, read from its staff
/// and students tables as on SQLite. The database's owner (who made it, and could change it
/// with any tool) counts as an admin, as the SQLite file's owner does. The server holds the same
/// line by itself: the account's login role has only the group roles `tern accounts sync` gave it.
extension PostgresCatalogue {
    public func principal(for account: Account) async throws -> Principal {
        let (staff, student, owner): (StaffRole?, String?, String?) = try await read { transaction in
            let owner = try await transaction.rows { s in
                s.append("SELECT pg_get_userbyid(datdba)::text AS owner FROM pg_database WHERE datname = current_database()")
            }.first.map { try ListingRecords.value($0, "owner", table: "pg_database") as String }
            guard let login = account.login else { return (nil, nil, owner) }
            // A student's or kiosk's role may not read the staff list (nor a kiosk's the
            // students): an account whose role cannot read it is not on it.
            let readable = try await transaction.rows { s in
                s.append("SELECT has_table_privilege('staff', 'SELECT') AS staff, has_table_privilege('students', 'SELECT') AS students")
            }.first
            let staffReadable: Bool = try readable.map { try ListingRecords.value($0, "staff", table: "pg_class") } ?? false
            let studentsReadable: Bool = try readable.map { try ListingRecords.value($0, "students", table: "pg_class") } ?? false
            let role: StaffRole? = !staffReadable ? nil : try await transaction.rows { s in
                s.append("SELECT role FROM staff WHERE username = \(s.bind(login))")
            }.first.map { try ListingRecords.known($0, "role", table: "staff") }
            let student: String? = !studentsReadable ? nil : try await transaction.rows { s in
                s.append("SELECT username FROM students WHERE username = \(s.bind(login))")
            }.first.map { try ListingRecords.value($0, "username", table: "students") }
            return (role, student, owner)
        }
        return Principal(account: account, staffRole: staff, studentUsername: student,
                         ownsFile: account.login != nil && account.login == owner, fileIsPersonal: false)
    }

    public func authorize(_ operation: TernStore.Operation, account: Account, actingFor: String?) async throws -> Authorization {
        // A new authorization replaces the last one; until it is granted, nothing is checked.
        clearance = nil
        delegation = nil
        let principal = try await principal(for: account)
        var student = principal.studentUsername
        var actingAs: String?
        if let requested = actingFor, requested != principal.studentUsername {
            guard principal.mayActForStudents else {
                throw CatalogueError.notPermitted("--user is for staff acting for a student; you are \(account.displayName)")
            }
            let known = try await read { transaction in
                try await transaction.rows { s in s.append("SELECT 1 FROM students WHERE username = \(s.bind(requested))") }.count == 1
            }
            guard known else { throw CatalogueError.refused("no student has the username \(requested)") }
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
                throw CatalogueError.notPermitted(
                    "only \(needed.plural) may \(operation.summary); \(account.displayName) is \(role.withArticle)")
            }
        }
        let access = Authorization(principal: principal, student: student, actingAs: actingAs)
        if !principal.ownsFile, let login = account.login, principal.isStaff, operation.audience == .staff || actingAs != nil {
            clearance = PostgresClearance(login: login, role: operation.role ?? TernStore.Operation.actForStudent.role ?? .advisor)
        }
        if let actingAs {
            let role = principal.isStaff ? "staff" : "owner"
            try await write { transaction in
                try await transaction.audit(by: principal.account.displayName, role: role, action: "act_as_student",
                                            student: actingAs, detail: operation.rawValue)
            }
            delegation = PostgresDelegation(staff: principal.account.displayName, role: role, student: actingAs)
        }
        return access
    }

    public func checkStanding(for operation: TernStore.Operation) async throws {
        try await read(for: operation) { _ in }
    }

    public func recordDisclosure(_ action: AuditedAction, by principal: Principal, student: String?, detail: String?,
                                 application: Int64?) async throws {
        try await write { transaction in
            try await transaction.audit(by: principal.account.displayName, role: principal.auditRole, action: action.rawValue,
                                        student: student, detail: detail, application: application)
        }
    }
}
