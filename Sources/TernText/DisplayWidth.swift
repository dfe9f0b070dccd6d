/// How many terminal columns text occupies, measured per grapheme cluster (what a person sees as
/// one character).
///
/// Measure **sanitized** text (``Sanitizer/line(_:)`` or ``Sanitizer/block(_:)``): that is what
/// gets drawn. Raw controls measure 0 here, but the sanitizer turns them into placeholders several
/// columns wide, and a terminal would act on them rather than draw them.
///
/// Rules, per cluster:
/// - printable ASCII: 1 (fast path, no table look-up);
/// - emoji drawn as one emoji glyph: 2 for the whole cluster. That is a scalar with default
///   emoji presentation, anything followed by VS16 U+FE0F, a flag (regional-indicator pair), a
///   keycap sequence, a ZWJ sequence, a skin-tone-modified emoji, a tag sequence;
/// - otherwise the sum over its scalars, the `wcwidth(3)` model ncurses and terminals use:
///   East Asian Wide and Fullwidth 2; combining marks (Mn, Me), format characters (Cf, such as
///   ZWJ, ZWNJ), variation selectors, controls and Hangul medial/final jamo 0; everything else 1
///   (spacing marks Mc, East Asian Ambiguous, private use and unassigned included).
///
/// ```swift
/// DisplayWidth.of("数据 🎨 e\u{301}")   // 9: 4 + 1 + 2 + 1 + 1
/// ```
public enum DisplayWidth {
    /// Columns one grapheme cluster occupies: 0, 1 or 2 (more only for odd clusters such as a
    /// letter carrying a wide spacing extender).
    ///
    /// ```swift
    /// DisplayWidth.of(Character("👨‍👩‍👧"))   // 2
    /// ```
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        var it = scalars.makeIterator()
        guard let first = it.next() else { return 0 }
        guard let second = it.next() else { return width(of: first) }
        if let emoji = emojiClusterWidth(first, second, scalars) { return emoji }
        var total = width(of: first) + width(of: second)
        while let u = it.next() { total += width(of: u) }
        return total
    }

    /// Columns a string occupies: the sum of its grapheme clusters' widths.
    ///
    /// ```swift
    /// DisplayWidth.of("ＡＢ and 数据分析")   // 4 + 5 + 8 = 17
    /// ```
    public static func of(_ s: String) -> Int {
        var ascii = 0
        for byte in s.utf8 {
            if byte >= 0x80 { return s.reduce(0) { $0 + of($1) } }
            if byte >= 0x20 && byte != 0x7F { ascii += 1 }
        }
        return ascii
    }

    /// Columns of a lone scalar in the `wcwidth(3)` sense (no cluster context).
    static func width(of u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v < 0x300 { return 1 }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }  // medial/final jamo
        if isWide(v) { return 2 }  // the table holds no marks or format characters
        let properties = u.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
            return 0
        default:
            return properties.isEmojiPresentation ? 2 : 1
        }
    }

    /// 2 when a multi-scalar cluster is drawn as one emoji glyph, nil when its scalars add up.
    private static func emojiClusterWidth(
        _ first: Unicode.Scalar, _ second: Unicode.Scalar, _ scalars: Character.UnicodeScalarView
    ) -> Int? {
        if first.value < 0x80 && second.value < 0x80 { return nil }  // CRLF, or ASCII + ASCII-ish
        var textStyle = false, emojiStyle = false, zwjSequence = false, keycap = false
        var previous: Unicode.Scalar? = nil
        for u in scalars {
            switch u.value {
            case 0xFE0E: textStyle = true
            case 0xFE0F: emojiStyle = true
            case 0x20E3: keycap = true
            default:
                if previous?.value == 0x200D && u.properties.isEmoji { zwjSequence = true }
            }
            previous = u
        }
        if emojiStyle { return 2 }  // VS16 asks for emoji presentation, whatever the base
        if textStyle { return nil }  // VS15 asks for text presentation: the scalars decide
        let properties = first.properties
        guard properties.isEmoji else { return nil }
        if properties.isEmojiPresentation || zwjSequence || keycap { return 2 }
        if properties.isEmojiModifierBase && second.properties.isEmojiModifier { return 2 }
        return nil
    }

    /// Whether a scalar is East Asian Wide or Fullwidth: binary search over ``wideRanges``.
    package static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        let table = wideRanges
        var low = 0, high = table.count / 2 - 1
        while low <= high {
            let mid = (low + high) / 2
            if v < table[2 * mid] {
                high = mid - 1
            } else if v > table[2 * mid + 1] {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Width W and F ranges as flat first/last pairs, sorted and disjoint: CJK
    /// ideographs, radicals and symbols, Hiragana, Katakana, Bopomofo, Hangul syllables and
    /// initial jamo, Yi, fullwidth forms, Tangut, Khitan, Nushu, emoji with default emoji
    /// presentation, plus the regional indicators (Neutral in the file, drawn as emoji by
    /// terminals). Generated from EastAsianWidth.txt of Unicode 17.0 (the version of this
    /// toolchain's stdlib, a superset of 15.0's table) with adjacent ranges merged, and without
    /// the Wide combining marks (U+302A–U+302F, U+3099–U+309A, U+16FE4) and the Hangul filler
    /// U+3164, which take no column of their own. The tests check it is sorted and disjoint.
    static let wideRanges: [UInt32] = [
        0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3, 0x25FD, 0x25FE,
        0x2614, 0x2615, 0x2630, 0x2637, 0x2648, 0x2653, 0x267F, 0x267F, 0x268A, 0x268F, 0x2693, 0x2693, 0x26A1, 0x26A1,
        0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA, 0x26F2, 0x26F3,
        0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728, 0x274C, 0x274C,
        0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797, 0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C,
        0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x2E80, 0x2E99, 0x2E9B, 0x2EF3, 0x2F00, 0x2FD5, 0x2FF0, 0x3029, 0x3030, 0x303E,
        0x3041, 0x3096, 0x309B, 0x30FF, 0x3105, 0x312F, 0x3131, 0x3163, 0x3165, 0x318E, 0x3190, 0x31E5, 0x31EF, 0x321E,
        0x3220, 0x3247, 0x3250, 0xA48C, 0xA490, 0xA4C6, 0xA960, 0xA97C, 0xAC00, 0xD7A3, 0xF900, 0xFAFF, 0xFE10, 0xFE19,
        0xFE30, 0xFE52, 0xFE54, 0xFE66, 0xFE68, 0xFE6B, 0xFF01, 0xFF60, 0xFFE0, 0xFFE6, 0x16FE0, 0x16FE3,
        0x16FF2, 0x16FF6, 0x17000, 0x18CD5, 0x18CFF, 0x18D1E, 0x18D80, 0x18DF2, 0x1AFF0, 0x1AFF3, 0x1AFF5, 0x1AFFB,
        0x1AFFD, 0x1AFFE, 0x1B000, 0x1B122, 0x1B132, 0x1B132, 0x1B150, 0x1B152, 0x1B155, 0x1B155, 0x1B164, 0x1B167,
        0x1B170, 0x1B2FB, 0x1D300, 0x1D356, 0x1D360, 0x1D376, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E,
        0x1F191, 0x1F19A, 0x1F1E6, 0x1F202, 0x1F210, 0x1F23B, 0x1F240, 0x1F248, 0x1F250, 0x1F251, 0x1F260, 0x1F265,
        0x1F300, 0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA, 0x1F3CF, 0x1F3D3,
        0x1F3E0, 0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440, 0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D,
        0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A, 0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F,
        0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC, 0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6D8, 0x1F6DC, 0x1F6DF, 0x1F6EB, 0x1F6EC,
        0x1F6F4, 0x1F6FC, 0x1F7E0, 0x1F7EB, 0x1F7F0, 0x1F7F0, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF,
        0x1FA70, 0x1FA7C, 0x1FA80, 0x1FA8A, 0x1FA8E, 0x1FAC6, 0x1FAC8, 0x1FAC8, 0x1FACD, 0x1FADC, 0x1FADF, 0x1FAEA,
        0x1FAEF, 0x1FAF8, 0x20000, 0x2FFFD, 0x30000, 0x3FFFD,
    ]
}
