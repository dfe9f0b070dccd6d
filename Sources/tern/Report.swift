import ArgumentParser
import Foundation
import TernCatalogue
import TernTerminal
import TernText

/// `tern report`: applications per status, time to a first decision, placement rates, listings
/// nobody applied to, students gone quiet, and applications and decisions per week over the last
/// twelve weeks; as a table (the weeks as sparklines), CSV or JSON (the weeks as numbers).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Staff: the placement report.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: ArgumentHelp("table, csv or json.", valueName: "format"))
    var format: Format = .table

    @Option(help: ArgumentHelp("Only applications made from this UTC day (YYYY-MM-DD) or time on.", valueName: "date"))
    var since: String?

    func validate() throws {
        if let since, SinceDate.parse(since) == nil { throw ValidationError("--since takes a day (2026-11-01) or an ISO 8601 time") }
    }

    /// The report as (section, key, value) lines: the CSV, and the table grouped by section.
    static func lines(_ report: PlacementReport) -> [(String, String, String)] {
        var lines: [(String, String, String)] = report.perStatus.map { ("applications per status", $0.status.rawValue, "\($0.count)") }
        lines.append(("median days to first decision", "overall", report.medianDaysToDecision.map { String(format: "%.1f", $0) } ?? "none decided"))
        lines += report.medianDaysToDecisionByOrganization.map { ("median days to first decision", $0.group, String(format: "%.1f", $0.days)) }
        lines += report.placementByField.map { ("placement rate per field", $0.group, rate($0)) }
        lines += report.placementByOrganization.map { ("placement rate per organization", $0.group, rate($0)) }
        lines.append(("open listings with no applicants", "count", "\(report.listingsWithoutApplicants)"))
        lines += report.listingsWithoutApplicantsSample.map { ("open listings with no applicants", "ref", $0) }
        lines.append(("students with no application in 30 days", "count", "\(report.studentsWithoutRecentApplication)"))
        if let decisions = report.postingDecisions {
            lines += decisions.map { ("postings per decision and reason", "\($0.decision) \($0.reason)", "\($0.count)") }
        } else {
            lines.append(("postings per decision and reason", "absent", "this catalogue does not record posting approval"))
        }
        return lines
    }

    /// The weekly trends as CSV lines, after ``lines(_:)``: one per week, keyed by when it starts.
    static func trendLines(_ report: PlacementReport) -> [(String, String, String)] {
        [("applications per week", report.applicationsPerWeek), ("decisions per week", report.decisionsPerWeek)].flatMap { section, counts in
            zip(report.trendWeekStarts, counts).map { (section, $0, "\($1)") }
        }
    }

    /// The weekly trends for the table: a sparkline per series (twelve columns, oldest week
    /// first), with the numbers a sparkline cannot show.
    static func trendTable(_ report: PlacementReport) -> [String] {
        let series = [("applications", report.applicationsPerWeek), ("decisions", report.decisionsPerWeek)]
        return ["Applications and decisions per week, the \(PlacementReport.trendWeeks) weeks to \(report.trendEnd)"]
            + series.map { name, counts in
                "  " + name.padding(toLength: 13, withPad: " ", startingAt: 0) + Sparkline.glyphs(counts)
                    + "  \(counts.reduce(0, +)) in all, at most \(counts.max() ?? 0) a week"
            }
    }

    static func rate(_ rate: PlacementReport.Rate) -> String {
        String(format: "%.1f%% (%d of %d)", rate.rate * 100, rate.placed, rate.applications)
    }

    static func json(_ report: PlacementReport) -> JSONText {
        func rates(_ rows: [PlacementReport.Rate]) -> JSONText {
            .array(rows.map { .object([("group", .string($0.group)), ("placed", .integer($0.placed)), ("applications", .integer($0.applications)),
                                       ("rate", .decimal($0.rate, places: 4))]) })
        }
        return .object([
            ("since", .optional(report.since)),
            ("applications_per_status", .object(report.perStatus.map { ($0.status.rawValue, .integer($0.count)) })),
            ("median_days_to_first_decision", report.medianDaysToDecision.map { .decimal($0, places: 2) } ?? .null),
            ("median_days_to_first_decision_per_organization", .array(report.medianDaysToDecisionByOrganization.map {
                .object([("organization", .string($0.group)), ("days", .decimal($0.days, places: 2)), ("decided", .integer($0.decided))])
            })),
            ("placement_rate_per_field", rates(report.placementByField)),
            ("placement_rate_per_organization", rates(report.placementByOrganization)),
            ("open_listings_with_no_applicants", .integer(report.listingsWithoutApplicants)),
            ("open_listings_with_no_applicants_sample", .array(report.listingsWithoutApplicantsSample.map(JSONText.string))),
            ("students_with_no_application_in_30_days", .integer(report.studentsWithoutRecentApplication)),
            ("postings_per_decision_and_reason", report.postingDecisions.map { rows in
                .array(rows.map { .object([("decision", .string($0.decision)), ("reason", .string($0.reason)), ("count", .integer($0.count))]) })
            } ?? .null),
            ("weeks_ending", .string(report.trendEnd)),
            ("week_starts", .array(report.trendWeekStarts.map(JSONText.string))),
            ("applications_per_week", .array(report.applicationsPerWeek.map(JSONText.integer))),
            ("decisions_per_week", .array(report.decisionsPerWeek.map(JSONText.integer))),
        ])
    }

    func run() throws {
        let store = try catalogue.openStore(for: .report, readOnly: true).store
        let start = since.flatMap(SinceDate.parse)
        let report = try waitFor { try await store.placementReport(since: start, now: Date()) }
        switch format {
        case .json:
            try Output.line(Self.json(report).rendered())
        case .csv:
            var out = "section,key,value\r\n"
            for (section, key, value) in Self.lines(report) + Self.trendLines(report) {
                out += [section, key, value].map(Self.csvField).joined(separator: ",") + "\r\n"
            }
            // CSV is read by spreadsheets and terminals alike: controls become placeholders there too.
            try Output.write(out)
        case .table:
            var previous = ""
            var text: [String] = []
            for (section, key, value) in Self.lines(report) {
                if section != previous { text.append((text.isEmpty ? "" : "\n") + section.prefix(1).uppercased() + section.dropFirst()); previous = section }
                text.append("  " + Sanitizer.line(key) + ": " + Sanitizer.line(value))
            }
            try Output.line((text + [""] + Self.trendTable(report)).joined(separator: "\n"))
        }
    }

    static func csvField(_ text: String) -> String {
        // Read by spreadsheets: a cell that would open as a formula starts with `'`.
        let safe = SpreadsheetCell.neutralised(Sanitizer.line(text))
        return safe.contains(where: { $0 == "," || $0 == "\"" }) ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }
}
