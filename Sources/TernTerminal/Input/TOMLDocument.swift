import TOMLKit

/// A parsed TOML file plus its text, shared by the theme and config loaders.
///
/// TOMLKit (toml++) does the parsing and reports syntax errors with a line, but it keeps no
/// positions for values; the loaders still want to say *which line* a bad key is on, so this
/// re-reads the text to find a key's line. That scan only has to understand what the parser
/// already accepted (headers, keys, quotes, comments), so it can stay small.
///
/// ```swift
/// let document = try TOMLDocument(text: "[keys]\nquit = [\"q\"]\n")
/// document.line(ofKey: "keys.quit")   // 2
/// ```
struct TOMLDocument {
    /// A TOML syntax error: toml++'s message and the 1-based line it points at.
    struct SyntaxError: Error, Equatable {
        var line: Int
        var message: String
    }

    /// One key of a table with nested tables flattened to dotted names (`status.offered`).
    struct Entry {
        var key: String
        var value: any TOMLValueConvertible
    }

    let root: TOMLTable
    private let lines: [Substring]

    init(text: String) throws(SyntaxError) {
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyntaxError(line: error.source.begin.line, message: error.description)
        } catch {
            throw SyntaxError(line: 1, message: "\(error)")
        }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The entries of `table`, nested tables (dotted keys, sub-tables, inline tables) flattened
    /// into dotted names, in the order they appear in the file so later lines win on conflicts.
    func entries(of table: TOMLTable, path: String? = nil) -> [Entry] {
        var result: [Entry] = []
        for key in table.keys {
            guard let value = table[key] else { continue }
            let name = path.map { "\($0).\(key)" } ?? key
            if let nested = value.table {
                result += entries(of: nested, path: name)
            } else {
                result.append(Entry(key: name, value: value))
            }
        }
        guard path == nil else { return result }
        return result.map { ($0, line(ofKey: $0.key) ?? .max) }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// The 1-based line where the dotted key path (`colors.text`, `keys.quit`) is defined, or
    /// nil when it cannot be found (which only costs the error message its line number).
    func line(ofKey path: String) -> Int? {
        var table: [String] = []
        for (index, raw) in lines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let header = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = Self.keyParts(header)
                continue
            }
            guard let equals = Self.unquotedEquals(in: line) else { continue }
            let key = Self.keyParts(line[..<equals])
            if (table + key).joined(separator: ".") == path { return index + 1 }
        }
        return nil
    }

    /// The parts of a (possibly dotted, possibly quoted) key with quotes and spaces removed.
    private static func keyParts(_ key: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character? = nil
        for c in key {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(current)
                current = ""
            } else if c != " " && c != "\t" {
                current.append(c)
            }
        }
        parts.append(current)
        return parts
    }

    /// The first `=` that is not inside a quoted key.
    private static func unquotedEquals(in line: Substring) -> Substring.Index? {
        var quote: Character? = nil
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "=" {
                return i
            }
            i = line.index(after: i)
        }
        return nil
    }

    /// A value as it would be written in the file, for error messages: `"purpleish"`, `300`.
    static func describe(_ value: any TOMLValueConvertible) -> String {
        if let string = value.string { return "\"\(string)\"" }
        if let int = value.int { return String(int) }
        if let bool = value.bool { return String(bool) }
        if let double = value.double { return String(double) }
        if value.array != nil { return "an array" }
        if value.table != nil { return "a table" }
        return "a \(value.type)"
    }
}
