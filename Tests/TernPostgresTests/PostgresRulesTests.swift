import Testing
import TernStore
@testable import TernPostgres

/// The catalogue's rules live in the database, as SQLite's triggers keep them there: raw SQL from
/// any tool meets the state machine, append-only records, the hash chains, versions and the pay
/// order's key, and a refusal arrives in Tern's words.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresRulesTests {
    @Test func anIllegalMoveIsRefusedByTheDatabaseAndTheStateStaysAsItWas() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run(FreshCatalogue.oneApplication)
            await #expect(throws: CatalogueError.illegalTransition(from: .submitted, to: .offered)) {
                try await session.run("UPDATE applications SET status = 'offered', version = version + 1 WHERE id = 18")
            }
            #expect(try await session.value("SELECT status || ' ' || version FROM applications WHERE id = 18") == "submitted 1")
            try await session.run("UPDATE applications SET status = 'under_review', version = version + 1 WHERE id = 18")
            #expect(try await session.value("SELECT status FROM applications WHERE id = 18") == "under_review")
        }
    }

    @Test func aNewApplicationStartsAsSubmitted() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run(Array(FreshCatalogue.oneApplication.prefix(3)))
            await #expect(throws: CatalogueError.refused("a new application starts as submitted")) {
                try await session.run("""
                    INSERT INTO applications (student_id, opportunity_id, hours_offered, status, created_at, updated_at)
                    VALUES (1, 1, 20, 'offered', '2026-11-10T18:04:55Z', '2026-11-10T18:04:55Z')
                    """)
            }
        }
    }

    @Test func historyAndAuditCannotBeChangedOrRemoved() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run(FreshCatalogue.oneApplication)
            try await session.run("""
                INSERT INTO application_events (application_id, actor_role, actor_username, to_status, visibility, at)
                VALUES (18, 'student', 'ayamamoto', 'submitted', 'shared', '2026-11-10T18:04:55Z')
                """)
            try await session.run("""
                INSERT INTO audit_log (actor_username, actor_role, action, student_id, at)
                VALUES ('mokafor', 'advisor', 'viewed_record', 1, '2026-11-11T09:00:00Z')
                """)
            let kept = CatalogueError.refused("history, audit and review decisions are kept as written: they cannot be changed or removed")
            for sql in [
                "UPDATE application_events SET note = 'rewritten'",
                "DELETE FROM application_events",
                "TRUNCATE application_events CASCADE",
                "UPDATE audit_log SET actor_username = 'someone_else'",
                "DELETE FROM audit_log",
                "TRUNCATE audit_log",
            ] {
                await #expect(throws: kept, "\(sql)") { try await session.run(sql) }
            }
            #expect(try await session.value("SELECT count(*) FROM application_events WHERE note IS NULL") == "1")
            #expect(try await session.value("SELECT actor_username FROM audit_log") == "mokafor")
            // An application's history goes with the application, and only then.
            try await session.run("DELETE FROM applications WHERE id = 18")
            #expect(try await session.value("SELECT count(*) FROM application_events") == "0")
        }
    }

    /// Application 18's history as `tern init --demo` wrote it into SQLite, hashes and all (a
    /// Japanese name and note, an em dash): PostgreSQL accepts it only if it computes the same
    /// SHA-256 over the same bytes.
    @Test func theHistoryChainIsSQLitesByteForByte() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run(FreshCatalogue.oneApplication)
            for event in SQLiteDemoRows.application18 {
                try await session.run(event)
            }
            #expect(try await session.value("SELECT count(*) FROM application_events") == "\(SQLiteDemoRows.application18.count)")
            // A row whose hash does not match its content is refused…
            await #expect(throws: CatalogueError.refused("the record does not continue its hash chain, so nothing was saved; run tern check")) {
                try await session.run(SQLiteDemoRows.forgedNext)
            }
            // …and a row written without a chain is chained by the database, after the last.
            try await session.run("""
                INSERT INTO application_events (application_id, actor_role, actor_username, from_status, to_status, visibility, at)
                VALUES (18, 'organization', '東京デザイン工房', 'delivered', 'completed', 'shared', '2026-12-07T18:04:55Z')
                """)
            #expect(try await session.value("SELECT id || ' ' || prev_hash FROM application_events ORDER BY id DESC LIMIT 1")
                    == "150 " + SQLiteDemoRows.lastHash)
            #expect(try await session.value("""
                SELECT count(*) FROM application_events e
                WHERE e.hash = tern_event_hash(e, e.prev_hash)
                """) == "\(SQLiteDemoRows.application18.count + 1)")
        }
    }

    /// The audit log of two `tern backup`s in SQLite, accepted with its own hashes.
    @Test func theAuditChainIsSQLitesByteForByte() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run(SQLiteDemoRows.audit)
            #expect(try await session.value("SELECT count(*) FROM audit_log WHERE hash = tern_audit_hash(audit_log, prev_hash)")
                    == "\(SQLiteDemoRows.audit.count)")
        }
    }

    @Test func theAuditChainStartsFromGenesisAndLinksEachRow() async throws {
        try await FreshCatalogue.migrated { session in
            for action in ["viewed_record", "exported", "viewed_record"] {
                try await session.run("""
                    INSERT INTO audit_log (actor_username, actor_role, action, detail, at)
                    VALUES ('mokafor', 'advisor', '\(action)', 'Zoë''s record', '2026-11-11T09:00:00Z')
                    """)
            }
            #expect(try await session.value("SELECT prev_hash FROM audit_log WHERE id = 1") == String(repeating: "0", count: 64))
            #expect(try await session.value("""
                SELECT count(*) FROM audit_log a JOIN audit_log b ON b.id = a.id + 1
                WHERE b.prev_hash = a.hash AND a.hash = tern_audit_hash(a, a.prev_hash)
                """) == "2")
            await #expect(throws: CatalogueError.refused("the record does not continue its hash chain, so nothing was saved; run tern check")) {
                try await session.run("""
                    INSERT INTO audit_log (id, actor_username, actor_role, action, at, prev_hash, hash)
                    VALUES (9, 'mokafor', 'advisor', 'exported', '2026-11-11T09:00:00Z', 'x', 'y')
                    """)
            }
        }
    }

    @Test func aVersionMovesOnByOneWithEveryChange() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run(FreshCatalogue.oneApplication)
            // Whether the writer bumps it or leaves it to the database, one change is one version.
            try await session.run("UPDATE students SET program = 'Design', version = version + 1 WHERE id = 1")
            try await session.run("UPDATE students SET hours_per_week = 12 WHERE id = 1")
            #expect(try await session.value("SELECT version FROM students WHERE id = 1") == "3")
            await #expect(throws: CatalogueError.versionConflict(expected: 9, current: 3)) {
                try await session.run("UPDATE students SET version = 10 WHERE id = 1")
            }
            // A new home currency re-ranks listings without counting as a change to them.
            try await session.run("UPDATE settings SET value = 'EUR' WHERE key = 'home_currency'")
            #expect(try await session.value("SELECT version FROM opportunities WHERE id = 1") == "1")
        }
    }

    /// The pay order's key is SQLite's integer (PayRank): home currency first, then other
    /// currencies by code, then paid kinds with no hourly figure, credit and certificates, unpaid.
    @Test func thePayRankIsKeptAsSQLiteKeepsIt() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run(Array(FreshCatalogue.oneApplication.prefix(2)))
            #expect(try await session.value("SELECT pay_rank FROM opportunities WHERE id = 1") == "200000000000002500")
            try await session.run("UPDATE settings SET value = 'EUR' WHERE key = 'home_currency'")
            // USD is code slot 17576 - (20·676 + 18·26 + 3) = 3585 among the other currencies.
            #expect(try await session.value("SELECT pay_rank FROM opportunities WHERE id = 1") == "103585000000002500")
            try await session.run("UPDATE opportunities SET compensation_kind = 'academic_credit', hourly_cents = 0, currency = NULL")
            #expect(try await session.value("SELECT pay_rank FROM opportunities WHERE id = 1") == "1")
            await #expect(throws: CatalogueError.refused("the home currency can be changed but not removed")) {
                try await session.run("DELETE FROM settings WHERE key = 'home_currency'")
            }
            // A writer's own rank is no rank: wrong, it is put right in the same statement, and
            // the new listing is still at version 1.
            try await session.run("""
                INSERT INTO opportunities (ref, organization_id, title, field, hours, duration_days, schedule, deadline,
                    compensation_kind, hourly_cents, currency, location_kind, status, posted_at, updated_at, pay_rank)
                VALUES ('ranked-by-hand', 1, 'A listing', 'design', 20, 14, 'flexible', '2027-01-31', 'hourly', 2500, 'EUR',
                        'remote', 'open', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z', 999)
                """)
            #expect(try await session.value("SELECT pay_rank || ' ' || version FROM opportunities WHERE ref = 'ranked-by-hand'")
                    == "200000000000002500 1")
        }
    }

    /// Every listing of the demo catalogue gets the rank SQLite gave it.
    @Test func everyDemoListingRanksAsInSQLite() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run(Array(FreshCatalogue.oneApplication.prefix(1)))
            for (index, row) in SQLiteDemoRows.payRanks.enumerated() {
                try await session.run("""
                    INSERT INTO opportunities (ref, organization_id, title, field, hours, duration_days, schedule, deadline,
                        compensation_kind, hourly_cents, currency, location_kind, status, posted_at, updated_at)
                    VALUES ('R\(index)', 1, 'A listing', 'design', 20, 14, 'flexible', '2027-01-31', '\(row.kind)', \(row.hourlyCents),
                        \(row.currency.map { "'\($0)'" } ?? "NULL"), 'remote', 'open', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')
                    """)
            }
            let ranks = try await session.column("SELECT pay_rank FROM opportunities ORDER BY id").compactMap { $0 }
            #expect(ranks == SQLiteDemoRows.payRanks.map(\.payRank))
        }
    }

    @Test func theLastAdminStays() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run("INSERT INTO staff (username, name, role) VALUES ('root_admin', 'Ada', 'admin'), ('mokafor', 'Mo', 'advisor')")
            await #expect(throws: CatalogueError.refused("the last admin cannot be removed; make another admin first")) {
                try await session.run("DELETE FROM staff WHERE username = 'root_admin'")
            }
            await #expect(throws: CatalogueError.refused("the last admin cannot be demoted; make another admin first")) {
                try await session.run("UPDATE staff SET role = 'advisor' WHERE username = 'root_admin'")
            }
            try await session.run("UPDATE staff SET role = 'admin' WHERE username = 'mokafor'")
            try await session.run("DELETE FROM staff WHERE username = 'root_admin'")
        }
    }

    /// The state machine as data is TernStore's: the same statuses, the same legal moves.
    @Test func theStateMachineIsTernStoresLegalMoves() async throws {
        try await FreshCatalogue.migrated { session in
            let statuses = try await session.column("SELECT name FROM application_statuses ORDER BY name").compactMap { $0 }
            #expect(statuses == ApplicationStatus.allCases.map(\.rawValue).sorted())
            let moves = try await session.column("SELECT from_status || ' ' || to_status FROM application_transitions ORDER BY 1")
            let expected = ApplicationStatus.legalMoves.flatMap { from, tos in tos.map { "\(from.rawValue) \($0.rawValue)" } }.sorted()
            #expect(moves.compactMap { $0 } == expected)
            let ended = try await session.column("SELECT name FROM application_statuses WHERE terminal ORDER BY name").compactMap { $0 }
            #expect(ended == ApplicationStatus.allCases.filter(\.isTerminal).map(\.rawValue).sorted())
        }
    }

    /// Two writers continuing the same history at once take turns: the second waits for the
    /// first to commit and links to its row, rather than both claiming the same place.
    @Test func writersAppendingAtOnceTakeTurnsOnTheChain() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run(FreshCatalogue.oneApplication)
            let other = try await PostgresSession.connect(to: session.location, as: TestCluster.login)
            let event = """
                INSERT INTO application_events (application_id, actor_role, actor_username, note, visibility, at)
                VALUES (18, 'staff', 'mokafor', 'looked at it', 'staff', '2026-11-11T09:00:00Z')
                """
            try await session.run("BEGIN")
            try await session.run(event)
            async let second: Void = other.run(event)
            try await Task.sleep(for: .milliseconds(200))
            try await session.run("COMMIT")
            try await second
            try await other.close()
            #expect(try await session.column("SELECT id FROM application_events ORDER BY id") == ["1", "2"])
            #expect(try await session.value("""
                SELECT count(*) FROM application_events a JOIN application_events b ON b.id = a.id + 1
                WHERE b.prev_hash = a.hash AND b.hash = tern_event_hash(b, b.prev_hash)
                """) == "1")
        }
    }
}
