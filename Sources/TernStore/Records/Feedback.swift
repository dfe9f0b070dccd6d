import Foundation

/// Which way feedback flows: the organization about the student's work, or the student about
/// the organization.
public enum FeedbackDirection: String, Codable, Sendable, CaseIterable {
    case organizationToStudent = "organization_to_student"
    case studentToOrganization = "student_to_organization"
}

/// Feedback on a completed micro-internship.
public struct Feedback: Sendable, Hashable {
    public var applicationID: Int64
    public var direction: FeedbackDirection
    /// 1 to 5.
    public var rating: Int
    public var strengths: String?
    public var improvements: String?
    public var comment: String?
    public var skillsDemonstrated: [String]
    public var createdAt: String

    package init(applicationID: Int64, direction: FeedbackDirection, rating: Int, strengths: String? = nil, improvements: String? = nil, comment: String? = nil, skillsDemonstrated: [String], createdAt: String) {
        self.applicationID = applicationID
        self.direction = direction
        self.rating = rating
        self.strengths = strengths
        self.improvements = improvements
        self.comment = comment
        self.skillsDemonstrated = skillsDemonstrated
        self.createdAt = createdAt
    }
}
