import Foundation
import Testing
@testable import TernCatalogue

@Suite struct ImportTests {
    static let header = "ref,title,organization,field,brief,deliverables,skills,hours,duration_days,schedule,starts_on,deadline,compensation_kind,compensation_amount,currency,location_kind,city,spots,status,posted_at"
    static let deadline = CalendarDay(Date()).adding(days: 10).description
    static func row(_ ref: String, hours: String = "10", deadline: String = deadline, field: String = "design") -> String {
        "\(ref),Poster for \(ref),Acme Studio,\(field),\"A brief, with a comma\",Sketch|Final,Figma|Canva,\(hours),5,flexible,,\(deadline),fixed_fee,250,USD,remote,,1,open,2026-11-01T10:00:00Z"
    }

    /// Imports `text` into a catalogue that already has one listing, expects the error at
    /// `line`:`column`, and checks that not one row of the file arrived.
    func expectRefused(_ text: String, format: ExchangeFormat = .csv, line: Int, column: Int, containing words: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "existing"]])
        let before = try fixture.footprint()
        do {
            _ = try fixture.catalogue.importApproved(Data(text.utf8), format: format)
            Issue.record("import was accepted", sourceLocation: sourceLocation)
        } catch let error as ImportError {
            #expect(error.line == line && error.column == column, "got \(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(words), "got \(error)", sourceLocation: sourceLocation)
        }
        #expect(try fixture.footprint() == before, "the catalogue changed", sourceLocation: sourceLocation)
    }

    @Test func aGoodCSVImportsEveryRow() throws {
        let fixture = try CatalogueFixture()
        let summary = try fixture.catalogue.importApproved(Data("\(Self.header)\n\(Self.row("a"))\n\(Self.row("b"))\n".utf8), format: .csv)
        #expect(summary == ImportSummary(subject: "opportunities", inserted: 2, updated: 0))
        let a = try #require(try fixture.catalogue.opportunity(ref: "a"))
        #expect(a.brief == "A brief, with a comma")
        #expect(a.deliverables == ["Sketch", "Final"])
        #expect(a.skills == ["Canva", "Figma"])
        #expect(a.compensation == Money(cents: 25_000, currency: "USD"))
    }

    @Test func anUnterminatedQuoteNamesWhereItOpened() throws {
        try expectRefused("\(Self.header)\n\(Self.row("a"))\nb,\"Never closed,Acme\n", line: 3, column: 2, containing: "unterminated")
    }

    @Test func aWrongColumnCountNamesTheRow() throws {
        try expectRefused("\(Self.header)\n\(Self.row("a"))\nb,too,few\n", line: 3, column: 4, containing: "expected 20 fields, found 3")
    }

    @Test func aBadDateNamesItsColumn() throws {
        try expectRefused("\(Self.header)\n\(Self.row("a"))\n\(Self.row("b", deadline: "2026-02-30"))\n", line: 3, column: 12, containing: "deadline: not a date")
    }

    @Test func negativeHoursAreRefused() throws {
        try expectRefused("\(Self.header)\n\(Self.row("a", hours: "-5"))\n", line: 2, column: 8, containing: "hours: must be a whole number from 1 to 400")
    }

    @Test func anUnknownFieldValueIsRefused() throws {
        try expectRefused("\(Self.header)\n\(Self.row("a"))\n\(Self.row("b", field: "astrology"))\n", line: 3, column: 4, containing: "unknown value \"astrology\"")
    }

    @Test func anUnknownColumnIsRefusedRatherThanDropped() throws {
        try expectRefused("\(Self.header),colour\n\(Self.row("a")),red\n", line: 1, column: 21, containing: "unknown column \"colour\"")
    }

    @Test func aDuplicateRefNamesBothLines() throws {
        try expectRefused("\(Self.header)\n\(Self.row("a"))\n\(Self.row("b"))\n\(Self.row("a"))\n", line: 4, column: 1, containing: "duplicate ref \"a\" (first on line 2)")
    }

    @Test func anEmptyFileIsRefused() throws {
        try expectRefused("", line: 1, column: 1, containing: "empty file")
        try expectRefused("", format: .json, line: 1, column: 1, containing: "empty")
    }

    @Test func aByteOrderMarkAndCRLFLineEndsAreFine() throws {
        let fixture = try CatalogueFixture()
        let text = "\u{FEFF}\(Self.header)\r\n\(Self.row("a"))\r\n\(Self.row("b"))\r\n"
        #expect(try fixture.catalogue.importApproved(Data(text.utf8), format: .csv).inserted == 2)
        #expect(try fixture.catalogue.opportunity(ref: "b")?.title == "Poster for b")
    }

    @Test func lineNumbersStayRightAfterCRLFAndMultiLineCells() throws {
        let multiLine = Self.row("a").replacingOccurrences(of: "\"A brief, with a comma\"", with: "\"Line one\r\nline two\"")
        try expectRefused("\u{FEFF}\(Self.header)\r\n\(multiLine)\r\n\(Self.row("b", hours: "0"))\r\n", line: 4, column: 8, containing: "hours")
    }

    @Test func invalidUTF8IsRefusedWithItsPlace() throws {
        let fixture = try CatalogueFixture()
        var data = Data("\(Self.header)\n\(Self.row("a"))\n".utf8)
        data.append(contentsOf: [0x62, 0x2C, 0xFF, 0x0A])
        // Column 2: for CSV the column is the field number.
        #expect(throws: ImportError(line: 3, column: 2, message: "not UTF-8 text")) { try fixture.catalogue.importApproved(data, format: .csv) }
    }

    @Test func jsonErrorsNameTheLineAndColumnOfTheValue() throws {
        let json = """
            [
              {"ref": "a", "title": "T", "organization": "Acme", "field": "design", "hours": 10, "duration_days": 3,
               "deadline": "\(Self.deadline)", "compensation_kind": "unpaid", "location_kind": "remote"},
              {"ref": "b", "title": "T", "organization": "Acme", "field": "design", "hours": -3, "duration_days": 3,
               "deadline": "\(Self.deadline)", "compensation_kind": "unpaid", "location_kind": "remote"}
            ]
            """
        try expectRefused(json, format: .json, line: 4, column: 82, containing: "hours: must be a whole number")
    }

    @Test func jsonSyntaxErrorsAndUnknownKeysAreRefused() throws {
        try expectRefused("[\n  {\"ref\": \"a\",}\n]", format: .json, line: 2, column: 14, containing: "trailing comma")
        let json = "[{\"ref\": \"a\", \"title\": \"T\", \"organization\": \"A\", \"field\": \"design\", \"hours\": 1, \"duration_days\": 1, \"deadline\": \"\(Self.deadline)\", \"compensation_kind\": \"unpaid\", \"location_kind\": \"remote\", \"colour\": \"red\"}]"
        try expectRefused(json, format: .json, line: 1, column: 195, containing: "unknown key \"colour\"")
    }

    @Test func aDryRunChecksEverythingAndWritesNothing() throws {
        let fixture = try CatalogueFixture()
        let before = try fixture.footprint()
        let summary = try fixture.catalogue.importApproved(Data("\(Self.header)\n\(Self.row("a"))\n".utf8), format: .csv, dryRun: true)
        #expect(summary.inserted == 1)
        #expect(try fixture.footprint() == before)
    }

    @Test(arguments: [ExchangeFormat.csv, .json], ExchangeSubject.allCases)
    func exportThenImportIntoAFreshCatalogueRoundTrips(format: ExchangeFormat, subject: ExchangeSubject) throws {
        let source = try CatalogueFixture()
        try source.addStudent("ana")
        try source.addListings([
            ["ref": "one", "title": "Quotes \"and\", commas | pipes\\", "brief": "Two\nlines 数据 🎨", "skills": ["A|B", "Python"]],
            ["ref": "two", "compensation_kind": "certificate", "compensation_amount": NSNull(), "currency": NSNull(), "location_kind": "hybrid", "city": "São Paulo"],
        ])
        let app = try source.catalogue.apply(as: "ana", to: try source.listingID("one"), coverNote: "Hi, \"there\"", hoursOffered: 6)
        try source.catalogue.move(app.id, to: .underReview, by: Actor(role: .staff, username: "x"), expectedVersion: app.version)
        let target = try CatalogueFixture()
        // Applications need their student and listing first.
        for prerequisite in [ExchangeSubject.students, .opportunities] where subject == .applications {
            _ = try target.catalogue.importApproved(Data(try exported(source, prerequisite, format).utf8), format: format)
        }
        let text = try exported(source, subject, format)
        _ = try target.catalogue.importApproved(Data(text.utf8), format: format)
        #expect(try exported(target, subject, format) == text)
    }

    func exported(_ fixture: CatalogueFixture, _ subject: ExchangeSubject, _ format: ExchangeFormat) throws -> String {
        var text = ""
        try fixture.catalogue.export(subject, as: format) { text += $0 }
        return text
    }

    // MARK: Progress

    /// Every report an import makes, from whichever thread it makes it on.
    final class ProgressLog: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [ImportProgress] = []
        func append(_ report: ImportProgress) { lock.withLock { reports.append(report) } }
        var all: [ImportProgress] { lock.withLock { reports } }

        /// The phases in the order they were reported, each once.
        var phases: [ImportProgress.Phase] {
            all.map(\.phase).reduce(into: []) { if $0.last != $1 { $0.append($1) } }
        }

        func of(_ phase: ImportProgress.Phase) -> [ImportProgress] { all.filter { $0.phase == phase } }
    }

    /// Within each phase: one total throughout, starting at 0, never going back, at most about
    /// a hundred reports however long the file.
    func expectSteady(_ log: ProgressLog, sourceLocation: SourceLocation = #_sourceLocation) {
        for phase in ImportProgress.Phase.allCases {
            let reports = log.of(phase)
            guard let first = reports.first else { continue }
            #expect(first.done == 0, sourceLocation: sourceLocation)
            #expect(reports.allSatisfy { $0.total == first.total }, sourceLocation: sourceLocation)
            #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.done <= $1.done }, sourceLocation: sourceLocation)
            #expect(reports.count <= ImportProgressMeter.reportsPerPhase + 2, "\(phase): \(reports.count) reports", sourceLocation: sourceLocation)
        }
    }

    @Test func progressIsReportedPhaseByPhaseNeverBackwardsAndEndsAtTheTotal() throws {
        let fixture = try CatalogueFixture()
        let rows = (0..<1_234).map { Self.row("p\($0)") }
        let data = Data("\(Self.header)\n\(rows.joined(separator: "\n"))\n".utf8)
        let log = ProgressLog()
        let summary = try fixture.catalogue.importFile(data, format: .csv, progress: log.append)
        #expect(summary.inserted == 1_234)
        #expect(log.phases == [.reading, .validating, .writing])
        expectSteady(log)
        #expect(log.of(.reading).last == ImportProgress(phase: .reading, done: data.count, total: data.count))
        #expect(log.of(.validating).last == ImportProgress(phase: .validating, done: 1_234, total: 1_234))
        #expect(log.of(.writing).last == ImportProgress(phase: .writing, done: 1_234, total: 1_234))
        #expect(log.of(.writing).count > 50, "a bar needs more than a start and an end")
        // Students and applications report the same way; a dry run writes (and rolls back) too.
        for csv in ["username,name,email\nana,Ana,ana@campus.example\nben,Ben,ben@campus.example\n",
                    "student,opportunity,status,hours_offered\nana,p1,submitted,5\nben,p2,under_review,5\n"] {
            let small = ProgressLog()
            _ = try fixture.catalogue.importFile(Data(csv.utf8), format: .csv, dryRun: csv.hasPrefix("student"), progress: small.append)
            #expect(small.phases == [.reading, .validating, .writing])
            expectSteady(small)
            #expect(small.of(.writing).map(\.done) == [0, 1, 2])
        }
    }

    @Test func aRefusedFileStopsReportingWhereItWasRefusedAndNeverReachesTheWriting() throws {
        let fixture = try CatalogueFixture()
        let rows = (0..<600).map { Self.row("r\($0)", hours: $0 == 450 ? "0" : "10") }
        let log = ProgressLog()
        #expect(throws: ImportError.self) {
            try fixture.catalogue.importFile(Data("\(Self.header)\n\(rows.joined(separator: "\n"))\n".utf8), format: .csv, progress: log.append)
        }
        #expect(log.phases == [.reading, .validating])
        expectSteady(log)
        let last = try #require(log.of(.validating).last)
        #expect(last.done <= 450 && last.done > 400)
    }
}
