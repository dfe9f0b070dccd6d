import Foundation
import GRDB
import Testing
@testable import TernCatalogue

@Suite struct SeedTests {
    static var demoDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/demo")
    }

    @Test func theDemoCatalogueIsRichEnoughToShowEveryPartOfTheProduct() throws {
        let fixture = try CatalogueFixture()
        let summary = try fixture.catalogue.seedDemo(from: Self.demoDirectory)
        #expect(summary.opportunities >= 120)
        #expect(summary.organizations >= 30)
        #expect(summary.students >= 40)
        #expect(summary.staff >= 8)
        #expect(try fixture.catalogue.countOpportunities(matching: OpportunityQuery()) >= 120)
        let (fields, statuses, feedbackOnUnfinished, closingThisWeek, past) = try fixture.catalogue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(DISTINCT field) FROM opportunities") ?? 0,
             Set(try String.fetchAll(db, sql: "SELECT DISTINCT status FROM applications")),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM feedback f JOIN applications a ON a.id = f.application_id WHERE a.status <> 'completed'") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunities WHERE status = 'open' AND deadline BETWEEN date('now') AND date('now', '+6 days')") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunities WHERE deadline < date('now')") ?? 0)
        }
        #expect(fields >= 12)
        #expect(statuses == Set(ApplicationStatus.allCases.map(\.rawValue)))
        #expect(feedbackOnUnfinished == 0)
        #expect(closingThisWeek > 0)
        #expect(past > 0)
        #expect(try fixture.catalogue.check().isHealthy)
    }

    @Test func theDemoHasTextFromManyScripts() throws {
        let fixture = try CatalogueFixture()
        try fixture.catalogue.seedDemo(from: Self.demoDirectory)
        var all = ""
        try fixture.catalogue.export(.opportunities, as: .csv) { all += $0 }
        #expect(all.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "no CJK")
        #expect(all.unicodeScalars.contains { $0.properties.isEmojiPresentation }, "no emoji")
        #expect(all.contains("é") || all.contains("ã") || all.contains("ü"), "no accents")
    }

    @Test func seedingTwiceIsRefused() throws {
        let fixture = try CatalogueFixture()
        try fixture.catalogue.seedDemo(from: Self.demoDirectory)
        #expect(throws: CatalogueError.self) { try fixture.catalogue.seedDemo(from: Self.demoDirectory) }
    }

    @Test func theSyntheticCatalogueIsDeterministicAndSound() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-syn-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        var exports: [String] = []
        for name in ["a", "b"] {
            let path = directory.appendingPathComponent("\(name).sqlite").path
            let summary = try Catalogue.createSynthetic(at: path, count: 500, seed: 7, now: now)
            #expect(summary.opportunities == 500)
            #expect(summary.students == 100)
            #expect(summary.applications > 900)
            let catalogue = try Catalogue(path: path)
            #expect(try catalogue.check().isHealthy)
            #expect(try catalogue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
            var text = ""
            try catalogue.export(.applications, as: .csv) { text += $0 }
            exports.append(text)
            // Histories were written whole: every application's events end at its status.
            let mismatched = try catalogue.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM applications a WHERE a.status <> (
                        SELECT to_status FROM application_events e WHERE e.application_id = a.id ORDER BY e.id DESC LIMIT 1)
                    """)
            }
            #expect(mismatched == 0)
            // The rules suspended for the load are back.
            #expect(throws: CatalogueError.self) {
                try catalogue.write { try $0.execute(sql: "UPDATE applications SET status = 'submitted' WHERE status = 'completed'") }
            }
        }
        #expect(exports[0] == exports[1])
        #expect(throws: CatalogueError.self) {
            try Catalogue.createSynthetic(at: directory.appendingPathComponent("a.sqlite").path, count: 5)
        }
    }
}
