/// One thing that changed for a student: what Updates lists, on the screen and in `tern updates`.
///
/// ```swift
/// for update in try catalogue.updates(of: "aokafor", today: today) where update.isUnread { print(update.headline) }
/// ```
public struct StudentUpdate: Hashable, Sendable, Codable {
    /// How far back Updates look, in days: older changes are history, shown in My applications.
    public static let windowDays = 30

    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// An application moved (by staff, the organization or the system), with its reason.
        case status
        /// The organization moved an application to `offered`.
        case offer
        /// The organization rated the student's completed work.
        case feedback
        /// A saved listing stops taking applications within three days.
        case closingSoon = "closing_soon"
        /// A saved listing was taken down by the career center or archived.
        case takenDown = "taken_down"
        /// Listings posted since a saved search was last opened.
        case newMatches = "new_matches"
    }

    public var kind: Kind
    /// When it happened, as the catalogue stamps times (ISO 8601, UTC); what "unread" compares.
    public var at: String
    /// The listing's title, or the saved search's name.
    public var subject: String
    public var listingID: Int64?
    public var applicationID: Int64?
    public var savedSearchID: Int64?
    /// The status an application moved to.
    public var status: ApplicationStatus?
    /// Why: the note the mover shared, a decline reason, the listing's deadline day.
    public var reason: String?
    /// The day an offer must be answered by, when the organization gave one.
    public var respondBy: String?
    /// A rating's stars, or how many new listings matched.
    public var count: Int?
    /// Not seen yet: newer than the student's "seen up to" marker.
    public var isUnread: Bool

    public init(kind: Kind, at: String, subject: String, listingID: Int64? = nil, applicationID: Int64? = nil,
                savedSearchID: Int64? = nil, status: ApplicationStatus? = nil, reason: String? = nil,
                respondBy: String? = nil, count: Int? = nil, isUnread: Bool) {
        self.kind = kind
        self.at = at
        self.subject = subject
        self.listingID = listingID
        self.applicationID = applicationID
        self.savedSearchID = savedSearchID
        self.status = status
        self.reason = reason
        self.respondBy = respondBy
        self.count = count
        self.isUnread = isUnread
    }

    /// One line saying what changed, for the screen and a login message.
    public var headline: String {
        switch kind {
        case .status:
            "\(subject): \(status?.label.lowercased() ?? "changed")" + (reason.map { " (\($0))" } ?? "")
        case .offer:
            "\(subject): you have an offer" + (respondBy.map { ", respond by \($0)" } ?? "") + (reason.map { " (\($0))" } ?? "")
        case .feedback:
            "\(subject): feedback received, \(count ?? 0) of 5 stars"
        case .closingSoon:
            "\(subject): saved listing closes \(reason ?? "soon")"
        case .takenDown:
            "\(subject): saved listing taken down" + (reason.map { " (\($0))" } ?? "")
        case .newMatches:
            "\(subject): \(count ?? 0) new \(count == 1 ? "listing matches" : "listings match") this saved search"
        }
    }
}
