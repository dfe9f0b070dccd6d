import Foundation
internal import GRDB

extension Catalogue {
    /// The audit log's role for `principal`: their staff role, or `owner` for the file's owner
    /// who is not on the staff list.
    /// Writes one audit row for a disclosure or staff change, in a short write transaction of its
    /// own, before the records are written out: a disclosure that cannot be recorded does not
    /// happen. `detail` says how many records and to where.
    ///
    /// ```swift
    /// try catalogue.recordDisclosure(.listedStudentApplications, by: access.principal, student: "tnguyen",
    ///                                detail: "3 applications to terminal")
    /// ```
    public func recordDisclosure(_ action: AuditedAction, by principal: Principal, student: String? = nil,
                                 detail: String?, application: Int64? = nil) throws {
        guard !isReadOnly else { throw Self.unauditable }
        try write { db in
            try Self.audit(db, by: principal.account.displayName, role: principal.auditRole, action: action.rawValue,
                           student: student, detail: detail, application: application)
        }
    }

    /// ``recordDisclosure(_:by:student:detail:application:)`` for a staff console, whose session
    /// names the staff member by login.
    public func recordDisclosure(_ action: AuditedAction, session: TriageSession, student: String? = nil, detail: String?) throws {
        guard !isReadOnly else { throw Self.unauditable }
        try write(for: .readStudentRecord) { db in
            try Self.audit(db, by: session.username, role: session.auditRole, action: action.rawValue, student: student, detail: detail)
        }
    }

    /// The refusal when a disclosure cannot be written to the audit log.
    static let unauditable = CatalogueError.notPermitted(
        "this discloses student records, which is recorded in the audit log, and the catalogue is open read-only here")

    /// Exports `subject` like ``export(_:as:write:)``, recording first, in the audit log, who
    /// exported how many records and to where when the export holds student records (students,
    /// applications). Listings are public and are not recorded. A catalogue this process may only
    /// read refuses an export of student records rather than disclose them unrecorded.
    ///
    /// ```swift
    /// try catalogue.export(.students, as: .csv, by: access.principal, to: "file /tmp/s.csv") { chunk in … }
    /// ```
    public func export(_ subject: ExchangeSubject, as format: ExchangeFormat, by principal: Principal, to destination: String,
                       write emit: (String) throws -> Void) throws {
        let action: AuditedAction? = switch subject {
        case .opportunities: nil
        case .students: .exportedStudents
        case .applications: .exportedApplications
        }
        if let action {
            guard !isReadOnly else { throw Self.unauditable }
            let table = subject == .students ? "students" : "applications"
            try write { db in
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                try Self.audit(db, by: principal.account.displayName, role: principal.auditRole, action: action.rawValue,
                               student: nil, detail: "\(count) \(table) as \(format.rawValue) to \(destination)")
            }
        }
        try export(subject, as: format, write: emit)
    }

    /// The disclosures of `username`'s records by anyone else, newest first: their full record
    /// read, lists narrowed to them, exports of every student (and of every application, once
    /// they had applied), staff acting for them. Their own actions are not disclosures.
    ///
    /// ```swift
    /// let seen = try catalogue.disclosures(ofStudent: "tnguyen")
    /// ```
    public func disclosures(ofStudent username: String, limit: Int = 1_000) throws -> [Disclosure] {
        try read { db in
            guard let studentID = try Int64.fetchOne(db, SQLRequest(literal: "SELECT id FROM students WHERE username = \(username)")) else {
                return []
            }
            return try Row.fetchAll(db, SQLRequest(literal: """
                SELECT l.at, l.actor_role, coalesce(st.name, l.actor_username) AS name, l.action, l.detail, l.application_id
                FROM audit_log l LEFT JOIN staff st ON st.username = l.actor_username
                WHERE l.actor_username <> \(username)
                  AND (l.student_id = \(studentID)
                       OR l.action = \(AuditedAction.exportedStudents)
                       OR (l.action = \(AuditedAction.exportedApplications) AND EXISTS (SELECT 1 FROM applications a WHERE a.student_id = \(studentID) AND a.created_at <= l.at)))
                ORDER BY l.id DESC LIMIT \(max(1, limit))
                """)).map { row in
                let action: String = try row.decode(forColumn: "action")
                let detail: String? = try row.decode(forColumn: "detail")
                return Disclosure(at: try row.decode(forColumn: "at"), role: try row.decode(forColumn: "actor_role"), name: try row.decode(forColumn: "name"),
                                  what: Self.disclosedToStudent(action: action, detail: detail),
                                  detail: detail, applicationID: try row.decode(forColumn: "application_id"))
            }
        }
    }

    /// What an audit row about a student disclosed, in the student's words.
    static func disclosedToStudent(action: String, detail: String?) -> String {
        if let known = AuditedAction(rawValue: action) { return known.disclosedToStudent }
        switch action {
        case "act_as_student": return "your account: acted for you" + (detail.map { " (\($0))" } ?? "")
        case "changed_as_student": return "your applications: a change made for you"
        default: return action.replacingOccurrences(of: "_", with: " ")
        }
    }
}
