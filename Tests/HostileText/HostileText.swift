import Foundation

/// Hostile text for the text tests, generated here so every clone of the repository carries it:
/// terminal controls and escape sequences, bidi tricks, invisible and unassigned characters,
/// combining pile-ups, wide CJK and every kind of emoji sequence, valid and broken.
///
/// The Big List of Naughty Strings is added when a copy is at hand (``naughtyStrings(at:)``);
/// without it the corpus is the same minus those strings, and nothing fails or warns.
///
/// ```swift
/// for s in HostileText.all() { #expect(!Sanitizer.line(s).contains("\u{1B}")) }
/// ```
public enum HostileText {
    /// One way text attacks a terminal or a layout, with the samples that show it.
    public struct Family: Sendable {
        public var name: String
        public var samples: [String]
    }

    /// Every family of hand-picked and generated samples, each sample also embedded in plain
    /// words, since a sanitizer can behave differently at the edges of a string.
    ///
    /// ```swift
    /// HostileText.families.map(\.name)   // ["C0 controls", "DEL and C1 controls", ...]
    /// ```
    public static let families: [Family] = [
        Family(name: "C0 controls", samples: scalars(0x00...0x1F)),
        Family(name: "DEL and C1 controls", samples: scalars(0x7F...0x9F)),
        Family(name: "escape sequences", samples: escapeSequences),
        Family(name: "bidi controls", samples: scalars([0x061C, 0x200E, 0x200F]) + scalars(0x202A...0x202E)
            + scalars(0x2066...0x2069) + bidiTricks),
        Family(name: "line breaks and separators", samples: scalars([0x2028, 0x2029, 0x85])
            + ["a\r\nb", "a\rb", "a\nb", "\n\n", "a\u{B}\u{C}b", "line\u{2028}\u{2029}\r\n\u{85}end"]),
        Family(name: "zero-width and format characters", samples: scalars(formatScalars) + invisibleSpacers),
        Family(name: "combining runs", samples: combiningRuns),
        Family(name: "wide CJK", samples: wideText),
        Family(name: "emoji ZWJ sequences", samples: zwjSequences),
        Family(name: "flags", samples: flags),
        Family(name: "skin tones", samples: skinTones),
        Family(name: "tag sequences", samples: tagSequences),
        Family(name: "variation selectors", samples: ["❤︎", "❤️", "a\u{FE0F}", "\u{FE0F}", "\u{FE0E}a", "1️⃣", "#️⃣",
                                                     "*\u{FE0F}\u{20E3}", "\u{20E3}", "\u{8FBB}\u{E0100}", "☝\u{FE0F}\u{FE0F}"]),
        Family(name: "noncharacters", samples: scalars(noncharacters)),
        Family(name: "unassigned", samples: scalars([0x0378, 0x0379, 0x2065, 0xFFF0, 0x1FFFD, 0xE0080, 0xEFFFD])),
        Family(name: "private use", samples: scalars([0xE000, 0xE0A0, 0xF8FF, 0xF0000, 0xFFFFD, 0x100000, 0x10FFFD])
            + ["\u{E0A0} main", "\u{F101}\u{F102}"]),
    ]

    /// Every family's samples, then ``randomStrings(count:seed:)``: the corpus that needs no file.
    public static func generated() -> [String] {
        families.flatMap(\.samples) + randomStrings()
    }

    /// The generated corpus plus the Big List of Naughty Strings when a copy is at hand.
    ///
    /// ```swift
    /// HostileText.all().count >= HostileText.generated().count   // true
    /// ```
    public static func all() -> [String] {
        generated() + naughtyStrings()
    }

    /// The Big List of Naughty Strings (blns.json, a JSON array of strings) at `path`; by default
    /// `$TERN_NAUGHTY_STRINGS`, else `shared/testdata/naughty-strings/blns.json` in the directory
    /// that holds the repository. Empty when there is no readable list there: it is an extra, and
    /// the generated families already hold every kind of hostile text the tests rely on.
    ///
    /// ```swift
    /// HostileText.naughtyStrings(at: "/nowhere/blns.json")   // []
    /// ```
    public static func naughtyStrings(at path: String = naughtyStringsPath()) -> [String] {
        guard let data = FileManager.default.contents(atPath: path),
              let strings = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return strings
    }

    /// Where ``naughtyStrings(at:)`` looks by default: `$TERN_NAUGHTY_STRINGS` when set, else
    /// four levels above this file (`<workspace>/<repository>/Tests/HostileText/HostileText.swift`
    /// → `<workspace>/shared/…`).
    public static func naughtyStringsPath(filePath: String = #filePath) -> String {
        if let override = ProcessInfo.processInfo.environment["TERN_NAUGHTY_STRINGS"], !override.isEmpty {
            return override
        }
        var workspace = URL(fileURLWithPath: filePath)
        for _ in 0..<4 { workspace.deleteLastPathComponent() }
        return workspace.appendingPathComponent("shared/testdata/naughty-strings/blns.json").path
    }

    /// `count` random strings of 0–24 ``atoms``, the same on every run.
    ///
    /// ```swift
    /// HostileText.randomStrings(count: 2) == HostileText.randomStrings(count: 2)   // true
    /// ```
    public static func randomStrings(count: Int = 3000, seed: UInt64 = 0x7E2A_2026) -> [String] {
        var rng = CorpusRNG(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...24, using: &rng)
            return (0..<length).map { _ in atoms.randomElement(using: &rng)! }.joined()
        }
    }

    /// Building blocks for random strings: single scalars of every troublesome kind, and whole
    /// sequences (emoji ZWJ/tag/keycap/flag sequences, CRLF) so valid ones occur too.
    public static let atoms: [String] = {
        var atoms: [String] = []
        func add(_ values: ClosedRange<UInt32>) {
            for v in values { if let u = Unicode.Scalar(v) { atoms.append(String(Character(u))) } }
        }
        add(0x00...0x1F); add(0x7F...0x9F)
        for v: UInt32 in [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067,
                          0x2068, 0x2069, 0x2028, 0x2029, 0x200B, 0x200C, 0x200D, 0x200D, 0x200D, 0x2060,
                          0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB, 0x00AD, 0x180E, 0x0600, 0x0D4E, 0x3164, 0xFFA0,
                          0x115F, 0x1160, 0x1161, 0x11A8, 0xFE0E, 0xFE0F, 0xFE0F, 0xFE00, 0xE0100, 0x034F,
                          0x1F3FB, 0x1F3FD, 0x1F3FF, 0xE0001, 0xE0067, 0xE0062, 0xE0073, 0xE007F, 0xE007F,
                          0x1F1EF, 0x1F1F5, 0x1F1FA, 0x20E3, 0x0378, 0xFDD0, 0xFFFE, 0xFFFF, 0x10FFFF,
                          0xE000, 0xF8FF, 0x0E33, 0xFF9E, 0x093F, 0x0915, 0x094D, 0x05D0, 0x05B8, 0x0627,
                          0x064E, 0x3099, 0x302A, 0x3000, 0x00A0, 0x25CC, 0xFFFD] {
            add(v...v)
        }
        add(0x0300...0x0310); add(0x20D0...0x20D3)
        atoms += ["👨", "👩", "👧", "👍", "🏴", "❤", "☝", "🎨", "🙂", "1", "#", "©", "数", "据", "한", "ア",
                  "Ａ", "a", "b", "Z", "é", " ", " ", " ", "\r\n", "\\", "^", "{", "}", "u",
                  "👨‍👩‍👧", "👍🏽", "🇯🇵", "1️⃣", "❤️", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "e\u{301}", "ab cd", "数据分析"]
        return atoms
    }()

    // MARK: the families

    /// Each scalar alone, and between words.
    static func scalars<S: Sequence<UInt32>>(_ values: S) -> [String] {
        values.compactMap(Unicode.Scalar.init).flatMap { u in
            let s = String(Character(u))
            return [s, "title " + s + " tail"]
        }
    }

    static let escapeSequences: [String] = [
        "\u{1B}[2J", "\u{1B}[H\u{1B}[2J\u{1B}[3J", "\u{1B}[31mred\u{1B}[0m", "\u{1B}[38;5;196mcolour\u{1B}[m",
        "\u{1B}]0;pwned\u{7}", "\u{1B}]2;title\u{1B}\\", "\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\",
        "\u{1B}]52;c;cHduZWQ=\u{7}", "\u{1B}P+q544e\u{1B}\\", "\u{1B}[6n", "\u{1B}[21t", "\u{1B}c", "\u{1B}[?1049h",
        "\u{1B}[?25l", "\u{1B}[?1000h", "\u{1B}(0lqqk\u{1B}(B", "\u{1B}#8", "\u{1B}[1;1H\u{1B}[K", "\u{1B}[99999C",
        "\r\u{1B}[Kuser@host:~$ ", "abc\u{8}\u{8}\u{8}xyz", "\u{9B}31m", "\u{9B}2J", "\u{9D}0;pwned\u{9C}",
        "\u{90}q\u{9C}", "\u{1B}", "\u{1B}[", "\u{1B}]", "\u{1B}\u{1B}\u{1B}", "\u{7}\u{7}\u{7}", "\u{0}null\u{0}",
    ]

    static let bidiTricks: [String] = [
        "invoice\u{202E}fdp.exe", "\u{2067}abc\u{2069}def", "\u{202B}\u{202B}unbalanced", "\u{202D}\u{202E}\u{202C}",
        "שלום\u{200F}world", "مرحبا\u{061C}123", "\u{2066}\u{2067}\u{2068}nested", "/* \u{202E} } \u{2066}if (admin)\u{2069} */",
    ]

    /// Every format character (Cf) in Unicode, found by scanning, so a newly assigned one is
    /// covered without editing this list. Format characters live in planes 0, 1 and 14 only.
    static let formatScalars: [UInt32] = (Array(UInt32(0)...0x1FFFF) + Array(0xE0000...0xE0FFF)).filter { v in
        guard let u = Unicode.Scalar(v) else { return false }
        return u.properties.generalCategory == .format
    }

    static let invisibleSpacers: [String] = [
        "\u{115F}", "\u{1160}", "\u{3164}", "\u{FFA0}", "\u{3164}\u{3164}", "name\u{3164}", "\u{034F}",
        "\u{180B}\u{180C}\u{180D}\u{180F}", "a\u{00AD}b", "\u{00A0}\u{2007}\u{202F}\u{3000}", "\u{FEFF}title",
    ]

    static let combiningRuns: [String] = {
        let marks = (UInt32(0x0300)...0x036F).compactMap(Unicode.Scalar.init)
        func run(_ base: String, _ count: Int) -> String {
            var s = String.UnicodeScalarView(base.unicodeScalars)
            for i in 0..<count { s.append(marks[i % marks.count]) }
            return String(s)
        }
        return [run("Z", 30), run("a", 300), run("", 50), run("\u{7}", 10), run("数", 40), run("👍", 20),
                "\u{301}leading", "e\u{301}\u{323}\u{302}", "\u{1100}\u{1161}\u{11A8}", "\u{1161}\u{11A8}alone",
                "กำ", "\u{0E33}", "ｶﾞ", "\u{FF9E}", "क्षि", "\u{094D}", "\u{20DD}\u{20DE}"]
    }()

    static let wideText: [String] = [
        "数据分析师", "한국어 개발자", "アニメーター", "ＡＢＣ１２３", "𠀀𠀁𠀂", "a数b据c", "\u{3000}全角空白\u{3000}",
        String(repeating: "数据", count: 100), "数据\t分析", "표\u{200B}준", "ｶﾀｶﾅ", "〰〽", "龘靐齉",
    ]

    static let zwjSequences: [String] = [
        "👨‍👩‍👧‍👦", "👩🏽‍💻", "🏳️‍🌈", "🧑‍🤝‍🧑", "❤️‍🔥", "🏳️‍⚧️", "👁️‍🗨️", "🐻‍❄️", "🧑🏿‍🦰",
        "👨\u{200D}", "\u{200D}👩", "👨\u{200D}\u{200D}👩", "a\u{200D}b", "\u{200D}", "👨\u{200D}a", "数\u{200D}👩",
    ]

    static let flags: [String] = {
        let indicator = { (letter: Character) in
            String(Unicode.Scalar(0x1F1E6 + UInt32(letter.asciiValue! - 65))!)
        }
        let countries = ["JP", "US", "GB", "DE", "FR", "UA", "BR", "IN", "ZA", "KR", "CN", "IL", "PS", "EU", "UN"]
        let pairs = countries.map { $0.map(indicator).joined() }
        return pairs + [pairs.joined(), indicator("J"), indicator("J") + indicator("P") + indicator("U"), "a" + indicator("Z")]
    }()

    static let skinTones: [String] = {
        let tones = (UInt32(0x1F3FB)...0x1F3FF).compactMap(Unicode.Scalar.init).map { String($0) }
        return ["👍", "👋", "🧑", "✍", "☝"].flatMap { base in tones.map { base + $0 } }
            + tones + tones.map { "a" + $0 } + ["👍🏽🏽", "数🏽"]
    }()

    static let tagSequences: [String] = [
        "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🏴󠁧󠁢󠁷󠁬󠁳󠁿", "🏴\u{E0067}\u{E0062}", "a\u{E0067}\u{E007F}",
        "\u{E0067}\u{E0062}\u{E007F}", "\u{E007F}", "🏴\u{E007F}", "🏴\u{E0067}\u{E007F}\u{E007F}",
        "\u{E0001}\u{E0065}\u{E006E}english", "\u{E0041}",
    ]

    /// All 66 noncharacters: U+FDD0–U+FDEF and the last two code points of every plane.
    static let noncharacters: [UInt32] = Array(0xFDD0...0xFDEF) + (0...16).flatMap { plane in
        [UInt32(plane) << 16 | 0xFFFE, UInt32(plane) << 16 | 0xFFFF]
    }
}

/// A small deterministic PRNG (SplitMix64) so random corpora are reproducible.
struct CorpusRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
