import Foundation
internal import GRDB

extension Catalogue {
    /// A student's whole record, for staff. Reading it writes an audit entry in the same
    /// transaction, so every look at a student's record is on file with who and when, and the
    /// reader's role is checked again as it happens (``Clearance``).
    ///
    /// ```swift
    /// let record = try catalogue.studentRecord("tnguyen", session: session)
    /// ```
    public func studentRecord(_ username: String, session: TriageSession, now: Date = Date()) throws -> StudentRecord {
        try write(for: .readStudentRecord) { db in
            guard let student = try Self.fetchStudent(db, username: username) else { throw CatalogueError.notFound("student \(username)") }
            let entries = try Self.applications(db, ofStudent: username).map { overview in
                StudentRecord.Entry(overview: overview, events: try Self.events(db, of: overview.id, as: session.actor),
                                    feedback: try Self.feedback(db, on: overview.id, as: session.actor))
            }
            // Committed with the read, before anything reaches the screen.
            try Self.audit(db, by: session.username, role: session.auditRole, action: AuditedAction.viewedStudentRecord.rawValue,
                           student: username, detail: "profile and \(entries.count) applications to the staff console")
            return StudentRecord(student: student, applications: entries)
        }
    }
}
