import GRDB

/// Someone acting on the catalogue: a student on their own records, staff, an organization's
/// representative, or the system (expiry).
///
/// ```swift
/// let me = Actor(role: .student, username: "aokafor")
/// ```
public struct Actor: Sendable, Hashable {
    public var role: ActorRole
    public var username: String

    public init(role: ActorRole, username: String) {
        self.role = role
        self.username = username
    }

    public static let system = Actor(role: .system, username: "system")
}

/// A student's application to one listing. `version` grows with every change, so two people
/// editing the same application cannot silently overwrite each other.
public struct Application: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "applications"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var studentId: Int64
    public var opportunityId: Int64
    public var coverNote: String
    public var portfolioLink: String?
    public var hoursOffered: Int
    public var status: ApplicationStatus
    /// Why it was rejected, when it was.
    public var statusReason: String?
    public var createdAt: String
    public var updatedAt: String
    public var version: Int
    /// Where the student's finished work is (an http(s) link), once they have delivered.
    public var deliverableLink: String?
}

/// One line of an application's history: a status change or a note.
public struct ApplicationEvent: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "application_events"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var applicationId: Int64
    public var actorRole: ActorRole
    /// Staff and organization usernames are never shown to students; screens show the role.
    public var actorUsername: String
    public var fromStatus: ApplicationStatus?
    public var toStatus: ApplicationStatus?
    public var note: String?
    public var visibility: Visibility
    public var at: String
    /// Why, as a code, when this event is a rejection.
    public var reasonCode: RejectionReason.Code?
    /// The staff member who typed in an organization's decision; never shown to students
    /// (``Catalogue/events(of:as:)`` leaves it out for them).
    public var enteredBy: String?
    /// The student a staff member acted for (`--user`); the actor is then the staff member.
    public var onBehalfOf: String?
}

/// An application as a student's list shows it: the application plus its listing's summary.
public struct ApplicationOverview: Sendable, Hashable, Identifiable {
    public var application: Application
    public var opportunity: OpportunitySummary
    public var id: Int64 { application.id }
}
