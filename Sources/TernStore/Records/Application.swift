
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
public struct Application: Codable, Sendable, Hashable {

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

    package init(id: Int64, studentId: Int64, opportunityId: Int64, coverNote: String, portfolioLink: String? = nil, hoursOffered: Int, status: ApplicationStatus, statusReason: String? = nil, createdAt: String, updatedAt: String, version: Int, deliverableLink: String? = nil) {
        self.id = id
        self.studentId = studentId
        self.opportunityId = opportunityId
        self.coverNote = coverNote
        self.portfolioLink = portfolioLink
        self.hoursOffered = hoursOffered
        self.status = status
        self.statusReason = statusReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
        self.deliverableLink = deliverableLink
    }
}

/// One line of an application's history: a status change or a note.
public struct ApplicationEvent: Codable, Sendable, Hashable {

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

    package init(id: Int64, applicationId: Int64, actorRole: ActorRole, actorUsername: String, fromStatus: ApplicationStatus? = nil, toStatus: ApplicationStatus? = nil, note: String? = nil, visibility: Visibility, at: String, reasonCode: RejectionReason.Code? = nil, enteredBy: String? = nil, onBehalfOf: String? = nil) {
        self.id = id
        self.applicationId = applicationId
        self.actorRole = actorRole
        self.actorUsername = actorUsername
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.note = note
        self.visibility = visibility
        self.at = at
        self.reasonCode = reasonCode
        self.enteredBy = enteredBy
        self.onBehalfOf = onBehalfOf
    }
}

/// An application as a student's list shows it: the application plus its listing's summary.
public struct ApplicationOverview: Sendable, Hashable, Identifiable {
    public var application: Application
    public var opportunity: OpportunitySummary
    public var id: Int64 { application.id }

    package init(application: Application, opportunity: OpportunitySummary) {
        self.application = application
        self.opportunity = opportunity
    }
}
