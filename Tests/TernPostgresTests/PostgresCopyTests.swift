import Foundation
import PostgresNIO
import StoreFixtures
import TernCatalogue
import TernStore
import Testing
@testable import TernPostgres

/// `tern migrate --to`'s heart: a whole SQLite catalogue copied into an empty PostgreSQL one in
/// one transaction, verified before it is kept, or not copied at all.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresCopyTests {
    /// The demo with two audit rows (two backups, one to a path with an accent and a check mark),
    /// so the audit chain has something to verify too.
    static func withAudit(_ demo: SQLiteDemo) throws {
        let admin = Actor(role: .staff, username: "shaddad")
        try demo.catalogue.backup(to: demo.directory.appendingPathComponent("b.sqlite").path, by: admin)
        try demo.catalogue.backup(to: demo.directory.appendingPathComponent("copie-été ✓.sqlite").path, by: admin)
    }

    @Test func theDemoCopiedHoldsEveryRowAndItsChainsVerify() async throws {
        try await PostgresDemo.with(prepare: Self.withAudit) { demo in
            let source = try demo.sqlite.catalogue.snapshotRows()
            for table in PostgresCopy.tables {
                let here = try await demo.session.value("SELECT count(*) FROM \(table)")
                #expect(here == "\(try source.rowCount(of: table))", "\(table)")
                #expect(demo.summary.rows(of: table) == (try source.rowCount(of: table)), "\(table)")
            }
            #expect(demo.summary.rows(of: "applications") == 124)
            #expect(demo.summary.rows(of: "opportunities") == 159)
            #expect(demo.summary.historyVerified == 499)
            #expect(demo.summary.auditVerified == 2)
            #expect(demo.summary.sampledRows > 0)
            #expect(try await PostgresCopyVerification.historyChains(demo.session) == 499)
            #expect(try await PostgresCopyVerification.auditChain(demo.session) == 2)
            #expect(try await demo.session.value("SELECT detail FROM audit_log WHERE id = 2")?.hasSuffix("copie-été ✓.sqlite") == true)
            // The rules are back on for everyone after the copy, and search's word table was
            // rebuilt from the copied listings (every approved listing that is not a draft).
            #expect(try await Self.disabledTriggers(demo.session) == "0")
            let searchable = try await demo.session.value("SELECT count(*) FROM opportunities WHERE approval = 'approved' AND status <> 'draft'")
            #expect(try await demo.session.value("SELECT count(DISTINCT listing_id) FROM listing_words") == searchable)
            #expect(searchable != "0")
            try await PostgresSchema.check(demo.session)
        }
    }

    /// Batches of seven rows page every table by its key, composite keys and tables without a
    /// rowid included, and the copy still verifies row for row; what is written to the SQLite
    /// catalogue after its snapshot was taken is not copied (one moment, whole). The copy ends
    /// with its own audit row, continuing the chain.
    @Test func smallBatchesCopyOneMomentWhole() async throws {
        let sqlite = try SQLiteDemo()
        try Self.withAudit(sqlite)
        try await FreshCatalogue.migrated { session in
            let source = try sqlite.catalogue.snapshotRows()
            try sqlite.catalogue.backup(to: sqlite.directory.appendingPathComponent("later.sqlite").path)
            let summary = try await PostgresCopy.copy(from: source, into: session, record: .init(actor: "shaddad", origin: sqlite.path),
                                                      batchRows: 7, sampleRows: 1000)
            #expect(summary.rows(of: "opportunity_skills") == 460)
            #expect(summary.rows(of: "audit_log") == 2)
            #expect(try await session.value("SELECT count(*) FROM opportunity_skills") == "460")
            #expect(try await session.value("SELECT action || ' ' || actor_username || ' ' || detail FROM audit_log WHERE id = 3")
                    == "migrate shaddad from \(sqlite.path)")
            #expect(try await PostgresCopyVerification.auditChain(session) == 3)
        }
    }

    @Test func aCopyIntoACatalogueThatHoldsRowsIsRefusedAndWritesNothing() async throws {
        let sqlite = try SQLiteDemo()
        try await FreshCatalogue.migrated { session in
            try await session.run(FreshCatalogue.oneApplication)
            await #expect { try await PostgresCopy.copy(from: try sqlite.catalogue.snapshotRows(), into: session) } throws: { error in
                guard case CatalogueError.refused(let why)? = error as? CatalogueError else { return false }
                return why.contains("is not empty") && why.contains("applications") && why.contains("nothing was copied")
            }
            #expect(try await session.value("SELECT count(*) FROM applications") == "1")
            #expect(try await session.value("SELECT count(*) FROM opportunities") == "1")
            #expect(try await session.value("SELECT count(*) FROM application_events") == "0")
            #expect(try await session.value("SELECT count(*) FROM application_statuses") == "12")
            #expect(try await Self.disabledTriggers(session) == "0")
        }
    }

    /// A row PostgreSQL refuses (here an actor role the schema does not know, in the history,
    /// long after the listings and applications went) stops the copy and takes back every row
    /// copied before it; the same catalogue then takes the whole copy.
    @Test func aRowRefusedMidCopyLeavesTheCatalogueEmpty() async throws {
        let sqlite = try SQLiteDemo()
        try await FreshCatalogue.migrated { session in
            let faulty = FaultySource(real: try sqlite.catalogue.snapshotRows(), table: "application_events",
                                      fault: .badValue(column: "actor_role", value: .text("nobody")))
            await #expect { try await PostgresCopy.copy(from: faulty, into: session, batchRows: 100) } throws: { error in
                guard case CatalogueError.refused(let why)? = error as? CatalogueError else { return false }
                return why.contains("copying application_events stopped") && why.contains("nothing was copied")
            }
            try await Self.expectEmpty(session)
            let summary = try await PostgresCopy.copy(from: try sqlite.catalogue.snapshotRows(), into: session)
            #expect(summary.rows(of: "application_events") == 499)
        }
    }

    /// The source failing halfway through a table (a disk gone, say) takes back the copy too.
    @Test func aSourceThatFailsMidTableLeavesTheCatalogueEmpty() async throws {
        let sqlite = try SQLiteDemo()
        try await FreshCatalogue.migrated { session in
            let faulty = FaultySource(real: try sqlite.catalogue.snapshotRows(), table: "applications", fault: .failsAfterFirstBatch)
            await #expect(throws: FaultySource.failure) {
                try await PostgresCopy.copy(from: faulty, into: session, batchRows: 50)
            }
            try await Self.expectEmpty(session)
        }
    }

    /// A copy that does not verify is not kept: a history note changed on the way is a valid
    /// row, but no longer the one its hash speaks for.
    @Test func aCopyWhoseHistoryDoesNotVerifyIsNotKept() async throws {
        let sqlite = try SQLiteDemo()
        try await FreshCatalogue.migrated { session in
            let faulty = FaultySource(real: try sqlite.catalogue.snapshotRows(), table: "application_events",
                                      fault: .badValue(column: "note", value: .text("changed on the way")))
            await #expect { try await PostgresCopy.copy(from: faulty, into: session) } throws: { error in
                guard case CatalogueError.refused(let why)? = error as? CatalogueError else { return false }
                return why.hasPrefix("1 of the 499 rows of the application history do not verify") && why.contains("nothing was copied")
            }
            try await Self.expectEmpty(session)
        }
    }

    /// Turning the rules off for the copy is the tables' owner's right alone: another admin of
    /// the catalogue is refused before anything is touched, and the rules stay on.
    @Test func onlyTheCataloguesOwnerMayCopyIntoIt() async throws {
        let sqlite = try SQLiteDemo()
        try await FreshCatalogue.withLogins(["ada"], granted: "tern_admin") { session, logins in
            try await session.run("SET ROLE \(logins[0])")
            await #expect(throws: CatalogueError.notPermitted(
                "only the catalogue's owner (the admin who created it with tern migrate) may copy a catalogue into it")) {
                try await PostgresCopy.copy(from: try sqlite.catalogue.snapshotRows(), into: session)
            }
            try await session.run("RESET ROLE")
            try await Self.expectEmpty(session)
        }
    }

    /// A value PostgreSQL's text cannot hold (NUL) is refused with its table and column, not altered.
    @Test func aValuePostgreSQLCannotHoldIsRefusedByName() async throws {
        let sqlite = try SQLiteDemo()
        try await FreshCatalogue.migrated { session in
            let faulty = FaultySource(real: try sqlite.catalogue.snapshotRows(), table: "students",
                                      fault: .badValue(column: "name", value: .text("Ann\u{0}e")))
            await #expect(throws: CatalogueError.refused("students.name holds a NUL character, which PostgreSQL cannot store; nothing was copied")) {
                try await PostgresCopy.copy(from: faulty, into: session)
            }
            try await Self.expectEmpty(session)
        }
    }

    /// Sequences move past the copied ids (the trap of every such move), and the chains go on
    /// from their copied heads: a new student, listing and application take the next ids, a new
    /// history row and audit row continue their chains, and both chains still verify.
    @Test func afterTheCopyNewRowsTakeTheNextIdsAndExtendTheChains() async throws {
        try await PostgresDemo.with(prepare: Self.withAudit) { demo in
            let session = demo.session
            let lastStudent = try #require(Int(try await session.value("SELECT max(id) FROM students") ?? ""))
            let lastListing = try #require(Int(try await session.value("SELECT max(id) FROM opportunities") ?? ""))
            let lastApplication = try #require(Int(try await session.value("SELECT max(id) FROM applications") ?? ""))
            let lastEvent = try #require(Int(try await session.value("SELECT max(id) FROM application_events") ?? ""))
            let student = try await session.value("""
                INSERT INTO students (username, name, email, created_at)
                VALUES ('newcomer', 'New Comer', 'nc@example.edu', '2026-12-07T18:00:00Z') RETURNING id
                """)
            #expect(student == "\(lastStudent + 1)")
            let listing = try await session.value("""
                INSERT INTO opportunities (ref, organization_id, title, field, hours, duration_days, schedule, deadline,
                    compensation_kind, hourly_cents, currency, location_kind, status, posted_at, updated_at)
                VALUES ('NEW-1', 1, 'After the move', 'design', 10, 7, 'flexible', '2027-03-31',
                    'hourly', 2000, 'USD', 'remote', 'open', '2026-12-07T18:00:00Z', '2026-12-07T18:00:00Z') RETURNING id
                """)
            #expect(listing == "\(lastListing + 1)")
            let application = try await session.value("""
                INSERT INTO applications (student_id, opportunity_id, hours_offered, status, created_at, updated_at)
                VALUES (\(lastStudent + 1), \(lastListing + 1), 10, 'submitted', '2026-12-07T18:01:00Z', '2026-12-07T18:01:00Z')
                RETURNING id
                """)
            #expect(application == "\(lastApplication + 1)")

            // A copied application's chain goes on from its copied head.
            let copied = try #require(try await session.value("SELECT application_id FROM application_events ORDER BY id DESC LIMIT 1"))
            let head = try await session.value("SELECT hash FROM application_events WHERE application_id = \(copied) ORDER BY id DESC LIMIT 1")
            let event = try await session.value("""
                INSERT INTO application_events (application_id, actor_role, actor_username, note, visibility, at)
                VALUES (\(copied), 'staff', 'rpatel', 'after the move', 'staff', '2026-12-07T18:02:00Z') RETURNING id
                """)
            #expect(event == "\(lastEvent + 1)")
            #expect(try await session.value("SELECT prev_hash FROM application_events WHERE id = \(lastEvent + 1)") == head)

            let auditHead = try await session.value("SELECT hash FROM audit_log WHERE id = 2")
            let audit = try await session.value("""
                INSERT INTO audit_log (actor_username, actor_role, action, detail, at)
                VALUES ('shaddad', 'staff', 'migrate', 'after the move', '2026-12-07T18:03:00Z') RETURNING id
                """)
            #expect(audit == "3")
            #expect(try await session.value("SELECT prev_hash FROM audit_log WHERE id = 3") == auditHead)

            #expect(try await PostgresCopyVerification.historyChains(session) == 500)
            #expect(try await PostgresCopyVerification.auditChain(session) == 3)
            // And the rules are on again: an application does not start as accepted.
            await #expect(throws: CatalogueError.refused("a new application starts as submitted")) {
                try await session.run("""
                    INSERT INTO applications (student_id, opportunity_id, hours_offered, status, created_at, updated_at)
                    VALUES (\(lastStudent + 1), 1, 10, 'accepted', '2026-12-07T18:01:00Z', '2026-12-07T18:01:00Z')
                    """)
            }
        }
    }

    static func disabledTriggers(_ session: PostgresSession) async throws -> String? {
        try await session.value("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'")
    }

    /// Nothing but what the schema itself holds when it is made.
    static func expectEmpty(_ session: PostgresSession) async throws {
        for table in PostgresCopy.tables where !PostgresCopy.seededBySchema.contains(table) {
            #expect(try await session.value("SELECT count(*) FROM \(table)") == "0", "\(table)")
        }
        #expect(try await session.value("SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM settings")
                == "home_currency=USD,pay_floor_cents=1500,unpaid_max_hours=10")
        #expect(try await session.value("SELECT count(*) FROM application_statuses") == "12")
        #expect(try await session.value("SELECT count(*) FROM application_transitions") == "23")
        #expect(try await disabledTriggers(session) == "0")
    }
}

/// A real catalogue's rows with one fault injected: a value changed in a table's first batch,
/// or a read that fails after that table's first batch.
struct FaultySource: CatalogueRowSource {
    enum Fault: Sendable {
        case badValue(column: String, value: StoredValue)
        case failsAfterFirstBatch
    }
    static let failure = CatalogueError.busy("the disk went away")

    let real: any CatalogueRowSource
    let table: String
    let fault: Fault

    func tables() throws -> [String: [String]] { try real.tables() }
    func rowCount(of table: String) throws -> Int { try real.rowCount(of: table) }

    func rows(of table: String, columns: [String], after: [StoredValue]?, limit: Int) throws -> CatalogueRowBatch {
        var batch = try real.rows(of: table, columns: columns, after: after, limit: limit)
        guard table == self.table else { return batch }
        switch fault {
        case .badValue(let column, let value):
            if after == nil, !batch.rows.isEmpty, let index = columns.firstIndex(of: column) {
                batch.rows[batch.rows.count - 1][index] = value
            }
        case .failsAfterFirstBatch:
            if after != nil { throw Self.failure }
        }
        return batch
    }
}
