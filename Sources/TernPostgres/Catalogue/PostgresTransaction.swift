import Foundation
import PostgresNIO
import TernStore

/// One transaction of a ``PostgresCatalogue``: what a store method's body reads and writes
/// through. Statements are built with ``StatementBuilder`` (every value bound, never spliced);
/// every error leaves in Tern's words. The history and audit appends here are the only ones, so
/// no path forgets that staff act for a student (``PostgresDelegation``).
final class PostgresTransaction: @unchecked Sendable {
    let session: PostgresSession
    /// Set while staff act for a student: the student's own moves are recorded as the staff
    /// member's, on the student's behalf.
    let acting: PostgresDelegation?
    /// The applications this transaction touched (for the "changed as student" audit row).
    private(set) var applications: [Int64] = []

    init(session: PostgresSession, acting: PostgresDelegation?) {
        self.session = session
        self.acting = acting
    }

    // MARK: Statements

    func rows(_ statement: StatementBuilder) async throws -> [PostgresRandomAccessRow] {
        try await session.rows(statement.query)
    }

    /// Builds and runs one statement: `build` appends its text and binds its values.
    func rows(_ build: (inout StatementBuilder) -> Void) async throws -> [PostgresRandomAccessRow] {
        var statement = StatementBuilder()
        build(&statement)
        return try await rows(statement)
    }

    func execute(_ build: (inout StatementBuilder) -> Void) async throws {
        _ = try await rows(build)
    }

    /// The first column of the first row as an integer; 0 when there is no row.
    func integer(_ build: (inout StatementBuilder) -> Void) async throws -> Int {
        guard let row = try await rows(build).first else { return 0 }
        return try row[0].decode(Int?.self) ?? 0
    }

    /// How many rows an UPDATE or DELETE changed: run it with `RETURNING 1`.
    func changed(_ build: (inout StatementBuilder) -> Void) async throws -> Int {
        try await rows(build).count
    }

    // MARK: History and audit

    /// Appends one audit row; the schema's trigger gives it the next id and its hash
    /// (`tern_chain_audit`), under a lock, so two writers never continue the same row.
    func audit(by actor: String, role: String, action: String, student username: String?, detail: String?,
               application: Int64? = nil, at: Date = Date()) async throws {
        try await execute { s in
            s.append("""
                INSERT INTO audit_log(actor_username, actor_role, action, student_id, application_id, detail, at)
                VALUES (\(s.bind(actor)), \(s.bind(role)), \(s.bind(action)),
                        (SELECT id FROM students WHERE username = \(s.bind(text: username))),
                        \(s.bind(int: application)), \(s.bind(text: detail)), \(s.bind(Timestamp.string(at))))
                """)
        }
    }

    /// Appends one event to an application's history (the trigger `tern_chain_application_event`
    /// chains it). While staff act for a student, the student's own move is recorded as the
    /// staff member's, on the student's behalf.
    func appendEvent(application: Int64, actor: Actor, from: ApplicationStatus?, to: ApplicationStatus?, note: String?,
                     visibility: Visibility, at stamp: String, reason: RejectionReason? = nil, enteredBy: String? = nil,
                     onBehalfOf: String? = nil) async throws {
        var actor = actor, onBehalfOf = onBehalfOf
        if let acting {
            if !applications.contains(application) { applications.append(application) }
            if onBehalfOf == nil, actor.role == .student, actor.username == acting.student {
                (actor, onBehalfOf) = (Actor(role: .staff, username: acting.staff), acting.student)
            }
        }
        try await execute { s in
            s.append("""
                INSERT INTO application_events(application_id, actor_role, actor_username, from_status, to_status, note,
                                               visibility, at, reason_code, entered_by, on_behalf_of)
                VALUES (\(s.bind(application)), \(s.bind(actor.role.rawValue)), \(s.bind(actor.username)),
                        \(s.bind(text: from?.rawValue)), \(s.bind(text: to?.rawValue)), \(s.bind(text: note)),
                        \(s.bind(visibility.rawValue)), \(s.bind(stamp)), \(s.bind(text: reason?.code.rawValue)),
                        \(s.bind(text: enteredBy)), \(s.bind(text: onBehalfOf)))
                """)
        }
    }
}

/// Staff acting for a student in this catalogue (`--user NAME`), once authorized.
struct PostgresDelegation: Sendable {
    var staff: String
    var role: String
    var student: String
}

/// The staff standing a catalogue was authorized with, read again inside every transaction
/// (as ``Clearance`` does on SQLite): a role removed while a console is open stops its work.
struct PostgresClearance: Sendable {
    var login: String
    var role: StaffRole

    func check(_ transaction: PostgresTransaction, for operation: TernStore.Operation?) async throws {
        let needed = operation?.role ?? role
        let rows = try await transaction.rows { s in s.append("SELECT role FROM staff WHERE username = \(s.bind(login))") }
        guard let row = rows.first else { throw CatalogueError.noLongerStaff(login) }
        let held: StaffRole = try ListingRecords.known(row, "role", table: "staff")
        guard held.includes(needed) else {
            let what = operation.map { "may \($0.summary)" } ?? "may do this"
            throw CatalogueError.notPermitted("only \(needed.plural) \(what); \(login) is \(held.withArticle)")
        }
    }
}
