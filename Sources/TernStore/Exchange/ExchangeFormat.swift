import Foundation

/// File formats for `tern import` and `tern export`.
public enum ExchangeFormat: String, CaseIterable, Sendable {
    case csv, json

    /// Guesses from the file name; JSON when it ends in `.json`, otherwise CSV.
    public static func guess(path: String) -> ExchangeFormat {
        path.lowercased().hasSuffix(".json") ? .json : .csv
    }
}

/// What a file holds.
public enum ExchangeSubject: String, CaseIterable, Sendable {
    case opportunities, applications, students

    /// Columns (CSV) and keys (JSON), in export order. Import requires the `required` ones and
    /// refuses any other name, so that a typo never silently drops data.
    package var columns: [String] { layout.columns }

    package var required: Set<String> { layout.required }

    /// Columns whose value is a list (JSON array, or `|`-separated in a CSV cell).
    package var listColumns: Set<String> { layout.listColumns }

    /// Where `name` stands in ``columns``; nil for a name that is not one of them.
    package func columnIndex(_ name: String) -> Int? {
        layout.index(name)
    }

    private var layout: Layout {
        switch self {
        case .opportunities: Self.opportunityLayout
        case .students: Self.studentLayout
        case .applications: Self.applicationLayout
        }
    }

    /// A subject's names, built once: an import asks for them for every value of every row.
    private final class Layout: Sendable {
        package let columns: [String]
        package let required: Set<String>
        package let listColumns: Set<String>
        private let indexes: [String: Int]
        /// Open addressing by the name's length and first and last bytes, far cheaper than the
        /// dictionary's hashing; the dictionary answers whatever this does not find, so that a
        /// name equal to a column only as Unicode text (not byte for byte) is still found.
        private let slots: [(name: String, index: Int)?]

        package init(columns: [String], required: Set<String>, listColumns: Set<String>) {
            self.columns = columns
            self.required = required
            self.listColumns = listColumns
            indexes = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
            var slots = [(name: String, index: Int)?](repeating: nil, count: Self.slotCount)
            for (index, name) in columns.enumerated() {
                var slot = Self.hash(name)
                while slots[slot] != nil { slot = (slot + 1) & (Self.slotCount - 1) }
                slots[slot] = (name, index)
            }
            self.slots = slots
        }

        private static let slotCount = 64

        private static func hash(_ name: String) -> Int {
            let utf8 = name.utf8
            return (utf8.count &* 31 &+ Int(utf8.first ?? 0) &* 7 &+ Int(utf8.last ?? 0)) & (slotCount - 1)
        }

        package func index(_ name: String) -> Int? {
            var slot = Self.hash(name)
            while let entry = slots[slot] {
                if entry.name == name { return entry.index }
                slot = (slot + 1) & (Self.slotCount - 1)
            }
            return indexes[name]
        }
    }

    private static let opportunityLayout = Layout(
        columns: ["ref", "title", "organization", "field", "brief", "deliverables", "skills", "hours", "duration_days",
                  "schedule", "starts_on", "deadline", "compensation_kind", "compensation_amount", "currency",
                  "location_kind", "city", "spots", "status", "posted_at"],
        required: ["ref", "title", "organization", "field", "hours", "duration_days", "deadline",
                   "compensation_kind", "location_kind"],
        listColumns: ["deliverables", "skills"])
    private static let studentLayout = Layout(
        columns: ["username", "name", "email", "program", "graduation_year", "skills", "interests", "hours_per_week",
                  "portfolio_links", "directory_opt_out"],
        required: ["username", "name", "email"],
        listColumns: ["skills", "interests", "portfolio_links"])
    private static let applicationLayout = Layout(
        columns: ["student", "opportunity", "status", "status_reason", "cover_note", "portfolio_link", "hours_offered",
                  "created_at", "updated_at"],
        required: ["student", "opportunity", "status", "hours_offered"],
        listColumns: [])

    /// Which subject a header names, by its identifying column.
    package static func detect(columns: [String]) -> ExchangeSubject? {
        if columns.contains("ref") { return .opportunities }
        if columns.contains("username") { return .students }
        if columns.contains("student") && columns.contains("opportunity") { return .applications }
        return nil
    }
}
