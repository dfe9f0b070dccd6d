import TernCatalogue

/// A JSON value whose objects keep the order their keys were written in, so an export reads in
/// a sensible order and is byte-for-byte the same every time.
///
/// Written by hand rather than with `JSONSerialization`, which leaves C1 controls, bidi controls
/// and U+2028/U+2029 raw: valid JSON, but not safe to print on a terminal.
///
/// ```swift
/// JSONText.object([("title", .string("a\u{1B}b"))]).rendered()   // "{\n  \"title\": \"a\\u001Bb\"\n}"
/// ```
indirect enum JSONText {
    case string(String)
    case integer(Int)
    case array([JSONText])
    case object([(String, JSONText)])

    /// Pretty-printed with two-space indents; every ``ControlCharacters`` scalar escaped as `\uXXXX`.
    func rendered() -> String {
        var out = ""
        write(to: &out, indent: "")
        return out
    }

    private func write(to out: inout String, indent: String) {
        switch self {
        case .string(let text):
            Self.quote(text, to: &out)
        case .integer(let number):
            out += String(number)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            let inner = indent + "  "
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                item.write(to: &out, indent: inner)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let inner = indent + "  "
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += inner
                Self.quote(key, to: &out)
                out += ": "
                value.write(to: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    static func quote(_ text: String, to out: inout String) {
        out += JSONString.quote(text)
    }
}
