import Foundation
import GRDB
import Testing
@testable import TernCatalogue

@Suite struct MigrationTests {
    @Test func anEmptyFileMigratesToTheLatestSchema() throws {
        let fixture = try CatalogueFixture()
        let report = try fixture.catalogue.check()
        #expect(report.isHealthy)
        #expect(report.lines.contains("schema: \(CatalogueSchema.latestVersion)"))
        let tables = try fixture.catalogue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        for table in ["organizations", "opportunities", "students", "staff", "applications", "application_events",
                      "feedback", "saved_opportunities", "saved_searches", "audit_log", "opportunity_search"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test func connectionsUseWALForeignKeysAndABusyTimeout() throws {
        let fixture = try CatalogueFixture()
        let (mode, foreignKeys, timeout) = try fixture.catalogue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        // Readers rarely wait in WAL; GRDB gives them a plain timeout. Writers wait through
        // Tern's own handler (below), which says what it waits for.
        #expect((timeout ?? 0) > 0)
    }

    @Test func aWaitingWriterSaysOnceWhatItWaitsForAndGivesUpAfterTheBusyTimeout() {
        final class Notices: @unchecked Sendable { var lines: [String] = [] }
        let notices = Notices()
        let handler = Catalogue.busyHandler { notices.lines.append($0) }
        var tries = 0
        while Catalogue.waitedMilliseconds(afterTries: tries) < 1_200 {
            #expect(handler(tries))
            tries += 1
        }
        #expect(notices.lines == ["waiting for another process to finish writing to the catalogue (up to 30 s)…"])
        // The schedule reaches the timeout; past it the handler gives up without sleeping.
        var last = tries
        while Catalogue.waitedMilliseconds(afterTries: last) < Int(Catalogue.busyTimeout * 1000) { last += 1 }
        #expect(!handler(last))
        #expect(notices.lines.count == 1)
    }

    @Test func reopeningAMigratedFileChangesNothing() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([[:]])
        let again = try Catalogue(path: fixture.path)
        #expect(try again.countOpportunities(matching: OpportunityQuery()) == 1)
    }

    @Test func aFileFromANewerTernIsRefused() throws {
        let fixture = try CatalogueFixture()
        try fixture.catalogue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-future')") }
        #expect(throws: CatalogueError.self) { try Catalogue(path: fixture.path) }
    }

    @Test func theDatabaseTransitionTableMatchesTheSwiftStateMachine() throws {
        let fixture = try CatalogueFixture()
        let pairs = try fixture.catalogue.read { db in
            try Row.fetchAll(db, sql: "SELECT from_status, to_status FROM application_transitions")
                .map { "\($0["from_status"] as String)>\($0["to_status"] as String)" }
        }
        let swift = ApplicationStatus.legalMoves.flatMap { from, tos in tos.map { "\(from.rawValue)>\($0.rawValue)" } }
        #expect(Set(pairs) == Set(swift))
        #expect(pairs.count == swift.count)
    }

    @Test func historyAndAuditAreAppendOnly() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([[:]])
        try fixture.addStudent("ana")
        let app = try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "hi", hoursOffered: 5)
        #expect(throws: CatalogueError.self) {
            try fixture.catalogue.write { try $0.execute(sql: "UPDATE application_events SET note = 'forged' WHERE application_id = ?", arguments: [app.id]) }
        }
        #expect(throws: CatalogueError.self) {
            try fixture.catalogue.write { try $0.execute(sql: "DELETE FROM application_events WHERE application_id = ?", arguments: [app.id]) }
        }
    }

    @Test func backupMakesAnIdenticalCatalogueThroughTheBackupAPI() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([["title": "Backed up"]])
        let copy = fixture.directory.appendingPathComponent("copy.sqlite").path
        try fixture.catalogue.backup(to: copy)
        let restored = try Catalogue(path: copy, readOnly: true)
        #expect(try restored.opportunity(ref: "listing-0")?.title == "Backed up")
        #expect(try restored.check().isHealthy)
    }
}

@Suite struct ChangeFeedTests {
    @Test func aWatcherNoticesAnotherConnectionsCommitAndNothingElse() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([[:]])
        let watcher = try fixture.catalogue.changeFeed()
        #expect(try watcher.hasChanged() == false)
        #expect(try watcher.hasChanged() == false)
        _ = try fixture.catalogue.opportunities(matching: OpportunityQuery(), limit: 10)
        #expect(try watcher.hasChanged() == false, "a read is not a change")
        let other = try Catalogue(path: fixture.path)
        try fixture.addStudent("ana")
        _ = try other.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "", hoursOffered: 5)
        #expect(try watcher.hasChanged() == true)
        #expect(try watcher.hasChanged() == false)
    }
}
