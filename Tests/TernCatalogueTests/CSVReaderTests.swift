import Testing

@testable import TernCatalogue

/// Reader, writer and round-trip tests for the CSV exchange format.
@Suite struct CSVReaderTests {
    /// Values of each record, which is what most tests care about.
    func values(_ text: String) throws -> [[String]] {
        try CSVReader.records(in: text).map { $0.fields.map(\.value) }
    }

    func readError(_ text: String) -> CSVReadError? {
        do {
            _ = try CSVReader.records(in: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func simpleRecords() throws {
        let records = try CSVReader.records(in: "id,name\n1,Alpha\n2,Beta\n")
        #expect(records.map { $0.fields.map(\.value) } == [["id", "name"], ["1", "Alpha"], ["2", "Beta"]])
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(records[2].fields[1].position == TextPosition(line: 3, column: 2))
    }

    @Test func emptyFieldsAreKept() throws {
        #expect(try values("a,,c\n,\n") == [["a", "", "c"], ["", ""]])
        #expect(try values("a,b,") == [["a", "b", ""]])
    }

    @Test func quotedFieldsMayContainCommas() throws {
        #expect(try values("\"a,b\",c\n") == [["a,b", "c"]])
        #expect(try values("\"\",x") == [["", "x"]])
    }

    @Test func doubledQuotesAreUnescaped() throws {
        #expect(try values("\"say \"\"hi\"\"\",\"\"\"\"\n") == [["say \"hi\"", "\""]])
    }

    @Test func embeddedLineBreakKeepsLaterLineNumbersRight() throws {
        let records = try CSVReader.records(in: "a,\"two\nlines\",b\nc,d\n")
        #expect(records.map { $0.fields.map(\.value) } == [["a", "two\nlines", "b"], ["c", "d"]])
        #expect(records.map(\.line) == [1, 3])
        // A field's position is where it starts, even when an earlier field spans lines.
        #expect(records[0].fields[2].position == TextPosition(line: 2, column: 3))
        #expect(records[1].fields[1].position == TextPosition(line: 3, column: 2))
    }

    /// Inside quotes every byte is data: a value with "\r\n" is stored with it.
    @Test func lineBreaksInsideQuotesAreKeptExactly() throws {
        let records = try CSVReader.records(in: "\"a\r\nb\",\"c\rd\"\r\ne\r\n")
        #expect(records.map { $0.fields.map { Array($0.value.utf8) } } == [[Array("a\r\nb".utf8), Array("c\rd".utf8)], [Array("e".utf8)]])
        #expect(records.map(\.line) == [1, 4])
    }

    @Test func leadingByteOrderMarkIsStripped() throws {
        #expect(try values("\u{FEFF}id,name\n1,x\n") == [["id", "name"], ["1", "x"]])
        // Only one: a second BOM is content.
        #expect(try values("\u{FEFF}\u{FEFF}a\n") == [["\u{FEFF}a"]])
    }

    @Test func crlfLineEndsCountOnce() throws {
        let records = try CSVReader.records(in: "a,b\r\nc,d\r\n\r\ne,f\r\n")
        #expect(records.map { $0.fields.map(\.value) } == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func loneCRLineEnds() throws {
        let records = try CSVReader.records(in: "a,b\rc,d\r\re")
        #expect(records.map { $0.fields.map(\.value) } == [["a", "b"], ["c", "d"], ["e"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func finalLineEndIsOptional() throws {
        #expect(try values("a,b\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(try values("a,\"b\"") == [["a", "b"]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try CSVReader.records(in: "\n\na\n\n\nb\n\n")
        #expect(records.map { $0.fields.map(\.value) } == [["a"], ["b"]])
        #expect(records.map(\.line) == [3, 6])
        // Whitespace is content, so such a line is a record.
        #expect(try values(" \n") == [[" "]])
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try CSVReader.records(in: "").isEmpty)
        #expect(try CSVReader.records(in: "\u{FEFF}").isEmpty)
        #expect(try CSVReader.records(in: "\n\r\n\r").isEmpty)
    }

    @Test func unterminatedQuoteReportsWhereItOpened() {
        let error = readError("a,b\nc,d\ne,\"never closed\nmore,text\n")
        #expect(error == .unterminatedQuote(TextPosition(line: 3, column: 2)))
        #expect(error?.position == TextPosition(line: 3, column: 2))
        #expect(error?.message == "unterminated quoted field")
    }

    @Test func characterAfterClosingQuote() {
        let error = readError("h1,h2\n\"abc\"x,y\n")
        #expect(error == .characterAfterClosingQuote(TextPosition(line: 2, column: 1)))
        #expect(error?.message == "unexpected character after closing quote")
    }

    /// A quote left open swallows lines up to some later field's quote, and the stray text after
    /// that one is only the symptom: the error names where the quote opened, and where it ran to.
    @Test func aQuoteRunningOnToALaterLineIsReportedWhereItOpened() {
        let multiLine = readError("a,\"x\ny\" ,b")
        #expect(multiLine == .quoteRunsOn(TextPosition(line: 1, column: 2), toLine: 2))
        #expect(multiLine?.message == "unterminated quoted field: it runs on to line 2, where a quote is followed by more text")
    }

    @Test func quoteInUnquotedField() {
        let error = readError("a,b\nc,ab\"c\n")
        #expect(error == .quoteInUnquotedField(TextPosition(line: 2, column: 2)))
        #expect(error?.message == "quote in unquoted field")
    }

    @Test func writerQuotesOnlyWhenNeeded() {
        #expect(CSVWriter.line(["plain", "with space", "é🦤"]) == "plain,with space,é🦤\n")
        #expect(
            CSVWriter.line(["a,b", "say \"hi\"", "x\ny", "x\ry"]) == "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"x\ry\"\n")
        #expect(CSVWriter.line([" lead", "trail ", ""]) == "\" lead\",\"trail \",\n")
        // A quote followed by a combining mark is one Character but still a quote to CSV.
        #expect(CSVWriter.line(["\"\u{301}"]) == "\"\"\"\u{301}\"\n")
    }

    @Test func writerKeepsALoneEmptyFieldAsARecord() throws {
        let text = CSVWriter.document(header: ["only"], rows: [[""], ["x"]])
        #expect(text == "only\n\"\"\nx\n")
        #expect(try values(text) == [["only"], [""], ["x"]])
    }

    @Test func randomRowsRoundTrip() throws {
        var random = SplitMix64(seed: 0x7E27_CA7A_1060_E001)
        let pieces = [
            "a", "Z", "7", " ", ",", "\"", "\"\"", "\n", "\t", "é", "e\u{301}", "🦤", "👩‍👩‍👧", "\u{FEFF}", "'", ";",
        ]
        func randomValue() -> String {
            (0..<random.int(0...6)).map { _ in random.pick(pieces) }.joined()
        }
        let header = (0..<5).map { "column \($0)" }
        var rows: [[String]] = []
        for _ in 0..<300 {
            let width = random.int(1...5)
            rows.append((0..<width).map { _ in randomValue() })
        }
        let text = CSVWriter.document(header: header, rows: rows)
        let records = try CSVReader.records(in: text)
        #expect(records.count == rows.count + 1)
        #expect(records.map { $0.fields.map(\.value) } == [header] + rows)
        // Values are compared scalar by scalar too: String == would accept "é" for "e\u{301}".
        for (record, row) in zip(records.dropFirst(), rows) {
            #expect(record.fields.map { Array($0.value.unicodeScalars) } == row.map { Array($0.unicodeScalars) })
        }
    }
}
