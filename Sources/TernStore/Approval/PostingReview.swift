import Foundation

/// A listing as staff see it while reviewing: where it stands, its organization's standing, the
/// flags worth a second look and the latest decision.
///
/// ```swift
/// for posting in try catalogue.postings(approval: .pending) { print(posting.ref, posting.flags) }
/// ```
public struct PostingReview: Sendable, Equatable {
    public var ref: String
    public var title: String
    public var organization: String
    public var approval: Approval
    public var organizationApproval: Approval
    public var organizationTrusted: Bool
    public var status: OpportunityStatus
    public var deadline: CalendarDay
    /// UTC, ISO 8601.
    public var postedAt: String
    /// It has used its one resubmission.
    public var resubmitted: Bool
    /// The listing's version when read: a decision carries it, so a decision on a listing changed
    /// since is refused rather than lost.
    public var version: Int
    public var flags: [ListingFlag]
    public var lastDecision: PostingDecision?

    package init(ref: String, title: String, organization: String, approval: Approval, organizationApproval: Approval, organizationTrusted: Bool, status: OpportunityStatus, deadline: CalendarDay, postedAt: String, resubmitted: Bool, version: Int, flags: [ListingFlag], lastDecision: PostingDecision? = nil) {
        self.ref = ref
        self.title = title
        self.organization = organization
        self.approval = approval
        self.organizationApproval = organizationApproval
        self.organizationTrusted = organizationTrusted
        self.status = status
        self.deadline = deadline
        self.postedAt = postedAt
        self.resubmitted = resubmitted
        self.version = version
        self.flags = flags
        self.lastDecision = lastDecision
    }
}

/// An organization as staff see it: standing, trust and how many listings wait on it.
///
/// ```swift
/// for organization in try catalogue.organizations(approval: .pending) { print(organization.name) }
/// ```
public struct OrganizationReview: Sendable, Equatable {
    public var name: String
    public var approval: Approval
    public var trusted: Bool
    public var website: String?
    public var contactEmail: String?
    public var pendingListings: Int
    public var approvedListings: Int
    /// The organization's version when read: decisions carry it (see ``PostingReview/version``).
    public var version: Int

    package init(name: String, approval: Approval, trusted: Bool, website: String? = nil, contactEmail: String? = nil, pendingListings: Int, approvedListings: Int, version: Int) {
        self.name = name
        self.approval = approval
        self.trusted = trusted
        self.website = website
        self.contactEmail = contactEmail
        self.pendingListings = pendingListings
        self.approvedListings = approvedListings
        self.version = version
    }
}

extension PostingReview {
    /// Whole days since it was posted (or resubmitted), at `now`: how long it has waited.
    ///
    /// ```swift
    /// posting.waitingDays(at: Date())   // 3
    /// ```
    public func waitingDays(at now: Date) -> Int? {
        Timestamp.date(postedAt).map { max(0, Int(now.timeIntervalSince($0) / 86_400)) }
    }
}
