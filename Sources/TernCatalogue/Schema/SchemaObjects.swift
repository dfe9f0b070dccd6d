internal import GRDB

/// The schema a catalogue should have: every table, index, trigger and view exactly as the
/// migrations up to its version make them, compared with what the file holds, byte for byte.
/// A dropped trigger (`audit_log_no_delete`, say) or an edited one is damage, whatever the rows say.
///
/// ```swift
/// let problems = try SchemaObjects.differences(in: db)   // [] when healthy
/// ```
enum SchemaObjects {
    struct Object: Hashable, Comparable {
        var type: String
        var name: String
        var sql: String?

        static func < (a: Object, b: Object) -> Bool { (a.type, a.name) < (b.type, b.name) }
    }

    /// What `db` holds, leaving out SQLite's own objects (`sqlite_stat1`, autoindexes).
    static func actual(_ db: Database) throws -> [String: Object] {
        let rows = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        return Dictionary(rows.map { (($0["type"] as String) + " " + ($0["name"] as String), Object(type: $0["type"], name: $0["name"], sql: $0["sql"])) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// What the migrations up to `version` make, in a catalogue of their own in memory.
    static func expected(upTo version: String) throws -> [String: Object] {
        let queue = try DatabaseQueue()
        try CatalogueSchema.migrator.migrate(queue, upTo: version)
        return try queue.read { try actual($0) }
    }

    /// The last migration applied to `db`, when it is one this Tern knows.
    static func version(of db: Database) throws -> String? {
        let applied = try CatalogueSchema.migrator.appliedIdentifiers(db)
        return CatalogueSchema.migrator.migrations.last { applied.contains($0) }
    }

    /// Each object missing, added or changed, in words; empty when `db` has exactly the schema
    /// of its version.
    static func differences(in db: Database, version: String) throws -> [String] {
        let want = try expected(upTo: version)
        let have = try actual(db)
        var lines: [String] = []
        for key in want.keys.sorted() {
            let object = want[key]!
            guard let found = have[key] else { lines.append("\(object.type) \(object.name) is missing"); continue }
            if found.sql != object.sql { lines.append("\(object.type) \(object.name) is not as \(version) made it") }
        }
        for key in have.keys.sorted() where want[key] == nil {
            let object = have[key]!
            lines.append("\(object.type) \(object.name) does not belong to the schema")
        }
        return lines
    }
}
