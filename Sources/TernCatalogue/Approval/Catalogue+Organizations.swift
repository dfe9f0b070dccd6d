import Foundation
internal import GRDB

extension Catalogue {
    /// Organizations for review, by name: all, or those with one `approval`.
    ///
    /// ```swift
    /// let waiting = try catalogue.organizations(approval: .pending)
    /// ```
    public func organizations(approval: Approval? = nil) throws -> [OrganizationReview] {
        try read { db in
            var sql: SQL = """
                SELECT org.name, org.approval, org.trusted, org.website, org.contact_email, org.version,
                       (SELECT count(*) FROM opportunities o WHERE o.organization_id = org.id AND o.approval = 'pending') AS pending,
                       (SELECT count(*) FROM opportunities o WHERE o.organization_id = org.id AND o.approval = 'approved') AS approved
                FROM organizations org
                """
            if let approval {
                sql += " WHERE org.approval = \(approval)"
            }
            sql += " ORDER BY org.name COLLATE NOCASE"
            return try Row.fetchAll(db, SQLRequest(literal: sql)).map {
                OrganizationReview(name: try $0.decode(forColumn: "name"), approval: try $0.known("approval", stored: ("organizations", "approval")), trusted: try $0.decode(forColumn: "trusted"),
                                   website: try $0.decode(forColumn: "website"), contactEmail: try $0.decode(forColumn: "contact_email"),
                                   pendingListings: try $0.decode(forColumn: "pending"), approvedListings: try $0.decode(forColumn: "approved"), version: try $0.decode(forColumn: "version"))
            }
        }
    }

    /// Every decision about one organization and its listings, oldest first.
    public func decisions(forOrganization name: String) throws -> [PostingDecision] {
        try read { db in try Self.decisions(db, where: "d.organization_id = \(try Self.organizationID(db, existing: name))") }
    }

    /// Approves an organization. Its listings still wait for their own review, unless it is
    /// also trusted (``trustOrganization(_:note:by:now:)``).
    ///
    /// ```swift
    /// try catalogue.approveOrganization("Acme Studio", by: reviewer)
    /// ```
    public func approveOrganization(_ name: String, note: String? = nil, expectedVersion: Int? = nil, by actor: Actor, now: Date = Date()) throws {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        try write { db in
            let id = try Self.reviewedOrganization(db, name, expectedVersion: expectedVersion, actor: actor)
            guard try String.fetchOne(db, SQLRequest(literal: "SELECT approval FROM organizations WHERE id = \(id)")) != Approval.approved.rawValue else {
                throw CatalogueError.refused("\(name) is already approved")
            }
            try db.execute(literal: "UPDATE organizations SET approval = 'approved', version = version + 1 WHERE id = \(id)")
            try Self.record(db, organization: id, listing: nil, .approved, reason: nil, note: note, actor: actor, at: Timestamp.string(now))
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "approve_organization", student: nil, detail: name)
        }
    }

    /// Declines an organization with a reason: its pending listings are declined with it (each
    /// decision recorded), and approving any of its listings is refused from then on. Listings
    /// already approved stay until staff decline them one by one.
    public func declineOrganization(_ name: String, reason: DeclineReason, note: String? = nil, expectedVersion: Int? = nil,
                                    by actor: Actor, now: Date = Date()) throws {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        if reason == .other, (note ?? "").allSatisfy(\.isWhitespace) {
            throw CatalogueError.invalid("the reason other needs a note saying what")
        }
        try write { db in
            let stamp = Timestamp.string(now)
            let id = try Self.reviewedOrganization(db, name, expectedVersion: expectedVersion, actor: actor)
            guard try String.fetchOne(db, SQLRequest(literal: "SELECT approval FROM organizations WHERE id = \(id)")) != Approval.declined.rawValue else {
                throw CatalogueError.refused("\(name) is already declined")
            }
            try db.execute(literal: "UPDATE organizations SET approval = 'declined', trusted = 0, version = version + 1 WHERE id = \(id)")
            try Self.record(db, organization: id, listing: nil, .declined, reason: reason, note: note, actor: actor, at: stamp)
            let pending = try Int64.fetchAll(db, SQLRequest(literal: "SELECT id FROM opportunities WHERE organization_id = \(id) AND approval = 'pending'"))
            for listing in pending {
                try db.execute(literal: "UPDATE opportunities SET approval = 'declined', updated_at = \(stamp), version = version + 1 WHERE id = \(listing)")
                try Self.record(db, organization: id, listing: listing, .declined, reason: reason, note: note, actor: actor, at: stamp)
            }
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "decline_organization", student: nil, detail: "\(name): \(reason.rawValue)")
        }
    }

    /// Trusts an organization (approving it if need be): its later listings are approved on
    /// arrival. Listings already waiting keep waiting for a reviewer.
    ///
    /// ```swift
    /// try catalogue.trustOrganization("Copperline Bikes", by: reviewer)
    /// ```
    public func trustOrganization(_ name: String, note: String? = nil, expectedVersion: Int? = nil, by actor: Actor, now: Date = Date()) throws {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        // Trust approves listings unseen, so it is an admin's, even from a console opened for review.
        try write(for: .trustOrganizations) { db in
            let id = try Self.reviewedOrganization(db, name, expectedVersion: expectedVersion, actor: actor)
            let row = try Row.fetchOne(db, SQLRequest(literal: "SELECT approval, trusted FROM organizations WHERE id = \(id)")).readBack(name)
            guard !(try row.decode(Bool.self, forColumn: "trusted")) else { throw CatalogueError.refused("\(name) is already trusted") }
            guard try row.known("approval", stored: ("organizations", "approval"), rowID: nil) != Approval.declined else {
                throw CatalogueError.refused("\(name) was declined; approve it before trusting it")
            }
            try db.execute(literal: "UPDATE organizations SET approval = 'approved', trusted = 1, version = version + 1 WHERE id = \(id)")
            try Self.record(db, organization: id, listing: nil, .trusted, reason: nil, note: note, actor: actor, at: Timestamp.string(now))
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "trust_organization", student: nil, detail: name)
        }
    }

    /// The organization a decision is about; refused when `expectedVersion` is given and it has
    /// moved on from it (decided by someone else, or by you elsewhere, since you looked).
    private static func reviewedOrganization(_ db: Database, _ name: String, expectedVersion: Int?, actor: Actor) throws -> Int64 {
        let id = try organizationID(db, existing: name)
        if let expectedVersion, try Int.fetchOne(db, SQLRequest(literal: "SELECT version FROM organizations WHERE id = \(id)")) != expectedVersion {
            throw CatalogueError.reviewChanged(try organizationConflict(db, organization: id, name: name, actor: actor))
        }
        return id
    }

    static func organizationID(_ db: Database, existing name: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, SQLRequest(literal: "SELECT id FROM organizations WHERE name = \(name)")) else {
            throw CatalogueError.notFound("no organization named \(name)")
        }
        return id
    }
}
