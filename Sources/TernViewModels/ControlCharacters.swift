import TernCatalogue

/// The characters an export must never write raw, because a terminal acts on them (cursor moves,
/// mode switches, reordered text) or a reader cannot see them: C0 controls, DEL, C1 controls,
/// the bidi controls, and the Unicode line and paragraph separators. The JSON export escapes them
/// as `\uXXXX` (lossless); text exports show them as placeholders in the style of the terminal's
/// `Sanitizer`, which this layer cannot import.
///
/// ```swift
/// ControlCharacters.visible("evil\u{1B}[2J\u{202E}")   // "evil^[[2J\\u{202E}"
/// ```
public enum ControlCharacters {
    /// Whether `scalar` is one an export must not write as itself.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        JSONString.isUnsafeInText(scalar)
    }

    /// `text` with every control replaced by a visible ASCII placeholder: `^X` caret notation for
    /// C0 and DEL (ESC is `^[`), `\u{XXXX}` for the rest. With `keepingLineBreaks`, "\n" and CRLF
    /// stay line breaks (as "\n") and TAB becomes four spaces, as multi-line text needs.
    public static func visible(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if keepingLineBreaks {
                if scalar == "\n" { out.append("\n"); continue }
                if scalar == "\r", pending == "\n" { out.append("\n"); pending = scalars.next(); continue }
                if scalar == "\t" { out.append(contentsOf: "    ".unicodeScalars); continue }
            }
            if isControl(scalar) {
                out.append(contentsOf: placeholder(for: scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The visible stand-in for one control, as `Sanitizer` spells it.
    static func placeholder(for scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00...0x1F: "^" + String(Unicode.Scalar(UInt8(scalar.value + 0x40)))
        case 0x7F: "^?"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
