import Foundation
import Testing
@testable import TernCatalogue

/// `FILE:LINE:COLUMN` points at what to fix: for CSV, COLUMN is the field number; for JSON,
/// the character column.
@Suite struct ImportPositionTests {
    static let header = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind"

    /// Rows 2...(count + 1) of a good listings file.
    static func rows(_ count: Int) -> String {
        (1...count).map { "r\($0),Title \($0),Acme,design,10,5,2099-01-01,unpaid,remote\n" }.joined()
    }

    func refusal(_ data: Data, format: ExchangeFormat = .csv) throws -> ImportError? {
        let fixture = try CatalogueFixture()
        do {
            _ = try fixture.catalogue.importApproved(data, format: format)
            return nil
        } catch let error as ImportError {
            return error
        }
    }

    @Test func aBadByteInCSVIsReportedAtItsFieldNumber() throws {
        var data = Data("\(Self.header)\n\(Self.rows(98))".utf8)
        data.append(contentsOf: Array("r99,Caf".utf8) + [0xE9] + Array(",Acme,design,10,5,2099-01-01,unpaid,remote\n".utf8))
        #expect(try refusal(data) == ImportError(line: 100, column: 2, message: "not UTF-8 text"))
    }

    @Test func aBadByteInsideAMultiLineQuotedFieldIsReportedOnItsLineAtItsField() throws {
        var data = Data("\(Self.header)\nr1,\"Title, with a comma\nand a second line ".utf8)
        data.append(contentsOf: [0xC0, 0xAF] + Array("\",Acme,design,10,5,2099-01-01,unpaid,remote\n".utf8))
        #expect(try refusal(data) == ImportError(line: 3, column: 2, message: "not UTF-8 text"))
    }

    /// Characters as an editor counts them: "e" and a combining accent are one.
    @Test func aBadByteInJSONIsReportedAtItsCharacterColumn() throws {
        var data = Data("[\n  {\"ref\": \"e\u{301}".utf8)
        data.append(contentsOf: [0xFF] + Array("\"}\n]".utf8))
        #expect(try refusal(data, format: .json) == ImportError(line: 2, column: 13, message: "not UTF-8 text"))
    }

    /// The quote opened on line 100 is closed by the first quote of line 101, and the text after
    /// that quote is only the symptom.
    @Test func anUnterminatedQuoteIsReportedWhereItOpenedNotWhereItRanInto() throws {
        let text = "\(Self.header)\n\(Self.rows(98))r99,\"Never closed,Acme,design,10,5,2099-01-01,unpaid,remote\n"
            + "r100,\"Title\",Acme,design,10,5,2099-01-01,unpaid,remote\n"
        let error = try #require(try refusal(Data(text.utf8)))
        #expect(error.line == 100 && error.column == 2, "got \(error)")
        #expect(error.message == "unterminated quoted field: it runs on to line 101, where a quote is followed by more text")
    }

    @Test func aJSONTrailingCommaIsReportedAtTheComma() throws {
        let listing = #"{"ref": "a", "title": "T", "organization": "A", "field": "design", "hours": 1, "duration_days": 1, "deadline": "2099-01-01", "compensation_kind": "unpaid", "location_kind": "remote"}"#
        let array = try #require(try refusal(Data("[\(listing),\n]".utf8), format: .json))
        #expect(array == ImportError(line: 1, column: listing.count + 2, message: "trailing comma in array"))
        let object = try #require(try refusal(Data("[{\"ref\": \"a\",\n  }]".utf8), format: .json))
        #expect(object == ImportError(line: 1, column: 13, message: "trailing comma in object"))
    }
}

/// Issue 18 point 25: a ref keeps today's characters but is never `.` or `..` and never starts
/// with a dot (`..` made the kiosk's apply link end in /apply/..).
@Suite struct DotRefImportTests {
    @Test("A ref starting with a dot is refused at its line and column", arguments: ["..", ".", ".hidden"])
    func dotRefIsRefused(ref: String) throws {
        let data = Data("\(ImportPositionTests.header)\n\(ImportPositionTests.rows(2))\(ref),Title,Acme,design,10,5,2099-01-01,unpaid,remote\n".utf8)
        let error = try #require(try ImportPositionTests().refusal(data))
        #expect(error.line == 4)
        #expect(error.column == 1)
        #expect(error.message.contains("not starting with '.'"), "\(error.message)")
    }

    @Test func dotsInsideARefStayAllowed() throws {
        let data = Data("\(ImportPositionTests.header)\nv1.2_final-draft..x,Title,Acme,design,10,5,2099-01-01,unpaid,remote\n".utf8)
        #expect(try ImportPositionTests().refusal(data) == nil)
    }
}
