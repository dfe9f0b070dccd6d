import Foundation
import PostgresNIO
import TernStore

/// Listings written by review and the staff forms inside a ``PostgresTransaction``, as the
/// SQLite catalogue writes them (`upsertOpportunity`, `close`, `takeDown`). Schema v3's word
/// table follows every write by its triggers (``ListingSearchV3``), in the same transaction.
extension PostgresTransaction {
    /// Applications still waiting on a listing when it closes: the ones the system may expire.
    static let expirableStatuses: [ApplicationStatus] = [.submitted, .underReview, .shortlisted, .offered]

    // MARK: Reading a listing back

    static let opportunitySQL = """
        SELECT o.id, o.ref, o.title, org.name AS organization, o.field, o.brief, o.hours, o.duration_days, o.schedule,
               o.starts_on, o.deadline, o.compensation_kind, o.compensation_cents, o.currency, o.location_kind, o.city,
               o.spots, o.status, o.posted_at, o.version,
               ARRAY(SELECT d.description FROM opportunity_deliverables d WHERE d.opportunity_id = o.id ORDER BY d.position) AS deliverables,
               ARRAY(SELECT s.name FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
                     WHERE os.opportunity_id = o.id ORDER BY tern_nocase(s.name) COLLATE "C") AS skills
        FROM opportunities o JOIN organizations org ON org.id = o.organization_id
        """

    /// One listing, whole, by id or by ref; `locking` takes its row's lock (not its
    /// organization's) for the rest of the transaction.
    func opportunity(id: Int64? = nil, ref: String? = nil, locking: Bool = false) async throws -> Opportunity? {
        let rows = try await rows { s in
            s.append(Self.opportunitySQL)
            if let id { s.append(" WHERE o.id = \(s.bind(id))") }
            if let ref { s.append(" WHERE o.ref = \(s.bind(ref))") }
            if locking { s.append(" FOR UPDATE OF o") }
        }
        return try rows.first.map(ListingRecords.opportunity)
    }

    /// The listing as it stands, locked, if it is still the version the form opened.
    func openedListing(ref: String, expectedVersion: Int) async throws -> Opportunity {
        guard let current = try await opportunity(ref: ref, locking: true) else {
            throw CatalogueError.notFound("no listing with the ref \(ref)")
        }
        guard current.version == expectedVersion else {
            throw CatalogueError.listingChangedSinceOpened(ref: ref, now: current.status)
        }
        return current
    }

    func refExists(_ ref: String) async throws -> Bool {
        try await rows { s in s.append("SELECT 1 FROM opportunities WHERE ref = \(s.bind(ref))") }.count == 1
    }

    /// A ref made from the draft's organization and title, numbered past the ones taken.
    func unusedRef(for draft: ListingDraft) async throws -> String {
        let base = ListingRef.base(organization: draft.organization, title: draft.title)
        var n = 1
        while try await refExists(ListingRef.candidate(base, n)) { n += 1 }
        return ListingRef.candidate(base, n)
    }

    // MARK: Organizations and skills

    /// Finds an organization by name (letter case aside), creating an unverified, pending
    /// company when new. Two writers creating the same one at once both end with the one row.
    func organizationID(named name: String, now: Date) async throws -> Int64 {
        let found = try await rows { s in
            s.append("SELECT id FROM organizations WHERE tern_nocase(name) = tern_nocase(\(s.bind(name)))")
        }
        if let row = found.first { return try ListingRecords.value(row, "id", table: "organizations") }
        let inserted = try await rows { s in
            s.append("""
                INSERT INTO organizations(name, kind, website, contact_email, description, verified, approval, trusted, created_at)
                VALUES (\(s.bind(name)), 'company', NULL, NULL, '', false, 'pending', false, \(s.bind(Timestamp.string(now))))
                ON CONFLICT (tern_nocase(name)) DO NOTHING RETURNING id
                """)
        }
        if let row = inserted.first { return try ListingRecords.value(row, "id", table: "organizations") }
        return try await organizationID(existing: name)
    }

    // MARK: Writing a listing

    /// Writes a listing as SQLite's `upsertOpportunity` does: over the listing `replacing` (its
    /// row locked by the caller), which keeps its approval, or as a new one with `approval`.
    /// A new listing whose ref another writer took meanwhile is not written: nil. (SQLite's
    /// upsert finds the listing by ref; here that would let a form creating a listing overwrite
    /// one another writer committed under the same ref a moment before.)
    func writeOpportunity(_ opp: Opportunity, replacing existing: Int64?, approval: Approval, now: Date) async throws -> Int64? {
        let organization = try await organizationID(named: opp.organization, now: now)
        let stamp = Timestamp.string(now)
        let id: Int64
        if let existing {
            id = existing
            try await execute { s in
                s.append("""
                    UPDATE opportunities SET ref = \(s.bind(opp.ref)), organization_id = \(s.bind(organization)), title = \(s.bind(opp.title)),
                        field = \(s.bind(opp.field.rawValue)), brief = \(s.bind(opp.brief)), hours = \(s.bind(Int64(opp.hours))),
                        duration_days = \(s.bind(Int64(opp.durationDays))), schedule = \(s.bind(opp.schedule.rawValue)),
                        starts_on = \(s.bind(text: opp.startsOn?.description)), deadline = \(s.bind(opp.deadline.description)),
                        compensation_kind = \(s.bind(opp.compensationKind.rawValue)),
                        compensation_cents = \(s.bind(int: opp.compensation.map { Int64($0.cents) })),
                        currency = \(s.bind(text: opp.compensation?.currency)), hourly_cents = \(s.bind(Int64(opp.hourlyCents))),
                        location_kind = \(s.bind(opp.locationKind.rawValue)), city = \(s.bind(text: opp.city)),
                        spots = \(s.bind(Int64(opp.spots))), status = \(s.bind(opp.status.rawValue)), posted_at = \(s.bind(opp.postedAt)),
                        updated_at = \(s.bind(stamp)), version = version + 1
                    WHERE id = \(s.bind(id))
                    """)
            }
            try await execute { s in s.append("DELETE FROM opportunity_deliverables WHERE opportunity_id = \(s.bind(id))") }
            try await execute { s in s.append("DELETE FROM opportunity_skills WHERE opportunity_id = \(s.bind(id))") }
        } else {
            let inserted = try await rows { s in
                s.append("""
                    INSERT INTO opportunities(ref, organization_id, title, field, brief, hours, duration_days, schedule,
                        starts_on, deadline, compensation_kind, compensation_cents, currency, hourly_cents, location_kind,
                        city, spots, status, posted_at, updated_at, approval)
                    VALUES (\(s.bind(opp.ref)), \(s.bind(organization)), \(s.bind(opp.title)), \(s.bind(opp.field.rawValue)),
                        \(s.bind(opp.brief)), \(s.bind(Int64(opp.hours))), \(s.bind(Int64(opp.durationDays))), \(s.bind(opp.schedule.rawValue)),
                        \(s.bind(text: opp.startsOn?.description)), \(s.bind(opp.deadline.description)),
                        \(s.bind(opp.compensationKind.rawValue)), \(s.bind(int: opp.compensation.map { Int64($0.cents) })),
                        \(s.bind(text: opp.compensation?.currency)), \(s.bind(Int64(opp.hourlyCents))), \(s.bind(opp.locationKind.rawValue)),
                        \(s.bind(text: opp.city)), \(s.bind(Int64(opp.spots))), \(s.bind(opp.status.rawValue)), \(s.bind(opp.postedAt)),
                        \(s.bind(stamp)), \(s.bind(approval.rawValue)))
                    ON CONFLICT (ref) DO NOTHING RETURNING id
                    """)
            }
            guard let row = inserted.first else { return nil }
            id = try ListingRecords.value(row, "id")
        }
        for (position, deliverable) in opp.deliverables.enumerated() {
            try await execute { s in
                s.append("""
                    INSERT INTO opportunity_deliverables(opportunity_id, position, description)
                    VALUES (\(s.bind(id)), \(s.bind(Int64(position + 1))), \(s.bind(deliverable)))
                    """)
            }
        }
        var seen = Set<String>()
        for skill in opp.skills where seen.insert(skill.lowercased()).inserted {
            let skillID = try await skillID(named: skill)
            try await execute { s in
                s.append("INSERT INTO opportunity_skills(opportunity_id, skill_id) VALUES (\(s.bind(id)), \(s.bind(skillID)))")
            }
        }
        return id
    }

    // MARK: Trust

    /// Whether the organization's new listings are approved on arrival: trusted, which only an
    /// approved organization can be.
    func isTrusted(organization id: Int64) async throws -> Bool {
        try await rows { s in
            s.append("SELECT 1 FROM organizations WHERE id = \(s.bind(id)) AND trusted AND approval = 'approved'")
        }.count == 1
    }

    /// Whether a trusted organization's new listing is approved on arrival: unless a flag is
    /// raised on it (trust skips the review, never the flags). Judged before the listing is
    /// written, from the same facts ``flags(listing:settings:)`` reads, so that it is written
    /// once with its approval: SQLite writes it approved and sets it back to pending, which on
    /// PostgreSQL would move its version on (the schema's version trigger) where SQLite's stays 1.
    func approvesOnArrival(_ opp: Opportunity, organization: Int64) async throws -> Bool {
        let settings = try await reviewSettings()
        let rows = try await rows { s in
            s.append("""
                SELECT \(s.bind(opp.title)) AS flag_title, \(s.bind(Int64(opp.hours))) AS flag_hours,
                       \(s.bind(opp.compensationKind.rawValue)) AS flag_kind, \(s.bind(text: opp.compensation?.currency)) AS flag_currency,
                       \(s.bind(Int64(opp.hourlyCents))) AS flag_hourly_cents, org.website AS flag_website,
                       org.contact_email AS flag_contact_email,
                       (SELECT other.ref FROM opportunities other
                        WHERE other.organization_id = org.id AND other.ref <> \(s.bind(opp.ref))
                          AND tern_nocase(other.title) = tern_nocase(\(s.bind(opp.title)))
                        ORDER BY other.id LIMIT 1) AS flag_duplicate_ref
                FROM organizations org WHERE org.id = \(s.bind(organization))
                """)
        }
        guard let row = rows.first else { return false }
        return try Self.flags(row, settings: settings).isEmpty
    }

    // MARK: Closing and taking down

    /// Closes one listing and expires the applications still waiting on it, each with an event
    /// by `system` saying why; `enteredBy` names the staff member who closed it by hand. Returns
    /// how many expired.
    func close(listing: Int64, note: String, enteredBy: String?, at stamp: String) async throws -> Int {
        try await execute { s in
            s.append("""
                UPDATE opportunities SET status = 'closed', updated_at = \(s.bind(stamp)), version = version + 1
                WHERE id = \(s.bind(listing))
                """)
        }
        let waiting = try await waitingApplications(listing: listing)
        for (id, status) in waiting {
            try await execute { s in
                s.append("""
                    UPDATE applications SET status = 'expired', updated_at = \(s.bind(stamp)), version = version + 1
                    WHERE id = \(s.bind(id))
                    """)
            }
            try await appendEvent(application: id, actor: .system, from: status, to: .expired, note: note, visibility: .shared,
                                  at: stamp, enteredBy: enteredBy)
        }
        return waiting.count
    }

    /// A declined listing's applications: those still waiting on the organization end as
    /// `expired`, each with an event by `system` naming the staff member and the reason, shared
    /// with the student, who also reads it as the status's reason. Work under way is only counted.
    func takeDown(listing: Int64, reason: String, enteredBy: String, at stamp: String) async throws -> TakeDownSummary {
        let note = "listing taken down: \(reason)"
        let waiting = try await waitingApplications(listing: listing)
        for (id, status) in waiting {
            try await execute { s in
                s.append("""
                    UPDATE applications SET status = 'expired', status_reason = \(s.bind(note)), status_reason_code = NULL,
                        updated_at = \(s.bind(stamp)), version = version + 1
                    WHERE id = \(s.bind(id))
                    """)
            }
            try await appendEvent(application: id, actor: .system, from: status, to: .expired, note: note, visibility: .shared,
                                  at: stamp, enteredBy: enteredBy)
        }
        let working = try await integer { s in
            s.append("""
                SELECT count(*) FROM applications WHERE opportunity_id = \(s.bind(listing))
                AND status = ANY(\(s.bind(ApplicationStatus.workUnderWay.map(\.rawValue))))
                """)
        }
        return TakeDownSummary(applicationsExpired: waiting.count, workUnderWay: working)
    }

    /// The applications the system may expire on one listing, locked, by id.
    private func waitingApplications(listing: Int64) async throws -> [(id: Int64, status: ApplicationStatus)] {
        try await rows { s in
            s.append("""
                SELECT id, status FROM applications WHERE opportunity_id = \(s.bind(listing))
                AND status = ANY(\(s.bind(Self.expirableStatuses.map(\.rawValue)))) ORDER BY id FOR UPDATE
                """)
        }.map { row in
            (try ListingRecords.value(row, "id", table: "applications"), try ListingRecords.known(row, "status", table: "applications"))
        }
    }
}
