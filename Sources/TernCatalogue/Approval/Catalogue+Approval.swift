import Foundation
internal import GRDB

extension Catalogue {
    /// Listings for review, newest first: all of them, or those with one `approval`; at most
    /// `limit` when given (the newest; `opportunities_by_approval` walks them in order).
    ///
    /// ```swift
    /// let queue = try catalogue.postings(approval: .pending)
    /// let lately = try catalogue.postings(approval: .approved, limit: 200)
    /// ```
    public func postings(approval: Approval? = nil, limit: Int? = nil) throws -> [PostingReview] {
        try read { db in
            let settings = try Self.reviewSettings(db)
            let home = try String.fetchOne(db, SQLRequest(literal: "SELECT value FROM settings WHERE key = \(PayRank.homeCurrencySetting)")) ?? PayRank.defaultHomeCurrency
            var sql: SQL = """
                SELECT o.id, o.ref, o.title, o.approval, o.status, o.deadline, o.posted_at, o.resubmitted, o.version,
                       org.name AS organization, org.approval AS organization_approval, org.trusted
                FROM opportunities o JOIN organizations org ON org.id = o.organization_id
                """
            if let approval {
                sql += " WHERE o.approval = \(approval)"
            }
            sql += " ORDER BY o.posted_at DESC, o.id DESC"
            if let limit {
                sql += " LIMIT \(max(0, limit))"
            }
            return try Row.fetchAll(db, SQLRequest(literal: sql)).map { row in
                let id: Int64 = try row.decode(forColumn: "id")
                return PostingReview(
                    ref: try row.decode(forColumn: "ref"), title: try row.decode(forColumn: "title"), organization: try row.decode(forColumn: "organization"),
                    approval: try row.known("approval", stored: ("opportunities", "approval")),
                    organizationApproval: try row.known("organization_approval", stored: ("organizations", "approval"), rowID: nil),
                    organizationTrusted: try row.decode(forColumn: "trusted"), status: try row.known("status", stored: ("opportunities", "status")),
                    deadline: try row.known("deadline", stored: ("opportunities", "deadline"), as: CalendarDay.init),
                    postedAt: try row.decode(forColumn: "posted_at"), resubmitted: try row.decode(forColumn: "resubmitted"), version: try row.decode(forColumn: "version"),
                    flags: try Self.flags(db, listing: id, settings: settings, homeCurrency: home),
                    lastDecision: try Self.decisions(db, where: "d.opportunity_id = \(id)").last)
            }
        }
    }

    /// What a reviewer should look at twice in one listing (see ``ListingFlag``).
    ///
    /// ```swift
    /// let flags = try catalogue.flags(forListing: "acme-logo")
    /// ```
    public func flags(forListing ref: String) throws -> [ListingFlag] {
        try read { db in
            let id = try Self.listingID(db, ref: ref)
            let home = try String.fetchOne(db, SQLRequest(literal: "SELECT value FROM settings WHERE key = \(PayRank.homeCurrencySetting)")) ?? PayRank.defaultHomeCurrency
            return try Self.flags(db, listing: id, settings: try Self.reviewSettings(db), homeCurrency: home)
        }
    }

    /// Every decision about one listing, oldest first.
    public func decisions(forListing ref: String) throws -> [PostingDecision] {
        try read { db in try Self.decisions(db, where: "d.opportunity_id = \(try Self.listingID(db, ref: ref))") }
    }

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
    public func approve(_ refs: [String], versions: [String: Int] = [:], note: String? = nil, by actor: Actor, now: Date = Date()) throws {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        guard !refs.isEmpty else { throw CatalogueError.invalid("name at least one listing to approve") }
        try write { db in
            let stamp = Timestamp.string(now)
            for ref in refs {
                let row = try Self.reviewedRow(db, ref: ref, expectedVersion: versions[ref], actor: actor)
                let listing: Int64 = try row.decode(forColumn: "id"), organization: Int64 = try row.decode(forColumn: "organization_id")
                switch try row.known("approval", stored: ("opportunities", "approval")) as Approval {
                case .approved: throw CatalogueError.refused("\(ref) is already approved")
                case .declined: throw CatalogueError.refused("\(ref) was declined; it must be resubmitted before it can be approved")
                default: break
                }
                switch try row.known("organization_approval", stored: ("organizations", "approval"), rowID: "organization_id") as Approval {
                case .declined: throw CatalogueError.refused("\(ref) belongs to \(try row.decode(String.self, forColumn: "organization")), which was declined")
                case .pending:
                    try db.execute(literal: "UPDATE organizations SET approval = 'approved', version = version + 1 WHERE id = \(organization)")
                    try Self.record(db, organization: organization, listing: nil, .approved, reason: nil,
                                    note: "approved with its first listing \(ref)", actor: actor, at: stamp)
                default: break
                }
                try db.execute(literal: "UPDATE opportunities SET approval = 'approved', updated_at = \(stamp), version = version + 1 WHERE id = \(listing)")
                try Self.record(db, organization: organization, listing: listing, .approved, reason: nil, note: note, actor: actor, at: stamp)
                try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "approve_listing", student: nil, detail: ref)
            }
        }
    }

    /// Declines a pending or approved listing with a structured reason (``DeclineReason/other``
    /// needs a note). It leaves every student's view at once; it may be resubmitted once. Its
    /// applications still waiting on the organization expire ("listing taken down: REASON",
    /// shown to each student); those with work under way are left for staff (see
    /// ``TakeDownSummary``).
    ///
    /// With `expectedVersion` (the version the reviewer looked at), a listing changed since is
    /// refused with ``CatalogueError/reviewChanged(_:)``.
    ///
    /// ```swift
    /// try catalogue.decline("acme-logo", reason: .upfrontCost, note: "asks for a paid kit", by: reviewer)
    /// ```
    @discardableResult
    public func decline(_ ref: String, reason: DeclineReason, note: String? = nil, expectedVersion: Int? = nil,
                        by actor: Actor, now: Date = Date()) throws -> TakeDownSummary {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        if reason == .other, (note ?? "").allSatisfy(\.isWhitespace) {
            throw CatalogueError.invalid("the reason other needs a note saying what")
        }
        return try write { db in
            let stamp = Timestamp.string(now)
            let row = try Self.reviewedRow(db, ref: ref, expectedVersion: expectedVersion, actor: actor)
            guard try row.known("approval", stored: ("opportunities", "approval")) != Approval.declined else { throw CatalogueError.refused("\(ref) is already declined") }
            let listing: Int64 = try row.decode(forColumn: "id")
            try db.execute(literal: "UPDATE opportunities SET approval = 'declined', updated_at = \(stamp), version = version + 1 WHERE id = \(listing)")
            try Self.record(db, organization: try row.decode(forColumn: "organization_id"), listing: listing, .declined, reason: reason, note: note, actor: actor, at: stamp)
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "decline_listing", student: nil,
                           detail: "\(ref): \(reason.rawValue)")
            return try Self.takeDown(db, listing: listing, reason: reason == .other ? (note ?? reason.label) : reason.label,
                                     enteredBy: actor.username, at: stamp)
        }
    }

    /// Puts a declined listing back in the review queue, once in its life: the organization has
    /// fixed what was wrong (staff record it for them; organizations have no accounts yet).
    ///
    /// ```swift
    /// try catalogue.resubmit("acme-logo", note: "kit now provided", by: reviewer)
    /// ```
    public func resubmit(_ ref: String, note: String? = nil, expectedVersion: Int? = nil, by actor: Actor, now: Date = Date()) throws {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        try write { db in
            let stamp = Timestamp.string(now)
            let row = try Self.reviewedRow(db, ref: ref, expectedVersion: expectedVersion, actor: actor)
            guard try row.known("approval", stored: ("opportunities", "approval")) == Approval.declined else {
                throw CatalogueError.refused("only a declined listing can be resubmitted; \(ref) is \(try row.decode(String.self, forColumn: "approval"))")
            }
            guard !(try row.decode(Bool.self, forColumn: "resubmitted")) else {
                throw CatalogueError.refused("\(ref) has already been resubmitted once; post it as a new listing")
            }
            let listing: Int64 = try row.decode(forColumn: "id")
            try db.execute(literal: "UPDATE opportunities SET approval = 'pending', resubmitted = 1, updated_at = \(stamp), version = version + 1 WHERE id = \(listing)")
            try Self.record(db, organization: try row.decode(forColumn: "organization_id"), listing: listing, .resubmitted, reason: nil, note: note, actor: actor, at: stamp)
            try Self.audit(db, by: actor.username, role: actor.role.rawValue, action: "resubmit_listing", student: nil, detail: ref)
        }
    }

    // MARK: - Shared with organizations and imports

    /// Organizations whose new listings are approved on arrival, by an import or a staff form
    /// alike: trusted (which only an approved organization can be; declining one ends its trust).
    static func trustedOrganizations(_ db: Database) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db, sql: "SELECT id FROM organizations WHERE trusted = 1 AND approval = 'approved'"))
    }

    /// A trusted organization's new listing, written as approved: it keeps that approval, with a
    /// decision by the system because of the trust, unless a flag is raised on it (pay below the
    /// floor, say). Trust skips the review, never the flags: a flagged listing goes back to
    /// waiting for a reviewer, like anyone's.
    static func recordApprovedOnArrival(_ db: Database, listing: Int64, organization: Int64, at stamp: String) throws {
        let home = try String.fetchOne(db, SQLRequest(literal: "SELECT value FROM settings WHERE key = \(PayRank.homeCurrencySetting)")) ?? PayRank.defaultHomeCurrency
        guard try flags(db, listing: listing, settings: try reviewSettings(db), homeCurrency: home).isEmpty else {
            try db.execute(literal: "UPDATE opportunities SET approval = 'pending' WHERE id = \(listing)")
            return
        }
        try record(db, organization: organization, listing: listing, .approved, reason: nil, note: "trusted organization",
                   actor: .system, at: stamp)
    }

    static func listingID(_ db: Database, ref: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, SQLRequest(literal: "SELECT id FROM opportunities WHERE ref = \(ref)")) else {
            throw CatalogueError.notFound("no listing with the ref \(ref)")
        }
        return id
    }

    /// The listing a decision is about; refused when `expectedVersion` is given and the listing
    /// has moved on from it (a decision made on what is no longer there is a lost update).
    private static func reviewedRow(_ db: Database, ref: String, expectedVersion: Int? = nil, actor: Actor) throws -> Row {
        guard let row = try Row.fetchOne(db, SQLRequest(literal: """
            SELECT o.id, o.organization_id, o.approval, o.resubmitted, o.version, o.updated_at,
                   org.name AS organization, org.approval AS organization_approval
            FROM opportunities o JOIN organizations org ON org.id = o.organization_id WHERE o.ref = \(ref)
            """)) else {
            throw CatalogueError.notFound("no listing with the ref \(ref)")
        }
        if let expectedVersion, try expectedVersion != row.decode(Int.self, forColumn: "version") {
            throw CatalogueError.reviewChanged(try listingConflict(db, listing: try row.decode(forColumn: "id"), ref: ref, updatedAt: try row.decode(forColumn: "updated_at"), actor: actor))
        }
        return row
    }

    static func record(_ db: Database, organization: Int64, listing: Int64?, _ decision: PostingDecisionKind,
                       reason: DeclineReason?, note: String?, actor: Actor, at stamp: String) throws {
        try db.cachedStatement(literal: """
            INSERT INTO posting_decisions(organization_id, opportunity_id, decision, reason, note, actor_role, actor_username, at)
            VALUES (\(organization), \(listing), \(decision), \(reason), \(note), \(actor.role), \(actor.username), \(stamp))
            """).execute()
    }

    /// The decisions `condition` picks (on `d`, the decision), oldest first.
    static func decisions(_ db: Database, where condition: SQL) throws -> [PostingDecision] {
        try Row.fetchAll(db, SQLRequest(literal: """
            SELECT org.name AS organization, o.ref, d.decision, d.reason, d.note, d.actor_role, d.actor_username, d.at
            FROM posting_decisions d JOIN organizations org ON org.id = d.organization_id
            LEFT JOIN opportunities o ON o.id = d.opportunity_id
            WHERE \(condition) ORDER BY d.id
            """)).map { row in
            PostingDecision(organization: try row.decode(forColumn: "organization"), ref: try row.decode(forColumn: "ref"),
                            decision: try row.known("decision", stored: ("posting_decisions", "decision"), rowID: nil),
                            reason: try row.knownIfPresent("reason", stored: ("posting_decisions", "reason"), rowID: nil), note: try row.decode(forColumn: "note"),
                            actor: Actor(role: try row.known("actor_role", stored: ("posting_decisions", "actor_role"), rowID: nil), username: try row.decode(forColumn: "actor_username")),
                            at: try row.decode(forColumn: "at"))
        }
    }

    static func flags(_ db: Database, listing id: Int64, settings: ReviewSettings, homeCurrency: String) throws -> [ListingFlag] {
        guard let row = try Row.fetchOne(db, SQLRequest(literal: """
            SELECT o.title, o.organization_id, o.hours, o.compensation_kind, o.currency, o.hourly_cents,
                   org.website, org.contact_email
            FROM opportunities o JOIN organizations org ON org.id = o.organization_id WHERE o.id = \(id)
            """)) else { return [] }
        var flags: [ListingFlag] = []
        let kind: CompensationKind = try row.known("compensation_kind", stored: ("opportunities", "compensation_kind"), rowID: nil)
        let hours: Int = try row.decode(forColumn: "hours")
        if kind.isPaid, let currency = try row.decode(String?.self, forColumn: "currency"), currency == homeCurrency,
           (try row.decode(Int.self, forColumn: "hourly_cents")) < settings.payFloorCents {
            flags.append(.belowPayFloor(hourlyCents: try row.decode(forColumn: "hourly_cents"), floorCents: settings.payFloorCents, currency: currency))
        }
        if !kind.isPaid, hours > settings.unpaidMaxHours {
            flags.append(.unpaidOverHours(hours: hours, limit: settings.unpaidMaxHours))
        }
        if let email = try row.decode(String?.self, forColumn: "contact_email"), let website = try row.decode(String?.self, forColumn: "website"),
           let mismatch = ContactDomain.mismatch(email: email, website: website), mismatch {
            flags.append(.contactDomainMismatch(email: email, website: website))
        }
        let organization: Int64 = try row.decode(forColumn: "organization_id"), title: String = try row.decode(forColumn: "title")
        if let other = try String.fetchOne(db, SQLRequest(literal: """
            SELECT ref FROM opportunities WHERE organization_id = \(organization) AND id <> \(id) AND lower(title) = lower(\(title)) ORDER BY id LIMIT 1
            """)) {
            flags.append(.duplicateTitle(otherRef: other))
        }
        return flags
    }
}
