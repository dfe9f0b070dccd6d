import Foundation
import PostgresNIO
import TernStore

/// What review reads inside a ``PostgresTransaction``, as the SQLite catalogue reads it
/// (`Catalogue+Approval`, `+Organizations`, `+ReviewConflict`): the review settings, a listing's
/// flags, decisions, and why a decision made on an older version is refused.
extension PostgresTransaction {
    // MARK: Settings

    /// The pay floor (hundredths of the home currency per hour) and the unpaid hours limit; a
    /// value missing or unreadable reads as its default, as on SQLite; and the home currency.
    struct ReviewSettings {
        var payFloorCents = 1_500
        var unpaidMaxHours = 10
        var homeCurrency = "USD"
    }

    func reviewSettings() async throws -> ReviewSettings {
        var settings = ReviewSettings()
        let rows = try await rows { s in
            s.append("SELECT key, value FROM settings WHERE key IN ('pay_floor_cents', 'unpaid_max_hours', 'home_currency')")
        }
        for row in rows {
            let key: String = try ListingRecords.value(row, "key", table: "settings")
            let value: String = try ListingRecords.value(row, "value", table: "settings")
            switch key {
            case "pay_floor_cents": if let number = Int(value) { settings.payFloorCents = number }
            case "unpaid_max_hours": if let number = Int(value) { settings.unpaidMaxHours = number }
            default: settings.homeCurrency = value
            }
        }
        return settings
    }

    // MARK: Flags

    /// What ``flags(_:settings:)`` reads of one listing (`o`) and its organization (`org`):
    /// the other listing of the same organization with the same title (ASCII letters folded,
    /// as SQLite's `lower` folds them) is found by the same statement.
    static let flagColumns = """
        o.title AS flag_title, o.hours AS flag_hours, o.compensation_kind AS flag_kind, o.currency AS flag_currency,
        o.hourly_cents AS flag_hourly_cents, org.website AS flag_website, org.contact_email AS flag_contact_email,
        (SELECT other.ref FROM opportunities other
         WHERE other.organization_id = o.organization_id AND other.id <> o.id AND tern_nocase(other.title) = tern_nocase(o.title)
         ORDER BY other.id LIMIT 1) AS flag_duplicate_ref
        """

    static func flags(_ row: PostgresRandomAccessRow, settings: ReviewSettings) throws -> [ListingFlag] {
        var flags: [ListingFlag] = []
        let kind: CompensationKind = try ListingRecords.known(row, "flag_kind")
        let hours: Int = try ListingRecords.value(row, "flag_hours")
        let hourlyCents: Int = try ListingRecords.value(row, "flag_hourly_cents")
        if kind.isPaid, let currency = try ListingRecords.value(row, "flag_currency") as String?, currency == settings.homeCurrency,
           hourlyCents < settings.payFloorCents {
            flags.append(.belowPayFloor(hourlyCents: hourlyCents, floorCents: settings.payFloorCents, currency: currency))
        }
        if !kind.isPaid, hours > settings.unpaidMaxHours {
            flags.append(.unpaidOverHours(hours: hours, limit: settings.unpaidMaxHours))
        }
        if let email = try ListingRecords.value(row, "flag_contact_email", table: "organizations") as String?,
           let website = try ListingRecords.value(row, "flag_website", table: "organizations") as String?,
           let mismatch = ContactDomain.mismatch(email: email, website: website), mismatch {
            flags.append(.contactDomainMismatch(email: email, website: website))
        }
        if let other = try ListingRecords.value(row, "flag_duplicate_ref") as String? {
            flags.append(.duplicateTitle(otherRef: other))
        }
        return flags
    }

    /// One listing's flags; none when there is no such listing.
    func flags(listing id: Int64, settings: ReviewSettings) async throws -> [ListingFlag] {
        let rows = try await rows { s in
            s.append("""
                SELECT o.id, \(Self.flagColumns)
                FROM opportunities o JOIN organizations org ON org.id = o.organization_id WHERE o.id = \(s.bind(id))
                """)
        }
        return try rows.first.map { try Self.flags($0, settings: settings) } ?? []
    }

    // MARK: Decisions

    /// The columns ``decision(_:prefix:)`` reads, each named `prefix` + its name: the decision
    /// `d`, its organization `dorg`, its listing's ref from `ref`.
    static func decisionColumns(prefix: String, ref: String) -> String {
        """
        dorg.name AS \(prefix)organization, \(ref) AS \(prefix)ref, d.decision AS \(prefix)decision, d.reason AS \(prefix)reason,
        d.note AS \(prefix)note, d.actor_role AS \(prefix)actor_role, d.actor_username AS \(prefix)actor_username, d.at AS \(prefix)at
        """
    }

    static func decision(_ row: PostgresRandomAccessRow, prefix: String = "") throws -> PostingDecision {
        let table = "posting_decisions"
        return PostingDecision(
            organization: try ListingRecords.value(row, prefix + "organization", table: "organizations"),
            ref: try ListingRecords.value(row, prefix + "ref"),
            decision: try ListingRecords.known(row, prefix + "decision", table: table),
            reason: try ListingRecords.knownIfPresent(row, prefix + "reason", table: table, as: DeclineReason.init(rawValue:)),
            note: try ListingRecords.value(row, prefix + "note", table: table),
            actor: Actor(role: try ListingRecords.known(row, prefix + "actor_role", table: table),
                         username: try ListingRecords.value(row, prefix + "actor_username", table: table)),
            at: try ListingRecords.value(row, prefix + "at", table: table))
    }

    /// The decisions about one listing, or about one organization and its listings, oldest first.
    func decisions(listing: Int64? = nil, organization: Int64? = nil) async throws -> [PostingDecision] {
        try await rows { s in
            s.append("""
                SELECT \(Self.decisionColumns(prefix: "", ref: "o.ref"))
                FROM posting_decisions d JOIN organizations dorg ON dorg.id = d.organization_id
                LEFT JOIN opportunities o ON o.id = d.opportunity_id
                """)
            if let listing { s.append(" WHERE d.opportunity_id = \(s.bind(listing))") }
            if let organization { s.append(" WHERE d.organization_id = \(s.bind(organization))") }
            s.append(" ORDER BY d.id")
        }.map { try Self.decision($0) }
    }

    /// Records one decision (the table is append-only).
    func record(organization: Int64, listing: Int64?, _ decision: PostingDecisionKind, reason: DeclineReason?, note: String?,
                actor: Actor, at stamp: String) async throws {
        try await execute { s in
            s.append("""
                INSERT INTO posting_decisions(organization_id, opportunity_id, decision, reason, note, actor_role, actor_username, at)
                VALUES (\(s.bind(organization)), \(s.bind(int: listing)), \(s.bind(decision.rawValue)), \(s.bind(text: reason?.rawValue)),
                        \(s.bind(text: note)), \(s.bind(actor.role.rawValue)), \(s.bind(actor.username)), \(s.bind(stamp)))
                """)
        }
    }

    // MARK: Finding what a decision is about

    func listingID(ref: String) async throws -> Int64 {
        let rows = try await rows { s in s.append("SELECT id FROM opportunities WHERE ref = \(s.bind(ref))") }
        guard let row = rows.first else { throw CatalogueError.notFound("no listing with the ref \(ref)") }
        return try ListingRecords.value(row, "id")
    }

    /// An organization by its name, letter case aside (SQLite's column is `COLLATE NOCASE`).
    func organizationID(existing name: String) async throws -> Int64 {
        let rows = try await rows { s in
            s.append("SELECT id FROM organizations WHERE tern_nocase(name) = tern_nocase(\(s.bind(name)))")
        }
        guard let row = rows.first else { throw CatalogueError.notFound("no organization named \(name)") }
        return try ListingRecords.value(row, "id", table: "organizations")
    }

    /// The listing a decision is about, locked for the rest of the transaction (with its
    /// organization when `lockingOrganization` says so); refused when `expectedVersion` is given and
    /// the listing has moved on from it (a decision made on what is no longer there is a lost update).
    func reviewedRow(ref: String, expectedVersion: Int?, actor: Actor, lockingOrganization: Bool = false) async throws -> PostgresRandomAccessRow {
        let rows = try await rows { s in
            s.append("""
                SELECT o.id, o.organization_id, o.approval, o.resubmitted, o.version, o.updated_at,
                       org.name AS organization, org.approval AS organization_approval
                FROM opportunities o JOIN organizations org ON org.id = o.organization_id WHERE o.ref = \(s.bind(ref))
                FOR UPDATE OF o\(lockingOrganization ? ", org" : "")
                """)
        }
        guard let row = rows.first else { throw CatalogueError.notFound("no listing with the ref \(ref)") }
        if let expectedVersion, expectedVersion != (try ListingRecords.value(row, "version") as Int) {
            throw CatalogueError.reviewChanged(try await listingConflict(
                listing: try ListingRecords.value(row, "id"), ref: ref, updatedAt: try ListingRecords.value(row, "updated_at"), actor: actor))
        }
        return row
    }

    /// The organization a decision is about, locked; refused when `expectedVersion` is given
    /// and it has moved on from it (decided by someone else, or by you elsewhere, since you looked).
    func reviewedOrganization(_ name: String, expectedVersion: Int?, actor: Actor) async throws -> PostgresRandomAccessRow {
        let rows = try await rows { s in
            s.append("""
                SELECT id, approval, trusted, version FROM organizations WHERE tern_nocase(name) = tern_nocase(\(s.bind(name)))
                FOR UPDATE
                """)
        }
        guard let row = rows.first else { throw CatalogueError.notFound("no organization named \(name)") }
        if let expectedVersion, expectedVersion != (try ListingRecords.value(row, "version", table: "organizations") as Int) {
            throw CatalogueError.reviewChanged(try await organizationConflict(
                organization: try ListingRecords.value(row, "id", table: "organizations"), name: name, actor: actor))
        }
        return row
    }

    // MARK: Conflicts

    /// Why a decision on listing `id` is refused: its latest recorded change (a decision, or an
    /// edit, close or archive in the audit log, whose detail starts with the ref).
    func listingConflict(listing id: Int64, ref: String, updatedAt: String?, actor: Actor) async throws -> ReviewConflict {
        let latest = try await rows { s in
            s.append("""
                SELECT kind, actor, at FROM (
                    SELECT d.decision AS kind, d.actor_username AS actor, d.at AS at, d.id AS seq, 1 AS source
                    FROM posting_decisions d WHERE d.opportunity_id = \(s.bind(id))
                    UNION ALL
                    SELECT l.action, l.actor_username, l.at, l.id, 0 FROM audit_log l
                    WHERE l.action IN ('edit_listing', 'close_listing', 'archive_listing')
                      AND (l.detail = \(s.bind(ref)) OR substr(l.detail, 1, \(s.bind(Int64(ref.unicodeScalars.count + 1)))::integer) = \(s.bind(ref + ":")))
                ) AS changes ORDER BY at COLLATE "C" DESC, source DESC, seq DESC LIMIT 1
                """)
        }.first
        return try Self.conflict(subject: ref, latest: latest, updatedAt: updatedAt, actor: actor)
    }

    /// Why a decision on organization `id` is refused: its latest recorded decision.
    func organizationConflict(organization id: Int64, name: String, actor: Actor) async throws -> ReviewConflict {
        let latest = try await rows { s in
            s.append("""
                SELECT decision AS kind, actor_username AS actor, at FROM posting_decisions
                WHERE organization_id = \(s.bind(id)) AND opportunity_id IS NULL ORDER BY at COLLATE "C" DESC, id DESC LIMIT 1
                """)
        }.first
        return try Self.conflict(subject: name, latest: latest, updatedAt: nil, actor: actor)
    }

    private static func conflict(subject: String, latest: PostgresRandomAccessRow?, updatedAt: String?, actor: Actor) throws -> ReviewConflict {
        let table = "posting_decisions"
        // A later change with nothing on record (a listing closed at its deadline, an import)
        // is reported as a change at that time, by nobody in particular.
        guard let latest, try updatedAt.map({ $0 <= (try ListingRecords.value(latest, "at", table: table) as String) }) ?? true else {
            return ReviewConflict(subject: subject, change: "changed", by: nil, at: updatedAt, isYours: false)
        }
        let kind: String = try ListingRecords.value(latest, "kind", table: table)
        let change: String
        switch kind {
        case "edit_listing": change = "edited"
        case "close_listing": change = "closed"
        case "archive_listing": change = "archived"
        default:
            guard let decision = PostingDecisionKind(rawValue: kind) else {
                throw CatalogueError.damaged(table: table, column: "decision", value: kind, row: nil)
            }
            change = decision.rawValue
        }
        let by: String = try ListingRecords.value(latest, "actor", table: table)
        return ReviewConflict(subject: subject, change: change, by: by, at: try ListingRecords.value(latest, "at", table: table),
                              isYours: by == actor.username && actor.role != .system)
    }
}
