import Foundation
import TernStore

/// The staff console's Postings and Organizations queues: what waits for review (or was
/// declined), with the flags a reviewer should look at twice, and the decisions on them, as
/// plain functions over the store protocols. Pending work is small by nature (new listings of a
/// day or a week), so the console holds it whole in its state.
///
/// ```swift
/// let read = try await PostingsReview.read(showing: .pending, in: store)
/// try await PostingsReview.approve(["acme-logo"], session: session, now: now, in: store)
/// try await PostingsReview.decline("acme-kit", reason: .upfrontCost, note: "asks for a $40 kit", session: session, now: now, in: store)
/// ```
public enum PostingsReview {
    /// How many of the newest approved postings the approved view shows.
    public static let recentlyApproved = 200

    /// Postings as shown (waiting, declined or recently approved), the organizations waiting,
    /// and how many postings wait (whichever are shown).
    public struct Read: Sendable, Equatable {
        public var showing: Approval
        public var postings: [PostingReview]
        public var organizations: [OrganizationReview]
        public var pendingPostings: Int

        public init(showing: Approval, postings: [PostingReview], organizations: [OrganizationReview], pendingPostings: Int) {
            (self.showing, self.postings, self.organizations, self.pendingPostings) = (showing, postings, organizations, pendingPostings)
        }
    }

    public static func read(showing: Approval, in store: any ReviewStore) async throws -> Read {
        let postings = try await store.postings(approval: showing, limit: showing == .approved ? recentlyApproved : nil)
        let organizations = try await store.organizations(approval: .pending)
        let pending = showing == .pending ? postings.count : try await store.postings(approval: .pending, limit: nil).count
        return Read(showing: showing, postings: postings, organizations: organizations, pendingPostings: pending)
    }

    /// Waiting, then declined, then recently approved, then waiting again.
    public static func next(after showing: Approval) -> Approval {
        switch showing {
        case .pending: .declined
        case .declined: .approved
        case .approved: .pending
        }
    }

    // MARK: - Postings

    /// Approves listings together, all or none; those in `versions` only if still at that
    /// version (what the reviewer saw).
    public static func approve(_ refs: [String], versions: [String: Int] = [:], note: String? = nil, session: TriageSession, now: Date,
                               in store: any ReviewStore) async throws {
        guard !refs.isEmpty else { throw CatalogueError.refused("nothing to approve: no posting is waiting") }
        try await store.approve(refs, versions: versions, note: optional(note), by: session.actor, now: now)
    }

    /// Declines the listing as it was at `version` (nil: as it is). Its waiting applications
    /// expire; those with work under way are counted for the staff queue.
    @discardableResult
    public static func decline(_ ref: String, version: Int? = nil, reason: DeclineReason, note: String?, session: TriageSession, now: Date,
                               in store: any ReviewStore) async throws -> TakeDownSummary {
        try await store.decline(ref, reason: reason, note: optional(note), expectedVersion: version, by: session.actor, now: now)
    }

    /// A declined listing back into review (allowed once).
    public static func resubmit(_ ref: String, version: Int? = nil, note: String?, session: TriageSession, now: Date,
                                in store: any ReviewStore) async throws {
        try await store.resubmit(ref, note: optional(note), expectedVersion: version, by: session.actor, now: now)
    }

    // MARK: - Organizations

    public static func approveOrganization(_ name: String, version: Int? = nil, note: String? = nil, session: TriageSession, now: Date,
                                           in store: any ReviewStore) async throws {
        try await store.approveOrganization(name, note: optional(note), expectedVersion: version, by: session.actor, now: now)
    }

    public static func declineOrganization(_ name: String, version: Int? = nil, reason: DeclineReason, note: String?, session: TriageSession,
                                           now: Date, in store: any ReviewStore) async throws {
        try await store.declineOrganization(name, reason: reason, note: optional(note), expectedVersion: version, by: session.actor, now: now)
    }

    /// Trusted organizations' later listings are approved on arrival.
    public static func trustOrganization(_ name: String, version: Int? = nil, note: String? = nil, session: TriageSession, now: Date,
                                         in store: any ReviewStore) async throws {
        try await store.trustOrganization(name, note: optional(note), expectedVersion: version, by: session.actor, now: now)
    }

    /// An empty text is no value.
    public static func optional(_ text: String?) -> String? {
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }
}
