import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// An import reads its file a segment at a time, three times (to check it is text, to check its
/// values without the write lock, and under the lock to write): what it writes must be exactly
/// what it checked, whatever falls on a segment's edge, and a file that changes in between
/// imports nothing.
@Suite struct StreamedImportTests {
    static let header = "ref,title,organization,field,brief,hours,duration_days,deadline,compensation_kind,compensation_amount,currency,location_kind"
    static let segment = ImportSource.segmentSize

    static func row(_ number: Int, title: String? = nil, brief: String? = nil, hours: String = "10", lineEnd: String = "\n") -> String {
        let kinds = [("hourly", "25.50", "USD"), ("fixed_fee", "300", "EUR"), ("stipend", "120", "USD"),
                     ("academic_credit", "", ""), ("unpaid", "", ""), ("hourly", "18", "CAD")]
        let (kind, amount, currency) = kinds[number % kinds.count]
        return "r\(number),\(title ?? "Title \(number)"),Org \(number % 7),design,\(brief ?? "Brief \(number)"),\(hours),5,2099-01-01,"
            + "\(kind),\(amount),\(currency),remote\(lineEnd)"
    }

    /// `text` as a file in the fixture's directory; its path.
    @discardableResult
    func write(_ text: String, to fixture: CatalogueFixture, name: String = "listings.csv") throws -> String {
        let path = fixture.directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func listings(_ range: ClosedRange<Int>, hoursAt bad: Int? = nil) -> String {
        Self.header + "\n" + range.map { Self.row($0, hours: $0 == bad ? "0" : "10") }.joined()
    }

    /// Every table the import writes, and the search index's settings: a refused import leaves
    /// all of them as they were.
    func state(_ fixture: CatalogueFixture) throws -> [String] {
        let counts = try fixture.footprint().map(String.init)
        let settings = try fixture.catalogue.read { db in
            try Row.fetchAll(db, sql: "SELECT k, v FROM opportunity_search_config ORDER BY k").map(\.description)
        }
        let triggers = try fixture.catalogue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        }
        return counts + settings + triggers
    }

    // MARK: A file that changes

    /// Rewrites the file once the given phase has finished, as someone saving over it would.
    final class Rewriter: @unchecked Sendable {
        let path: String
        let phase: ImportProgress.Phase
        let text: String
        private let lock = NSLock()
        private var done = false
        private(set) var phases: [ImportProgress.Phase] = []

        init(_ path: String, after phase: ImportProgress.Phase, to text: String) {
            (self.path, self.phase, self.text) = (path, phase, text)
        }

        func report(_ progress: ImportProgress) {
            lock.withLock {
                if phases.last != progress.phase { phases.append(progress.phase) }
                guard !done, progress.phase == phase, progress.done == progress.total else { return }
                done = true
                // In place, as an editor saving over the file does: the import's open file sees it.
                let handle = FileHandle(forWritingAtPath: path)!
                handle.truncateFile(atOffset: 0)
                handle.write(Data(text.utf8))
                handle.closeFile()
            }
        }
    }

    func expectChangeRefused(after phase: ImportProgress.Phase, from original: String, to changed: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "existing"]])
        let before = try state(fixture)
        let path = try write(original, to: fixture)
        let rewriter = Rewriter(path, after: phase, to: changed)
        do {
            _ = try fixture.catalogue.importFile(try ImportSource(path: path), format: .csv, progress: rewriter.report)
            Issue.record("a file that changed was imported", sourceLocation: sourceLocation)
        } catch let error as ImportError {
            #expect(error.message.contains("changed while it was being imported"), "got \(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains("nothing was imported"), sourceLocation: sourceLocation)
        }
        #expect(try state(fixture) == before, "the catalogue changed", sourceLocation: sourceLocation)
        #expect(try fixture.catalogue.opportunity(ref: "r1") == nil, sourceLocation: sourceLocation)
    }

    @Test func aFileChangedAfterCheckingImportsNothing() throws {
        // Large enough for several segments; the change is one character, in the last one.
        let original = listings(1...40_000)
        let changed = original.replacingOccurrences(of: "Title 39999,", with: "Title 39990,")
        #expect(changed.utf8.count == original.utf8.count && changed != original)
        try expectChangeRefused(after: .validating, from: original, to: changed)
    }

    @Test func aFileChangedInItsFirstSegmentOrGrownAfterCheckingImportsNothing() throws {
        let original = listings(1...40)
        try expectChangeRefused(after: .validating, from: original, to: original.replacingOccurrences(of: "Title 1,", with: "Title 9,"))
        try expectChangeRefused(after: .validating, from: original, to: original + Self.row(41))
        try expectChangeRefused(after: .validating, from: original, to: String(original.dropLast(40)))
    }

    /// The second reading (checking the values, still without the lock) holds the file to the
    /// first one too, and the refusal comes before any writing.
    @Test func aFileChangedWhileBeingCheckedIsRefusedBeforeTheWriting() throws {
        let fixture = try CatalogueFixture()
        let original = listings(1...30_000)
        let path = try write(original, to: fixture)
        let rewriter = Rewriter(path, after: .reading, to: original.replacingOccurrences(of: "Brief 29000,", with: "Brief 29001,"))
        #expect(throws: ImportError.self) {
            try fixture.catalogue.importFile(try ImportSource(path: path), format: .csv, progress: rewriter.report)
        }
        #expect(!rewriter.phases.contains(.writing))
        #expect(try fixture.footprint().allSatisfy { $0 == 0 })
    }

    // MARK: Errors deep in a large file

    @Test func aBadRowDeepInALargeFileNamesItsLineAndColumnAndImportsNothing() throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "existing"]])
        let before = try state(fixture)
        let path = try write(listings(1...50_000, hoursAt: 47_123), to: fixture)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int > 3 * Self.segment)
        #expect(throws: ImportError(line: 47_124, column: 6, message: "hours: must be a whole number from 1 to 400, got \"0\"")) {
            try fixture.catalogue.importFile(try ImportSource(path: path), format: .csv)
        }
        #expect(try state(fixture) == before)
    }

    /// One line of JSON (as a minifier writes it) several segments long: the column of a bad
    /// value is counted across every segment before it, as the whole document's parse counts it.
    @Test func aBadValueDeepInALongJSONLineIsPlacedAsTheWholeDocumentPlacesIt() throws {
        let fixture = try CatalogueFixture()
        let items = (1...30_000).map { number in
            #"{"ref": "j\#(number)", "title": "Caf\#u{E9} \#(number) 🎨", "organization": "Org", "field": "design", "#
                + #""brief": "Line one\nline \"two\"", "hours": \#(number == 29_999 ? 500 : 10), "duration_days": 5, "#
                + #""deadline": "2099-01-01", "compensation_kind": "unpaid", "location_kind": "remote"}"#
        }
        let text = "[" + items.joined(separator: ", ") + "]"
        #expect(text.utf8.count > 3 * Self.segment)
        let expected = try #require(try PositionedJSON.parse(text).array?[29_998]["hours"]?.position)
        let path = try write(text, to: fixture, name: "listings.json")
        #expect(throws: ImportError(line: 1, column: expected.column, message: "hours: must be a whole number from 1 to 400, got \"500\"")) {
            try fixture.catalogue.importFile(try ImportSource(path: path), format: .json)
        }
        #expect(try fixture.footprint().allSatisfy { $0 == 0 })
    }

    @Test func aSyntaxErrorDeepInALargeFileIsFoundInTheFirstReadings() throws {
        let fixture = try CatalogueFixture()
        let csv = listings(1...30_000) + "r30001,\"Never closed,Org,design,B,10,5,2099-01-01,unpaid,,,remote\n" + Self.row(30_002)
        let error = try #require(throws: ImportError.self) {
            try fixture.catalogue.importFile(try ImportSource(path: try write(csv, to: fixture)), format: .csv)
        }
        #expect(error.line == 30_002 && error.column == 2 && error.message.hasPrefix("unterminated quoted field"))
        var bytes = Array(listings(1...30_000).utf8)
        bytes.insert(0xFF, at: bytes.count - 20)
        let path = fixture.directory.appendingPathComponent("bad.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        // In the last row's compensation_kind.
        #expect(throws: ImportError(line: 30_001, column: 9, message: "not UTF-8 text")) {
            try fixture.catalogue.importFile(try ImportSource(path: path), format: .csv)
        }
        #expect(try fixture.footprint().allSatisfy { $0 == 0 })
    }

    // MARK: Segment edges

    /// Pads with filler rows so that byte `offset` of `tail` lands at file offset `boundary`.
    static func append(_ tail: String, splitAt offset: Int, on boundary: Int, to text: inout String, filler: inout Int) {
        while true {
            let needed = boundary - offset - text.utf8.count - Self.row(filler, brief: "").utf8.count
            precondition(needed >= 0)
            text += Self.row(filler, brief: String(repeating: "f", count: min(needed, 15_000)))
            filler += 1
            if needed <= 15_000 { break }
        }
        precondition(text.utf8.count + offset == boundary)
        text += tail
    }

    /// A CR and its LF, a doubled quote, a two-byte and a four-byte character, and a CRLF line end
    /// each cut by a segment's edge: every value arrives byte for byte.
    @Test func aCSVRecordCutByASegmentsEdgeArrivesExactly() throws {
        let fixture = try CatalogueFixture()
        var text = Self.header + "\r\n"
        var filler = 1_000
        let cases: [(row: String, cut: String, ref: String, brief: String?, title: String?)] = [
            (#"e1,Title,Org,design,"one\#r\#ntwo",10,5,2099-01-01,unpaid,,,remote"# + "\n", "\r", "e1", "one\r\ntwo", nil),
            (#"e2,Title,Org,design,"say ""hi"" now",10,5,2099-01-01,unpaid,,,remote"# + "\n", #""""#, "e2", #"say "hi" now"#, nil),
            ("e3,Caf\u{E9} au lait,Org,design,B,10,5,2099-01-01,unpaid,,,remote\n", "\u{E9}", "e3", nil, "Caf\u{E9} au lait"),
            ("e4,Paint 🎨 now,Org,design,B,10,5,2099-01-01,unpaid,,,remote\n", "🎨", "e4", nil, "Paint 🎨 now"),
            ("e5,Title,Org,design,B,10,5,2099-01-01,unpaid,,,remote\r\n", "\r\n", "e5", "B", nil),
        ]
        for (number, item) in cases.enumerated() {
            // One byte into the cut text: the first half on one side of the edge, the rest on the other.
            let offset = Array(item.row.utf8).firstRange(of: Array(item.cut.utf8))!.lowerBound + 1
            Self.append(item.row, splitAt: offset, on: (number + 1) * Self.segment, to: &text, filler: &filler)
        }
        // A bad last row, on the line after every case: the line count survived the edges
        // (each case is one record; the first spans two lines).
        let bad = text + Self.row(2_000, hours: "0")
        let lines = bad.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count - 1
        #expect(throws: ImportError(line: lines, column: 6, message: "hours: must be a whole number from 1 to 400, got \"0\"")) {
            try fixture.catalogue.importFile(try ImportSource(path: try write(bad, to: fixture, name: "bad.csv")), format: .csv)
        }
        #expect(try fixture.footprint().allSatisfy { $0 == 0 })
        let summary = try fixture.catalogue.importFile(try ImportSource(path: try write(text, to: fixture)), format: .csv)
        #expect(summary.inserted == cases.count + filler - 1_000)
        for item in cases {
            let listing = try #require(try fixture.catalogue.opportunity(ref: item.ref))
            if let brief = item.brief { #expect(Array(listing.brief.utf8) == Array(brief.utf8), "\(item.ref)") }
            if let title = item.title { #expect(Array(listing.title.utf8) == Array(title.utf8), "\(item.ref)") }
        }
    }

    /// The same for JSON: an escape, a character and a CRLF between elements cut by an edge.
    @Test func aJSONElementCutByASegmentsEdgeArrivesExactly() throws {
        let fixture = try CatalogueFixture()
        func element(_ ref: String, title: String, brief: String = "") -> String {
            #"{"ref": "\#(ref)", "title": "\#(title)", "organization": "Org", "field": "design", "brief": "\#(brief)", "hours": 10, "#
                + #""duration_days": 5, "deadline": "2099-01-01", "compensation_kind": "unpaid", "location_kind": "remote"}"#
        }
        var text = "[\r\n"
        var number = 0
        func pad(toPut offset: Int, of tail: String, at boundary: Int) {
            while true {
                let needed = boundary - offset - text.utf8.count - (element("f\(number)", title: "F") + ",\r\n").utf8.count
                precondition(needed >= 0)
                text += element("f\(number)", title: "F", brief: String(repeating: "f", count: min(needed, 15_000))) + ",\r\n"
                number += 1
                if needed <= 15_000 { break }
            }
            precondition(text.utf8.count + offset == boundary)
            text += tail
        }
        let escaped = element("e1", title: #"say \"hi\""#) + ",\r\n"
        pad(toPut: Array(escaped.utf8).firstRange(of: Array(#"\""#.utf8))!.lowerBound + 1, of: escaped, at: Self.segment)
        let accented = element("e2", title: "Caf\u{E9}") + ",\r\n"
        pad(toPut: Array(accented.utf8).firstIndex(of: 0xC3)! + 1, of: accented, at: 2 * Self.segment)
        let crlf = element("e3", title: "T") + ",\r\n"
        pad(toPut: crlf.utf8.count - 1, of: crlf, at: 3 * Self.segment)
        text += element("e4", title: "Last") + "\r\n]\r\n"
        let path = try write(text, to: fixture, name: "listings.json")
        let summary = try fixture.catalogue.importFile(try ImportSource(path: path), format: .json)
        #expect(summary.inserted == number + 4)
        #expect(try fixture.catalogue.opportunity(ref: "e1")?.title == #"say "hi""#)
        #expect(Array(try #require(try fixture.catalogue.opportunity(ref: "e2")).title.utf8) == Array("Caf\u{E9}".utf8))
        #expect(try fixture.catalogue.opportunity(ref: "e4")?.title == "Last")
        // A bad value after all the edges: placed on its line as the whole document places it.
        let bad = text.replacingOccurrences(of: #""ref": "e4", "title": "Last", "organization": "Org", "field": "design""#,
                                            with: #""ref": "e4", "title": "Last", "organization": "Org", "field": "astrology""#)
        let expected = try #require(try PositionedJSON.parse(bad).array?.last?["field"]?.position)
        let badPath = try write(bad, to: fixture, name: "bad.json")
        let empty = try CatalogueFixture()
        let error = try #require(throws: ImportError.self) {
            try empty.catalogue.importFile(try ImportSource(path: badPath), format: .json)
        }
        #expect(error.message.hasPrefix("field: unknown value \"astrology\""))
        #expect(error.line == expected.line && error.column == expected.column, "got \(error)")
    }

    // MARK: What the writing leaves

    /// Re-importing more listings than one look-up batch, changed and unchanged, with new ones:
    /// the counts, the pay ranks and the search index are what the triggers would have left.
    @Test func aLargeReimportLeavesRanksAndSearchAsTheTriggersWould() throws {
        let fixture = try CatalogueFixture()
        let first = listings(1...1_200)
        _ = try fixture.catalogue.importFile(try ImportSource(path: try write(first, to: fixture)), format: .csv)
        let settingsBefore = try state(fixture).suffix(from: 8)
        let second = Self.header + "\n" + (1...1_500).map { number in
            number % 2 == 0 ? Self.row(number, title: "Changed \(number)") : Self.row(number)
        }.joined()
        let summary = try fixture.catalogue.importFile(try ImportSource(path: try write(second, to: fixture, name: "again.csv")), format: .csv)
        #expect(summary == ImportSummary(subject: "opportunities", inserted: 300, updated: 1_200))
        #expect(try state(fixture).suffix(from: 8) == settingsBefore, "search settings and triggers as before")
        let recomputed = PayRank.sql(hourly: "hourly_cents", currency: "currency", kind: "compensation_kind", home: PayRank.storedHomeCurrency)
        let wrongRanks = try fixture.catalogue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM opportunities WHERE pay_rank IS NOT \(recomputed)") }
        #expect(wrongRanks == 0)
        let index = try ListingImportTests().searchIndex(fixture)
        #expect(index.imported == index.rebuilt)
        #expect(try fixture.catalogue.check().isHealthy)
        // New listings wait for review; approved, the changed titles are what search finds.
        try fixture.catalogue.write { db in try db.execute(sql: "UPDATE opportunities SET approval = 'approved'") }
        let found = try fixture.catalogue.opportunities(matching: OpportunityQuery(words: "changed", includeClosed: true), limit: 1_000)
        #expect(found.count == 750)
    }
}
