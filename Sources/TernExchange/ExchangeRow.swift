import Foundation
import TernStore

/// One record of an import file, format-neutral: CSV rows and JSON objects both become this, so
/// validation is written once. Each value remembers where it stood in the file.
///
/// Text comes out exactly as the file holds it, never trimmed. The normalisations are these:
/// an empty value is an absent one (CSV cannot tell them apart); a required text must not be
/// blank (only whitespace); a list never holds an empty item.
package struct ExchangeRow {
    package struct Cell {
        /// nil when the key was absent or the JSON value was null; CSV empty cells are "".
        var text: String?
        /// JSON arrays arrive as lists, with where each item starts; CSV cells are split on `|` here.
        var list: [String]?
        var itemPositions: [TextPosition] = []
        var line: Int
        var column: Int
    }

    package var line: Int
    package var column: Int
    package let subject: ExchangeSubject
    /// By the index of their key in the subject's ``ExchangeSubject/columns``; nil when absent.
    package var cells: [Cell?]

    package init(subject: ExchangeSubject, line: Int, column: Int) {
        self.subject = subject
        self.line = line
        self.column = column
        cells = Array(repeating: nil, count: subject.columns.count)
    }

    package subscript(key: String) -> Cell? {
        subject.columnIndex(key).flatMap { cells[$0] }
    }

    package func error(_ key: String, _ message: String) -> ImportError {
        let cell = self[key]
        return ImportError(line: cell?.line ?? line, column: cell?.column ?? column, message: "\(key): \(message)")
    }

    /// A required value, not blank, that `kind` can hold.
    package func text(_ key: String, _ kind: StoredText) throws(ImportError) -> String {
        guard let value = try optionalText(key, kind) else { throw error(key, "is required") }
        guard !TextChecks.isBlank(value) else {
            throw error(key, "must not be blank")
        }
        return value
    }

    /// An optional value that `kind` can hold; empty counts as absent. Without a kind, the value
    /// is a short code that its reader checks further (a number, a date, a name from a fixed set).
    package func optionalText(_ key: String, _ kind: StoredText = codedValue) throws(ImportError) -> String? {
        guard let value = self[key]?.text, !value.isEmpty else { return nil }
        if let refusal = kind.refusal(of: value) { throw error(key, refusal.message) }
        return value
    }

    /// A required short code, checked further by its reader.
    package func required(_ key: String) throws(ImportError) -> String {
        guard let value = try optionalText(key) else { throw error(key, "is required") }
        return value
    }

    /// Numbers, dates, timestamps, refs and the names of fixed sets are all far shorter.
    package static let codedValue = StoredText(field: "value", limit: 120)

    package func int(_ key: String, in range: ClosedRange<Int>) throws(ImportError) -> Int {
        let raw = try required(key)
        guard let value = Int(TextChecks.trimmingWhitespaces(raw)), range.contains(value) else {
            throw error(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\"")
        }
        return value
    }

    package func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(ImportError) -> E where E.RawValue == String {
        let raw = try required(key)
        guard let value = E(rawValue: raw) else {
            throw error(key, "unknown value \"\(raw)\"; expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// `dates`, when given, remembers each text's reading: a file names the same few days and
    /// times over and over, and the calendar's reading of one costs microseconds.
    package func day(_ key: String, required isRequired: Bool, dates: ImportDates? = nil) throws(ImportError) -> CalendarDay? {
        guard let raw = isRequired ? try required(key) : try optionalText(key) else { return nil }
        guard let day = dates?.day(raw) ?? CalendarDay(raw) else { throw error(key, "not a date (YYYY-MM-DD): \"\(raw)\"") }
        return day
    }

    /// An optional timestamp, as stored: `2026-11-21T09:30:00Z`.
    package func timestamp(_ key: String, dates: ImportDates? = nil) throws(ImportError) -> String? {
        guard let raw = try optionalText(key) else { return nil }
        guard let stored = dates?.timestamp(raw) ?? Timestamp.date(raw).map(Timestamp.string) else {
            throw error(key, "not a timestamp (2026-11-21T09:30:00Z): \"\(raw)\"")
        }
        return stored
    }

    /// The items of a list, each one something `kind` can hold; empty items are dropped.
    package func list(_ key: String, item kind: StoredText) throws(ImportError) -> [String] {
        guard let cell = self[key] else { return [] }
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

/// The readings of the day and time texts one import has met, so that each distinct text costs
/// the calendar once. The cache forgets everything past a bound, so a file of all-different
/// dates costs no more memory than one of few.
package final class ImportDates {
    private var days: [String: CalendarDay?] = [:]
    private var timestamps: [String: String?] = [:]
    private static let bound = 10_000

    /// nil when `text` is no day, as ``CalendarDay/init(_:)`` reads it.
    package func day(_ text: String) -> CalendarDay? {
        if let known = days[text] { return known }
        if days.count >= Self.bound { days.removeAll(keepingCapacity: true) }
        let day = CalendarDay(text)
        days[text] = day
        return day
    }

    /// The timestamp as stored, or nil when `text` is none.
    package func timestamp(_ text: String) -> String? {
        if let known = timestamps[text] { return known }
        if timestamps.count >= Self.bound { timestamps.removeAll(keepingCapacity: true) }
        let stored = Timestamp.date(text).map(Timestamp.string)
        timestamps[text] = stored
        return stored
    }
}

/// Cheap answers for the common case (ASCII at the edges), falling back to the exact Unicode
/// answer whenever the text is anything else.
package enum TextChecks {
    /// Unicode's White_Space among ASCII bytes: tab, line feed, vertical tab, form feed, carriage
    /// return and space.
    @inline(__always) package static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Whether `text` is only whitespace (or empty), as `Unicode.Scalar.Properties.isWhitespace` says.
    package static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first < 0x80, !isASCIIWhitespace(first) { return false }
        return !text.unicodeScalars.contains(where: { !$0.properties.isWhitespace })
    }

    /// `text.trimmingCharacters(in: .whitespaces)`, without Foundation when there is nothing to
    /// trim: an ASCII first and last byte that is neither a space nor a tab (the ASCII members of
    /// that set) means the text is already trimmed.
    package static func trimmingWhitespaces(_ text: String) -> String {
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            return text
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
