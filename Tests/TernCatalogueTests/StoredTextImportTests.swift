import Foundation
import Testing
@testable import TernCatalogue

/// An import stores each text exactly, or refuses the file at the place of the text it cannot
/// store: a NUL, or more than the field holds.
@Suite struct StoredTextImportTests {
    static let header = "ref,title,organization,field,brief,deliverables,skills,hours,duration_days,deadline,compensation_kind,location_kind"

    static func row(_ ref: String, title: String = "A title", brief: String = "", deliverables: String = "", skills: String = "") -> String {
        "\(ref),\(title),Acme,design,\(brief),\(deliverables),\(skills),10,5,2099-01-01,unpaid,remote"
    }

    /// The 1-based character column where `needle` starts on `line` of `text`.
    static func column(of needle: String, in text: String, line: Int) -> Int {
        let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        return lineText.distance(from: lineText.startIndex, to: lineText.range(of: needle)!.lowerBound) + 1
    }

    /// Imports `text`, expects a refusal at `line`:`column` that mentions `words`, and checks that
    /// nothing arrived.
    func expectRefused(_ text: String, format: ExchangeFormat = .csv, line: Int, column: Int, containing words: String,
                       into fixture: CatalogueFixture? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fixture = try fixture ?? CatalogueFixture()
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

    @Test func aNULInACSVFieldIsRefusedAtItsFieldRatherThanCuttingTheText() throws {
        try expectRefused("\(Self.header)\n\(Self.row("a"))\n\(Self.row("b", title: "before\u{0}after"))\n",
                          line: 3, column: 2, containing: "title: contains a NUL character")
    }

    @Test func aNULEscapedInJSONIsRefusedAtItsValue() throws {
        let json = """
            [{"ref": "a", "title": "T", "organization": "Acme", "field": "design", "hours": 10, "duration_days": 3,
              "deadline": "2099-01-01", "compensation_kind": "unpaid", "location_kind": "remote", "brief": "before\\u0000after"}]
            """
        try expectRefused(json, format: .json, line: 2, column: Self.column(of: "\"before", in: json, line: 2),
                          containing: "brief: contains a NUL character")
    }

    @Test func aNULInAListItemIsRefusedAtThatItem() throws {
        let json = """
            [{"ref": "a", "title": "T", "organization": "Acme", "field": "design", "hours": 10, "duration_days": 3,
              "deadline": "2099-01-01", "compensation_kind": "unpaid", "location_kind": "remote",
              "skills": ["Figma", "Can\\u0000va"]}]
            """
        try expectRefused(json, format: .json, line: 3, column: Self.column(of: "\"Can", in: json, line: 3),
                          containing: "skills: item 2 contains a NUL character")
        try expectRefused("\(Self.header)\n\(Self.row("a", skills: "Figma|Can\u{0}va"))\n", line: 2, column: 7,
                          containing: "skills: item 2 contains a NUL character")
    }

    /// Bound as C strings, these logins used to find the student `tnguyen` and overwrite him.
    @Test func loginsThatDifferOnlyAfterANULAreRefusedAndTheRealStudentKeepsHisRecord() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("tnguyen")
        let before = try #require(try fixture.catalogue.student(username: "tnguyen"))
        let csv = "username,name,email\ntnguyen\u{0}x,Evil X,x@evil.example\ntnguyen\u{0}y,Evil Y,y@evil.example\n"
        try expectRefused(csv, line: 2, column: 1, containing: "username: contains a NUL character", into: fixture)
        #expect(try fixture.catalogue.student(username: "tnguyen") == before)
        let applications = "student,opportunity,status,hours_offered\ntnguyen\u{0}x,a,submitted,5\n"
        try expectRefused(applications, line: 2, column: 1, containing: "student: contains a NUL character", into: fixture)
    }

    @Test func aTenMegabyteBriefIsRefusedWithItsLength() throws {
        let brief = String(repeating: "x", count: 10_000_000)
        try expectRefused("\(Self.header)\n\(Self.row("a", brief: brief))\n", line: 2, column: 5,
                          containing: "brief: is 10000000 characters long; the most it can hold is 20000")
    }

    @Test func limitsCountUnicodeScalarsAndTheLimitItselfIsAccepted() throws {
        let fixture = try CatalogueFixture()
        // 200 scalars, 100 Characters: within the title's 200.
        let title = String(repeating: "e\u{301}", count: 100)
        _ = try fixture.catalogue.importApproved(Data("\(Self.header)\n\(Self.row("a", title: title))\n".utf8), format: .csv)
        #expect(try fixture.catalogue.opportunity(ref: "a")?.title.unicodeScalars.count == 200)
        try expectRefused("\(Self.header)\n\(Self.row("b", title: title + "x"))\n", line: 2, column: 2,
                          containing: "title: is 201 characters long; the most it can hold is 200")
    }

    @Test func everyTextColumnHasALimit() throws {
        let long = { (count: Int) in String(repeating: "y", count: count) }
        try expectRefused("\(Self.header)\n\(Self.row("a", deliverables: "ok|" + long(501)))\n", line: 2, column: 6,
                          containing: "deliverables: item 2 is 501 characters long")
        try expectRefused("\(Self.header)\n\(Self.row("a", skills: long(61)))\n", line: 2, column: 7, containing: "skills: item 1 is 61")
        let fiftyOne = (1...51).map { "skill \($0)" }.joined(separator: "|")
        try expectRefused("\(Self.header)\n\(Self.row("a", skills: fiftyOne))\n", line: 2, column: 7,
                          containing: "skills: has 51 items; the most a list holds is 50")
        try expectRefused("username,name,email,program\nana,\(long(201)),a@b.example,x\n", line: 2, column: 2, containing: "name: is 201")
        try expectRefused("username,name,email,program\nana,Ana,\(long(255)),x\n", line: 2, column: 3, containing: "email: is 255")
        try expectRefused("username,name,email,program\nana,Ana,a@b.example,\(long(201))\n", line: 2, column: 4, containing: "program: is 201")
        try expectRefused("username,name,email,portfolio_links\nana,Ana,a@b.example,\(long(2001))\n", line: 2, column: 4,
                          containing: "portfolio_links: item 1 is 2001")
        try expectRefused("username,name,email,skills\nana,Ana,a@b.example,\(long(61)):expert\n", line: 2, column: 4,
                          containing: "is 61 characters long")
    }

    @Test func requiredTextMustNotBeBlankButOptionalTextIsKeptAsWritten() throws {
        try expectRefused("\(Self.header)\n\(Self.row("a", title: "\u{3000} "))\n", line: 2, column: 2, containing: "title: must not be blank")
        let fixture = try CatalogueFixture()
        _ = try fixture.catalogue.importApproved(Data("\(Self.header)\n\(Self.row("a", brief: "\" \u{3000}\""))\n".utf8), format: .csv)
        #expect(try fixture.catalogue.opportunity(ref: "a")?.brief == " \u{3000}")
    }

    @Test func aBadApplicationTimestampIsRefusedNotReplacedByNow() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        try fixture.addListings([["ref": "a"]])
        try expectRefused("student,opportunity,status,hours_offered,created_at\nana,a,submitted,5,yesterday\n", line: 2, column: 5,
                          containing: "created_at: not a timestamp", into: fixture)
    }
}
