import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// The import writes listings in bulk and keeps the search index itself; what it leaves must be
/// what the row-by-row triggers would have left.
@Suite struct ListingImportTests {
    static let header = "ref,title,organization,field,brief,skills,deliverables,hours,duration_days,deadline,compensation_kind,location_kind"

    func importCSV(_ rows: [String], into fixture: CatalogueFixture, dryRun: Bool = false) throws -> ImportSummary {
        try fixture.catalogue.importApproved(Data(([Self.header] + rows).joined(separator: "\n").utf8), format: .csv, dryRun: dryRun)
    }

    func refs(_ fixture: CatalogueFixture, _ words: String) throws -> Set<String> {
        Set(try fixture.catalogue.opportunities(matching: OpportunityQuery(words: words, includeClosed: true), limit: 100).map(\.ref))
    }

    /// The search index after the import, and as a rebuild from the tables makes it.
    func searchIndex(_ fixture: CatalogueFixture) throws -> (imported: [String], rebuilt: [String]) {
        let entries = "SELECT rowid, title, organization, skills, brief FROM opportunity_search ORDER BY rowid"
        let imported = try fixture.catalogue.read { try Row.fetchAll($0, sql: entries).map(\.description) }
        let rebuilt = try fixture.catalogue.write { db -> [String] in
            try db.execute(sql: CatalogueSchema.rebuildSearch)
            return try Row.fetchAll(db, sql: entries).map(\.description)
        }
        return (imported, rebuilt)
    }

    func triggers(_ fixture: CatalogueFixture) throws -> [String] {
        try fixture.catalogue.read { try String.fetchAll($0, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") }
    }

    @Test func importedListingsAreSearchableExactlyAsTheTriggersWouldIndexThem() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "seed", "skills": ["SQL"]]])
        let triggersBefore = try triggers(fixture)
        _ = try importCSV([
            "a,Poster for the fair,Acme Studio,design,Bold colours,Figma|sql|Canva,Sketch|Final,10,5,2099-01-01,unpaid,remote",
            "b,Survey analysis,Lakeside Data,research,Numbers please,Python|Excel,Report,10,5,2099-01-01,unpaid,remote",
        ], into: fixture)
        #expect(try refs(fixture, "figma") == ["a"])
        #expect(try refs(fixture, "sql") == ["seed", "a"])
        #expect(try refs(fixture, "lakeside") == ["b"])
        #expect(try fixture.catalogue.opportunity(ref: "a")?.skills == ["Canva", "Figma", "SQL"])
        let index = try searchIndex(fixture)
        #expect(index.imported == index.rebuilt)
        #expect(try triggers(fixture) == triggersBefore)
        #expect(try fixture.catalogue.check().isHealthy)
    }

    @Test func reimportingAChangedListingRewritesItsSearchEntrySkillsAndDeliverables() throws {
        let fixture = try CatalogueFixture()
        _ = try importCSV(["a,Poster,Acme,design,Bold,Figma|Canva,Sketch|Final,10,5,2099-01-01,unpaid,remote"], into: fixture)
        let before = try #require(try fixture.catalogue.opportunity(ref: "a"))
        let summary = try importCSV(["a,Leaflet,Acme,design,Bold,Figma|Photoshop,Draft,10,5,2099-01-01,unpaid,remote"], into: fixture)
        #expect(summary == ImportSummary(subject: "opportunities", inserted: 0, updated: 1))
        let after = try #require(try fixture.catalogue.opportunity(ref: "a"))
        #expect(after.skills == ["Figma", "Photoshop"] && after.deliverables == ["Draft"] && after.title == "Leaflet")
        #expect(after.version == before.version + 1)
        #expect(try refs(fixture, "canva").isEmpty && refs(fixture, "poster").isEmpty)
        #expect(try refs(fixture, "photoshop") == ["a"] && refs(fixture, "leaflet") == ["a"])
        let index = try searchIndex(fixture)
        #expect(index.imported == index.rebuilt)
    }

    @Test func aMixOfNewChangedAndUnchangedListingsLeavesTheIndexAsARebuildWould() throws {
        let fixture = try CatalogueFixture()
        let rows = (1...6).map { "r\($0),Title \($0),Org \($0 % 2),design,Brief \($0),Figma|Skill \($0),One|Two,10,5,2099-01-01,unpaid,remote" }
        _ = try importCSV(rows, into: fixture)
        let next = [rows[0], rows[1].replacingOccurrences(of: "Brief 2", with: "Changed"), rows[2].replacingOccurrences(of: "Skill 3", with: "Canva"),
                    "r7,Title 7,Org 1,design,Brief 7,Canva,,10,5,2099-01-01,unpaid,remote",
                    rows[4].replacingOccurrences(of: "Org 1", with: "Org 9")]
        #expect(try importCSV(next, into: fixture) == ImportSummary(subject: "opportunities", inserted: 1, updated: 4))
        let index = try searchIndex(fixture)
        #expect(index.imported == index.rebuilt)
        #expect(try refs(fixture, "changed") == ["r2"] && refs(fixture, "canva") == ["r3", "r7"] && refs(fixture, "org 9") == ["r5"])
    }

    /// Re-importing a spreadsheet must not make its listings new to every saved search, nor make
    /// an open edit of an unchanged listing conflict.
    @Test func reimportingAnUnchangedListingWithoutPostedAtKeepsItsDateAndVersion() throws {
        let fixture = try CatalogueFixture()
        let row = "a,Poster,Acme,design,Bold,Figma,Sketch,10,5,2099-01-01,unpaid,remote"
        let first = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try fixture.catalogue.importApproved(Data("\(Self.header)\n\(row)\n".utf8), format: .csv, now: first)
        let before = try #require(try fixture.catalogue.opportunity(ref: "a"))
        _ = try fixture.catalogue.importApproved(Data("\(Self.header)\n\(row)\n".utf8), format: .csv, now: first.addingTimeInterval(86_400))
        #expect(try fixture.catalogue.opportunity(ref: "a") == before)
        let changed = row.replacingOccurrences(of: "Bold", with: "Bolder")
        _ = try fixture.catalogue.importApproved(Data("\(Self.header)\n\(changed)\n".utf8), format: .csv, now: first.addingTimeInterval(86_400))
        let after = try #require(try fixture.catalogue.opportunity(ref: "a"))
        #expect(after.postedAt == before.postedAt && after.version == before.version + 1 && after.brief == "Bolder")
    }

    /// "é" and "e\u{301}" are one String to Swift, two texts to the catalogue.
    @Test func aChangeBetweenCanonicallyEquivalentSpellingsIsStillAChange() throws {
        let fixture = try CatalogueFixture()
        _ = try importCSV(["a,Caf\u{E9},Acme,design,,,,10,5,2099-01-01,unpaid,remote"], into: fixture)
        _ = try importCSV(["a,Cafe\u{301},Acme,design,,,,10,5,2099-01-01,unpaid,remote"], into: fixture)
        #expect(Array(try #require(try fixture.catalogue.opportunity(ref: "a")).title.utf8) == Array("Cafe\u{301}".utf8))
        let index = try searchIndex(fixture)
        #expect(index.imported == index.rebuilt)
    }

    @Test func aDryRunLeavesTheTriggersInPlaceAndWritesNothing() throws {
        let fixture = try CatalogueFixture()
        let triggersBefore = try triggers(fixture)
        #expect(try importCSV(["a,Poster,Acme,design,,Figma,,10,5,2099-01-01,unpaid,remote"], into: fixture, dryRun: true).inserted == 1)
        #expect(try triggers(fixture) == triggersBefore)
        #expect(try fixture.catalogue.opportunity(ref: "a") == nil)
        #expect(try fixture.footprint().allSatisfy { $0 == 0 })
    }
}
