import Foundation

/// What the audit log calls a disclosure of student records, or a staff change, that is not an
/// application's history. A disclosure is a student's full record, a list narrowed to one
/// student, or an export of students or applications; a queue page is not.
public enum AuditedAction: String, Sendable, CaseIterable {
    case viewedStudentRecord = "viewed_student_record"
    case listedStudentApplications = "listed_student_applications"
    case listedStudentAuditTrail = "listed_student_audit_trail"
    case exportedStudents = "exported_students"
    case exportedApplications = "exported_applications"
    case imported = "imported"
    case changedSettings = "changed_settings"

    /// What a student is told was disclosed (`tern audit --mine`, the profile).
    package var disclosedToStudent: String {
        switch self {
        case .viewedStudentRecord: "your full record (profile, applications, notes, feedback)"
        case .listedStudentApplications: "the list of your applications"
        case .listedStudentAuditTrail: "the audit trail of your records"
        case .exportedStudents: "your profile, in an export of every student"
        case .exportedApplications: "your applications, in an export of every application"
        case .imported: "an import"
        case .changedSettings: "a settings change"
        }
    }
}

/// One disclosure of a student's records, as the student sees it (FERPA, 34 CFR 99.32(c)): who
/// at the career center, when, and what.
public struct Disclosure: Sendable, Hashable {
    /// UTC, ISO 8601.
    public var at: String
    /// The career-center member's role when it happened (advisor, admin, owner).
    public var role: String
    /// Their name from the staff list, or their login when they are not (or no longer) listed.
    public var name: String
    /// What was disclosed, in words for the student.
    public var what: String
    /// How many records and to where, as the audit row says (an export's file, a pipe).
    public var detail: String?
    public var applicationID: Int64?

    package init(at: String, role: String, name: String, what: String, detail: String? = nil, applicationID: Int64? = nil) {
        self.at = at
        self.role = role
        self.name = name
        self.what = what
        self.detail = detail
        self.applicationID = applicationID
    }
}
