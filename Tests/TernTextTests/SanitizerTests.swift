import Foundation
import HostileText
import Testing
@testable import TernText

/// Why a sanitized string is unsafe, or nil when it is fine.
func sanitizerViolation(_ out: String, allowingNewline: Bool) -> String? {
    let scalars = Array(out.unicodeScalars)
    for (i, u) in scalars.enumerated() {
        let v = u.value
        let hex = String(v, radix: 16, uppercase: true)
        if v == 0x0A && allowingNewline { continue }
        switch v {
        case 0x00...0x1F, 0x7F...0x9F: return "control U+\(hex)"
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return "bidi control U+\(hex)"
        case 0x2028, 0x2029: return "separator U+\(hex)"
        case 0x00AD, 0x3164, 0xFFA0, 0x115F, 0x1160: return "invisible U+\(hex)"
        case 0x200C, 0x200D, 0xE0020...0xE007F: break
        default:
            switch u.properties.generalCategory {
            case .format: return "format character U+\(hex)"
            case .unassigned: return "unassigned U+\(hex)"
            default: break
            }
        }
        if v == 0x200D {
            let before = i > 0 ? scalars[i - 1] : nil
            let after = i + 1 < scalars.count ? scalars[i + 1] : nil
            let emojiBefore = before.map { $0.properties.isEmoji || $0.value == 0xFE0F || $0.value == 0xE007F } ?? false
            let emojiAfter = after?.properties.isEmoji ?? false
            if !emojiBefore || !emojiAfter { return "ZWJ outside an emoji sequence" }
        }
    }
    for c in out {
        switch c.unicodeScalars.first!.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return "combining mark without a base in \(c.debugDescription)"
        default: continue
        }
    }
    return nil
}

@Suite("Sanitizer")
struct SanitizerTests {
    @Test func documentedExamples() {
        #expect(Sanitizer.line("evil\u{1B}[2J\u{202E}txt") == "evil^[[2J\\u{202E}txt")
        #expect(Sanitizer.line("Design\tLead\r\n") == "Design^ILead^M^J")
        #expect(Sanitizer.block("one\r\ntwo\tthree\u{7}") == "one\ntwo    three^G")
    }

    @Test("C0 controls become caret notation", arguments: UInt32(0x00)...0x1F)
    func c0Controls(value: UInt32) {
        let input = String(Unicode.Scalar(value)!)
        let caret = "^" + String(Unicode.Scalar(UInt8(value + 0x40)))
        #expect(Sanitizer.line(input) == caret)
        let expectedBlock = value == 0x0A ? "\n" : value == 0x09 ? "    " : caret
        #expect(Sanitizer.block(input) == expectedBlock)
    }

    @Test func namedCarets() {
        #expect(Sanitizer.line("\u{0}") == "^@")
        #expect(Sanitizer.line("\u{1B}") == "^[")
        #expect(Sanitizer.line("\u{8}") == "^H")
        #expect(Sanitizer.line("\r") == "^M")
        #expect(Sanitizer.line("\t") == "^I")
        #expect(Sanitizer.line("\n") == "^J")
        #expect(Sanitizer.line("\u{1F}") == "^_")
        #expect(Sanitizer.line("\u{7F}") == "^?")
        #expect(Sanitizer.block("\u{7F}") == "^?")
    }

    @Test("C1 controls become \\u{XX}", arguments: UInt32(0x80)...0x9F)
    func c1Controls(value: UInt32) {
        let input = "a" + String(Unicode.Scalar(value)!) + "b"
        let expected = "a\\u{" + String(value, radix: 16, uppercase: true) + "}b"
        #expect(Sanitizer.line(input) == expected)
        #expect(Sanitizer.block(input) == expected)
    }

    @Test("Bidi controls and separators become visible",
          arguments: [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                      0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029] as [UInt32])
    func bidiAndSeparators(value: UInt32) {
        let input = "x" + String(Unicode.Scalar(value)!) + "y"
        let expected = "x\\u{" + String(value, radix: 16, uppercase: true) + "}y"
        #expect(Sanitizer.line(input) == expected)
        #expect(Sanitizer.block(input) == expected)
    }

    @Test func terminalEscapesAreDefused() {
        #expect(Sanitizer.line("\u{1B}[2J") == "^[[2J")
        #expect(Sanitizer.line("\u{9B}31m") == "\\u{9B}31m")
        #expect(Sanitizer.line("\u{1B}]0;pwned\u{7}") == "^[]0;pwned^G")
        #expect(Sanitizer.line("invoice\u{202E}fdp.exe") == "invoice\\u{202E}fdp.exe")
        #expect(Sanitizer.line("\u{202E}") == "\\u{202E}")
    }

    @Test func lineBreaks() {
        #expect(Sanitizer.line("a\r\nb") == "a^M^Jb")
        #expect(Sanitizer.block("a\r\nb") == "a\nb")
        #expect(Sanitizer.block("a\rb") == "a^Mb")
        #expect(Sanitizer.block("a\n\nb\n") == "a\n\nb\n")
        #expect(Sanitizer.block("a\tb") == "a    b")
        #expect(Sanitizer.line("a\tb") == "a^Ib")
        #expect(Sanitizer.block("a\u{85}b\u{2028}c") == "a\\u{85}b\\u{2028}c")
        #expect(Sanitizer.block("a\u{B}\u{C}b") == "a^K^Lb")
    }

    @Test func invisibleAndUnassigned() {
        #expect(Sanitizer.line("\u{FEFF}title") == "\\u{FEFF}title")
        #expect(Sanitizer.line("a\u{200B}b") == "a\\u{200B}b")
        #expect(Sanitizer.line("a\u{2060}b") == "a\\u{2060}b")
        #expect(Sanitizer.line("\u{FFF9}a\u{FFFA}b\u{FFFB}") == "\\u{FFF9}a\\u{FFFA}b\\u{FFFB}")
        #expect(Sanitizer.line("\u{378}") == "\\u{378}")  // unassigned
        let nonCharacters = String(String.UnicodeScalarView([0xFDD0, 0xFFFF, 0x10FFFF].map { Unicode.Scalar($0)! }))
        #expect(Sanitizer.line(nonCharacters) == "\\u{FDD0}\\u{FFFF}\\u{10FFFF}")
        #expect(Sanitizer.line("\u{3164}\u{FFA0}") == "\\u{3164}\\u{FFA0}")  // Hangul fillers
        #expect(Sanitizer.line("Kennzeichen\u{AD}liste") == "Kennzeichenliste")  // soft hyphen removed
        #expect(Sanitizer.line("\u{E000}\u{F8FF}") == "\u{E000}\u{F8FF}")  // private use kept
        #expect(Sanitizer.line("\u{E0041}") == "\\u{E0041}")  // stray tag
    }

    @Test func emojiSequencesSurvive() {
        for s in ["👨‍👩‍👧", "👩🏽‍💻", "🏳️‍🌈", "👍🏽", "☝🏿", "🇯🇵", "1️⃣", "#️⃣", "❤️", "❤︎", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🧑‍🤝‍🧑", "❤️‍🔥"] {
            #expect(Sanitizer.line(s) == s, "\(s.debugDescription)")
            #expect(Sanitizer.block(s) == s, "\(s.debugDescription)")
        }
    }

    @Test func strayJoinersAndModifiersBecomeVisible() {
        #expect(Sanitizer.line("a\u{200D}b") == "a\\u{200D}b")
        #expect(Sanitizer.line("\u{200D}") == "\\u{200D}")
        #expect(Sanitizer.line("👨\u{200D}") == "👨\\u{200D}")
        #expect(Sanitizer.line("👨\u{200D}\u{200D}👩") == "👨\\u{200D}\\u{200D}👩")
        #expect(Sanitizer.line("a\u{FE0F}") == "a\\u{FE0F}")
        #expect(Sanitizer.line("\u{FE0F}") == "\\u{FE0F}")
        #expect(Sanitizer.line("a\u{1F3FD}") == "a\\u{1F3FD}")
        #expect(Sanitizer.line("\u{1F3FD}") == "\\u{1F3FD}")
        #expect(Sanitizer.line("a\u{200C}b") == "a\u{200C}b")  // ZWNJ after a base is orthography
        #expect(Sanitizer.line("\u{200C}b") == "\\u{200C}b")
        // A tag run without CANCEL TAG, or with no emoji before it, is not a tag sequence.
        #expect(Sanitizer.line("🏴\u{E0067}\u{E0062}") == "🏴\\u{E0067}\\u{E0062}")
        #expect(Sanitizer.line("a\u{E0067}\u{E007F}") == "a\\u{E0067}\\u{E007F}")
    }

    @Test func combiningMarksKeepOrGetABase() {
        #expect(Sanitizer.line("e\u{301}") == "e\u{301}")
        #expect(Sanitizer.line("\u{301}abc") == "\u{25CC}\u{301}abc")
        #expect(Sanitizer.line("\u{7}\u{301}") == "^G\u{25CC}\u{301}")
        #expect(Sanitizer.line("a\u{200B}\u{301}") == "a\\u{200B}\u{25CC}\u{301}")
        #expect(Sanitizer.line("a\u{200D}\u{301}") == "a\\u{200D}\u{25CC}\u{301}")
        #expect(Sanitizer.block("x\n\u{301}") == "x\n\u{25CC}\u{301}")
        #expect(Sanitizer.line(" \u{301}") == " \u{301}")
    }

    @Test func plainTextIsUnchanged() {
        let samples = ["", "Senior Designer (Remote) — £60k", "Café crème brûlée", "Ærøskøbing",
                       "数据分析师", "한국어 개발자", "アニメーター", "Ｆｕｌｌｗｉｄｔｈ", "שלום עולם", "مرحبا بالعالم",
                       "नमस्ते दुनिया", "ภาษาไทยทำงาน", "Ελληνικά", "Привет", "🎨 art 👨‍👩‍👧 🇯🇵", "e\u{301}\u{302}",
                       "\u{8FBB}\u{E0100}"]
        for s in samples {
            #expect(Sanitizer.line(s) == s, "\(s.debugDescription)")
            #expect(Sanitizer.block(s) == s, "\(s.debugDescription)")
        }
        #expect(Sanitizer.block("line one\nline two") == "line one\nline two")
    }

    @Test func asciiFastPathReturnsTheSameStorage() {
        let s = String(repeating: "printable ascii only ", count: 8)
        let out = Sanitizer.line(s)
        #expect(out == s)
        let before = s.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) }
        let after = out.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) }
        #expect(before != nil && before == after)
    }

    @Test func everyHostileFamilyIsNeutralisedAndStable() {
        for family in HostileText.families {
            checkProperties(of: family.samples, minimum: 8)
        }
    }

    @Test func randomStringsAreNeutralisedAndStable() {
        checkProperties(of: HostileText.randomStrings())
    }

    @Test func theNaughtyStringsAreNeutralisedAndStableWhenAtHand() {
        // An extra: without the shared list there is nothing to check here, and that is fine.
        checkProperties(of: HostileText.naughtyStrings(), minimum: 0)
    }

    @Test func everyUnsafeScalarBecomesAPlaceholderExceptTheSoftHyphen() {
        var failures: [String] = []
        // Planes 4–13 hold nothing but unassigned code points, which plane 3 and 15 already cover.
        for v in Array(UInt32(0)...0x3FFFF) + Array(0xE0000...0x10FFFF) {
            guard let u = Unicode.Scalar(v), UnsafeScalar.contains(u) else { continue }
            let hex = String(v, radix: 16, uppercase: true)
            let expected = v == 0xAD ? "ab" : v < 0x20 || v == 0x7F ? nil : "a\\u{\(hex)}b"
            let shown = Sanitizer.line("a" + String(u) + "b")
            if let expected, shown != expected { failures.append("U+\(hex): \(shown.debugDescription)") }
            if expected == nil, !shown.hasPrefix("a^") { failures.append("U+\(hex): \(shown.debugDescription)") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    private func checkProperties(of corpus: [String], minimum: Int = 400, sourceLocation: SourceLocation = #_sourceLocation) {
        var failures: [String] = []
        for s in corpus {
            let line = Sanitizer.line(s)
            let block = Sanitizer.block(s)
            if let why = sanitizerViolation(line, allowingNewline: false) { failures.append("line: \(why) in \(s.debugDescription)") }
            if let why = sanitizerViolation(block, allowingNewline: true) { failures.append("block: \(why) in \(s.debugDescription)") }
            if Sanitizer.line(line) != line { failures.append("line not idempotent for \(s.debugDescription)") }
            if Sanitizer.block(block) != block { failures.append("block not idempotent for \(s.debugDescription)") }
            let hasCROrTab = s.unicodeScalars.contains { $0 == "\r" || $0 == "\t" }
            if !hasCROrTab && Sanitizer.line(block) != line {
                failures.append("block then line differs from line for \(s.debugDescription)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))", sourceLocation: sourceLocation)
        #expect(corpus.count >= minimum, sourceLocation: sourceLocation)
    }
}
