import Foundation
import PostgresNIO
import TernStore

/// ``ReviewStore`` on PostgreSQL: the same answers as the SQLite catalogue's
/// (`Catalogue+Approval`, `+Organizations`, `+Expiry`, `+ListingForms`). Each decision locks the
/// rows it decides from (`FOR UPDATE`), so two reviewers of one listing take turns and the
/// second meets the first's version.
extension PostgresCatalogue {
    public func postings(approval: Approval?, limit: Int?) async throws -> [PostingReview] {
        try await read { transaction in
            let settings = try await transaction.reviewSettings()
            let rows = try await transaction.rows { s in
                s.append("""
                    SELECT o.id, o.ref, o.title, o.approval, o.status, o.deadline, o.posted_at, o.resubmitted, o.version,
                           org.name AS organization, org.approval AS organization_approval, org.trusted,
                           \(PostgresTransaction.flagColumns), latest.*
                    FROM opportunities o JOIN organizations org ON org.id = o.organization_id
                    LEFT JOIN LATERAL (
                        SELECT \(PostgresTransaction.decisionColumns(prefix: "last_", ref: "o.ref"))
                        FROM posting_decisions d JOIN organizations dorg ON dorg.id = d.organization_id
                        WHERE d.opportunity_id = o.id ORDER BY d.id DESC LIMIT 1
                    ) AS latest ON true
                    """)
                if let approval { s.append(" WHERE o.approval = \(s.bind(approval.rawValue))") }
                s.append(" ORDER BY o.posted_at COLLATE \"C\" DESC, o.id DESC")
                if let limit { s.append(" LIMIT \(s.bind(Int64(max(0, limit))))") }
            }
            return try rows.map { row in
                let hasDecision = (try ListingRecords.value(row, "last_decision", table: "posting_decisions") as String?) != nil
                return PostingReview(
                    ref: try ListingRecords.value(row, "ref"), title: try ListingRecords.value(row, "title"),
                    organization: try ListingRecords.value(row, "organization", table: "organizations"),
                    approval: try ListingRecords.known(row, "approval"),
                    organizationApproval: try ListingRecords.known(row, "organization_approval", table: "organizations"),
                    organizationTrusted: try ListingRecords.value(row, "trusted", table: "organizations"),
                    status: try ListingRecords.known(row, "status"),
                    deadline: try ListingRecords.known(row, "deadline", as: CalendarDay.init),
                    postedAt: try ListingRecords.value(row, "posted_at"), resubmitted: try ListingRecords.value(row, "resubmitted"),
                    version: try ListingRecords.value(row, "version"),
                    flags: try PostgresTransaction.flags(row, settings: settings),
                    lastDecision: hasDecision ? try PostgresTransaction.decision(row, prefix: "last_") : nil)
            }
        }
    }

    public func organizations(approval: Approval?) async throws -> [OrganizationReview] {
        try await read { transaction in
            try await transaction.rows { s in
                s.append("""
                    SELECT org.id, org.name, org.approval, org.trusted, org.website, org.contact_email, org.version,
                           (SELECT count(*) FROM opportunities o WHERE o.organization_id = org.id AND o.approval = 'pending') AS pending,
                           (SELECT count(*) FROM opportunities o WHERE o.organization_id = org.id AND o.approval = 'approved') AS approved
                    FROM organizations org
                    """)
                if let approval { s.append(" WHERE org.approval = \(s.bind(approval.rawValue))") }
                s.append(" ORDER BY tern_nocase(org.name) COLLATE \"C\", org.id")
            }.map { row in
                let table = "organizations"
                return OrganizationReview(
                    name: try ListingRecords.value(row, "name", table: table), approval: try ListingRecords.known(row, "approval", table: table),
                    trusted: try ListingRecords.value(row, "trusted", table: table),
                    website: try ListingRecords.value(row, "website", table: table),
                    contactEmail: try ListingRecords.value(row, "contact_email", table: table),
                    pendingListings: try ListingRecords.value(row, "pending", table: table),
                    approvedListings: try ListingRecords.value(row, "approved", table: table),
                    version: try ListingRecords.value(row, "version", table: table))
            }
        }
    }

    public func approve(_ refs: [String], versions: [String: Int], note: String?, by actor: Actor, now: Date) async throws {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        guard !refs.isEmpty else { throw CatalogueError.invalid("name at least one listing to approve") }
        try await write { transaction in
            let stamp = Timestamp.string(now)
            // Locks taken in one order by every writer here (organizations, then listings, each
            // by id), so that two bulk approvals, or one and an organization's decline, take
            // turns instead of deadlocking.
            try await transaction.execute { s in
                s.append("""
                    SELECT id FROM organizations WHERE id IN (SELECT organization_id FROM opportunities WHERE ref = ANY(\(s.bind(refs))))
                    ORDER BY id FOR UPDATE
                    """)
            }
            try await transaction.execute { s in
                s.append("SELECT id FROM opportunities WHERE ref = ANY(\(s.bind(refs))) ORDER BY id FOR UPDATE")
            }
            for ref in refs {
                let row = try await transaction.reviewedRow(ref: ref, expectedVersion: versions[ref], actor: actor, lockingOrganization: true)
                let listing: Int64 = try ListingRecords.value(row, "id")
                let organization: Int64 = try ListingRecords.value(row, "organization_id")
                switch try ListingRecords.known(row, "approval") as Approval {
                case .approved: throw CatalogueError.refused("\(ref) is already approved")
                case .declined: throw CatalogueError.refused("\(ref) was declined; it must be resubmitted before it can be approved")
                default: break
                }
                switch try ListingRecords.known(row, "organization_approval", table: "organizations") as Approval {
                case .declined:
                    let name: String = try ListingRecords.value(row, "organization", table: "organizations")
                    throw CatalogueError.refused("\(ref) belongs to \(name), which was declined")
                case .pending:
                    try await transaction.execute { s in
                        s.append("UPDATE organizations SET approval = 'approved', version = version + 1 WHERE id = \(s.bind(organization))")
                    }
                    try await transaction.record(organization: organization, listing: nil, .approved, reason: nil,
                                                 note: "approved with its first listing \(ref)", actor: actor, at: stamp)
                default: break
                }
                try await transaction.execute { s in
                    s.append("""
                        UPDATE opportunities SET approval = 'approved', updated_at = \(s.bind(stamp)), version = version + 1
                        WHERE id = \(s.bind(listing))
                        """)
                }
                try await transaction.record(organization: organization, listing: listing, .approved, reason: nil, note: note,
                                             actor: actor, at: stamp)
                try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "approve_listing", student: nil, detail: ref)
            }
        }
    }

    public func decline(_ ref: String, reason: DeclineReason, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws -> TakeDownSummary {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        if reason == .other, (note ?? "").allSatisfy(\.isWhitespace) {
            throw CatalogueError.invalid("the reason other needs a note saying what")
        }
        return try await write { transaction in
            let stamp = Timestamp.string(now)
            let row = try await transaction.reviewedRow(ref: ref, expectedVersion: expectedVersion, actor: actor)
            guard try ListingRecords.known(row, "approval") != Approval.declined else { throw CatalogueError.refused("\(ref) is already declined") }
            let listing: Int64 = try ListingRecords.value(row, "id")
            try await transaction.execute { s in
                s.append("""
                    UPDATE opportunities SET approval = 'declined', updated_at = \(s.bind(stamp)), version = version + 1
                    WHERE id = \(s.bind(listing))
                    """)
            }
            try await transaction.record(organization: try ListingRecords.value(row, "organization_id"), listing: listing, .declined,
                                         reason: reason, note: note, actor: actor, at: stamp)
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "decline_listing", student: nil,
                                        detail: "\(ref): \(reason.rawValue)")
            return try await transaction.takeDown(listing: listing, reason: reason == .other ? (note ?? reason.label) : reason.label,
                                                  enteredBy: actor.username, at: stamp)
        }
    }

    public func resubmit(_ ref: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        try await write { transaction in
            let stamp = Timestamp.string(now)
            let row = try await transaction.reviewedRow(ref: ref, expectedVersion: expectedVersion, actor: actor)
            guard try ListingRecords.known(row, "approval") == Approval.declined else {
                let approval: String = try ListingRecords.value(row, "approval")
                throw CatalogueError.refused("only a declined listing can be resubmitted; \(ref) is \(approval)")
            }
            guard !(try ListingRecords.value(row, "resubmitted") as Bool) else {
                throw CatalogueError.refused("\(ref) has already been resubmitted once; post it as a new listing")
            }
            let listing: Int64 = try ListingRecords.value(row, "id")
            try await transaction.execute { s in
                s.append("""
                    UPDATE opportunities SET approval = 'pending', resubmitted = true, updated_at = \(s.bind(stamp)), version = version + 1
                    WHERE id = \(s.bind(listing))
                    """)
            }
            try await transaction.record(organization: try ListingRecords.value(row, "organization_id"), listing: listing, .resubmitted,
                                         reason: nil, note: note, actor: actor, at: stamp)
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "resubmit_listing", student: nil, detail: ref)
        }
    }

    public func approveOrganization(_ name: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        try await write { transaction in
            let row = try await transaction.reviewedOrganization(name, expectedVersion: expectedVersion, actor: actor)
            let id: Int64 = try ListingRecords.value(row, "id", table: "organizations")
            guard (try ListingRecords.value(row, "approval", table: "organizations") as String) != Approval.approved.rawValue else {
                throw CatalogueError.refused("\(name) is already approved")
            }
            try await transaction.execute { s in
                s.append("UPDATE organizations SET approval = 'approved', version = version + 1 WHERE id = \(s.bind(id))")
            }
            try await transaction.record(organization: id, listing: nil, .approved, reason: nil, note: note, actor: actor,
                                         at: Timestamp.string(now))
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "approve_organization", student: nil, detail: name)
        }
    }

    public func declineOrganization(_ name: String, reason: DeclineReason, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        if reason == .other, (note ?? "").allSatisfy(\.isWhitespace) {
            throw CatalogueError.invalid("the reason other needs a note saying what")
        }
        try await write { transaction in
            let stamp = Timestamp.string(now)
            let row = try await transaction.reviewedOrganization(name, expectedVersion: expectedVersion, actor: actor)
            let id: Int64 = try ListingRecords.value(row, "id", table: "organizations")
            guard (try ListingRecords.value(row, "approval", table: "organizations") as String) != Approval.declined.rawValue else {
                throw CatalogueError.refused("\(name) is already declined")
            }
            try await transaction.execute { s in
                s.append("UPDATE organizations SET approval = 'declined', trusted = false, version = version + 1 WHERE id = \(s.bind(id))")
            }
            try await transaction.record(organization: id, listing: nil, .declined, reason: reason, note: note, actor: actor, at: stamp)
            let pending = try await transaction.rows { s in
                s.append("""
                    SELECT id FROM opportunities WHERE organization_id = \(s.bind(id)) AND approval = 'pending' ORDER BY id FOR UPDATE
                    """)
            }.map { try ListingRecords.value($0, "id") as Int64 }
            for listing in pending {
                try await transaction.execute { s in
                    s.append("""
                        UPDATE opportunities SET approval = 'declined', updated_at = \(s.bind(stamp)), version = version + 1
                        WHERE id = \(s.bind(listing))
                        """)
                }
                try await transaction.record(organization: id, listing: listing, .declined, reason: reason, note: note, actor: actor, at: stamp)
            }
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "decline_organization", student: nil,
                                        detail: "\(name): \(reason.rawValue)")
        }
    }

    public func trustOrganization(_ name: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        let note = try StoredText.note.check(note.flatMap { $0.isEmpty ? nil : $0 })
        // Trust approves listings unseen, so it is an admin's, even from a console opened for review.
        try await write(for: .trustOrganizations) { transaction in
            let row = try await transaction.reviewedOrganization(name, expectedVersion: expectedVersion, actor: actor)
            let id: Int64 = try ListingRecords.value(row, "id", table: "organizations")
            guard !(try ListingRecords.value(row, "trusted", table: "organizations") as Bool) else {
                throw CatalogueError.refused("\(name) is already trusted")
            }
            guard try ListingRecords.known(row, "approval", table: "organizations") != Approval.declined else {
                throw CatalogueError.refused("\(name) was declined; approve it before trusting it")
            }
            try await transaction.execute { s in
                s.append("UPDATE organizations SET approval = 'approved', trusted = true, version = version + 1 WHERE id = \(s.bind(id))")
            }
            try await transaction.record(organization: id, listing: nil, .trusted, reason: nil, note: note, actor: actor,
                                         at: Timestamp.string(now))
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "trust_organization", student: nil, detail: name)
        }
    }

    public func decisions(forListing ref: String) async throws -> [PostingDecision] {
        try await read { transaction in
            try await transaction.decisions(listing: try await transaction.listingID(ref: ref))
        }
    }

    public func decisions(forOrganization name: String) async throws -> [PostingDecision] {
        try await read { transaction in
            try await transaction.decisions(organization: try await transaction.organizationID(existing: name))
        }
    }

    public func flags(forListing ref: String) async throws -> [ListingFlag] {
        try await read { transaction in
            let id = try await transaction.listingID(ref: ref)
            return try await transaction.flags(listing: id, settings: try await transaction.reviewSettings())
        }
    }

    public func closeListing(ref: String, expectedVersion: Int, by actor: Actor, now: Date) async throws -> ExpirySummary {
        try Self.requireStaff(actor, "close listings")
        return try await write { transaction in
            let current = try await transaction.openedListing(ref: ref, expectedVersion: expectedVersion)
            guard current.status.canMove(to: .closed) else {
                throw CatalogueError.refused("\(ref) is \(current.status.rawValue); only an open listing can be closed")
            }
            let expired = try await transaction.close(listing: try current.id.readBack("listing \(ref)"), note: "the listing was closed",
                                                      enteredBy: actor.username, at: Timestamp.string(now))
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "close_listing", student: nil,
                                        detail: "\(ref): \(expired) waiting application\(expired == 1 ? "" : "s") expired")
            return ExpirySummary(listingsClosed: 1, applicationsExpired: expired)
        }
    }

    public func archiveListing(ref: String, expectedVersion: Int, by actor: Actor, now: Date) async throws {
        try Self.requireStaff(actor, "archive listings")
        try await write { transaction in
            let current = try await transaction.openedListing(ref: ref, expectedVersion: expectedVersion)
            guard current.status.canMove(to: .archived) else {
                throw CatalogueError.refused(current.status == .open
                    ? "\(ref) is open; close it first, so that the applications waiting on it expire"
                    : "\(ref) is already archived")
            }
            try await transaction.execute { s in
                s.append("""
                    UPDATE opportunities SET status = 'archived', updated_at = \(s.bind(Timestamp.string(now))), version = version + 1
                    WHERE id = \(s.bind(int: current.id))
                    """)
            }
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "archive_listing", student: nil, detail: ref)
        }
    }

    public func closeExpired(now: Date) async throws -> ExpirySummary {
        let today = CalendarDay(now).description
        // Most runs find nothing: ask in a read first, so that a start-up check never locks a
        // row, and never counts as a change made for a student (`--user`).
        let due = try await read { transaction in
            try await transaction.rows { s in
                s.append("SELECT 1 FROM opportunities WHERE status = 'open' AND deadline < \(s.bind(today)) LIMIT 1")
            }.count == 1
        }
        guard due else { return ExpirySummary() }
        // The system's work, as SQLite's pass writes it: not the staff member's (no role check)
        // nor the student's a staff member acts for (no "changed as student" row).
        return try await lane.run { session in
            try await session.execute("BEGIN")
            do {
                let transaction = PostgresTransaction(session: session, acting: nil)
                let stamp = Timestamp.string(now)
                let listings = try await transaction.rows { s in
                    s.append("SELECT id FROM opportunities WHERE status = 'open' AND deadline < \(s.bind(today)) ORDER BY id FOR UPDATE")
                }.map { try ListingRecords.value($0, "id") as Int64 }
                var summary = ExpirySummary()
                for listing in listings {
                    summary.applicationsExpired += try await transaction.close(listing: listing, note: "the listing closed at its deadline",
                                                                               enteredBy: nil, at: stamp)
                    summary.listingsClosed += 1
                }
                try await session.execute("COMMIT")
                return summary
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
        }
    }

    public func createListing(_ draft: ListingDraft, by actor: Actor, now: Date) async throws -> Opportunity {
        try Self.requireStaff(actor, "create listings")
        try draft.validate()
        return try await write { transaction in
            let stamp = Timestamp.string(now)
            let organization = try await transaction.organizationID(named: draft.organization, now: now)
            var ref: String, id: Int64?, approved = false
            repeat {
                if let given = draft.ref {
                    if try await transaction.refExists(given) { throw ListingDraftError(.ref, .refTaken(given)) }
                    ref = given
                } else {
                    ref = try await transaction.unusedRef(for: draft)
                }
                let listing = draft.opportunity(ref: ref, status: .open, postedAt: stamp)
                // A trusted organization's listing is approved on arrival unless a flag is raised on it.
                approved = false
                if try await transaction.isTrusted(organization: organization) {
                    approved = try await transaction.approvesOnArrival(listing, organization: organization)
                }
                // Nil when another writer took the ref since it was looked at: look again (a
                // given ref is then refused as taken; a made one is numbered past it).
                id = try await transaction.writeOpportunity(listing, replacing: nil, approval: approved ? .approved : .pending, now: now)
            } while id == nil
            guard let id else { throw CatalogueError.lostWrite("listing \(ref)") }
            if approved {
                try await transaction.record(organization: organization, listing: id, .approved, reason: nil, note: "trusted organization",
                                             actor: .system, at: stamp)
            }
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "create_listing", student: nil, detail: ref)
            return try await transaction.opportunity(id: id).readBack("listing \(ref)")
        }
    }

    public func updateListing(ref: String, _ draft: ListingDraft, expectedVersion: Int, by actor: Actor, now: Date) async throws -> Opportunity {
        try Self.requireStaff(actor, "edit listings")
        if let given = draft.ref, !given.utf8.elementsEqual(ref.utf8) { throw ListingDraftError(.ref, .refChanged(from: ref)) }
        try draft.validate()
        return try await write { transaction in
            let current = try await transaction.openedListing(ref: ref, expectedVersion: expectedVersion)
            guard current.status != .archived else { throw CatalogueError.refused("\(ref) is archived; an archived listing is not edited") }
            var edited = draft
            edited.ref = ref
            guard !ListingDraft(current).storesLike(edited) else { return current }
            // An existing listing keeps its approval: the one given here is for new listings only.
            let id = try await transaction.writeOpportunity(edited.opportunity(ref: ref, status: current.status, postedAt: current.postedAt),
                                                            replacing: current.id.readBack("listing \(ref)"), approval: .pending, now: now)
                .readBack("listing \(ref)")
            try await transaction.audit(by: actor.username, role: actor.role.rawValue, action: "edit_listing", student: nil, detail: ref)
            return try await transaction.opportunity(id: id).readBack("listing \(ref)")
        }
    }

    private static func requireStaff(_ actor: Actor, _ what: String) throws {
        guard actor.role == .staff else { throw CatalogueError.notPermitted("only staff \(what)") }
    }
}
