import Foundation
import Testing

@testable import TernCatalogue

/// Parser tests: accepted syntax, exact error positions, and a Foundation round trip.
@Suite struct PositionedJSONTests {
    func parseError(_ text: String) -> JSONReadError? {
        do {
            _ = try PositionedJSON.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func scalars() throws {
        #expect(try PositionedJSON.parse("null").isNull)
        #expect(try PositionedJSON.parse(" true ").bool == true)
        #expect(try PositionedJSON.parse("false").bool == false)
        #expect(try PositionedJSON.parse("\"hi\"").string == "hi")
        #expect(try PositionedJSON.parse("\n  42").position == TextPosition(line: 2, column: 3))
    }

    @Test func numbersFollowTheGrammar() throws {
        let cases: [(String, Double, Int?)] = [
            ("0", 0, 0), ("-0", 0, 0), ("12.5e-1", 1.25, nil), ("1E+2", 100, 100), ("-1.0", -1, -1),
            ("9007199254740993", 9_007_199_254_740_992, 9_007_199_254_740_993), ("1e19", 1e19, nil), ("2e-400", 0, 0),
        ]
        for (text, double, int) in cases {
            let value = try PositionedJSON.parse(text)
            #expect(value.kind == .number(double, raw: text), "\(text)")
            #expect(value.int == int, "\(text)")
        }
    }

    @Test func stringEscapes() throws {
        let text = #""\" \\ \/ \b \f \n \r \t \u00e9 \u0000 \ud83e\udda4 \uD83E\uDDA4 e\u0301""#
        let expected = "\" \\ / \u{8} \u{C} \n \r \t é \u{0} 🦤 🦤 e\u{301}"
        let value = try PositionedJSON.parse(text).string
        #expect(value.map { Array($0.unicodeScalars) } == Array(expected.unicodeScalars))
    }

    @Test func objectsKeepOrderAndKeyPositions() throws {
        let value = try PositionedJSON.parse(#"{"z": 1, "a": [true, null], "m": {}}"#)
        #expect(value.members?.map(\.key) == ["z", "a", "m"])
        #expect(value.members?.map(\.keyPosition.column) == [2, 10, 29])
        #expect(value["a"]?.array?.map(\.position.column) == [16, 22])
        #expect(value["m"]?.members == [])
        #expect(value["missing"] == nil)
        #expect(value["z"]?.int == 1)
    }

    @Test func nestedValuePositionInMultiLineDocument() throws {
        let text = """
            {
              "name": "Tern",
              "tasks": [
                {"id": 1, "hours": -2},
                {"id": 2, "hours": 3.5}
              ]
            }
            """
        let document = try PositionedJSON.parse(text)
        let tasks = try #require(document["tasks"])
        #expect(tasks.position == TextPosition(line: 3, column: 12))
        let firstTask = try #require(tasks.array?.first)
        #expect(firstTask.position == TextPosition(line: 4, column: 5))
        #expect(firstTask["hours"]?.position == TextPosition(line: 4, column: 24))
        #expect(firstTask["hours"]?.int == -2)
        #expect(firstTask.members?.last?.keyPosition == TextPosition(line: 4, column: 15))
        #expect(tasks.array?.last?["hours"]?.double == 3.5)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // U+0600 is a prepended mark: with the closing quote after it, it forms a single Character.
        let value = try PositionedJSON.parse("[\"👩‍👩‍👧\", \"e\u{301}\", \"\u{0600}\", 5]")
        #expect(value.array?.map(\.position.column) == [2, 7, 12, 16])
    }

    @Test func lineEndsAndByteOrderMark() throws {
        let crlf = try PositionedJSON.parse("[\r\n1,\r\n\r\n2]")
        #expect(crlf.array?.map(\.position) == [TextPosition(line: 2, column: 1), TextPosition(line: 4, column: 1)])
        #expect(try PositionedJSON.parse("[\r\r 1]").array?.first?.position == TextPosition(line: 3, column: 2))
        #expect(try PositionedJSON.parse("\u{FEFF}[1]").array?.first?.position == TextPosition(line: 1, column: 2))
    }

    @Test func duplicateKeyIsReportedAtTheSecondKey() {
        let error = parseError("{\n  \"a\": 1,\n  \"a\": 2\n}")
        #expect(error == .duplicateKey("a", TextPosition(line: 3, column: 3)))
        #expect(error?.message == "duplicate key \"a\"")
        #expect(parseError(#"{"a": {"a": 1}, "b": {"a": 2}}"#) == nil)
    }

    @Test func nestingDepthIsLimited() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(parseError(deepest) == nil)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(parseError(tooDeep) == .syntax("nesting too deep", TextPosition(line: 1, column: 513)))
        let hostile = String(repeating: "{\"k\":", count: 100_000)
        #expect(parseError(hostile)?.message == "nesting too deep")
    }

    @Test(arguments: [
        JSONErrorCase("", "empty document", 1, 1),
        JSONErrorCase(" \n\t ", "empty document", 1, 1),
        JSONErrorCase("\u{FEFF}", "empty document", 1, 1),
        JSONErrorCase("[1 2]", "expected ',' or ']' in array", 1, 4),
        // At the comma, which is what to delete, even lines before the bracket.
        JSONErrorCase("[1,2,]", "trailing comma in array", 1, 5),
        JSONErrorCase("{\"a\":1,\n}", "trailing comma in object", 1, 7),
        JSONErrorCase("[{\"a\":1},\n\n  ]", "trailing comma in array", 1, 9),
        JSONErrorCase("{\"a\":1 \"b\":2}", "expected ',' or '}' in object", 1, 8),
        JSONErrorCase("{\"a\" 1}", "expected ':' after object key", 1, 6),
        JSONErrorCase("{1:2}", "expected string key in object", 1, 2),
        JSONErrorCase("{\"a\":}", "expected a value", 1, 6),
        JSONErrorCase("[,1]", "expected a value", 1, 2),
        JSONErrorCase("[1, // note\n2]", "comments are not allowed", 1, 5),
        JSONErrorCase("/* c */ 1", "comments are not allowed", 1, 1),
        JSONErrorCase("1 // note", "comments are not allowed", 1, 3),
        JSONErrorCase("['a']", "strings must use double quotes", 1, 2),
        JSONErrorCase("{'a': 1}", "strings must use double quotes", 1, 2),
        JSONErrorCase("{} x", "unexpected content after value", 1, 4),
        JSONErrorCase("1 2", "unexpected content after value", 1, 3),
        JSONErrorCase("[1, 2", "unterminated array", 1, 1),
        JSONErrorCase("{\"a\": [1", "unterminated array", 1, 7),
        JSONErrorCase("{\"a\": 1", "unterminated object", 1, 1),
        JSONErrorCase("[", "unterminated array", 1, 1),
        JSONErrorCase("tru", "invalid literal", 1, 1),
        JSONErrorCase("[nul]", "invalid literal", 1, 2),
        JSONErrorCase("True", "expected a value", 1, 1),
    ])
    func structuralErrors(_ testCase: JSONErrorCase) {
        #expect(parseError(testCase.text) == testCase.expectedError)
    }

    @Test(arguments: [
        JSONErrorCase("01", "leading zeros are not allowed", 1, 1),
        JSONErrorCase("[-01]", "leading zeros are not allowed", 1, 2),
        JSONErrorCase("+1", "expected a value", 1, 1),
        JSONErrorCase(".5", "expected a value", 1, 1),
        JSONErrorCase("1.", "expected digit after '.'", 1, 3),
        JSONErrorCase("1.e5", "expected digit after '.'", 1, 3),
        JSONErrorCase("1e", "expected digit in exponent", 1, 3),
        JSONErrorCase("1e+", "expected digit in exponent", 1, 4),
        JSONErrorCase("-", "expected digit after '-'", 1, 2),
        JSONErrorCase("NaN", "expected a value", 1, 1),
        JSONErrorCase("-Infinity", "expected digit after '-'", 1, 2),
        JSONErrorCase("[1, 1e400]", "number out of range", 1, 5),
        JSONErrorCase("0x10", "unexpected content after value", 1, 2),
    ])
    func numberErrors(_ testCase: JSONErrorCase) {
        #expect(parseError(testCase.text) == testCase.expectedError)
    }

    @Test(arguments: [
        JSONErrorCase("\"abc", "unterminated string", 1, 1),
        JSONErrorCase("[\"ab\ncd\"]", "unterminated string", 1, 2),
        JSONErrorCase("\"a\u{9}b\"", "control character in string", 1, 3),
        JSONErrorCase("\"é\u{0}\"", "control character in string", 1, 3),
        JSONErrorCase("\"ab\\x\"", "invalid escape sequence", 1, 4),
        JSONErrorCase("\"\\u12g4\"", "invalid \\u escape", 1, 2),
        JSONErrorCase("\"\\u12\"", "invalid \\u escape", 1, 2),
        JSONErrorCase("\"\\ud83e\"", "unpaired surrogate", 1, 2),
        JSONErrorCase("\"\\ud83e\\u0041\"", "unpaired surrogate", 1, 2),
        JSONErrorCase("\"🦤\\udda4\"", "unpaired surrogate", 1, 3),
        JSONErrorCase("\"\\ud83e\\ud83e\"", "unpaired surrogate", 1, 2),
        JSONErrorCase("\"\\", "unterminated string", 1, 1),
    ])
    func stringErrors(_ testCase: JSONErrorCase) {
        #expect(parseError(testCase.text) == testCase.expectedError)
    }

    @Test func foundationOutputRoundTrips() throws {
        var random = SplitMix64(seed: 0x5EED_0F_7E2A)
        let pieces = [
            "a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{7F}", "é", "e\u{301}", "\u{301}", "🦤", "👩‍👩‍👧",
            "\u{FEFF}", "\u{2028}", "\u{0600}",
        ]
        func randomString() -> String {
            (0..<random.int(0...5)).map { _ in random.pick(pieces) }.joined()
        }
        func randomValue(depth: Int) -> PlainJSON {
            switch random.int(0...(depth > 3 ? 4 : 6)) {
            case 0: return .null
            case 1: return .bool(random.chance(50))
            case 2: return .number(Double(random.int(-1_000_000...1_000_000)))
            case 3: return .number(Double(random.int(-(1 << 19)...(1 << 19))) / 1024)
            case 4: return .string(randomString())
            case 5: return .array((0..<random.int(0...4)).map { _ in randomValue(depth: depth + 1) })
            default:
                let members = (0..<random.int(0...4)).map { _ in (randomString(), randomValue(depth: depth + 1)) }
                return .object(Dictionary(members) { first, _ in first })
            }
        }
        for round in 0..<200 {
            let original = PlainJSON.array((0..<3).map { _ in randomValue(depth: 0) })
            let options: JSONSerialization.WritingOptions = round.isMultiple(of: 2) ? [.prettyPrinted, .sortedKeys] : []
            let data = try JSONSerialization.data(withJSONObject: original.foundationObject, options: options)
            let text = try #require(String(data: data, encoding: .utf8))
            let parsed = try PositionedJSON.parse(text)
            #expect(PlainJSON(parsed) == original, "\(text)")
            try expectPositionsPointAtValues(parsed, in: text)
        }
    }

    /// Every value's and key's position must name the character the value or key starts with.
    func expectPositionsPointAtValues(_ value: JSONValue, in text: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        func firstScalar(at position: TextPosition) -> Unicode.Scalar? {
            guard position.line <= lines.count, position.column <= lines[position.line - 1].count else { return nil }
            return lines[position.line - 1][position.column - 1].unicodeScalars.first
        }
        func check(_ value: JSONValue) {
            let expected: Set<Unicode.Scalar> =
                switch value.kind {
                case .null: ["n"]
                case .bool: ["t", "f"]
                case .number: Set("-0123456789".unicodeScalars)
                case .string: ["\""]
                case .array: ["["]
                case .object: ["{"]
                }
            #expect(firstScalar(at: value.position).map(expected.contains) == true, "\(value.position) in \(text)")
            for member in value.members ?? [] {
                #expect(firstScalar(at: member.keyPosition) == "\"", "\(member.keyPosition) in \(text)")
                check(member.value)
            }
            value.array?.forEach(check)
        }
        check(value)
    }
}

// Nested so these helper names cannot collide with other test files in the target.
extension PositionedJSONTests {
    /// One malformed document with the exact error it must produce.
    struct JSONErrorCase: Sendable, CustomTestStringConvertible {
        var text: String
        var message: String
        var line: Int
        var column: Int

        init(_ text: String, _ message: String, _ line: Int, _ column: Int) {
            (self.text, self.message, self.line, self.column) = (text, message, line, column)
        }

        var expectedError: JSONReadError { .syntax(message, TextPosition(line: line, column: column)) }
        var testDescription: String { text.debugDescription }
    }

    /// JSON values without positions, so generated values can be compared with parsed ones.
    indirect enum PlainJSON: Equatable {
        case null, bool(Bool), number(Double), string(String), array([PlainJSON]), object([String: PlainJSON])

        init(_ value: JSONValue) {
            switch value.kind {
            case .null: self = .null
            case .bool(let bool): self = .bool(bool)
            case .number(let number, _): self = .number(number)
            case .string(let string): self = .string(string)
            case .array(let values): self = .array(values.map(PlainJSON.init))
            case .object(let members):
                self = .object(Dictionary(uniqueKeysWithValues: members.map { ($0.key, PlainJSON($0.value)) }))
            }
        }

        /// The Foundation object graph JSONSerialization expects.
        var foundationObject: Any {
            switch self {
            case .null: NSNull()
            case .bool(let bool): bool
            case .number(let number): Int(exactly: number).map { $0 as Any } ?? number
            case .string(let string): string
            case .array(let values): values.map(\.foundationObject)
            case .object(let members): members.mapValues(\.foundationObject)
            }
        }
    }
}
