import HostileText
import Testing
@testable import TernText

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test func documentedExamples() {
        #expect(DisplayWidth.of("数据 🎨 e\u{301}") == 9)
        #expect(DisplayWidth.of(Character("👨‍👩‍👧")) == 2)
        #expect(DisplayWidth.of("ＡＢ and 数据分析") == 17)
    }

    @Test("Width of tricky strings", arguments: [
        ("", 0),
        ("hello, world", 12),
        ("é", 1),                                   // precomposed U+00E9
        ("e\u{301}", 1),                            // decomposed: e + combining acute
        ("e\u{301}\u{323}\u{302}", 1),              // stacked marks
        ("数据分析", 8),
        ("한국어", 6),
        ("\u{1100}\u{1161}\u{11A8}", 2),            // conjoining jamo, one syllable
        ("ひらがな カタカナ", 17),
        ("ＡＢ", 4),
        ("ｱｲｳ", 3),                                 // halfwidth katakana stays narrow
        ("\u{3000}", 2),                            // ideographic space
        ("🎨", 2),
        ("👨‍👩‍👧", 2),
        ("👍🏽", 2),
        ("\u{261D}\u{1F3FF}", 2),                  // text-default base + modifier
        ("🇯🇵", 2),
        ("🇯🇵🇫🇷", 4),
        ("1\u{FE0F}\u{20E3}", 2),                  // keycap
        ("#\u{20E3}", 2),                           // keycap without VS16
        ("\u{2764}\u{FE0F}", 2),                    // VS16 asks for emoji
        ("\u{2764}", 1),                            // text presentation by default
        ("\u{2764}\u{FE0E}", 1),                    // VS15 asks for text
        ("\u{231A}", 2),                            // emoji presentation by default
        ("\u{231A}\u{FE0E}", 2),                    // VS15, but East Asian Wide
        ("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", 2),  // rainbow flag
        ("🏴󠁧󠁢󠁳󠁣󠁴󠁿", 2),
        ("👩🏽‍💻 dev", 6),
        ("שלום", 4),                                // Hebrew
        ("עִבְרִית", 5),                              // Hebrew with niqqud (marks are 0)
        ("مرحبا", 5),                               // Arabic
        ("مَرْحَبًا", 5),                              // Arabic with harakat
        ("Ελληνικά", 8),
        ("\u{25CC}\u{301}", 1),                     // the sanitizer's dotted-circle base
        ("\u{E000}", 1),                            // private use
        ("a\u{200B}b", 2),                          // raw ZWSP measures 0 (the sanitizer shows it)
    ] as [(String, Int)])
    func width(of text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected, "\(text.debugDescription)")
    }

    @Test func characterWidths() {
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of(Character("数")) == 2)
        #expect(DisplayWidth.of(Character("👨‍👩‍👧")) == 2)
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)
        #expect(DisplayWidth.of(Character("\u{1B}")) == 0)
        #expect(DisplayWidth.of(Character("\r\n")) == 0)
        #expect(DisplayWidth.of(Character("\u{200D}")) == 0)
        #expect(DisplayWidth.of(Character("\u{FE0F}")) == 0)   // VS16 with nothing before it
        #expect(DisplayWidth.of(Character("a\u{FE0F}")) == 2)  // anything followed by VS16
    }

    @Test func zeroWidthSpaceIsMeasuredAfterSanitizing() {
        let shown = Sanitizer.line("a\u{200B}b")
        #expect(shown == "a\\u{200B}b")
        #expect(DisplayWidth.of(shown) == 10)
        #expect(DisplayWidth.of(Sanitizer.line("\u{1B}[2J")) == 5)
        #expect(DisplayWidth.of(Sanitizer.line("\u{7}\u{301}")) == 3)  // "^G" + "◌́"
    }

    @Test func asciiFastPathMatchesClusterSum() {
        let samples = ["", "abc", "Hello, World! ~{}[]|\\", String(repeating: "x", count: 300), "tab\there", "del\u{7F}"]
        for s in samples {
            #expect(DisplayWidth.of(s) == s.reduce(0) { $0 + DisplayWidth.of($1) }, "\(s.debugDescription)")
        }
    }

    @Test func wideTableIsSortedDisjointAndHoldsNoZeroWidthScalars() {
        let table = DisplayWidth.wideRanges
        #expect(table.count % 2 == 0)
        var previousEnd: UInt32? = nil
        for pair in stride(from: 0, to: table.count, by: 2) {
            let (first, last) = (table[pair], table[pair + 1])
            #expect(first <= last, "range \(pair / 2) reversed")
            if let end = previousEnd { #expect(first > end + 1, "range \(pair / 2) overlaps or touches the previous one") }
            previousEnd = last
            for v in first...last {
                guard let u = Unicode.Scalar(v) else { continue }
                switch u.properties.generalCategory {
                case .nonspacingMark, .enclosingMark, .format, .control:
                    Issue.record("U+\(String(v, radix: 16, uppercase: true)) is zero-width but in the wide table")
                default: break
                }
            }
        }
    }

    @Test func wideLookUpAgreesWithTheTableAtEveryEdge() {
        let table = DisplayWidth.wideRanges
        for pair in stride(from: 0, to: table.count, by: 2) {
            #expect(DisplayWidth.isWide(table[pair]))
            #expect(DisplayWidth.isWide(table[pair + 1]))
            #expect(!DisplayWidth.isWide(table[pair] - 1))
            #expect(!DisplayWidth.isWide(table[pair + 1] + 1))
        }
        #expect(!DisplayWidth.isWide(0x41))
        #expect(DisplayWidth.isWide(0x4E00))
        #expect(DisplayWidth.isWide(0x1F600))
    }

    @Test func emojiPresentationScalarsAreTwoColumns() {
        // Every default-emoji-presentation scalar measures 2 on its own, table or not.
        for v in UInt32(0x2000)...0x1FAFF {
            guard let u = Unicode.Scalar(v), u.properties.isEmojiPresentation else { continue }
            #expect(DisplayWidth.of(Character(u)) == 2, "U+\(String(v, radix: 16, uppercase: true))")
        }
    }

    @Test func sanitizedCorpusMeasuresAsTheSumOfItsClusters() {
        var failures: [String] = []
        for s in HostileText.all() {
            for shown in [Sanitizer.line(s), Sanitizer.block(s)] {
                let sum = shown.reduce(0) { $0 + DisplayWidth.of($1) }
                let width = DisplayWidth.of(shown)
                if width != sum || width < 0 { failures.append(s.debugDescription) }
                // Every visible cluster of sanitized text takes a column, except a lone "\n" and
                // a Hangul medial or final jamo (which terminals put on the previous cell).
                for c in shown where c != "\n" && DisplayWidth.of(c) == 0 && !isJamoExtension(c) {
                    failures.append("zero-width cluster \(c.debugDescription) in \(shown.debugDescription)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    private func isJamoExtension(_ c: Character) -> Bool {
        let v = c.unicodeScalars.first!.value
        return (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v)
    }
}
