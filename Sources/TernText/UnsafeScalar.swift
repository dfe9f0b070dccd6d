/// The one definition of a Unicode scalar Tern never writes as itself where a person may see it:
/// on the screen, in an error message, in an export. ``Sanitizer`` shows each as a visible
/// placeholder and ``JSONString`` escapes each as `\uXXXX`, so both agree on what is unsafe.
///
/// ```swift
/// UnsafeScalar.contains("\u{1B}")     // true: ESC starts a terminal escape sequence
/// UnsafeScalar.contains("\u{202E}")   // true: RIGHT-TO-LEFT OVERRIDE reorders the line
/// UnsafeScalar.contains("é")          // false
/// ```
///
/// Unsafe, whatever surrounds the scalar:
/// - C0 controls U+0000–U+001F, DEL U+007F and C1 controls U+0080–U+009F: a terminal acts on them
///   (ESC and the one-character CSI U+009B start escape sequences, NEL U+0085 moves the cursor);
/// - the bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: they reorder what
///   follows, so `invoice\u{202E}fdp.exe` reads as `invoiceexe.pdf`;
/// - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: some terminals and editors break the
///   line there;
/// - every other format character (Cf), such as ZWSP U+200B, WORD JOINER U+2060, BOM U+FEFF, the
///   soft hyphen U+00AD and the interlinear annotations U+FFF9–U+FFFB: invisible, so a spoofing
///   tool, and terminals disagree on their width;
/// - default-ignorable letters such as the Hangul fillers U+115F, U+1160, U+3164, U+FFA0: blank
///   yet spacing, a favourite for names that look empty;
/// - unassigned code points and noncharacters (Cn), such as U+0378, U+FDD0, U+FFFF, U+10FFFF:
///   neither Tern nor the terminal knows how wide they are.
///
/// Not in the set, because whether they are safe depends on their neighbours: ZWJ U+200D (part
/// of an emoji ZWJ sequence, or a stray invisible joiner), ZWNJ U+200C (orthography after a
/// letter) and the tag characters U+E0020–U+E007F (part of a flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿). ``Sanitizer``
/// judges those in context; JSON keeps them, since a JSON string has no context to judge by.
/// Combining marks, variation selectors and private-use characters are never in the set.
public enum UnsafeScalar {
    /// Whether `scalar` is unsafe to write as itself, whatever surrounds it.
    ///
    /// ```swift
    /// "a\u{200B}b".unicodeScalars.filter(UnsafeScalar.contains)   // ["\u{200B}"]
    /// ```
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Printable ASCII first: almost all text is, and it needs no property look-up.
        if v >= 0x20 && v < 0x7F { return false }
        switch v {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029:
            return true
        case 0x200C, 0x200D, 0xE0020...0xE007F:
            return false
        default:
            let properties = scalar.properties
            switch properties.generalCategory {
            case .format, .unassigned, .surrogate, .control, .lineSeparator, .paragraphSeparator:
                return true
            case .nonspacingMark, .spacingMark, .enclosingMark:
                return false
            default:
                return properties.isDefaultIgnorableCodePoint
            }
        }
    }
}
