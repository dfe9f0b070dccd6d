/// JSON string literals that are safe to print: every JSON Tern writes (the catalogue export, the
/// portfolio, `tern search --json`) quotes its strings here, so all of them escape the same set.
///
/// ```swift
/// JSONString.quote("a\u{1B}[2J")   // "\"a\\u001B[2J\""
/// ```
public enum JSONString {
    /// `s` as a JSON string literal. Every ``UnsafeScalar`` is written as a `\uXXXX` escape (a
    /// surrogate pair beyond the Basic Multilingual Plane): a JSON parser gives back exactly `s`,
    /// yet printing the text on a terminal can never move the cursor, recolour it, reverse a line
    /// or hide a character.
    ///
    /// ```swift
    /// JSONString.quote("say \"hi\"\n\u{202E}")   // "\"say \\\"hi\\\"\\n\\u202E\""
    /// ```
    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where UnsafeScalar.contains(scalar):
                for unit in UTF16.encode(scalar)! { appendEscape(unit, to: &out) }
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// `\u` and four uppercase hex digits.
    private static func appendEscape(_ unit: UInt16, to out: inout String) {
        out += "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            out.unicodeScalars.append(hexDigits[Int(unit >> UInt16(shift)) & 0xF])
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".unicodeScalars)
}
