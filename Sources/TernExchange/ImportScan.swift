import TernStore
/// The first reading of an import file (the reading phase): checks that it is UTF-8 text, counts
/// its records for the checking and writing phases' progress, and fingerprints it so that the
/// later readings can tell if it changed. Reads a segment at a time; holds none of it.
///
/// A byte that is not UTF-8 is refused at its place in the file's own terms: for CSV its line and
/// field number, for JSON its line and character column (as an editor counts them).
package struct ImportScan {
    package var fingerprint: ImportFingerprint
    /// Records after a CSV header, or elements of a JSON array: the rows to check and write.
    package var rows: Int
    package var bytes: Int

    package static func run(_ source: ImportSource, format: ExchangeFormat,
                    progress: ImportProgressMeter?) throws(ImportError) -> ImportScan {
        var feed = SegmentFeed(source)
        let window = ByteWindow(capacity: ImportSource.segmentSize + 8)
        var utf8 = UTF8Scanner()
        var csv = CSVRecordCounter()
        var json = JSONElementCounter()
        var offset = 0
        while true {
            window.truncate(to: 0)
            let more: Bool
            do { more = try feed.fill(window) } catch { throw ImportError.reading(error, line: 1) }
            let bytes = window.bytes
            if let bad = utf8.scan(bytes, at: offset, final: !more || feed.atEnd) {
                throw try badByte(at: bad, in: source, format: format)
            }
            switch format {
            case .csv: csv.scan(bytes)
            case .json: json.scan(bytes, isFirst: offset == 0)
            }
            offset += bytes.count
            progress?.advance(to: offset)
            if !more || feed.atEnd { break }
        }
        let rows = switch format {
        case .csv: max(0, csv.records - 1)
        case .json: json.elements
        }
        return ImportScan(fingerprint: feed.fingerprint, rows: rows, bytes: offset)
    }

    /// The refusal of the byte at `offset`, which starts no well-formed UTF-8 sequence. The bytes
    /// before it are read again to find its place: for CSV, line ends and commas outside quotes
    /// (a quoted field's line ends count as lines, and keep the field); for JSON, line ends, and
    /// the characters of the bad byte's line before it (a byte order mark is none). Only that
    /// line is held.
    package static func badByte(at offset: Int, in source: ImportSource, format: ExchangeFormat) throws(ImportError) -> ImportError {
        var feed = SegmentFeed(source)
        let window = ByteWindow(capacity: ImportSource.segmentSize + 8)
        var line = 1, field = 1, quoted = false, afterCR = false
        var lineBytes: [UInt8] = []
        var position = 0
        while position < offset {
            window.truncate(to: 0)
            do {
                guard try feed.fill(window) else { break }
            } catch {
                throw ImportError.reading(error, line: 1)
            }
            var bytes = window.bytes
            if position + bytes.count > offset { bytes = UnsafeBufferPointer(rebasing: bytes[..<(offset - position)]) }
            var start = 0
            // A byte order mark is not a character anyone sees (JSON columns).
            if position == 0, format == .json, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            var lineStart = start
            for index in start..<bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") && afterCR {
                    // The LF of a CRLF: the line was counted at the CR.
                    afterCR = false
                    lineStart = index + 1
                    continue
                }
                afterCR = false
                switch byte {
                case UInt8(ascii: "\""): quoted.toggle()
                case UInt8(ascii: ","): if !quoted { field += 1 }
                case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                    afterCR = byte == UInt8(ascii: "\r")
                    line += 1
                    if !quoted { field = 1 }
                    lineStart = index + 1
                    lineBytes.removeAll()
                default: break
                }
            }
            if format == .json { lineBytes.append(contentsOf: bytes[lineStart...]) }
            position += bytes.count
        }
        let column = switch format {
        case .csv: field
        case .json: String(decoding: lineBytes, as: UTF8.self).count + 1
        }
        return ImportError(line: line, column: column, message: "not UTF-8 text")
    }
}

extension ImportError {
    /// A file that could not be read, or that changed between readings, at about `line`.
    package static func reading(_ error: ImportSourceError, line: Int) -> ImportError {
        switch error {
        case .unreadable(let why):
            ImportError(line: line, column: 1, message: "cannot read the file: \(why); nothing was imported")
        case .changed:
            ImportError(line: line, column: 1, message: "the file changed while it was being imported (it is no longer what was checked); nothing was imported: import it again")
        }
    }
}

/// Checks UTF-8 a segment at a time: a sequence may be cut at the end of one segment and go on in
/// the next. A well-formed sequence is what Unicode's table 3-7 allows (no overlong forms, no
/// surrogates, nothing above U+10FFFF), as `String(validating:)` holds it.
package struct UTF8Scanner {
    /// The start of a sequence cut at the end of the last segment.
    private var pending: [UInt8] = []
    private var pendingOffset = 0

    /// The file offset of the first byte that starts no well-formed sequence, or nil. `offset` is
    /// where `bytes` start in the file; `final` says they end it.
    package mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, final: Bool) -> Int? {
        var start = 0
        if !pending.isEmpty {
            // Complete the cut sequence from the front of this segment.
            let needed = Self.length(pending[0]) - pending.count
            let taken = min(needed, bytes.count)
            let joined = pending + bytes.prefix(taken)
            switch joined.withUnsafeBufferPointer({ Self.check($0, upTo: $0.count) }) {
            case .valid:
                start = taken
                pending.removeAll()
            case .invalid:
                return pendingOffset
            case .truncated:
                if final { return pendingOffset }
                pending = joined
                return nil
            }
        }
        switch Self.check(bytes, from: start, upTo: bytes.count) {
        case .valid:
            return nil
        case .invalid(let at):
            return offset + at
        case .truncated(let at):
            if final { return offset + at }
            pending = Array(bytes[at...])
            pendingOffset = offset + at
            return nil
        }
    }

    package enum Result { case valid, invalid(Int), truncated(Int) }

    /// How long a sequence with this lead byte is; 0 when it leads none.
    package static func length(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }

    package static func check(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, upTo end: Int) -> Result {
        guard let base = bytes.baseAddress else { return .valid }
        var index = start
        while index < end {
            // Eight ASCII bytes at a time: most import files are mostly ASCII.
            if index + 8 <= end,
               UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int, low: UInt8, high: UInt8
            switch lead {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return .invalid(index)
            }
            guard index + 1 < end else { return .truncated(index) }
            guard (low...high).contains(base[index + 1]) else { return .invalid(index) }
            for next in 2..<length {
                guard index + next < end else { return .truncated(index) }
                guard (0x80...0xBF).contains(base[index + next]) else { return .invalid(index) }
            }
            index += length
        }
        return .valid
    }
}

/// Counts CSV records as ``CSVReader`` finds them: a record starts wherever a line starts outside
/// quotes with something other than a line end (blank lines are no records). Quotes are only
/// toggled: in a file ``CSVReader`` accepts, that is exactly whether a byte is inside a quoted
/// field; in any other the count is only for the progress bar, and the reader refuses the file.
package struct CSVRecordCounter {
    private(set) var records = 0
    private var quoted = false
    private var atLineStart = true

    package mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = 0
        var quoted = quoted, atLineStart = atLineStart, records = records
        defer { (self.quoted, self.atLineStart, self.records) = (quoted, atLineStart, records) }
        while index < count {
            if !atLineStart, index + 8 <= count {
                // Skip eight bytes at a time while none is a quote or a line end.
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !Self.has(word, UInt8(ascii: "\"")) && !Self.has(word, UInt8(ascii: "\n")) && !Self.has(word, UInt8(ascii: "\r")) {
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                if atLineStart && !quoted { records += 1 }
                atLineStart = false
                quoted.toggle()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                // CRLF is two line ends here, and the second starts no record: same count.
                if !quoted { atLineStart = true }
            default:
                if atLineStart && !quoted { records += 1 }
                atLineStart = false
            }
        }
    }

    /// Whether any byte of `word` is `byte`.
    @inline(__always) package static func has(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }
}

/// Counts the elements of a top-level JSON array: values that start at depth one. Strings are
/// skipped with their escapes, so brackets and commas inside them count for nothing.
package struct JSONElementCounter {
    private(set) var elements = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// At depth one, after `[` or `,`: the next value is a new element.
    private var expecting = false
    private var sawBOM = false

    package mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, isFirst: Bool) {
        var index = 0
        if isFirst && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        let count = bytes.count
        while index < count {
            if inString && !escaped, index + 8 <= count,
               !JSONElementStream.ValueScan.mayEndRun(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            index += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: ","):
                if depth == 1 { expecting = true }
                continue
            default:
                break
            }
            if depth == 1 && expecting {
                if byte != UInt8(ascii: "]") { elements += 1 }
                expecting = false
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == 1 { expecting = byte == UInt8(ascii: "[") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }
}
