import Foundation

/// A JSON value whose objects keep the order their keys were written in, so a document reads in
/// a sensible order and is byte-for-byte the same every time.
///
/// Written by hand rather than with `JSONEncoder` or `JSONSerialization`, which leave C1 controls,
/// bidi controls and U+2028/U+2029 raw: valid JSON, but not safe to print on a terminal. Strings
/// are quoted by ``JSONString``.
///
/// ```swift
/// JSONText.object([("title", .string("a\u{1B}b")), ("remote", .bool(true))]).rendered()
/// // "{\n  \"title\": \"a\\u001Bb\",\n  \"remote\": true\n}"
/// ```
public indirect enum JSONText: Sendable {
    case string(String)
    case integer(Int)
    /// A number written with this many decimals (`3.50`): reports' medians and rates.
    case decimal(Double, places: Int)
    case bool(Bool)
    case null
    case array([JSONText])
    case object([(String, JSONText)])

    /// A string, or `null` when there is none.
    ///
    /// ```swift
    /// JSONText.optional(nil as String?).rendered()   // "null"
    /// ```
    public static func optional(_ text: String?) -> JSONText {
        text.map(JSONText.string) ?? .null
    }

    /// Pretty-printed with two-space indents, every ``UnsafeScalar`` escaped as `\uXXXX`; no
    /// trailing newline.
    ///
    /// ```swift
    /// JSONText.array([.integer(7), .null]).rendered()   // "[\n  7,\n  null\n]"
    /// ```
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: "")
        return out
    }

    private func write(to out: inout String, indent: String) {
        switch self {
        case .string(let text):
            out += JSONString.quote(text)
        case .integer(let number):
            out += String(number)
        case .decimal(let number, let places):
            out += number.isFinite ? String(format: "%.\(places)f", number) : "null"
        case .bool(let value):
            out += value ? "true" : "false"
        case .null:
            out += "null"
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
                out += inner + JSONString.quote(key) + ": "
                value.write(to: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }
}
