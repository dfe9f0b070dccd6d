import HostileText
import Testing
@testable import TernTerminal
import TernText

@Suite("TextLayout")
struct TextLayoutTests {
    @Test func documentedExamples() {
        #expect(TextLayout.pad("42", to: 5, alignment: .right) == "   42")
        #expect(TextLayout.truncate("数据分析师", to: 6) == "数据…")
        #expect(TextLayout.pad("数据", to: 6, alignment: .center) == " 数据 ")
        #expect(TextLayout.wrap("Design lead\n\nRemote ok", width: 8) == ["Design", "lead", "", "Remote", "ok"])
        let title = "Senior Data Analyst (数据分析师) — Remote"
        #expect(DisplayWidth.of(TextLayout.pad(TextLayout.truncate(title, to: 20), to: 20)) == 20)
    }

    // MARK: truncate

    @Test func truncateAscii() {
        #expect(TextLayout.truncate("hello", to: 5) == "hello")
        #expect(TextLayout.truncate("hello", to: 9) == "hello")
        #expect(TextLayout.truncate("hello world", to: 8) == "hello w…")
        #expect(TextLayout.truncate("hello", to: 4) == "hel…")
        #expect(TextLayout.truncate("hello", to: 1) == "…")
        #expect(TextLayout.truncate("hello", to: 0) == "")
        #expect(TextLayout.truncate("hello", to: -3) == "")
        #expect(TextLayout.truncate("", to: 3) == "")
        #expect(TextLayout.truncate("h", to: 1) == "h")
    }

    @Test func truncateWithOtherEllipses() {
        #expect(TextLayout.truncate("hello world", to: 8, ellipsis: "...") == "hello...")
        #expect(TextLayout.truncate("hello world", to: 2, ellipsis: "...") == "..")
        #expect(TextLayout.truncate("hello world", to: 4, ellipsis: "") == "hell")
    }

    @Test("CJK at odd and even widths", arguments: [
        (8, "数据分析"), (7, "数据分…"), (6, "数据…"), (5, "数据…"), (4, "数…"), (3, "数…"), (2, "…"), (1, "…"), (0, ""),
    ] as [(Int, String)])
    func truncateCJK(width: Int, expected: String) {
        let out = TextLayout.truncate("数据分析", to: width)
        #expect(out == expected)
        #expect(DisplayWidth.of(out) <= width)
    }

    @Test func truncateEmojiNeverSplitsAClusterOrOverflows() {
        let family = "👨‍👩‍👧"
        let text = family + family + "🇯🇵" + "e\u{301}" + "👍🏽"
        for width in 0...12 {
            let out = TextLayout.truncate(text, to: width)
            #expect(DisplayWidth.of(out) <= width, "width \(width): \(out)")
            var kept = Array(out)
            if kept.last == "…" { kept.removeLast() }
            #expect(Array(text).starts(with: kept), "width \(width) split a cluster: \(out.debugDescription)")
        }
        #expect(TextLayout.truncate(text, to: 3) == family + "…")
        #expect(TextLayout.truncate(text, to: 4) == family + "…")
        #expect(TextLayout.truncate(text, to: 5) == family + family + "…")
        #expect(TextLayout.truncate("🎨🎨🎨", to: 5) == "🎨🎨…")
        #expect(TextLayout.truncate("🎨🎨🎨", to: 4) == "🎨…")
        #expect(TextLayout.truncate("a数b", to: 3) == "a…")
    }

    // MARK: pad

    @Test func padAlignsByDisplayWidth() {
        #expect(TextLayout.pad("42", to: 5, alignment: .right) == "   42")
        #expect(TextLayout.pad("42", to: 5) == "42   ")
        #expect(TextLayout.pad("42", to: 5, alignment: .center) == " 42  ")
        #expect(TextLayout.pad("数据", to: 6, alignment: .center) == " 数据 ")
        #expect(TextLayout.pad("数据", to: 5) == "数据 ")
        #expect(TextLayout.pad("e\u{301}", to: 3) == "e\u{301}  ")
        #expect(TextLayout.pad("🇯🇵", to: 3, alignment: .right) == " 🇯🇵")
        #expect(TextLayout.pad("", to: 2) == "  ")
        #expect(TextLayout.pad("abc", to: 0) == "")
    }

    @Test func padTruncatesAndFillsTheGapOfADroppedWideCharacter() {
        #expect(TextLayout.pad("hello world", to: 6) == "hello…")
        #expect(TextLayout.pad("数据分析", to: 6) == "数据… ")      // 数据分 + … would be 7
        #expect(TextLayout.pad("数据分析", to: 6, alignment: .right) == " 数据…")
        for width in 0...10 {
            for alignment in [TextLayout.Alignment.left, .right, .center] {
                #expect(DisplayWidth.of(TextLayout.pad("数据 and 🎨 ok", to: width, alignment: alignment)) == width)
            }
        }
    }

    // MARK: wrap

    @Test func wrapAtSpaces() {
        #expect(TextLayout.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("the quick brown fox", width: 8) == ["the", "quick", "brown", "fox"])
        #expect(TextLayout.wrap("one two  three", width: 8) == ["one two", "three"])
        #expect(TextLayout.wrap("a  b", width: 10) == ["a  b"])
        #expect(TextLayout.wrap("hello   ", width: 10) == ["hello"])
        #expect(TextLayout.wrap("hello   world   ", width: 6) == ["hello", "world"])
        #expect(TextLayout.wrap("Design lead\n\nRemote ok", width: 8) == ["Design", "lead", "", "Remote", "ok"])
    }

    @Test func wrapHardBreaksLongWords() {
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("see https://example.com/a/long/path ok", width: 10)
            == ["see", "https://ex", "ample.com/", "a/long/pat", "h ok"])
        let family = "👨‍👩‍👧"
        #expect(TextLayout.wrap(family + family + family, width: 3) == [family, family, family])
        #expect(TextLayout.wrap(family + family + family, width: 4) == [family + family, family])
        #expect(TextLayout.wrap("e\u{301}e\u{301}e\u{301}", width: 2) == ["e\u{301}e\u{301}", "e\u{301}"])
    }

    @Test func wrapBreaksCJKBetweenAnyCharacters() {
        #expect(TextLayout.wrap("数据分析数据", width: 5) == ["数据", "分析", "数据"])
        #expect(TextLayout.wrap("数据分析数据", width: 4) == ["数据", "分析", "数据"])
        #expect(TextLayout.wrap("数据分析数据", width: 3) == ["数", "据", "分", "析", "数", "据"])
        #expect(TextLayout.wrap("我是Swift开发者", width: 8) == ["我是", "Swift开", "发者"])
        #expect(TextLayout.wrap("한국어 개발자 모집", width: 7) == ["한국어", "개발자", "모집"])
        #expect(TextLayout.wrap("数", width: 1) == [""])  // two columns never fit in one
    }

    @Test func wrapParagraphsAndIndentation() {
        #expect(TextLayout.wrap("", width: 5) == [""])
        #expect(TextLayout.wrap("\n", width: 5) == ["", ""])
        #expect(TextLayout.wrap("a\n\nb", width: 10) == ["a", "", "b"])
        #expect(TextLayout.wrap("a\r\nb", width: 10) == ["a", "b"])
        #expect(TextLayout.wrap("   ", width: 5) == [""])
        #expect(TextLayout.wrap("  indented text here", width: 10) == ["  indented", "text here"])
        #expect(TextLayout.wrap("  - item one\n  - item two", width: 20) == ["  - item one", "  - item two"])
        #expect(TextLayout.wrap("anything", width: 0) == [])
    }

    // MARK: properties

    @Test func layoutNeverOverflowsOverTheCorpus() {
        var failures: [String] = []
        for s in HostileText.all() {
            let line = Sanitizer.line(s)
            let block = Sanitizer.block(s)
            let lineClusters = Array(line)
            for width in 0...12 {
                let cut = TextLayout.truncate(line, to: width)
                if DisplayWidth.of(cut) > width { failures.append("truncate \(width): \(cut.debugDescription)") }
                var kept = Array(cut)
                if kept.last == "…" && kept.count <= lineClusters.count && lineClusters[kept.count - 1] != "…" {
                    kept.removeLast()
                }
                if !lineClusters.starts(with: kept) { failures.append("truncate \(width) split \(line.debugDescription)") }
                if DisplayWidth.of(TextLayout.pad(line, to: width)) != width && width > 0 {
                    failures.append("pad \(width): \(line.debugDescription)")
                }
                if DisplayWidth.of(TextLayout.truncate(s, to: width)) > width { failures.append("raw truncate \(width)") }
                guard width > 0 else { continue }
                let lines = TextLayout.wrap(block, width: width)
                if lines.count < block.filter({ $0 == "\n" }).count + 1 { failures.append("wrap lost a paragraph") }
                for wrapped in lines {
                    if DisplayWidth.of(wrapped) > width { failures.append("wrap \(width): \(wrapped.debugDescription)") }
                    if wrapped.hasSuffix(" ") { failures.append("wrap \(width) trailing space: \(wrapped.debugDescription)") }
                    if wrapped.contains("\n") { failures.append("wrap \(width) newline: \(wrapped.debugDescription)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test func wrapKeepsEveryNonSpaceClusterThatFits() {
        // Nothing is lost but spaces at breaks, and clusters wider than a whole line.
        var failures: [String] = []
        for s in HostileText.all() {
            let block = Sanitizer.block(s)
            for width in 1...10 {
                let fitting = block.filter { $0 != "\n" && DisplayWidth.of($0) <= width }
                let expected = Array(fitting.unicodeScalars.filter { $0 != " " })
                let joined = Array(TextLayout.wrap(block, width: width).joined().unicodeScalars.filter { $0 != " " })
                if joined != expected { failures.append("width \(width): \(block.debugDescription)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }
}
