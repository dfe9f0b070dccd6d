import Foundation
import StoreFixtures
import Testing
import TernStore
@testable import TernPostgres

/// `tern check` on PostgreSQL finds a sound catalogue sound, and names a disabled rule, a table
/// whose row-level security was turned off, and a history row rewritten behind the triggers' back.
@Suite(.enabled(if: TestCluster.isPresent, Comment(rawValue: TestCluster.absent)))
struct PostgresCheckTests {
    @Test func theTriggerListIsTheSchemas() async throws {
        try await FreshCatalogue.migrated { session in
            let present = Set(try await session.column("""
                SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND NOT t.tgisinternal
                """).compactMap { $0 })
            #expect(present == PostgresCheck.expectedTriggers)
        }
    }

    @Test func aSoundCatalogueIsSoundAndEachDamageIsNamed() async throws {
        try await PostgresDemo.with { demo in
            let session = demo.session
            let sound = try await PostgresCheck.run(session)
            #expect(sound.isHealthy, "\(sound.lines)")
            #expect(sound.lines.first == "schema: v\(PostgresSchema.currentVersion)")
            #expect(sound.lines.contains { $0.hasPrefix("history: ") && $0.hasSuffix(" rows verify in their hash chains") })

            try await session.run("ALTER TABLE applications DISABLE TRIGGER applications_legal_transition")
            try await session.run("ALTER TABLE saved_searches DISABLE ROW LEVEL SECURITY")
            // The demo's history rewritten behind the triggers' back (only the tables' owner can).
            try await session.run("ALTER TABLE application_events DISABLE TRIGGER USER")
            try await session.run("UPDATE application_events SET note = 'rewritten' WHERE id = (SELECT min(id) FROM application_events)")
            try await session.run("ALTER TABLE application_events ENABLE TRIGGER USER")
            let damaged = try await PostgresCheck.run(session)
            #expect(!damaged.isHealthy)
            #expect(damaged.problems.contains("rules: the trigger applications.applications_legal_transition is disabled"))
            #expect(damaged.problems.contains("row-level security: off on saved_searches"))
            #expect(damaged.problems.contains { $0.hasPrefix("history: 1 of ") && $0.hasSuffix(" rows do not verify in their hash chains") })
        }
    }
}
