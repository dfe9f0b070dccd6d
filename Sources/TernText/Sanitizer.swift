/// Makes untrusted text safe to draw on a terminal: the one gate every catalogue field, imported
/// file and typed string passes before it reaches one (the screen, an error line on stderr, an
/// export or a portfolio read on a terminal).
///
/// Nothing that could move the cursor, switch terminal modes, reorder the line (bidi) or hide
/// itself gets through. Each such scalar becomes a visible placeholder of printable ASCII, so a
/// reader sees that something was there and the output can be measured by ``DisplayWidth``.
///
/// ```swift
/// Sanitizer.line("evil\u{1B}[2J\u{202E}txt")   // "evil^[[2J\u{202E}txt" (all visible ASCII)
/// ```
///
/// The policy, scalar by scalar (`line` / `block` differ only in the first two rows):
///
/// | input | output |
/// | --- | --- |
/// | LF, CR, CRLF | `line`: `^J`, `^M`, `^M^J`. `block`: LF and CRLF become "\n", a lone CR `^M` |
/// | TAB | `line`: `^I`. `block`: four spaces |
/// | other C0 controls U+0000–U+001F | caret notation `^@` … `^_` (ESC is `^[`, BS `^H`) |
/// | DEL U+007F | `^?` |
/// | U+00AD SOFT HYPHEN | removed: invisible by intent, and terminals disagree on whether it takes a column |
/// | every other ``UnsafeScalar``: C1 controls (CSI U+009B, NEL U+0085), bidi controls, U+2028, U+2029, format characters (ZWSP U+200B, BOM U+FEFF…), Hangul fillers, unassigned code points and noncharacters | `\u{9B}`: `\u{` + uppercase hex + `}` |
/// | ZWJ U+200D | kept between two emoji scalars of one grapheme cluster, else `\u{200D}` |
/// | ZWNJ U+200C | kept after a base character (Persian, Indic orthography), else `\u{200C}` |
/// | VS15 U+FE0E, VS16 U+FE0F | kept right after an emoji scalar, else a placeholder |
/// | skin tone modifiers U+1F3FB–U+1F3FF | kept right after an emoji modifier base, else a placeholder |
/// | tag characters U+E0020–U+E007F | kept as a whole tag sequence (tag specs, then CANCEL TAG) right after an emoji, as in 🏴󠁧󠁢󠁳󠁣󠁴󠁿; else each a placeholder |
/// | combining marks (Mn, Mc, Me, other grapheme extenders, Hangul medial/final jamo) | kept. With no base (start of text or line, or right after a placeholder) a dotted circle U+25CC ◌ is put before it, so it never sits on a placeholder |
/// | private use U+E000–U+F8FF, planes 15–16 | kept: drawn from the terminal's font (icon fonts), one column |
/// | everything else (letters, digits, symbols, spaces, emoji) | kept unchanged |
///
/// Properties the tests hold it to: the output never contains a C0, DEL, C1, bidi or line/paragraph
/// separator scalar (nor "\n" in `line`); sanitizing twice equals sanitizing once (placeholders are
/// plain ASCII, and a kept scalar is kept again); plain text in any script is returned unchanged.
public enum Sanitizer {
    /// Sanitizes a single-line field (a title, a name, a cell): line breaks and TAB become visible
    /// caret placeholders, so the result always draws on exactly one row.
    ///
    /// ```swift
    /// Sanitizer.line("Design\tLead\r\n")   // "Design^ILead^M^J"
    /// ```
    public static func line(_ s: String) -> String {
        if isPlainASCII(s, allowingNewline: false) { return s }
        return sanitize(s, keepingLineBreaks: false)
    }

    /// Sanitizes multi-line text (a description, a note): "\n" and CRLF stay line breaks (as
    /// "\n"), TAB becomes four spaces, a lone CR becomes `^M`; everything else as in ``line(_:)``.
    ///
    /// ```swift
    /// Sanitizer.block("one\r\ntwo\tthree\u{7}")   // "one\ntwo    three^G"
    /// ```
    public static func block(_ s: String) -> String {
        if isPlainASCII(s, allowingNewline: true) { return s }
        return sanitize(s, keepingLineBreaks: true)
    }

    /// U+25CC DOTTED CIRCLE, the stand-in base put before a combining mark that has none.
    static let dottedCircle: Unicode.Scalar = "\u{25CC}"

    /// Fast path: every byte printable ASCII (and "\n" when allowed), so nothing can change.
    @inline(__always)
    static func isPlainASCII(_ s: String, allowingNewline: Bool) -> Bool {
        for byte in s.utf8 where byte < 0x20 || byte >= 0x7F {
            if byte == 0x0A && allowingNewline { continue }
            return false
        }
        return true
    }

    private static func sanitize(_ s: String, keepingLineBreaks block: Bool) -> String {
        var out = String()
        out.reserveCapacity(s.utf8.count + 16)
        // True at the start, after a line break, a placeholder, an expanded TAB or a removed soft
        // hyphen: a combining mark there has no base of its own and would attach to what came before.
        var needsBase = true
        for character in s {
            if block && (character == "\n" || character == "\r\n") {
                out.append("\n")
                needsBase = true
                continue
            }
            sanitizeCluster(character.unicodeScalars, block: block, needsBase: &needsBase, into: &out)
        }
        return out
    }

    /// Sanitizes one grapheme cluster. Context-dependent scalars (ZWJ, VS15/16, skin tones, tags)
    /// look only at their neighbours inside the cluster, which is what keeps the result idempotent:
    /// a kept scalar has the same kept neighbours the second time round.
    private static func sanitizeCluster(
        _ scalars: Character.UnicodeScalarView, block: Bool, needsBase: inout Bool, into out: inout String
    ) {
        var prevKept: Unicode.Scalar? = nil  // the previous scalar of this cluster, if kept as is
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let u = scalars[i]
            let start = i
            i = scalars.index(after: i)
            let v = u.value
            if v >= 0x20 && v < 0x7F {
                out.unicodeScalars.append(u)
                prevKept = u
                needsBase = false
                continue
            }
            var keep = false
            var attaches = false  // a combining mark or other grapheme extender
            switch v {
            case 0x09 where block:
                out.append("    ")
                needsBase = true
                prevKept = nil
                continue
            case 0x00AD:
                needsBase = true
                prevKept = nil
                continue
            case 0x200D:
                if let prev = prevKept, i < scalars.endIndex {
                    keep = continuesEmoji(prev) && startsEmoji(scalars[i])
                }
            case 0x200C:
                keep = !needsBase
            case 0xFE0E, 0xFE0F:
                keep = prevKept?.properties.isEmoji ?? false
            case 0x1F3FB...0x1F3FF:
                keep = prevKept?.properties.isEmojiModifierBase ?? false
            case 0xE0020...0xE007F:
                let (end, kept) = appendTagRun(scalars, from: start, after: prevKept, into: &out)
                i = end
                prevKept = kept ? "\u{E007F}" : nil
                needsBase = !kept
                continue
            default:
                if UnsafeScalar.contains(u) { break }
                keep = true
                switch u.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    attaches = true
                default:
                    // Letters that extend a grapheme cluster (Thai/Lao AM, halfwidth kana voicing
                    // marks) or join the cell before (Hangul medial and final jamo).
                    attaches = v == 0x0E33 || v == 0x0EB3 || v == 0xFF9E || v == 0xFF9F
                        || (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v)
                }
            }
            if keep {
                if attaches && needsBase { out.unicodeScalars.append(dottedCircle) }
                out.unicodeScalars.append(u)
                prevKept = u
                needsBase = false
            } else {
                appendPlaceholder(for: u, to: &out)
                prevKept = nil
                needsBase = true
            }
        }
    }

    /// Whether a scalar can stand before a ZWJ in an emoji ZWJ sequence (an emoji, or the VS16 or
    /// CANCEL TAG that ends one).
    private static func continuesEmoji(_ u: Unicode.Scalar) -> Bool {
        u.value == 0xFE0F || u.value == 0xE007F || u.properties.isEmoji
    }

    /// Whether a scalar can follow a ZWJ in an emoji ZWJ sequence (a pictographic emoji).
    private static func startsEmoji(_ u: Unicode.Scalar) -> Bool {
        u.value >= 0x80 && u.properties.isEmoji && !u.properties.isEmojiModifier
    }

    /// Appends the maximal run of tag characters starting at `start`: verbatim when it is a
    /// complete emoji tag sequence (at least one tag spec, then CANCEL TAG, right after an emoji),
    /// else each as a placeholder. Returns the index after the run and whether it was kept.
    private static func appendTagRun(
        _ scalars: Character.UnicodeScalarView, from start: String.Index, after base: Unicode.Scalar?,
        into out: inout String
    ) -> (end: String.Index, kept: Bool) {
        var end = start
        var count = 0
        var cancelSeenEarly = false
        var last: UInt32 = 0
        while end < scalars.endIndex, (0xE0020...0xE007F).contains(scalars[end].value) {
            if last == 0xE007F { cancelSeenEarly = true }
            last = scalars[end].value
            count += 1
            end = scalars.index(after: end)
        }
        let baseIsEmoji = base.map { $0.value == 0xFE0F || $0.properties.isEmoji } ?? false
        let valid = baseIsEmoji && count >= 2 && last == 0xE007F && !cancelSeenEarly
        var i = start
        while i < end {
            if valid { out.unicodeScalars.append(scalars[i]) } else { appendPlaceholder(for: scalars[i], to: &out) }
            i = scalars.index(after: i)
        }
        return (end, valid)
    }

    /// The visible ASCII stand-in for a scalar that may not be drawn: `^X` caret notation for C0
    /// and DEL, `\u{XXXX}` (uppercase hex) for everything else.
    static func appendPlaceholder(for u: Unicode.Scalar, to out: inout String) {
        switch u.value {
        case 0x00...0x1F:
            out.append("^")
            out.unicodeScalars.append(Unicode.Scalar(UInt8(u.value + 0x40)))
        case 0x7F:
            out.append("^?")
        default:
            out.append("\\u{")
            out.append(String(u.value, radix: 16, uppercase: true))
            out.append("}")
        }
    }
}
