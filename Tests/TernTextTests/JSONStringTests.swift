import Foundation
import HostileText
import Testing
import TernText

@Suite("JSONString")
struct JSONStringTests {
    @Test func documentedExamples() {
        #expect(JSONString.quote("a\u{1B}[2J") == #""a\u001B[2J""#)
        #expect(JSONString.quote("say \"hi\"\n\u{202E}") == #""say \"hi\"\n\u202E""#)
        #expect(JSONText.object([("title", .string("a\u{1B}b")), ("remote", .bool(true))]).rendered()
                == "{\n  \"title\": \"a\\u001Bb\",\n  \"remote\": true\n}")
        #expect(JSONText.optional(nil as String?).rendered() == "null")
        #expect(JSONText.array([.integer(7), .null]).rendered() == "[\n  7,\n  null\n]")
    }

    @Test func invisibleAndUnknownScalarsAreEscapedLikeControls() {
        #expect(JSONString.quote("a\u{200B}\u{FEFF}\u{AD}\u{3164}") == #""a\u200B\uFEFF\u00AD\u3164""#)
        // Beyond the Basic Multilingual Plane, as a UTF-16 surrogate pair.
        #expect(JSONString.quote("\u{E0001}\u{10FFFF}") == #""\uDB40\uDC01\uDBFF\uDFFF""#)
        #expect(JSONString.quote("\u{8}\u{C}\u{7F}\u{9B}") == #""\u0008\u000C\u007F\u009B""#)
    }

    @Test func ordinaryTextAndEmojiSequencesAreWrittenAsThemselves() {
        for s in ["Café Lumière", "数据分析", "👨‍👩‍👧", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "👍🏽", "e\u{301}", "a/b", "\u{E000}", "رسالة\u{200C}ها"] {
            #expect(JSONString.quote(s) == "\"" + s + "\"", "\(s.debugDescription)")
        }
    }

    @Test func theHostileCorpusRoundTripsExactlyAndNothingUnsafeIsWrittenRaw() throws {
        var failures: [String] = []
        for s in HostileText.all() {
            let quoted = JSONString.quote(s)
            if let raw = quoted.unicodeScalars.first(where: UnsafeScalar.contains) {
                failures.append("raw U+\(String(raw.value, radix: 16, uppercase: true)) in \(quoted.debugDescription)")
            }
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
            if parsed != [s] { failures.append("round trip of \(s.debugDescription) gave \(parsed?.first.debugDescription ?? "nothing")") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }
}
