import Foundation
internal import GRDB

extension Catalogue {
    /// Creates a listing from a staff form (issue 10), as an import would create it: the draft
    /// is checked before the write lock is taken; a new organization is created pending; the
    /// listing is open and waits for review unless its organization is trusted, in which case
    /// it is approved on arrival (by the system, as the import records it). The ref is the
    /// draft's, or one made from the organization and title. Audited as `create_listing`.
    ///
    /// Throws ``ListingDraftError`` naming the field when the draft cannot be saved (a ref
    /// already taken included), ``CatalogueError`` otherwise.
    ///
    /// ```swift
    /// let listing = try catalogue.createListing(draft, by: Actor(role: .staff, username: "rpatel"))
    /// listing.ref       // "acme-studio-logo-refresh"
    /// listing.version   // 1: what an edit form opened now passes as expectedVersion
    /// ```
    @discardableResult
    public func createListing(_ draft: ListingDraft, by actor: Actor, now: Date = Date()) throws -> Opportunity {
        try Self.requireStaff(actor, "create listings")
        try draft.validate()
        return try write { db in
            let stamp = Timestamp.string(now)
            let ref = try draft.ref ?? Self.unusedRef(db, for: draft)
            if draft.ref != nil, try Self.refExists(db, ref) { throw ListingDraftError(.ref, .refTaken(ref)) }
            let organization = try Self.organizationID(db, named: draft.organization, now: now)
            let approval: Approval = try Self.trustedOrganizations(db).contains(organization) ? .approved : .pending
            let id = try Self.upsertOpportunity(db, draft.opportunity(ref: ref, status: .open, postedAt: stamp), approval: approval, now: now)
            if approval == .approved { try Self.recordApprovedOnArrival(db, listing: id, organization: organization, at: stamp) }
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "create_listing", student: nil, detail: ref)
            return try Self.fetchOpportunity(db, where: "o.id = \(id)").readBack("listing \(ref)")
        }
    }

    /// Saves a staff edit of the listing `ref`, if nobody saved it since the form opened it at
    /// `expectedVersion` (``CatalogueError/listingChangedSinceOpened(ref:now:)`` otherwise, and
    /// nothing changes). The listing keeps its ref, status, approval and posting date, as a
    /// re-imported listing does; its search entry and pay order follow the new values. An edit
    /// that changes nothing keeps the version, so nobody else's open form goes stale for it.
    /// Archived listings are not edited. Audited as `edit_listing`.
    ///
    /// ```swift
    /// let opened = try catalogue.opportunity(ref: "acme-logo")!
    /// var draft = ListingDraft(opened)
    /// draft.title = "Logo and letterhead refresh"
    /// let saved = try catalogue.updateListing(ref: opened.ref, draft, expectedVersion: opened.version, by: staff)
    /// ```
    @discardableResult
    public func updateListing(ref: String, _ draft: ListingDraft, expectedVersion: Int, by actor: Actor,
                              now: Date = Date()) throws -> Opportunity {
        try Self.requireStaff(actor, "edit listings")
        if let given = draft.ref, !given.utf8.elementsEqual(ref.utf8) { throw ListingDraftError(.ref, .refChanged(from: ref)) }
        try draft.validate()
        return try write { db in
            let current = try Self.openedListing(db, ref: ref, expectedVersion: expectedVersion)
            guard current.status != .archived else { throw CatalogueError.refused("\(ref) is archived; an archived listing is not edited") }
            var edited = draft
            edited.ref = ref
            guard !ListingDraft(current).storesLike(edited) else { return current }
            // An existing listing keeps its approval: the one given here is for new listings only.
            let id = try Self.upsertOpportunity(db, edited.opportunity(ref: ref, status: current.status, postedAt: current.postedAt),
                                                approval: .pending, now: now)
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "edit_listing", student: nil, detail: ref)
            return try Self.fetchOpportunity(db, where: "o.id = \(id)").readBack("listing \(ref)")
        }
    }

    /// Closes an open listing by hand, if nobody changed it since `expectedVersion`: it leaves
    /// the students' lists, and the applications still waiting on it expire exactly as at its
    /// deadline (``closeExpired(now:)``), each with an event by the system naming the staff
    /// member. Audited as `close_listing`.
    ///
    /// ```swift
    /// let done = try catalogue.closeListing(ref: "acme-logo", expectedVersion: opened.version, by: staff)
    /// done.applicationsExpired   // 3
    /// ```
    @discardableResult
    public func closeListing(ref: String, expectedVersion: Int, by actor: Actor, now: Date = Date()) throws -> ExpirySummary {
        try Self.requireStaff(actor, "close listings")
        return try write { db in
            let current = try Self.openedListing(db, ref: ref, expectedVersion: expectedVersion)
            guard current.status.canMove(to: .closed) else {
                throw CatalogueError.refused("\(ref) is \(current.status.rawValue); only an open listing can be closed")
            }
            let expired = try Self.close(db, listing: current.id!, note: "the listing was closed", enteredBy: actor.username,
                                         at: Timestamp.string(now))
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "close_listing", student: nil,
                           detail: "\(ref): \(expired) waiting application\(expired == 1 ? "" : "s") expired")
            return ExpirySummary(listingsClosed: 1, applicationsExpired: expired)
        }
    }

    /// Archives a closed, filled or draft listing, if nobody changed it since `expectedVersion`:
    /// it stays in the catalogue (applications and history keep pointing at it) but is done
    /// with. An open listing is closed first, so that what waits on it expires. Audited as
    /// `archive_listing`.
    ///
    /// ```swift
    /// try catalogue.archiveListing(ref: "acme-logo", expectedVersion: closed.version, by: staff)
    /// ```
    public func archiveListing(ref: String, expectedVersion: Int, by actor: Actor, now: Date = Date()) throws {
        try Self.requireStaff(actor, "archive listings")
        try write { db in
            let current = try Self.openedListing(db, ref: ref, expectedVersion: expectedVersion)
            guard current.status.canMove(to: .archived) else {
                throw CatalogueError.refused(current.status == .open
                    ? "\(ref) is open; close it first, so that the applications waiting on it expire"
                    : "\(ref) is already archived")
            }
            try db.execute(literal: "UPDATE opportunities SET status = 'archived', updated_at = \(Timestamp.string(now)), version = version + 1 WHERE id = \(current.id)")
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "archive_listing", student: nil, detail: ref)
        }
    }

    // MARK: - Shared by the staff forms

    private static func requireStaff(_ actor: Actor, _ what: String) throws {
        guard actor.role == .staff else { throw CatalogueError.notPermitted("only staff \(what)") }
    }

    /// The listing as it stands, if it is still the version the form opened.
    private static func openedListing(_ db: Database, ref: String, expectedVersion: Int) throws -> Opportunity {
        guard let current = try fetchOpportunity(db, where: "o.ref = \(ref)") else {
            throw CatalogueError.notFound("no listing with the ref \(ref)")
        }
        guard current.version == expectedVersion else {
            throw CatalogueError.listingChangedSinceOpened(ref: ref, now: current.status)
        }
        return current
    }

    private static func refExists(_ db: Database, _ ref: String) throws -> Bool {
        try Bool.fetchOne(db, SQLRequest(literal: "SELECT 1 FROM opportunities WHERE ref = \(ref)")) == true
    }

    /// A ref made from the draft's organization and title, numbered past the ones taken.
    private static func unusedRef(_ db: Database, for draft: ListingDraft) throws -> String {
        let base = ListingRef.base(organization: draft.organization, title: draft.title)
        var n = 1
        while try refExists(db, ListingRef.candidate(base, n)) { n += 1 }
        return ListingRef.candidate(base, n)
    }
}
