import Foundation
internal import GRDB

extension Catalogue {
    /// Why a decision on listing `id` is refused: its latest recorded change (a decision, or an
    /// edit, close or archive in the audit log, whose detail starts with the ref).
    static func listingConflict(_ db: Database, listing id: Int64, ref: String, updatedAt: String?, actor: Actor) throws -> ReviewConflict {
        let latest = try Row.fetchOne(db, SQLRequest(literal: """
            SELECT kind, actor, at FROM (
                SELECT d.decision AS kind, d.actor_username AS actor, d.at AS at, d.id AS seq, 1 AS source
                FROM posting_decisions d WHERE d.opportunity_id = \(id)
                UNION ALL
                SELECT l.action, l.actor_username, l.at, l.id, 0 FROM audit_log l
                WHERE l.action IN ('edit_listing', 'close_listing', 'archive_listing') AND (l.detail = \(ref) OR substr(l.detail, 1, \(ref.unicodeScalars.count + 1)) = \(ref + ":"))
            ) ORDER BY at DESC, source DESC, seq DESC LIMIT 1
            """))
        return try conflict(subject: ref, latest: latest, updatedAt: updatedAt, actor: actor)
    }

    /// Why a decision on organization `id` is refused: its latest recorded decision.
    static func organizationConflict(_ db: Database, organization id: Int64, name: String, actor: Actor) throws -> ReviewConflict {
        let latest = try Row.fetchOne(db, SQLRequest(literal: """
            SELECT decision AS kind, actor_username AS actor, at FROM posting_decisions
            WHERE organization_id = \(id) AND opportunity_id IS NULL ORDER BY at DESC, id DESC LIMIT 1
            """))
        return try conflict(subject: name, latest: latest, updatedAt: nil, actor: actor)
    }

    private static func conflict(subject: String, latest: Row?, updatedAt: String?, actor: Actor) throws -> ReviewConflict {
        // A later change with nothing on record (a listing closed at its deadline, an import)
        // is reported as a change at that time, by nobody in particular.
        guard let latest, try updatedAt.map({ try $0 <= latest.decode(String.self, forColumn: "at") }) ?? true else {
            return ReviewConflict(subject: subject, change: "changed", by: nil, at: updatedAt, isYours: false)
        }
        let kind: String = try latest.decode(forColumn: "kind")
        let change = switch kind {
        case "edit_listing": "edited"
        case "close_listing": "closed"
        case "archive_listing": "archived"
        // The audit actions are the three above (the query asks for no others); the rest are
        // posting decisions, and one Tern does not know is damage, not "changed".
        default: (try latest.known("kind", stored: ("posting_decisions", "decision"), rowID: nil) as PostingDecisionKind).rawValue
        }
        let by: String = try latest.decode(forColumn: "actor")
        return ReviewConflict(subject: subject, change: change, by: by, at: try latest.decode(forColumn: "at"), isYours: by == actor.username && actor.role != .system)
    }
}
