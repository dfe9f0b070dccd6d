import TernStore
/// One object member, in document order, with where its key starts.
package struct JSONMember: Sendable, Equatable {
    package var key: String
    package var keyPosition: TextPosition
    package var value: JSONValue
}

/// A JSON value that remembers where it starts, so a semantic error such as
/// "hours must be positive" can point at the offending text.
package struct JSONValue: Sendable, Equatable {
    /// The RFC 8259 data model. Numbers keep their source text because a Double alone
    /// cannot represent every integer a file may contain.
    package enum Kind: Sendable, Equatable {
        case null
        case bool(Bool)
        case number(Double, raw: String)
        case string(String)
        case array([JSONValue])
        case object([JSONMember])
    }

    package var kind: Kind
    /// Line and 1-based `Character` column of the value's first character.
    package var position: TextPosition

    /// The value of the member named `key`, if this is an object that has one.
    package subscript(key: String) -> JSONValue? {
        members?.first { $0.key == key }?.value
    }

    package var string: String? { if case .string(let value) = kind { value } else { nil } }
    package var double: Double? { if case .number(let value, _) = kind { value } else { nil } }
    package var bool: Bool? { if case .bool(let value) = kind { value } else { nil } }
    package var array: [JSONValue]? { if case .array(let values) = kind { values } else { nil } }
    package var members: [JSONMember]? { if case .object(let members) = kind { members } else { nil } }

    /// The number when it is integral and fits in `Int`, e.g. `3`, `-0`, `1.0` or `2e3`.
    package var int: Int? {
        guard case .number(let value, let raw) = kind else { return nil }
        // The source text first: above 2^53 the Double has already lost digits.
        return Int(raw) ?? Int(exactly: value)
    }

    package var isNull: Bool { kind == .null }
}

/// Why a JSON document was rejected, and where.
package enum JSONReadError: Error, Equatable, Sendable {
    case syntax(String, TextPosition)
    /// Reported at the second occurrence of the key.
    case duplicateKey(String, TextPosition)

    package var position: TextPosition {
        switch self {
        case .syntax(_, let position), .duplicateKey(_, let position): position
        }
    }

    package var message: String {
        switch self {
        case .syntax(let message, _): message
        case .duplicateKey(let key, _): "duplicate key \"\(key)\""
        }
    }
}

/// A strict RFC 8259 parser that keeps the position of every value and object key.
///
/// Strict on purpose: import files are hand-edited, and accepting comments or trailing
/// commas here would make files that other JSON tools reject.
package enum PositionedJSON {
    /// Deep enough for any real catalogue, shallow enough to bound memory on hostile input.
    package static let maximumDepth = 512

    package static func parse(_ text: String) throws(JSONReadError) -> JSONValue {
        var text = text
        // `withUTF8` only rethrows untyped errors, so the typed error travels out as a Result.
        let result = text.withUTF8 { bytes -> Result<JSONValue, JSONReadError> in
            var parser = JSONParser(bytes: bytes)
            do throws(JSONReadError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Byte-level parser. It keeps an explicit stack of open containers instead of recursing, so
/// the depth limit is a reported error rather than a stack overflow on a small thread stack.
package struct JSONParser {
    /// An array or object that is still being filled.
    package struct Container {
        var isObject: Bool
        var position: TextPosition
        var items: [JSONValue] = []
        var members: [JSONMember] = []
        /// The keys so far, once there are too many to compare one by one.
        var keys: Set<String>?
        var pendingKey = ""
        var pendingKeyPosition = TextPosition(line: 0, column: 0)

        var closingByte: UInt8 { isObject ? UInt8(ascii: "}") : UInt8(ascii: "]") }

        /// Whether `key` was met before in this object, remembering it if not. Compared as
        /// Strings either way (canonically equivalent keys are duplicates); a few keys one by
        /// one, which is far cheaper than hashing, and a set beyond that.
        mutating func isDuplicate(_ key: String) -> Bool {
            if keys == nil {
                if members.count < 16 { return members.contains { $0.key == key } }
                keys = Set(members.map(\.key))
            }
            return !keys!.insert(key).inserted
        }

        mutating func add(_ value: JSONValue) {
            if isObject {
                members.append(JSONMember(key: pendingKey, keyPosition: pendingKeyPosition, value: value))
            } else {
                items.append(value)
            }
        }
    }

    package let bytes: UnsafeBufferPointer<UInt8>
    package var index = 0
    package var line = 1
    package var lineStart = 0
    /// The column of the byte at `lineStart`: 1, unless the bytes begin partway along a line
    /// (a file read a segment at a time).
    package var lineStartColumn = 1
    // A grapheme boundary on the current line whose column is known. Counting columns forward
    // from it keeps a long minified line from being rescanned for each of its values.
    package var anchorOffset = 0
    package var anchorColumn = 1
    /// Reused between strings that contain escapes.
    package var scratch: [UInt8] = []

    package init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Where a parser stands, to go on over other bytes (the same file, read further).
    package struct State {
        var index = 0, line = 1, lineStart = 0, lineStartColumn = 1, anchorOffset = 0, anchorColumn = 1
    }

    package init(bytes: UnsafeBufferPointer<UInt8>, state: State) {
        self.bytes = bytes
        (index, line, lineStart, lineStartColumn, anchorOffset, anchorColumn) =
            (state.index, state.line, state.lineStart, state.lineStartColumn, state.anchorOffset, state.anchorColumn)
    }

    package var state: State {
        State(index: index, line: line, lineStart: lineStart, lineStartColumn: lineStartColumn,
              anchorOffset: anchorOffset, anchorColumn: anchorColumn)
    }

    package mutating func parseDocument() throws(JSONReadError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            (index, lineStart, anchorOffset) = (3, 3, 3)
        }
        skipWhitespace()
        guard index < bytes.count else { throw .syntax("empty document", TextPosition(line: 1, column: 1)) }
        let value = try parseValue()
        skipWhitespace()
        guard index >= bytes.count else {
            throw syntax(isCommentStart ? "comments are not allowed" : "unexpected content after value")
        }
        return value
    }

    /// The value starting at `index` (which must hold its first byte), leaving `index` just
    /// after it. `enclosingDepth` counts the containers it is in, for the nesting limit.
    package mutating func parseValue(enclosingDepth: Int = 0) throws(JSONReadError) -> JSONValue {
        var stack: [Container] = []
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw unterminated(stack[stack.count - 1]) }
            let position = valuePosition()
            // Stays nil when an empty container was just opened: there is only a bracket to close.
            var value: JSONValue?
            if bytes[index] == UInt8(ascii: "[") || bytes[index] == UInt8(ascii: "{") {
                guard enclosingDepth + stack.count < PositionedJSON.maximumDepth else { throw .syntax("nesting too deep", position) }
                stack.append(Container(isObject: bytes[index] == UInt8(ascii: "{"), position: position))
                index += 1
                skipWhitespace()
                if !isAt(stack[stack.count - 1].closingByte) {
                    if stack[stack.count - 1].isObject {
                        try readKey(into: &stack[stack.count - 1])
                    }
                    continue
                }
            } else {
                value = try parseScalar(at: position)
            }
            // The finished value may complete any number of enclosing containers.
            while let top = stack.indices.last {
                let isObject = stack[top].isObject
                if let value {
                    stack[top].add(value)
                }
                skipWhitespace()
                guard index < bytes.count else { throw unterminated(stack[top]) }
                if isAt(UInt8(ascii: ",")) {
                    // The comma is what to delete, and it may be lines before the bracket.
                    let comma = textPosition(at: index)
                    index += 1
                    skipWhitespace()
                    if isAt(stack[top].closingByte) {
                        throw .syntax(isObject ? "trailing comma in object" : "trailing comma in array", comma)
                    }
                    if isObject {
                        try readKey(into: &stack[top])
                    }
                    break
                }
                guard isAt(stack[top].closingByte) else {
                    throw syntax(isObject ? "expected ',' or '}' in object" : "expected ',' or ']' in array")
                }
                index += 1
                let container = stack.removeLast()
                value = JSONValue(
                    kind: isObject ? .object(container.members) : .array(container.items), position: container.position)
            }
            if stack.isEmpty, let value {
                return value
            }
        }
    }

    package mutating func readKey(into container: inout Container) throws(JSONReadError) {
        skipWhitespace()
        guard index < bytes.count else { throw unterminated(container) }
        guard isAt(UInt8(ascii: "\"")) else {
            throw syntax(isAt(UInt8(ascii: "'")) ? "strings must use double quotes" : "expected string key in object")
        }
        let position = valuePosition()
        let key = try parseString(openedAt: position)
        // Set<String> compares canonically equivalent keys as equal; treating them as duplicates
        // keeps two visually identical keys from silently shadowing each other in lookups.
        guard !container.isDuplicate(key) else { throw .duplicateKey(key, position) }
        skipWhitespace()
        guard isAt(UInt8(ascii: ":")) else { throw syntax("expected ':' after object key") }
        index += 1
        container.pendingKey = key
        container.pendingKeyPosition = position
    }

    package mutating func parseScalar(at position: TextPosition) throws(JSONReadError) -> JSONValue {
        let kind: JSONValue.Kind
        switch bytes[index] {
        case UInt8(ascii: "\""): kind = .string(try parseString(openedAt: position))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = try parseNumber(at: position)
        case UInt8(ascii: "t"): kind = try parseLiteral("true", .bool(true), at: position)
        case UInt8(ascii: "f"): kind = try parseLiteral("false", .bool(false), at: position)
        case UInt8(ascii: "n"): kind = try parseLiteral("null", .null, at: position)
        case UInt8(ascii: "'"): throw syntax("strings must use double quotes")
        case _ where isCommentStart: throw syntax("comments are not allowed")
        default: throw syntax("expected a value")
        }
        return JSONValue(kind: kind, position: position)
    }

    package mutating func parseLiteral(
        _ word: String, _ kind: JSONValue.Kind, at position: TextPosition
    ) throws(JSONReadError) -> JSONValue.Kind {
        guard bytes[index...].starts(with: word.utf8) else { throw .syntax("invalid literal", position) }
        index += word.utf8.count
        return kind
    }

    package mutating func parseNumber(at position: TextPosition) throws(JSONReadError) -> JSONValue.Kind {
        let start = index
        if isAt(UInt8(ascii: "-")) { index += 1 }
        guard isDigit else { throw syntax("expected digit after '-'") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit { throw .syntax("leading zeros are not allowed", position) }
        } else {
            skipDigits()
        }
        if isAt(UInt8(ascii: ".")) {
            index += 1
            guard isDigit else { throw syntax("expected digit after '.'") }
            skipDigits()
        }
        if isAt(UInt8(ascii: "e")) || isAt(UInt8(ascii: "E")) {
            index += 1
            if isAt(UInt8(ascii: "+")) || isAt(UInt8(ascii: "-")) { index += 1 }
            guard isDigit else { throw syntax("expected digit in exponent") }
            skipDigits()
        }
        let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(raw), value.isFinite else { throw .syntax("number out of range", position) }
        return .number(value, raw: raw)
    }

    package mutating func parseString(openedAt position: TextPosition) throws(JSONReadError) -> String {
        index += 1
        var runStart = index
        var hasEscapes = false
        while true {
            guard index < bytes.count else { throw .syntax("unterminated string", position) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                break
            } else if byte == UInt8(ascii: "\\") {
                if !hasEscapes {
                    scratch.removeAll(keepingCapacity: true)
                    hasEscapes = true
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try parseEscape(inStringAt: position)
                runStart = index
            } else if byte < 0x20 {
                // A raw line break almost always means a missing closing quote.
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    throw .syntax("unterminated string", position)
                }
                throw syntax("control character in string")
            } else {
                index += 1
            }
        }
        let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
        index += 1
        guard hasEscapes else { return String(decoding: run, as: UTF8.self) }
        scratch.append(contentsOf: run)
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Appends the decoded escape at `index` to `scratch`.
    package mutating func parseEscape(inStringAt position: TextPosition) throws(JSONReadError) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else { throw .syntax("unterminated string", position) }
        let decoded: UInt8
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = bytes[index]
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = UInt8(ascii: "\n")
        case UInt8(ascii: "r"): decoded = UInt8(ascii: "\r")
        case UInt8(ascii: "t"): decoded = UInt8(ascii: "\t")
        case UInt8(ascii: "u"):
            index += 1
            var code = try hexQuad(escapeStart: escapeStart)
            if (0xD800...0xDBFF).contains(code) && bytes[index...].starts(with: "\\u".utf8) {
                let lowStart = index
                index += 2
                let low = try hexQuad(escapeStart: lowStart)
                if (0xDC00...0xDFFF).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
            }
            // Any surrogate left at this point was not part of a valid pair, and is no scalar.
            guard let scalar = Unicode.Scalar(code) else {
                throw .syntax("unpaired surrogate", textPosition(at: escapeStart))
            }
            UTF8.encode(scalar) { scratch.append($0) }
            return
        default:
            throw .syntax("invalid escape sequence", textPosition(at: escapeStart))
        }
        scratch.append(decoded)
        index += 1
    }

    package mutating func hexQuad(escapeStart: Int) throws(JSONReadError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            // Latin-1 scalars from single bytes can only match the ASCII hex digits.
            guard index < bytes.count, let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue else {
                throw .syntax("invalid \\u escape", textPosition(at: escapeStart))
            }
            code = code << 4 | UInt32(digit)
            index += 1
        }
        return code
    }

    package func isAt(_ byte: UInt8, offset: Int = 0) -> Bool {
        index + offset < bytes.count && bytes[index + offset] == byte
    }
    package var isDigit: Bool { index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) }
    package var isCommentStart: Bool { isAt(UInt8(ascii: "/")) }

    package mutating func skipDigits() {
        while isDigit { index += 1 }
    }

    /// JSON allows line breaks only between tokens, so this is the one place lines are counted.
    package mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                index += 1
                continue
            case UInt8(ascii: "\n"):
                index += 1
            case UInt8(ascii: "\r"):
                index += isAt(UInt8(ascii: "\n"), offset: 1) ? 2 : 1
            default:
                return
            }
            line += 1
            lineStart = index
            lineStartColumn = 1
            anchorOffset = index
            anchorColumn = 1
        }
    }

    /// The position at `index`, which must be where a value or key starts. Those always follow
    /// ASCII punctuation or whitespace, so they are grapheme boundaries and safe anchors.
    package mutating func valuePosition() -> TextPosition {
        anchorColumn = textPosition(at: index).column
        anchorOffset = index
        return TextPosition(line: line, column: anchorColumn)
    }

    /// The position of a byte on the current line.
    package func textPosition(at offset: Int) -> TextPosition {
        let (start, column) = offset >= anchorOffset ? (anchorOffset, anchorColumn) : (lineStart, lineStartColumn)
        let segment = UnsafeBufferPointer(rebasing: bytes[start..<offset])
        let characters =
            segment.allSatisfy { $0 < 0x80 } ? segment.count : String(decoding: segment, as: UTF8.self).count
        return TextPosition(line: line, column: column + characters)
    }

    package func syntax(_ message: String) -> JSONReadError {
        .syntax(message, textPosition(at: index))
    }

    package func unterminated(_ container: Container) -> JSONReadError {
        .syntax(container.isObject ? "unterminated object" : "unterminated array", container.position)
    }
}
