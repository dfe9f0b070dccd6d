/// A 1-based location in an imported text file, so a bad import can name FILE:LINE:COLUMN.
///
/// `column` depends on the format: for CSV it is the 1-based field index within the record,
/// because people fix CSV files in spreadsheets, which show fields rather than characters;
/// for JSON it is the 1-based `Character` column within the line, matching what an editor shows.
struct TextPosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    var line: Int
    var column: Int

    var description: String { "\(line):\(column)" }
}

/// One CSV field with where it starts: the line of its first character and its field index.
struct CSVField: Sendable, Equatable {
    var value: String
    var position: TextPosition
}

/// One CSV record; `line` is where the record starts, since quoted fields may span several lines.
struct CSVRecord: Sendable, Equatable {
    var fields: [CSVField]
    var line: Int
}

/// Why a CSV document could not be read, and where (line, field index).
enum CSVReadError: Error, Equatable, Sendable {
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

    var position: TextPosition {
        switch self {
        case .unterminatedQuote(let position),
            .quoteRunsOn(let position, _),
            .characterAfterClosingQuote(let position),
            .quoteInUnquotedField(let position):
            position
        }
    }

    var message: String {
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
enum CSVReader {
    static func records(in text: String) throws(CSVReadError) -> [CSVRecord] {
        var text = text
        // `withUTF8` only rethrows untyped errors, so the typed error travels out as a Result.
        let result = text.withUTF8 { bytes -> Result<[CSVRecord], CSVReadError> in
            var parser = CSVParser(bytes: bytes)
            do throws(CSVReadError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
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
private struct CSVParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var line = 1
    /// Reused between quoted fields so unescaping does not allocate a fresh buffer per field.
    var scratch: [UInt8] = []

    mutating func parseDocument() throws(CSVReadError) -> [CSVRecord] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
        }
        var records: [CSVRecord] = []
        while index < bytes.count {
            if consumeLineEnd() {
                continue  // A blank line is not a record with one empty field.
            }
            records.append(try parseRecord())
        }
        return records
    }

    /// Returns whether a line end (LF, CRLF or lone CR) was consumed.
    mutating func consumeLineEnd() -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case CSVByte.lf:
            index += 1
        case CSVByte.cr:
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

    mutating func parseRecord() throws(CSVReadError) -> CSVRecord {
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
            fields.append(CSVField(value: value, position: position))
            if index < bytes.count && bytes[index] == CSVByte.comma {
                index += 1
                continue
            }
            // Both field parsers stop only at a comma, a line end or the end of input.
            _ = consumeLineEnd()
            return CSVRecord(fields: fields, line: recordLine)
        }
    }

    mutating func parseUnquotedField(at position: TextPosition) throws(CSVReadError) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == CSVByte.comma || byte == CSVByte.lf || byte == CSVByte.cr {
                break
            }
            if byte == CSVByte.quote {
                throw .quoteInUnquotedField(position)
            }
            index += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    mutating func parseQuotedField(openedAt position: TextPosition) throws(CSVReadError) -> String {
        index += 1
        scratch.removeAll(keepingCapacity: true)
        // Copy runs of ordinary bytes in bulk; only escapes and CRLF interrupt a run.
        var runStart = index
        while true {
            guard index < bytes.count else { throw .unterminatedQuote(position) }
            switch bytes[index] {
            case CSVByte.quote:
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
                line += 1
                index += index + 1 < bytes.count && bytes[index + 1] == CSVByte.lf ? 2 : 1
            default:
                index += 1
            }
        }
    }

    func finishQuotedField(openedAt position: TextPosition) throws(CSVReadError) -> String {
        if index < bytes.count {
            let byte = bytes[index]
            if byte != CSVByte.comma && byte != CSVByte.lf && byte != CSVByte.cr {
                // On the line the field opened, the stray character is the thing to fix. On a
                // later line, the likelier mistake is a quote never closed where it opened,
                // which then ran on to swallow the quote of some later field.
                guard line == position.line else { throw .quoteRunsOn(position, toLine: line) }
                throw .characterAfterClosingQuote(TextPosition(line: line, column: position.column))
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }
}
