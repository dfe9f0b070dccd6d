import Foundation

/// One record of an import file, format-neutral: CSV rows and JSON objects both become this, so
/// validation is written once. Each value remembers where it stood in the file.
///
/// Text comes out exactly as the file holds it, never trimmed. The normalisations are these:
/// an empty value is an absent one (CSV cannot tell them apart); a required text must not be
/// blank (only whitespace); a list never holds an empty item.
struct ExchangeRow {
    struct Cell {
        /// nil when the key was absent or the JSON value was null; CSV empty cells are "".
        var text: String?
        /// JSON arrays arrive as lists, with where each item starts; CSV cells are split on `|` here.
        var list: [String]?
        var itemPositions: [TextPosition] = []
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

    /// A required value, not blank, that `kind` can hold.
    func text(_ key: String, _ kind: StoredText) throws(ImportError) -> String {
        guard let value = try optionalText(key, kind) else { throw error(key, "is required") }
        guard value.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw error(key, "must not be blank")
        }
        return value
    }

    /// An optional value that `kind` can hold; empty counts as absent. Without a kind, the value
    /// is a short code that its reader checks further (a number, a date, a name from a fixed set).
    func optionalText(_ key: String, _ kind: StoredText = codedValue) throws(ImportError) -> String? {
        guard let value = cells[key]?.text, !value.isEmpty else { return nil }
        if let refusal = kind.refusal(of: value) { throw error(key, refusal.message) }
        return value
    }

    /// A required short code, checked further by its reader.
    func required(_ key: String) throws(ImportError) -> String {
        guard let value = try optionalText(key) else { throw error(key, "is required") }
        return value
    }

    /// Numbers, dates, timestamps, refs and the names of fixed sets are all far shorter.
    static let codedValue = StoredText(field: "value", limit: 120)

    func int(_ key: String, in range: ClosedRange<Int>) throws(ImportError) -> Int {
        let raw = try required(key)
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw error(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\"")
        }
        return value
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(ImportError) -> E where E.RawValue == String {
        let raw = try required(key)
        guard let value = E(rawValue: raw) else {
            throw error(key, "unknown value \"\(raw)\"; expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    func day(_ key: String, required isRequired: Bool) throws(ImportError) -> CalendarDay? {
        guard let raw = isRequired ? try required(key) : try optionalText(key) else { return nil }
        guard let day = CalendarDay(raw) else { throw error(key, "not a date (YYYY-MM-DD): \"\(raw)\"") }
        return day
    }

    /// An optional timestamp, as stored: `2026-11-21T09:30:00Z`.
    func timestamp(_ key: String) throws(ImportError) -> String? {
        guard let raw = try optionalText(key) else { return nil }
        guard let date = Timestamp.date(raw) else { throw error(key, "not a timestamp (2026-11-21T09:30:00Z): \"\(raw)\"") }
        return Timestamp.string(date)
    }

    /// The items of a list, each one something `kind` can hold; empty items are dropped.
    func list(_ key: String, item kind: StoredText) throws(ImportError) -> [String] {
        guard let cell = cells[key] else { return [] }
        let items: [String]
        if let list = cell.list {
            items = list
        } else if let text = cell.text, !text.isEmpty {
            items = ListCell.split(text)
        } else {
            items = []
        }
        var kept: [String] = []
        for (index, item) in items.enumerated() where !item.isEmpty {
            if let refusal = kind.refusal(of: item) {
                // A JSON array says where each item is; a CSV cell is one place.
                let place = index < cell.itemPositions.count ? cell.itemPositions[index] : TextPosition(line: cell.line, column: cell.column)
                throw ImportError(line: place.line, column: place.column, message: "\(key): item \(index + 1) \(refusal.message)")
            }
            kept.append(item)
        }
        guard kept.count <= StoredText.listLimit else {
            throw error(key, "has \(kept.count) items; the most a list holds is \(StoredText.listLimit)")
        }
        return kept
    }
}
