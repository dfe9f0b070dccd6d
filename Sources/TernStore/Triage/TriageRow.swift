import Foundation

/// One application in the staff triage queue: where it stands, how long it has waited since its
/// last status change, and who is looking at it now.
public struct TriageRow: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var status: ApplicationStatus
    public var version: Int
    /// When the status last changed (UTC, ISO 8601): the queue's order.
    public var updatedAt: String
    /// Whole days since `updatedAt` ("waiting 6 d").
    public var waitingDays: Int
    public var studentUsername: String
    public var studentName: String
    public var opportunityRef: String
    public var opportunityTitle: String
    public var organization: String
    public var field: Field?
    /// "being looked at by NAME": set while another staff member's claim lasts.
    public var claimedBy: String?

    package init(id: Int64, status: ApplicationStatus, version: Int, updatedAt: String, waitingDays: Int, studentUsername: String, studentName: String, opportunityRef: String, opportunityTitle: String, organization: String, field: Field? = nil, claimedBy: String? = nil) {
        self.id = id
        self.status = status
        self.version = version
        self.updatedAt = updatedAt
        self.waitingDays = waitingDays
        self.studentUsername = studentUsername
        self.studentName = studentName
        self.opportunityRef = opportunityRef
        self.opportunityTitle = opportunityTitle
        self.organization = organization
        self.field = field
        self.claimedBy = claimedBy
    }
}

/// Where a page ended; pass it back for the next page. Keyset, never an offset.
public struct TriageCursor: Sendable, Hashable {
    public var updatedAt: String
    public var id: Int64

    public init(updatedAt: String, id: Int64) {
        self.updatedAt = updatedAt
        self.id = id
    }
}

/// A page of the queue.
public struct TriagePage: Sendable, Hashable {
    public var rows: [TriageRow]
    /// Nil on the last page.
    public var next: TriageCursor?

    package init(rows: [TriageRow], next: TriageCursor? = nil) {
        self.rows = rows
        self.next = next
    }
}

/// The order of the queue: oldest first (the default: who has waited longest) or newest first.
public enum TriageOrder: Sendable {
    case oldestFirst, newestFirst
}
