/// One record of an import file, format-neutral: CSV rows and JSON objects both become this, so
/// validation is written once. Each value remembers where it stood in the file.
struct ExchangeRow {
    struct Cell {
        /// nil when the key was absent or the JSON value was null; CSV empty cells are "".
        var text: String?
        /// JSON arrays arrive as lists; CSV cells are split on `|` by the reader.
        var list: [String]?
        var line: Int
        var column: Int
    }

    var line: Int
    var column: Int
    var cells: [String: Cell]

    func error(_ key: String, _ message: String) -> ImportError {
        let cell = cells[key]
        return ImportError(line: cell?.line ?? line, column: cell?.column ?? column, message: "\(key): \(message)")
    }

    /// A required, non-empty text value.
    func text(_ key: String) throws(ImportError) -> String {
        guard let value = optionalText(key) else { throw error(key, "is required") }
        return value
    }

    /// An optional text value; empty counts as absent.
    func optionalText(_ key: String) -> String? {
        guard let value = cells[key]?.text, !value.isEmpty else { return nil }
        return value
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(ImportError) -> Int {
        let raw = try text(key)
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw error(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\"")
        }
        return value
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(ImportError) -> E where E.RawValue == String {
        let raw = try text(key)
        guard let value = E(rawValue: raw) else {
            throw error(key, "unknown value \"\(raw)\"; expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    func day(_ key: String, required: Bool) throws(ImportError) -> CalendarDay? {
        guard let raw = required ? try text(key) : optionalText(key) else { return nil }
        guard let day = CalendarDay(raw) else { throw error(key, "not a date (YYYY-MM-DD): \"\(raw)\"") }
        return day
    }

    func list(_ key: String) -> [String] {
        guard let cell = cells[key] else { return [] }
        if let list = cell.list { return list }
        guard let text = cell.text, !text.isEmpty else { return [] }
        return ListCell.split(text)
    }
}

/// Lists inside one CSV cell: items separated by `|`, with `\|` and `\\` for literal characters.
enum ListCell {
    static func join(_ items: [String]) -> String {
        items.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|") }
            .joined(separator: "|")
    }

    static func split(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                items.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current.trimmingCharacters(in: .whitespaces))
        return items.filter { !$0.isEmpty }
    }
}

import Foundation
