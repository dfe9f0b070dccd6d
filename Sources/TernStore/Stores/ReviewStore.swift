import Foundation

/// Reviewing postings and organizations: the review queues, decisions with the version the
/// reviewer saw, listings made, edited, closed and archived by staff, and the expiry pass.
///
/// ```swift
/// try await review.approve(["acme-logo"], versions: ["acme-logo": 3], note: nil, by: staff, now: Date())
/// ```
public protocol ReviewStore: Sendable {
    /// Listings for review, newest first: all of them, or those with one `approval`; at most
    /// `limit` when given (the newest; `opportunities_by_approval` walks them in order).
    ///
    /// ```swift
    /// let queue = try catalogue.postings(approval: .pending)
    /// let lately = try catalogue.postings(approval: .approved, limit: 200)
    /// ```
    func postings(approval: Approval?, limit: Int?) async throws -> [PostingReview]

    /// Organizations for review, by name: all, or those with one `approval`.
    ///
    /// ```swift
    /// let waiting = try catalogue.organizations(approval: .pending)
    /// ```
    func organizations(approval: Approval?) async throws -> [OrganizationReview]

    /// Approves pending listings, all or none (bulk approval). A listing whose organization is
    /// still pending approves the organization with it: the first listing is how a new
    /// organization is reviewed. A declined organization's listings are refused. A listing named
    /// in `versions` is approved only if it is still that version (what the reviewer looked at);
    /// otherwise ``CatalogueError/reviewChanged(_:)`` says who changed it and when.
    ///
    /// ```swift
    /// try catalogue.approve(["acme-logo", "acme-survey"], note: "checked the brief", by: Actor(role: .staff, username: "rpatel"))
    /// try catalogue.approve(["acme-logo"], versions: ["acme-logo": posting.version], by: reviewer)
    /// ```
    func approve(_ refs: [String], versions: [String: Int], note: String?, by actor: Actor, now: Date) async throws

    func decline(_ ref: String, reason: DeclineReason, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws -> TakeDownSummary

    /// Puts a declined listing back in the review queue, once in its life: the organization has
    /// fixed what was wrong (staff record it for them; organizations have no accounts yet).
    ///
    /// ```swift
    /// try catalogue.resubmit("acme-logo", note: "kit now provided", by: reviewer)
    /// ```
    func resubmit(_ ref: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws

    /// Approves an organization. Its listings still wait for their own review, unless it is
    /// also trusted (``trustOrganization(_:note:by:now:)``).
    ///
    /// ```swift
    /// try catalogue.approveOrganization("Acme Studio", by: reviewer)
    /// ```
    func approveOrganization(_ name: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws

    /// Declines an organization with a reason: its pending listings are declined with it (each
    /// decision recorded), and approving any of its listings is refused from then on. Listings
    /// already approved stay until staff decline them one by one.
    func declineOrganization(_ name: String, reason: DeclineReason, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws

    /// Trusts an organization (approving it if need be): its later listings are approved on
    /// arrival. Listings already waiting keep waiting for a reviewer.
    ///
    /// ```swift
    /// try catalogue.trustOrganization("Copperline Bikes", by: reviewer)
    /// ```
    func trustOrganization(_ name: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws

    /// Every decision about one listing, oldest first.
    func decisions(forListing ref: String) async throws -> [PostingDecision]

    /// Every decision about one organization and its listings, oldest first.
    func decisions(forOrganization name: String) async throws -> [PostingDecision]

    /// What a reviewer should look at twice in one listing (see ``ListingFlag``).
    ///
    /// ```swift
    /// let flags = try catalogue.flags(forListing: "acme-logo")
    /// ```
    func flags(forListing ref: String) async throws -> [ListingFlag]

    func closeListing(ref: String, expectedVersion: Int, by actor: Actor, now: Date) async throws -> ExpirySummary

    /// Archives a closed, filled or draft listing, if nobody changed it since `expectedVersion`:
    /// it stays in the catalogue (applications and history keep pointing at it) but is done
    /// with. An open listing is closed first, so that what waits on it expires. Audited as
    /// `archive_listing`.
    ///
    /// ```swift
    /// try catalogue.archiveListing(ref: "acme-logo", expectedVersion: closed.version, by: staff)
    /// ```
    func archiveListing(ref: String, expectedVersion: Int, by actor: Actor, now: Date) async throws

    func closeExpired(now: Date) async throws -> ExpirySummary

    func createListing(_ draft: ListingDraft, by actor: Actor, now: Date) async throws -> Opportunity

    func updateListing(ref: String, _ draft: ListingDraft, expectedVersion: Int, by actor: Actor, now: Date) async throws -> Opportunity
}
