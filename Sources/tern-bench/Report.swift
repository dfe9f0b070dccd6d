import Foundation

/// What the bench prints, as it measures: a heading per section, one row per item (p50, p95 and
/// max of its samples, how many, a note), and the items kept by key for the ratios and the
/// closing `key=value` line. Rows are printed as soon as they are measured, so a long run shows
/// where it is.
///
/// ```swift
/// let report = Report()
/// report.section("Listings, in process")
/// report.add("count, words \"pyth\"", samples, key: "count.pyth", note: "32968 matches")
/// ```
final class Report {
    struct Row {
        var label: String
        var samples: Samples
        var unit: String
        var note: String
    }

    private(set) var rows: [String: Row] = [:]
    static let labelWidth = 54

    func section(_ title: String) {
        print("\n== \(title)")
        print(Self.pad("what", Self.labelWidth) + "      p50       p95       max     n  note")
        fflush(nil)
    }

    /// Prints a row of milliseconds (or of `unit`) and keeps it under `key` when given.
    func add(_ label: String, _ samples: Samples, key: String? = nil, unit: String = "ms", note: String = "") {
        let row = Row(label: label, samples: samples, unit: unit, note: note)
        if let key { rows[key] = row }
        let figures = [samples.p50, samples.p95, samples.max].map { Self.figure($0, unit: unit) }.joined()
        print(Self.pad(label, Self.labelWidth) + figures + String(format: " %5d", samples.count) + (unit == "ms" ? "" : " \(unit)") + (note.isEmpty ? "" : "  \(note)"))
        fflush(nil)
    }

    /// A line of text in the table (a figure with no samples, a skipped item and why).
    func note(_ text: String) {
        print(text)
        fflush(nil)
    }

    func samples(_ key: String) -> Samples? { rows[key]?.samples }

    /// Keeps `samples` under `key` without printing a row (for a table printed its own way).
    func keep(_ key: String, _ samples: Samples, label: String = "") {
        rows[key] = Row(label: label, samples: samples, unit: "ms", note: "")
    }

    static func figure(_ value: Double, unit: String) -> String {
        guard value.isFinite else { return String(repeating: " ", count: 9) + "–" }
        if unit == "ms" || value < 10_000 { return String(format: " %9.2f", value) }
        return String(format: " %9.0f", value)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
