import Foundation
import TernCatalogue

/// The staff console's Postings and Organizations queues: what waits for review (or was
/// declined), with the flags a reviewer should look at twice, and the decisions on them.
/// Pending work is small by nature (new listings of a day or a week), so it is held in memory.
///
/// ```swift
/// let review = PostingsReviewViewModel(catalogue: catalogue, session: session)
/// try review.reload()
/// try review.approve(["acme-logo"])
/// try review.decline("acme-kit", reason: .upfrontCost, note: "asks for a $40 kit")
/// ```
public final class PostingsReviewViewModel {
    public let catalogue: Catalogue
    public let session: TriageSession
    /// Which postings show: those waiting (the default), those declined, or the newest
    /// approved (to take one down again).
    public private(set) var showing: Approval = .pending
    /// How many of the newest approved postings the approved view shows.
    public static let recentlyApproved = 200
    public private(set) var postings: [PostingReview] = []
    public private(set) var organizations: [OrganizationReview] = []
    /// Marked postings, by ref, for bulk approval.
    public var marked: Set<String> = []
    private let now: () -> Date

    public init(catalogue: Catalogue, session: TriageSession, now: @escaping () -> Date = Date.init) {
        self.catalogue = catalogue
        self.session = session
        self.now = now
    }

    public func reload() throws {
        postings = try catalogue.postings(approval: showing, limit: showing == .approved ? Self.recentlyApproved : nil)
        organizations = try catalogue.organizations(approval: .pending)
        marked.formIntersection(postings.map(\.ref))
    }

    /// Waiting, then declined, then recently approved, then waiting again.
    public func showNext() throws {
        showing = switch showing {
        case .pending: .declined
        case .declined: .approved
        case .approved: .pending
        }
        marked.removeAll()
        try reload()
    }

    // MARK: - Postings

    /// Approves listings together, all or none; those in `versions` only if still at that
    /// version (what the reviewer saw).
    public func approve(_ refs: [String], versions: [String: Int] = [:], note: String? = nil) throws {
        guard !refs.isEmpty else { throw CatalogueError.refused("nothing to approve: no posting is waiting") }
        try catalogue.approve(refs, versions: versions, note: Self.optional(note), by: session.actor, now: now())
        marked.subtract(refs)
        try reload()
    }

    /// Declines the listing as it was at `version` (nil: as it is).
    /// Its waiting applications expire; those with work under way are counted for the staff queue.
    @discardableResult
    public func decline(_ ref: String, version: Int? = nil, reason: DeclineReason, note: String?) throws -> TakeDownSummary {
        let summary = try catalogue.decline(ref, reason: reason, note: Self.optional(note), expectedVersion: version, by: session.actor, now: now())
        marked.remove(ref)
        try reload()
        return summary
    }

    /// A declined listing back into review (allowed once).
    public func resubmit(_ ref: String, version: Int? = nil, note: String?) throws {
        try catalogue.resubmit(ref, note: Self.optional(note), expectedVersion: version, by: session.actor, now: now())
        try reload()
    }

    public func decisions(forListing ref: String) throws -> [PostingDecision] { try catalogue.decisions(forListing: ref) }

    // MARK: - Organizations

    public func approveOrganization(_ name: String, version: Int? = nil, note: String? = nil) throws {
        try catalogue.approveOrganization(name, note: Self.optional(note), expectedVersion: version, by: session.actor, now: now())
        try reload()
    }

    public func declineOrganization(_ name: String, version: Int? = nil, reason: DeclineReason, note: String?) throws {
        try catalogue.declineOrganization(name, reason: reason, note: Self.optional(note), expectedVersion: version, by: session.actor, now: now())
        try reload()
    }

    /// Trusted organizations' later listings are approved on arrival.
    public func trustOrganization(_ name: String, version: Int? = nil, note: String? = nil) throws {
        try catalogue.trustOrganization(name, note: Self.optional(note), expectedVersion: version, by: session.actor, now: now())
        try reload()
    }

    public func decisions(forOrganization name: String) throws -> [PostingDecision] { try catalogue.decisions(forOrganization: name) }

    private static func optional(_ text: String?) -> String? {
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }
}
