import Foundation
internal import GRDB

/// Writing, backfilling and verifying the hash chains of ``RecordChain`` in an SQLite catalogue.
/// Every audit row and history event is written through here, so no path can skip the chain;
/// the schema's `*_chained` triggers refuse a row that does not continue it, whoever writes.
enum ChainedRecords {
    /// Appends one audit row: the next id, the last row's hash as `prev_hash`, and its own hash.
    static func appendAudit(_ db: Database, actor: String, role: String, action: String, studentID: Int64?,
                            applicationID: Int64?, detail: String?, at: String) throws {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"))
        // An empty log starts the chain: id 1 after the genesis hash.
        let id: Int64 = (try last?.decode(Int64.self, forColumn: "id") ?? 0) + 1
        let previous: String = try last?.decode(String.self, forColumn: "hash") ?? RecordChain.genesis
        let fields: [RecordChain.Field] = [.integer(id), .text(actor), .text(role), .text(action), .init(studentID),
                                           .init(applicationID), .init(detail), .text(at)]
        let hash = RecordChain.hash(of: .audit, fields: fields, previous: previous)
        try db.cachedStatement(literal: """
            INSERT INTO audit_log(id, actor_username, actor_role, action, student_id, application_id, detail, at, prev_hash, hash)
            VALUES (\(id), \(actor), \(role), \(action), \(studentID), \(applicationID), \(detail), \(at), \(previous), \(hash))
            """).execute()
    }

    /// One history event's columns, in the order they are hashed.
    struct Event {
        var applicationID: Int64
        var actorRole: String
        var actorUsername: String
        var fromStatus: String?
        var toStatus: String?
        var note: String?
        var visibility: String
        var at: String
        var reasonCode: String?
        var enteredBy: String?
        var onBehalfOf: String?

        func fields(id: Int64) -> [RecordChain.Field] {
            [.integer(id), .integer(applicationID), .text(actorRole), .text(actorUsername), .init(fromStatus), .init(toStatus),
             .init(note), .text(visibility), .text(at), .init(reasonCode), .init(enteredBy), .init(onBehalfOf)]
        }
    }

    /// Appends one event to its application's chain, with the next event id.
    static func appendEvent(_ db: Database, _ event: Event) throws {
        let nextID = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM application_events")) ?? 0) + 1
        let previous = try String.fetchOne(db.cachedStatement(literal: """
            SELECT hash FROM application_events WHERE application_id = \(event.applicationID) ORDER BY id DESC LIMIT 1
            """)) ?? RecordChain.genesis
        let hash = RecordChain.hash(of: .event, fields: event.fields(id: nextID), previous: previous)
        try db.cachedStatement(literal: """
            INSERT INTO application_events(id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at,
                                           reason_code, entered_by, on_behalf_of, prev_hash, hash)
            VALUES (\(nextID), \(event.applicationID), \(event.actorRole), \(event.actorUsername), \(event.fromStatus), \(event.toStatus),
                    \(event.note), \(event.visibility), \(event.at), \(event.reasonCode), \(event.enteredBy), \(event.onBehalfOf),
                    \(previous), \(hash))
            """).execute()
    }

    /// What a chain check found: how many rows each chain holds, and the first bad row.
    struct Verdict: Equatable {
        var auditRows = 0
        var eventRows = 0
        /// The first row that breaks a chain, in words ("audit log row 17: …"); nil when both verify.
        var damage: String?
    }

    /// Walks both chains and recomputes every hash. Stops at the first bad row.
    static func verify(_ db: Database) throws -> Verdict {
        var verdict = Verdict()
        let audit = try Row.fetchCursor(db, sql: "SELECT \(RecordChain.auditColumns.joined(separator: ", ")), prev_hash, hash FROM audit_log ORDER BY id")
        var previous = RecordChain.genesis
        var previousID: Int64? = nil
        while let row = try audit.next() {
            verdict.auditRows += 1
            let id: Int64 = try row.decode(forColumn: "id")
            if let problem = problem(row, kind: .audit, columns: RecordChain.auditColumns, previous: previous) {
                let after = previousID.map { " (after row \($0))" } ?? " (the first row)"
                verdict.damage = "audit log row \(id)\(after): \(problem)"
                return verdict
            }
            previous = try row.decode(forColumn: "hash")
            previousID = id
        }
        let events = try Row.fetchCursor(db, sql: """
            SELECT \(RecordChain.eventColumns.joined(separator: ", ")), prev_hash, hash FROM application_events ORDER BY application_id, id
            """)
        var application: Int64? = nil
        while let row = try events.next() {
            verdict.eventRows += 1
            let owner: Int64 = try row.decode(forColumn: "application_id")
            if owner != application {
                application = owner
                previous = RecordChain.genesis
            }
            if let problem = problem(row, kind: .event, columns: RecordChain.eventColumns, previous: previous) {
                verdict.damage = "history of application \(owner), event \(try row.decode(Int64.self, forColumn: "id")): \(problem)"
                return verdict
            }
            previous = try row.decode(forColumn: "hash")
        }
        return verdict
    }

    private static func problem(_ row: Row, kind: RecordChain.Kind, columns: [String], previous: String) -> String? {
        // Read as stored: a hash that is not text (a hand edit) is no hash, and never a trap.
        guard case .string(let stored) = (row["hash"] as DatabaseValue).storage,
              case .string(let link) = (row["prev_hash"] as DatabaseValue).storage else { return "it carries no hash" }
        guard link == previous else { return "it does not follow the row before it (a row was removed, added or changed)" }
        let expected = RecordChain.hash(of: kind, fields: columns.map { field(row[$0]) }, previous: previous)
        guard expected == stored else { return "its content does not match its hash (it was changed)" }
        return nil
    }

    /// A stored value as the encoding sees it. A value of another storage class than Tern
    /// writes (a number where text belongs) encodes differently, so the hash exposes it.
    static func field(_ value: DatabaseValue) -> RecordChain.Field {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .string(let text): .text(text)
        case .double(let number): .text("real:\(number)")
        case .blob(let data): .text("blob:" + data.map { String(format: "%02x", $0) }.joined())
        }
    }

    /// Fills `prev_hash` and `hash` for rows written before the chains existed (migration
    /// v8-records), in chain order. The rows' content is what it was; only the chain is added.
    /// The two UPDATEs are prepared once and run for every row (millions of events), so they keep
    /// their positional arguments.
    static func backfill(_ db: Database) throws {
        var previous = RecordChain.genesis
        let update = try db.makeStatement(sql: "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?")
        let audit = try Row.fetchAll(db, sql: "SELECT \(RecordChain.auditColumns.joined(separator: ", ")) FROM audit_log ORDER BY id")
        for row in audit {
            let hash = RecordChain.hash(of: .audit, fields: RecordChain.auditColumns.map { field(row[$0]) }, previous: previous)
            try update.execute(arguments: [previous, hash, try row.decode(Int64.self, forColumn: "id")])
            previous = hash
        }
        let updateEvent = try db.makeStatement(sql: "UPDATE application_events SET prev_hash = ?, hash = ? WHERE id = ?")
        // In batches, in chain order: SQLite may not step a cursor over rows being updated, and
        // a million-listing catalogue has millions of events.
        var application: Int64 = -1
        var lastID: Int64 = -1
        while true {
            let batch = try Row.fetchAll(db, SQLRequest(literal: """
                SELECT \(sql: RecordChain.eventColumns.joined(separator: ", ")) FROM application_events
                WHERE application_id > \(application) OR (application_id = \(application) AND id > \(lastID))
                ORDER BY application_id, id LIMIT 50000
                """))
            guard !batch.isEmpty else { break }
            for row in batch {
                let owner: Int64 = try row.decode(forColumn: "application_id")
                if owner != application {
                    application = owner
                    previous = RecordChain.genesis
                }
                let hash = RecordChain.hash(of: .event, fields: RecordChain.eventColumns.map { field(row[$0]) }, previous: previous)
                lastID = try row.decode(forColumn: "id")
                try updateEvent.execute(arguments: [previous, hash, lastID])
                previous = hash
            }
        }
    }

    /// The newest row of each chain family: what the chain-head log records after a write.
    struct Heads: Equatable {
        var auditID: Int64
        var auditHash: String
        var eventID: Int64
        var eventHash: String
    }

    static func heads(_ db: Database) throws -> Heads {
        let audit = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"))
        let event = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, hash FROM application_events ORDER BY id DESC LIMIT 1"))
        // Empty chains have no head row: id 0 and the genesis hash.
        return Heads(auditID: try audit?.decode(forColumn: "id") ?? 0, auditHash: try audit?.decode(forColumn: "hash") ?? RecordChain.genesis,
                     eventID: try event?.decode(forColumn: "id") ?? 0, eventHash: try event?.decode(forColumn: "hash") ?? RecordChain.genesis)
    }
}
