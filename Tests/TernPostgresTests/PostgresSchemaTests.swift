import PostgresNIO
import Testing
import TernStore
@testable import TernPostgres

/// The schema is versioned: an admin's `tern migrate` takes the steps a catalogue lacks, each
/// once; every opening checks the version and refuses a catalogue this tern cannot work with.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresSchemaTests {
    @Test func migratingAnEmptyCatalogueReachesTheCurrentVersion() async throws {
        try await FreshCatalogue.with { session in
            #expect(try await PostgresSchema.version(of: session) == 0)
            let taken = try await PostgresSchema.migrate(session)
            #expect(taken == PostgresSchema.migrations.map(\.name))
            #expect(try await PostgresSchema.version(of: session) == PostgresSchema.currentVersion)
            try await PostgresSchema.check(session)
            let recorded = try await session.column("SELECT name FROM tern_schema_migrations ORDER BY version")
            #expect(recorded == PostgresSchema.migrations.map(\.name))
        }
    }

    @Test func migratingTwiceTakesNoStepTheSecondTime() async throws {
        try await FreshCatalogue.migrated { session in
            let before = try await session.value("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")
            #expect(try await PostgresSchema.migrate(session) == [])
            #expect(try await session.value("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace") == before)
            #expect(try await session.value("SELECT count(*) FROM tern_schema_migrations") == "\(PostgresSchema.migrations.count)")
        }
    }

    @Test func everyTableOfTheSQLiteCatalogueIsThere() async throws {
        try await FreshCatalogue.migrated { session in
            let tables = Set(try await session.column("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").compactMap { $0 })
            let sqlite: Set<String> = [
                "organizations", "skills", "opportunities", "opportunity_deliverables", "opportunity_skills", "students",
                "student_skills", "student_interests", "student_links", "staff", "application_statuses",
                "application_transitions", "applications", "application_events", "feedback", "feedback_skills",
                "saved_opportunities", "saved_searches", "audit_log", "settings", "posting_decisions", "triage_claims",
                "triage_views", "triage_actions", "triage_action_rows", "triage_undo_permits", "student_updates_seen",
            ]
            // Beside them: the schema's record, and search's word table (FTS5's counterpart, schema v3).
            #expect(tables == sqlite.union(["tern_schema_migrations", "listing_words"]))
            #expect(try await session.value("SELECT value FROM settings WHERE key = 'home_currency'") == "USD")
        }
    }

    /// Every index and trigger of an SQLite catalogue (`sqlite_master` of `tern init --demo`,
    /// the full-text search's own left out) has its namesake here.
    @Test func everyIndexAndRuleOfTheSQLiteCatalogueHasItsNamesake() async throws {
        try await FreshCatalogue.migrated { session in
            let indexes = Set(try await session.column("SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public'").compactMap { $0 })
            let sqliteIndexes: Set<String> = [
                "application_events_by_actor", "application_events_by_application", "application_events_decisions_by_at",
                "applications_by_created", "applications_by_opportunity", "applications_by_status", "audit_log_by_actor",
                "audit_log_by_student", "opportunities_by_approval", "opportunities_by_deadline", "opportunities_by_field",
                "opportunities_by_hours", "opportunities_by_organization", "opportunities_by_pay", "opportunities_by_posted",
                "opportunities_facts", "opportunity_skills_by_skill", "organizations_by_approval",
                "posting_decisions_by_opportunity", "posting_decisions_by_organization", "triage_actions_by_session",
            ]
            #expect(sqliteIndexes.subtracting(indexes) == [])
            let triggers = Set(try await session.column("SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal").compactMap { $0 })
            let sqliteTriggers: Set<String> = [
                "application_events_chained", "application_events_no_delete", "application_events_no_update",
                "applications_legal_transition", "applications_reopen_once", "applications_start_submitted",
                "audit_log_chained", "audit_log_no_delete", "audit_log_no_update", "feedback_needs_completed",
                "opportunities_pay_rank_insert", "opportunities_pay_rank_update", "posting_decisions_no_update",
                "settings_home_currency_inserted", "settings_home_currency_updated", "settings_keep_home_currency",
                "staff_keep_last_admin", "staff_keep_last_admin_role",
            ]
            #expect(sqliteTriggers.subtracting(triggers) == [])
        }
    }

    @Test func aCatalogueNewerThanThisTernIsRefusedWithTheExactMessage() async throws {
        try await FreshCatalogue.migrated { session in
            let newer = PostgresSchema.currentVersion + 1
            try await session.run("INSERT INTO tern_schema_migrations (version, name) VALUES (\(newer), 'v\(newer)-from-the-future')")
            let expected = CatalogueError.unusable("this tern is older than the catalogue (schema v\(newer)); upgrade tern on this host")
            await #expect(throws: expected) { try await PostgresSchema.check(session) }
            // Nor does this tern migrate it: it is left as the newer tern made it.
            await #expect(throws: expected) { try await PostgresSchema.migrate(session) }
            #expect(try await PostgresSchema.version(of: session) == newer)
        }
    }

    @Test func anOlderCatalogueTellsAnAdminToRunTernMigrate() async throws {
        try await FreshCatalogue.with { session in
            await #expect { try await PostgresSchema.check(session) } throws: { error in
                guard case CatalogueError.unusable(let why)? = error as? CatalogueError else { return false }
                return why.contains("no Tern catalogue yet") && why.contains("tern migrate")
            }
            guard PostgresSchema.currentVersion > 1 else { return }
            try await PostgresSchema.migrate(session, upTo: PostgresSchema.currentVersion - 1)
            await #expect { try await PostgresSchema.check(session) } throws: { error in
                guard case CatalogueError.unusable(let why)? = error as? CatalogueError else { return false }
                return why == "the catalogue is at schema v\(PostgresSchema.currentVersion - 1) and this tern needs "
                    + "v\(PostgresSchema.currentVersion); an admin upgrades it with tern migrate"
            }
            #expect(try await PostgresSchema.migrate(session) == [PostgresSchema.migrations.last!.name])
            try await PostgresSchema.check(session)
        }
    }

    @Test func aStepThisTernDoesNotKnowIsRefused() async throws {
        try await FreshCatalogue.migrated { session in
            try await session.run("UPDATE tern_schema_migrations SET name = 'v1-someone-elses' WHERE version = 1")
            await #expect { try await PostgresSchema.check(session) } throws: { error in
                "\(error)".contains("not one this tern knows")
            }
        }
    }

    /// Each listing order pages by keyset, (key, id) after the last row seen, from an index in
    /// its order (newest and best paid first walk theirs backwards): no sort, no scan of the
    /// table. (Which index the planner picks depends on the data; on an empty table it may take
    /// opportunities_by_approval for the newest, which serves that order too.)
    @Test(arguments: [("deadline", "ASC"), ("posted_at", "DESC"), ("hours", "ASC"), ("pay_rank", "DESC")])
    func everyListingOrderPagesThroughAnIndex(key: String, direction: String) async throws {
        try await FreshCatalogue.migrated { session in
            // An empty table is cheaper to scan; the question is whether the index serves the order.
            try await session.run("SET enable_seqscan = off")
            try await session.run("SET enable_sort = off")
            let after = direction == "ASC" ? ">" : "<"
            let plan = try await session.column(PostgresQuery(unsafeSQL: """
                EXPLAIN SELECT id FROM opportunities
                WHERE status = 'open' AND approval = 'approved' AND (\(key), id) \(after) ('1', 100)
                ORDER BY \(key) \(direction), id \(direction) LIMIT 20
                """)).compactMap { $0 }.joined(separator: "\n")
            #expect(plan.contains("Index") && !plan.contains("Sort") && !plan.contains("Seq Scan"), "\(plan)")
        }
    }
    /// v6 replaced v3's row triggers on the word table with statement triggers: a catalogue
    /// made at v5, with listings in it, keeps its words through the upgrade, and the new
    /// triggers keep them from then on.
    @Test func theWordTableSurvivesTheUpgradeToStatementTriggers() async throws {
        try await FreshCatalogue.with { session in
            try await PostgresSchema.migrate(session, upTo: 5)
            try await session.run("""
                INSERT INTO organizations (name, kind, created_at) VALUES ('Harbor Works', 'company', '2026-01-01T00:00:00Z')
                """)
            try await session.run("""
                INSERT INTO opportunities (ref, organization_id, title, field, brief, hours, duration_days, schedule, deadline,
                                           compensation_kind, location_kind, status, posted_at, updated_at, approval)
                SELECT 'old-' || n, 1, 'Lighthouse survey ' || n, 'research', 'Count the gulls', 10, 7, 'flexible', '2030-01-01',
                       'unpaid', 'remote', CASE WHEN n % 4 = 0 THEN 'draft' ELSE 'open' END, '2026-01-01', '2026-01-01',
                       CASE WHEN n % 5 = 0 THEN 'pending' ELSE 'approved' END
                FROM generate_series(1, 40) AS n
                """)
            let snapshot = "SELECT string_agg(concat_ws(' ', word, listing_id, fields, open), ';' ORDER BY listing_id, word) FROM listing_words"
            let before = try await session.value(snapshot)
            #expect(try await PostgresSchema.migrate(session) == ["v6-bulk-word-index"])
            #expect(try await session.value(snapshot) == before)
            let lighthouse = "SELECT count(DISTINCT listing_id) FROM listing_words WHERE word = 'lighthouse'"
            #expect(try await session.value(lighthouse) == "24")
            try await session.run("UPDATE opportunities SET status = 'open', approval = 'approved' WHERE ref IN ('old-4', 'old-5')")
            #expect(try await session.value(lighthouse) == "26")
            try await session.run("UPDATE opportunities SET title = 'Tide pools' WHERE ref = 'old-1'")
            #expect(try await session.value(lighthouse) == "25")
            #expect(try await session.value("SELECT string_agg(word, ' ' ORDER BY word) FROM listing_words WHERE listing_id = 1 AND fields & 1 = 1") == "pools tide")
            let kept = try await session.value(snapshot)
            try await session.run("SELECT tern_index_all_listing_words()")
            #expect(try await session.value(snapshot) == kept)
        }
    }
}
