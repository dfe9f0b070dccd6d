import Foundation
import TernStore

/// ``TriageStore`` on PostgreSQL: the same answers as the SQLite catalogue's.
extension PostgresCatalogue {
    /// How long opening an application claims it (the SQLite catalogue's `claimDuration`).
    static let claimDuration: TimeInterval = 5 * 60

    public func triageSession(for access: Authorization) async throws -> TriageSession {
        let login = access.principal.account.displayName
        let name: String? = try await read { transaction in
            try await transaction.rows { s in s.append("SELECT name FROM staff WHERE username = \(s.bind(login))") }
                .first.map { try ListingRecords.value($0, "name", table: "staff") }
        }
        return TriageSession(username: login, name: name ?? login, auditRole: access.principal.auditRole)
    }

    public func triageQueue(_ filter: TriageFilter, after cursor: TriageCursor?, order: TriageOrder, limit: Int, offerWaitDays: Int?, viewer: String?, now: Date) async throws -> TriagePage {
        let limit = max(1, min(limit, 1_000))
        return try await read { transaction in
            let offerDays = try await transaction.offerWaitDays(given: offerWaitDays)
            let statuses = filter.statuses.isEmpty ? TriageFilter.needingAction : filter.statuses
            let offerCutoff = filter.statuses.isEmpty ? offerDays : nil
            var keys: [TriageCursor] = []
            if TriageQueueSQL.walksByStatus(filter) {
                for status in statuses {
                    keys += try await transaction.queueKeys(statuses: [status], filter: filter, offerWaitDays: offerCutoff,
                                                            after: cursor, order: order, limit: limit + 1, now: now)
                }
                keys.sort { order == .oldestFirst ? ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) : ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
            } else {
                keys = try await transaction.queueKeys(statuses: statuses, filter: filter, offerWaitDays: offerCutoff,
                                                       after: cursor, order: order, limit: limit + 1, now: now)
            }
            let pageKeys = Array(keys.prefix(limit))
            let rows = try await transaction.queueRows(ids: pageKeys.map(\.id), order: order, viewer: viewer, now: now)
            return TriagePage(rows: rows, next: keys.count > limit ? pageKeys.last : nil)
        }
    }

    public func triageCount(_ filter: TriageFilter, offerWaitDays: Int?, now: Date) async throws -> [ApplicationStatus: Int] {
        try await read { transaction in
            let offerDays = try await transaction.offerWaitDays(given: offerWaitDays)
            let offerCutoff = filter.statuses.isEmpty ? offerDays : nil
            var counts: [ApplicationStatus: Int] = [:]
            for status in filter.statuses.isEmpty ? TriageFilter.needingAction : filter.statuses {
                counts[status] = try await transaction.queueCount(statuses: [status], filter: filter, offerWaitDays: offerCutoff, now: now)
            }
            return counts
        }
    }

    public func triageShown(_ ids: [Int64], filter: TriageFilter, offerWaitDays: Int?, now: Date) async throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return try await read { transaction in
            let offerDays = try await transaction.offerWaitDays(given: offerWaitDays)
            let statuses = filter.statuses.isEmpty ? TriageFilter.needingAction : filter.statuses
            return try await transaction.queueShown(ids, statuses: statuses, filter: filter,
                                                    offerWaitDays: filter.statuses.isEmpty ? offerDays : nil, now: now)
        }
    }

    /// Opening an application claims it for a few minutes, unless someone else's claim still
    /// lasts; returns whoever holds it now. One statement decides, so two openers never both win.
    public func claim(_ applicationID: Int64, session: TriageSession, now: Date) async throws -> Claim {
        try await write { transaction in
            _ = try await transaction.applicationVisible(applicationID, to: session.actor)
            let stamp = Timestamp.string(now)
            let expires = Timestamp.string(now.addingTimeInterval(Self.claimDuration))
            try await transaction.execute { s in
                s.append("""
                    INSERT INTO triage_claims(application_id, staff_username, staff_name, claimed_at, expires_at)
                    VALUES (\(s.bind(applicationID)), \(s.bind(session.username)), \(s.bind(session.name)), \(s.bind(stamp)), \(s.bind(expires)))
                    ON CONFLICT (application_id) DO UPDATE SET staff_username = excluded.staff_username, staff_name = excluded.staff_name,
                        claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
                    WHERE triage_claims.expires_at <= excluded.claimed_at OR triage_claims.staff_username = excluded.staff_username
                    """)
            }
            return try await transaction.claimHeld(on: applicationID).readBack("the claim on application \(applicationID)")
        }
    }

    public func claim(on applicationID: Int64, now: Date) async throws -> Claim? {
        try await read { transaction in
            try await transaction.claimHeld(on: applicationID).flatMap { $0.expiresAt > Timestamp.string(now) ? $0 : nil }
        }
    }

    public func release(_ applicationID: Int64, session: TriageSession) async throws {
        try await write { transaction in
            try await transaction.execute { s in
                s.append("DELETE FROM triage_claims WHERE application_id = \(s.bind(applicationID)) AND staff_username = \(s.bind(session.username))")
            }
        }
    }

    public func addNote(_ applicationID: Int64, by actor: Actor, note: String, visibility: Visibility, now: Date) async throws {
        guard actor.role != .student || visibility == .shared else {
            throw CatalogueError.notPermitted("students cannot write staff-only notes")
        }
        try StoredText.note.check(note)
        try await write { transaction in
            _ = try await transaction.applicationVisible(applicationID, to: actor)
            try await transaction.appendEvent(application: applicationID, actor: actor, from: nil, to: nil, note: note,
                                              visibility: visibility, at: Timestamp.string(now))
        }
    }

    /// Records an organization's decision as the organization's own event, entered by a named
    /// staff member.
    public func recordForOrganization(_ applicationID: Int64, to next: ApplicationStatus, expectedVersion: Int, session: TriageSession, reason: RejectionReason?, now: Date) async throws -> Application {
        if next == .rejected, reason == nil { throw CatalogueError.invalid("rejecting needs a reason") }
        return try await write { transaction in
            let current = try await transaction.applicationVisible(applicationID, to: session.actor, locking: true)
            guard current.version == expectedVersion else {
                throw CatalogueError.changedSinceOpened(application: applicationID, now: current.status)
            }
            let organization = try await transaction.organizationBehind(application: applicationID)
            return try await transaction.moveApplication(applicationID, to: next, by: Actor(role: .organization, username: organization),
                                                         expectedVersion: expectedVersion, note: next == .rejected ? reason?.text : nil,
                                                         reason: reason, enteredBy: session.username, at: Timestamp.string(now))
        }
    }

    public func recordOrganizationFeedback(_ applicationID: Int64, rating: Int, strengths: String?, improvements: String?, comment: String?, skills: [String], session: TriageSession, now: Date) async throws -> Feedback {
        try await recordFeedbackForOrganization(applicationID, rating: rating, strengths: strengths, improvements: improvements,
                                                comment: comment, skills: skills, session: session, now: now)
    }

    public func studentRecord(_ username: String, session: TriageSession, now: Date) async throws -> StudentRecord {
        try await readStudentRecord(username, session: session)
    }

    public func triageViews(session: TriageSession) async throws -> [TriageView] {
        try await read { transaction in
            try await transaction.rows { s in
                s.append("SELECT name, pattern FROM triage_views WHERE staff_username = \(s.bind(session.username)) ORDER BY name COLLATE \"C\"")
            }.map { TriageView(name: try ListingRecords.value($0, "name", table: "triage_views"),
                               pattern: try ListingRecords.value($0, "pattern", table: "triage_views")) }
        }
    }

    /// Saves (or replaces) a named view; the pattern is parsed first, so a saved view always opens.
    public func saveTriageView(_ name: String, pattern: String, session: TriageSession, now: Date) async throws {
        try StoredText.savedSearchName.check(name)
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw CatalogueError.invalid("a view needs a name") }
        _ = try TriageFilter(pattern: pattern)
        try await write { transaction in
            try await transaction.execute { s in
                s.append("""
                    INSERT INTO triage_views(staff_username, name, pattern, created_at)
                    VALUES (\(s.bind(session.username)), \(s.bind(name)), \(s.bind(pattern)), \(s.bind(Timestamp.string(now))))
                    ON CONFLICT (staff_username, name) DO UPDATE SET pattern = excluded.pattern
                    """)
            }
        }
    }

    public func deleteTriageView(_ name: String, session: TriageSession) async throws {
        try await write { transaction in
            let deleted = try await transaction.changed { s in
                s.append("DELETE FROM triage_views WHERE staff_username = \(s.bind(session.username)) AND name = \(s.bind(name)) RETURNING 1")
            }
            guard deleted == 1 else { throw CatalogueError.notFound("view \(name)") }
        }
    }

    public func placementReport(since: Date?, now: Date) async throws -> PlacementReport {
        try await readPlacementReport(since: since, now: now)
    }

    /// Read from the declined listings (few), never by walking the applications.
    public func takenDownWithWorkUnderWay() async throws -> Int {
        try await read { transaction in
            try await transaction.integer { s in
                s.append("""
                    SELECT count(*) FROM opportunities o JOIN applications a ON a.opportunity_id = o.id
                    WHERE o.approval = 'declined' AND a.status = ANY(\(s.bind(ApplicationStatus.workUnderWay.map(\.rawValue))))
                    """)
            }
        }
    }

    /// One audit row for a disclosure from the staff console, in a short write of its own,
    /// before the records are shown: a disclosure that cannot be recorded does not happen.
    public func recordDisclosure(_ action: AuditedAction, session: TriageSession, student: String?, detail: String?) async throws {
        try await write(for: .readStudentRecord) { transaction in
            try await transaction.audit(by: session.username, role: session.auditRole, action: action.rawValue, student: student, detail: detail)
        }
    }

}

extension PostgresTransaction {
    /// The claim on an application, lasting or not.
    func claimHeld(on applicationID: Int64) async throws -> Claim? {
        try await rows { s in
            s.append("SELECT staff_username, staff_name, expires_at FROM triage_claims WHERE application_id = \(s.bind(applicationID))")
        }.first.map {
            let table = "triage_claims"
            return Claim(applicationID: applicationID, staffUsername: try ListingRecords.value($0, "staff_username", table: table),
                         staffName: try ListingRecords.value($0, "staff_name", table: table),
                         expiresAt: try ListingRecords.value($0, "expires_at", table: table))
        }
    }

    /// The name of the organization behind an application's listing.
    func organizationBehind(application applicationID: Int64) async throws -> String {
        try await rows { s in
            s.append("""
                SELECT org.name FROM applications a JOIN opportunities o ON o.id = a.opportunity_id
                JOIN organizations org ON org.id = o.organization_id WHERE a.id = \(s.bind(applicationID))
                """)
        }.first.map { try ListingRecords.value($0, "name", table: "organizations") } ?? "organization"
    }
}
