import TernStore
/// A 1-based location in an imported text file, so a bad import can name FILE:LINE:COLUMN.
///
/// `column` depends on the format: for CSV it is the 1-based field index within the record,
/// because people fix CSV files in spreadsheets, which show fields rather than characters;
/// for JSON it is the 1-based `Character` column within the line, matching what an editor shows.
package struct TextPosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    package var line: Int
    package var column: Int

    package var description: String { "\(line):\(column)" }

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One CSV field with where it starts: the line of its first character and its field index.
package struct CSVField: Sendable, Equatable {
    package var value: String
    package var position: TextPosition
}

/// One CSV record; `line` is where the record starts, since quoted fields may span several lines.
package struct CSVRecord: Sendable, Equatable {
    package var fields: [CSVField]
    package var line: Int
}

/// Why a CSV document could not be read, and where (line, field index).
package enum CSVReadError: Error, Equatable, Sendable {
    /// Reported where the quoted field opened: the end of the file is no help in finding the stray quote.
    case unterminatedQuote(TextPosition)
    /// A quoted field that opened at the position ran on to a later line, where its apparent
    /// closing quote is followed by more text: most likely a quote never closed where it opened.
    /// Reported where it opened, for the same reason.
    case quoteRunsOn(TextPosition, toLine: Int)
    /// Something other than a comma or line end follows a closing quote, e.g. `"abc"x`.
    case characterAfterClosingQuote(TextPosition)
    /// A quote inside a field that did not start with one, e.g. `ab"c`.
    case quoteInUnquotedField(TextPosition)

    package var position: TextPosition {
        switch self {
        case .unterminatedQuote(let position),
            .quoteRunsOn(let position, _),
            .characterAfterClosingQuote(let position),
            .quoteInUnquotedField(let position):
            position
        }
    }

    package var message: String {
        switch self {
        case .unterminatedQuote: "unterminated quoted field"
        case .quoteRunsOn(_, let line):
            "unterminated quoted field: it runs on to line \(line), where a quote is followed by more text"
        case .characterAfterClosingQuote: "unexpected character after closing quote"
        case .quoteInUnquotedField: "quote in unquoted field"
        }
    }
}

/// An RFC 4180 CSV reader that records the line and field index of every field.
///
/// Also accepts what real exports contain: a leading BOM, LF, CRLF or lone CR line ends,
/// a missing final line end, and blank lines (skipped, but still counted for line numbers).
package enum CSVReader {
    package static func records(in text: String) throws(CSVReadError) -> [CSVRecord] {
        var text = text
        // `withUTF8` only rethrows untyped errors, so the typed error travels out as a Result.
        let result = text.withUTF8 { bytes -> Result<[CSVRecord], CSVReadError> in
            var parser = CSVParser(bytes: bytes, isFinal: true)
            do throws(CSVReadError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Reads CSV records one at a time from an ``ImportSource``, a segment at a time: a record cut at
/// the end of what has been read is parsed again once the next segment is in. Every segment is
/// held to the first reading's fingerprint when one is given.
package struct CSVRecordStream {
    private var feed: SegmentFeed
    private let window = ByteWindow()
    /// Where the next record (or blank line) starts in the window, and its line.
    private var start = 0
    private var line = 1
    private var begun = false
    private var scratch: [UInt8] = []

    package init(_ source: ImportSource, checkingAgainst fingerprint: ImportFingerprint?) {
        feed = SegmentFeed(source, checkingAgainst: fingerprint)
    }

    /// The line the next record starts on (or the last one ended on).
    package var currentLine: Int { line }

    package mutating func next() throws(ImportError) -> CSVRecord? {
        if !begun {
            begun = true
            // Enough for the byte order mark, however short the first segment.
            while window.count < 3, try fill() {}
            if window.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        }
        while true {
            var parser = CSVParser(bytes: window.bytes, isFinal: feed.atEnd, index: start, line: line)
            swap(&parser.scratch, &scratch)
            defer { swap(&parser.scratch, &scratch) }
            do throws(CSVParser.Stop) {
                guard let record = try parser.nextRecord() else { return nil }
                start = parser.index
                line = parser.line
                return record
            } catch {
                switch error {
                case .needMore:
                    // Keep the unparsed bytes, drop the rest, and read on.
                    window.drop(start)
                    start = 0
                    _ = try fill()
                case .error(let error):
                    throw ImportError(line: error.position.line, column: error.position.column, message: error.message)
                }
            }
        }
    }

    /// Reads the next segment; false at the end of the file.
    private mutating func fill() throws(ImportError) -> Bool {
        do {
            return try feed.fill(window)
        } catch {
            throw ImportError.reading(error, line: line)
        }
    }
}

/// The ASCII bytes CSV syntax is made of; UTF-8 never uses them inside multi-byte sequences,
/// which is what makes scanning raw bytes safe.
private enum CSVByte {
    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
}

/// Scans UTF-8 bytes rather than `Character`s: Swift treats "\r\n" as one Character, and
/// per-Character work is far too slow for multi-megabyte catalogue exports.
///
/// `bytes` may end before the input does (`isFinal` false, when a file is read a segment at a
/// time): wherever the next byte decides what a byte means, running out of bytes then stops the
/// record with ``Stop/needMore`` instead of ending it, and the caller parses it again from its
/// start with more bytes.
private struct CSVParser {
    enum Stop: Error {
        case needMore
        case error(CSVReadError)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let isFinal: Bool
    var index = 0
    var line = 1
    /// Reused between quoted fields so unescaping does not allocate a fresh buffer per field.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool, index: Int = 0, line: Int = 1) {
        self.bytes = bytes
        self.isFinal = isFinal
        self.index = index
        self.line = line
    }

    mutating func parseDocument() throws(CSVReadError) -> [CSVRecord] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
        }
        var records: [CSVRecord] = []
        do throws(Stop) {
            while let record = try nextRecord() {
                records.append(record)
            }
        } catch {
            switch error {
            case .error(let error): throw error
            case .needMore: preconditionFailure("a final parse never needs more bytes")
            }
        }
        return records
    }

    /// The next record, skipping blank lines; nil at the end of the input.
    mutating func nextRecord() throws(Stop) -> CSVRecord? {
        while true {
            guard index < bytes.count else {
                if isFinal { return nil }
                throw .needMore
            }
            if try consumeLineEnd() {
                continue  // A blank line is not a record with one empty field.
            }
            return try parseRecord()
        }
    }

    /// Returns whether a line end (LF, CRLF or lone CR) was consumed.
    mutating func consumeLineEnd() throws(Stop) -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case CSVByte.lf:
            index += 1
        case CSVByte.cr:
            // A CR last in the bytes may be the first half of a CRLF.
            guard index + 1 < bytes.count || isFinal else { throw .needMore }
            index += 1
            if index < bytes.count && bytes[index] == CSVByte.lf {
                index += 1
            }
        default:
            return false
        }
        line += 1
        return true
    }

    mutating func parseRecord() throws(Stop) -> CSVRecord {
        let recordLine = line
        var fields: [CSVField] = []
        while true {
            let position = TextPosition(line: line, column: fields.count + 1)
            let value: String
            if index < bytes.count && bytes[index] == CSVByte.quote {
                value = try parseQuotedField(openedAt: position)
            } else {
                value = try parseUnquotedField(at: position)
            }
            // A cell written with a `'` against spreadsheet formulas gets it back off.
            fields.append(CSVField(value: SpreadsheetCell.restored(value), position: position))
            if index < bytes.count && bytes[index] == CSVByte.comma {
                index += 1
                continue
            }
            // Both field parsers stop only at a comma, a line end or the end of input.
            _ = try consumeLineEnd()
            return CSVRecord(fields: fields, line: recordLine)
        }
    }

    mutating func parseUnquotedField(at position: TextPosition) throws(Stop) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == CSVByte.comma || byte == CSVByte.lf || byte == CSVByte.cr {
                break
            }
            if byte == CSVByte.quote {
                throw .error(.quoteInUnquotedField(position))
            }
            index += 1
        }
        if index == bytes.count && !isFinal { throw .needMore }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    mutating func parseQuotedField(openedAt position: TextPosition) throws(Stop) -> String {
        index += 1
        scratch.removeAll(keepingCapacity: true)
        // Copy runs of ordinary bytes in bulk; only escapes and CRLF interrupt a run.
        var runStart = index
        while true {
            guard index < bytes.count else {
                if isFinal { throw .error(.unterminatedQuote(position)) }
                throw .needMore
            }
            switch bytes[index] {
            case CSVByte.quote:
                // Whether it closes the field or is half of a pair depends on the next byte.
                guard index + 1 < bytes.count || isFinal else { throw .needMore }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                guard index < bytes.count && bytes[index] == CSVByte.quote else {
                    return try finishQuotedField(openedAt: position)
                }
                // The second quote of the pair starts the next run, so it is kept once.
                runStart = index
                index += 1
            case CSVByte.lf:
                line += 1
                index += 1
            case CSVByte.cr:
                // Kept, like every byte between the quotes: a value holding "\r\n" is stored
                // with it, and an export writes it back the same.
                guard index + 1 < bytes.count || isFinal else { throw .needMore }
                line += 1
                index += index + 1 < bytes.count && bytes[index + 1] == CSVByte.lf ? 2 : 1
            default:
                index += 1
            }
        }
    }

    func finishQuotedField(openedAt position: TextPosition) throws(Stop) -> String {
        if index < bytes.count {
            let byte = bytes[index]
            if byte != CSVByte.comma && byte != CSVByte.lf && byte != CSVByte.cr {
                // On the line the field opened, the stray character is the thing to fix. On a
                // later line, the likelier mistake is a quote never closed where it opened,
                // which then ran on to swallow the quote of some later field.
                guard line == position.line else { throw .error(.quoteRunsOn(position, toLine: line)) }
                throw .error(.characterAfterClosingQuote(TextPosition(line: line, column: position.column)))
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }
}
