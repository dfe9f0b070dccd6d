import TernStore
/// Reads the elements of a top-level JSON array one at a time from an ``ImportSource``, a segment
/// at a time, with the same positions and the same refusals as ``PositionedJSON/parse(_:)`` gives
/// for the whole document. A document that is not an array is parsed whole, for its refusal.
///
/// Before an element is parsed, the window is filled until it holds the whole element and the
/// byte after it (found by a scan that follows strings and brackets), so the parser never runs
/// out of bytes partway through a value that goes on in the next segment.
package struct JSONElementStream {
    private let source: ImportSource
    private let fingerprint: ImportFingerprint?
    private var feed: SegmentFeed
    private let window = ByteWindow()
    private var state = JSONParser.State()
    private var arrayPosition = TextPosition(line: 1, column: 1)
    private enum Phase { case start, first, following, done }
    private var phase = Phase.start

    package init(_ source: ImportSource, checkingAgainst fingerprint: ImportFingerprint?) {
        self.source = source
        self.fingerprint = fingerprint
        feed = SegmentFeed(source, checkingAgainst: fingerprint)
    }

    /// The next element; nil after the array's closing bracket (and nothing but whitespace after it).
    package mutating func next() throws(ImportError) -> JSONValue? {
        do throws(JSONStreamStop) {
            return try nextElement()
        } catch {
            switch error {
            case .json(let error):
                throw ImportError(line: error.position.line, column: error.position.column, message: error.message)
            case .reading(let error):
                throw ImportError.reading(error, line: state.line)
            }
        }
    }

    private mutating func nextElement() throws(JSONStreamStop) -> JSONValue? {
        switch phase {
        case .done:
            return nil
        case .start:
            while window.count < 3, try fill() {}
            if window.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                (state.index, state.lineStart, state.anchorOffset) = (3, 3, 3)
            }
            try ensure(element: false)
            var parser = JSONParser(bytes: window.bytes, state: state)
            parser.skipWhitespace()
            guard parser.isAt(UInt8(ascii: "[")) else {
                // Empty, or not an array: the whole document's parse says what is wrong.
                return try refuseWholeDocument()
            }
            arrayPosition = parser.valuePosition()
            parser.index += 1
            state = parser.state
            phase = .first
            return try nextElement()
        case .first, .following:
            try ensure(element: false)
            var parser = JSONParser(bytes: window.bytes, state: state)
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count else { throw .json(.syntax("unterminated array", arrayPosition)) }
            if phase == .following {
                if parser.isAt(UInt8(ascii: ",")) {
                    let comma = parser.textPosition(at: parser.index)
                    parser.index += 1
                    state = parser.state
                    try ensure(element: false)
                    parser = JSONParser(bytes: window.bytes, state: state)
                    parser.skipWhitespace()
                    guard parser.index < parser.bytes.count else { throw .json(.syntax("unterminated array", arrayPosition)) }
                    if parser.isAt(UInt8(ascii: "]")) { throw .json(.syntax("trailing comma in array", comma)) }
                } else if !parser.isAt(UInt8(ascii: "]")) {
                    throw .json(parser.syntax("expected ',' or ']' in array"))
                }
            }
            if parser.isAt(UInt8(ascii: "]")) {
                parser.index += 1
                state = parser.state
                try finishDocument()
                phase = .done
                return nil
            }
            state = parser.state
            try ensure(element: true)
            parser = JSONParser(bytes: window.bytes, state: state)
            let value: JSONValue
            do throws(JSONReadError) {
                // Inside the array, as the whole document's parse would be.
                value = try parser.parseValue(enclosingDepth: 1)
            } catch {
                throw .json(error)
            }
            state = parser.state
            phase = .following
            return value
        }
    }

    /// After the closing bracket: nothing but whitespace to the end of the file.
    private mutating func finishDocument() throws(JSONStreamStop) {
        while true {
            try ensure(element: false)
            var parser = JSONParser(bytes: window.bytes, state: state)
            parser.skipWhitespace()
            state = parser.state
            if parser.index < parser.bytes.count {
                throw .json(parser.syntax(parser.isCommentStart ? "comments are not allowed" : "unexpected content after value"))
            }
            guard !feed.atEnd else { return }
        }
    }

    /// Reads the whole file again and parses it as one document: used only to refuse it.
    private func refuseWholeDocument() throws(JSONStreamStop) -> JSONValue? {
        var feed = SegmentFeed(source, checkingAgainst: fingerprint)
        let whole = ByteWindow()
        do {
            while try feed.fill(whole) {}
        } catch {
            throw .reading(error)
        }
        var parser = JSONParser(bytes: whole.bytes)
        let document: JSONValue
        do throws(JSONReadError) {
            document = try parser.parseDocument()
        } catch {
            throw .json(error)
        }
        // Parsed, but no array: the caller's message, where the document starts.
        throw .json(.syntax("expected an array of records", document.position))
    }

    /// Fills the window until, from the parser's index, it holds any whitespace, then (with
    /// `element`) a whole value and any whitespace after it, then one more byte; or the rest of
    /// the file. Whatever was parsed before the index is dropped first.
    private mutating func ensure(element: Bool) throws(JSONStreamStop) {
        var scan = ValueScan(offset: state.index, wantsValue: element)
        while !scan.run(window.bytes) {
            guard !feed.atEnd else { return }
            compact(keeping: &scan)
            guard try fill() else { return }
        }
    }

    /// Drops the bytes before the parser's index, anchoring its column counting at the index
    /// (which follows whitespace, `[` or `,`, so it starts a character).
    private mutating func compact(keeping scan: inout ValueScan) {
        let dropped = state.index
        guard dropped > 0 else { return }
        let parser = JSONParser(bytes: window.bytes, state: state)
        let column = parser.textPosition(at: dropped).column
        window.drop(dropped)
        state.index = 0
        state.anchorOffset = 0
        state.anchorColumn = column
        state.lineStart = 0
        state.lineStartColumn = column
        scan.offset -= dropped
    }

    private mutating func fill() throws(JSONStreamStop) -> Bool {
        do {
            return try feed.fill(window)
        } catch {
            throw .reading(error)
        }
    }
}

/// The two ways the element stream fails inside; ``JSONElementStream/next()`` reports both as
/// an ``ImportError`` (a change of file at the line it had reached).
package enum JSONStreamStop: Error {
    case json(JSONReadError)
    case reading(ImportSourceError)
}

extension JSONElementStream {
    /// Finds where a value (and the whitespace around it) ends without parsing it: strings with
    /// their escapes, and bracket depth. Resumable: it goes on from where the window ran out.
    package struct ValueScan {
        var offset: Int
        let wantsValue: Bool
        private var phase = 0  // 0: whitespace before, 1: in the value, 2: whitespace after
        private var depth = 0
        private var inString = false
        private var escaped = false

        init(offset: Int, wantsValue: Bool) {
            self.offset = offset
            self.wantsValue = wantsValue
            phase = wantsValue ? 0 : 2
        }

        /// True once the bytes hold the value and the byte after it.
        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            while offset < bytes.count {
                let byte = bytes[offset]
                switch phase {
                case 0:
                    if Self.isWhitespace(byte) { offset += 1 } else { phase = 1 }
                case 1:
                    if inString {
                        // Eight bytes at a time through the text of a string.
                        if !escaped, offset + 8 <= bytes.count,
                           !Self.mayEndRun(UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self)) {
                            offset += 8
                            continue
                        }
                        if escaped {
                            escaped = false
                        } else if byte == UInt8(ascii: "\\") {
                            escaped = true
                        } else if byte == UInt8(ascii: "\"") {
                            inString = false
                            if depth == 0 { phase = 2 }
                        } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                            // A string cannot hold a raw line end: the parser stops here.
                            return true
                        }
                        offset += 1
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: "\""):
                        inString = true
                        offset += 1
                    case UInt8(ascii: "["), UInt8(ascii: "{"):
                        depth += 1
                        offset += 1
                    case UInt8(ascii: "]"), UInt8(ascii: "}"):
                        if depth == 0 {
                            phase = 2
                        } else {
                            depth -= 1
                            offset += 1
                            if depth == 0 { phase = 2 }
                        }
                    case UInt8(ascii: ","):
                        if depth == 0 { phase = 2 } else { offset += 1 }
                    default:
                        if depth == 0 && Self.isWhitespace(byte) { phase = 2 } else { offset += 1 }
                    }
                default:
                    if Self.isWhitespace(byte) { offset += 1 } else { return true }
                }
            }
            return false
        }

        /// Whether a word of string text may hold a quote, a backslash or a line end.
        @inline(__always) static func mayEndRun(_ word: UInt64) -> Bool {
            CSVRecordCounter.has(word, UInt8(ascii: "\"")) || CSVRecordCounter.has(word, UInt8(ascii: "\\"))
                || CSVRecordCounter.has(word, UInt8(ascii: "\n")) || CSVRecordCounter.has(word, UInt8(ascii: "\r"))
        }

        static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
    }
}
