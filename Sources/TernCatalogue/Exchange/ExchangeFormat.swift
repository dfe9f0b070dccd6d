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
    var columns: [String] {
        switch self {
        case .opportunities:
            ["ref", "title", "organization", "field", "brief", "deliverables", "skills", "hours", "duration_days",
             "schedule", "starts_on", "deadline", "compensation_kind", "compensation_amount", "currency",
             "location_kind", "city", "spots", "status", "posted_at"]
        case .students:
            ["username", "name", "email", "program", "graduation_year", "skills", "interests", "hours_per_week",
             "portfolio_links", "directory_opt_out"]
        case .applications:
            ["student", "opportunity", "status", "status_reason", "cover_note", "portfolio_link", "hours_offered",
             "created_at", "updated_at"]
        }
    }

    var required: Set<String> {
        switch self {
        case .opportunities: ["ref", "title", "organization", "field", "hours", "duration_days", "deadline",
                              "compensation_kind", "location_kind"]
        case .students: ["username", "name", "email"]
        case .applications: ["student", "opportunity", "status", "hours_offered"]
        }
    }

    /// Columns whose value is a list (JSON array, or `|`-separated in a CSV cell).
    var listColumns: Set<String> {
        switch self {
        case .opportunities: ["deliverables", "skills"]
        case .students: ["skills", "interests", "portfolio_links"]
        case .applications: []
        }
    }

    /// Which subject a header names, by its identifying column.
    static func detect(columns: [String]) -> ExchangeSubject? {
        if columns.contains("ref") { return .opportunities }
        if columns.contains("username") { return .students }
        if columns.contains("student") && columns.contains("opportunity") { return .applications }
        return nil
    }
}
