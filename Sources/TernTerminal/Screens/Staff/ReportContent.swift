import Foundation
import TernStore
import TernText

/// The Reports queue: the placement report as text, with bars in Unicode blocks where a
/// comparison reads better than a number (ASCII `#` in the flat mode, `--ascii` borders).
enum ReportContent {
    /// A per-organization chart shows this many rows; the rest are counted under it, and
    /// `tern report` lists them all. Enough for a campus's organizations whole; a bound so a
    /// catalogue of 40,000 organizations does not lay out 40,000 lines on every frame.
    static let chartRows = 200

    static func blocks(_ report: PlacementReport?, status: String?, ascii: Bool) -> [TextBlock] {
        guard let report, status == nil else { return [.paragraph(status ?? "Reading the report…")] }
        let box: BoxStyle = ascii ? .ascii : .line
        var blocks: [TextBlock] = [.heading("The last \(PlacementReport.trendWeeks) weeks, oldest first")]
        blocks += chart([
            ("Applications", Sparkline.glyphs(report.applicationsPerWeek, box: box)
                + "  \(report.applicationsPerWeek.reduce(0, +)) in all, \(report.applicationsPerWeek.max() ?? 0) at most in a week"),
            ("Decisions", Sparkline.glyphs(report.decisionsPerWeek, box: box)
                + "  \(report.decisionsPerWeek.reduce(0, +)) in all, \(report.decisionsPerWeek.max() ?? 0) at most in a week"),
        ])
        blocks += [.blank, .heading("Applications per status" + (report.since.map { " since \($0.prefix(10))" } ?? ""))]
        let largest = report.perStatus.map(\.count).max() ?? 0
        blocks += chart(report.perStatus.map { ($0.status.label, bar($0.count, of: largest, width: 24, ascii: ascii) + " \($0.count)") })
        blocks += [.blank, .heading("Days from submission to first decision")]
        blocks.append(.field(label: "Median, overall", value: report.medianDaysToDecision.map { String(format: "%.1f d", $0) } ?? "no decisions yet"))
        let slowest = report.medianDaysToDecisionByOrganization.map(\.days).max() ?? 0
        blocks += chart(report.medianDaysToDecisionByOrganization.prefix(chartRows).map { median in
            (median.group, bar(median.days, of: slowest, width: 16, ascii: ascii) + String(format: " %.1f d (%d decided)", median.days, median.decided))
        }) + more(report.medianDaysToDecisionByOrganization.count)
        blocks += [.blank, .heading("Placement rate per field")]
        blocks += rates(report.placementByField.map { var rate = $0; rate.group = Field(rawValue: $0.group)?.label ?? $0.group; return rate }, ascii: ascii)
        blocks += [.blank, .heading("Placement rate per organization")]
        blocks += rates(Array(report.placementByOrganization.prefix(chartRows)), ascii: ascii) + more(report.placementByOrganization.count)
        blocks += [.blank, .heading("Gaps"),
                   .field(label: "Open listings, no applicants", value: "\(report.listingsWithoutApplicants)"
                          + (report.listingsWithoutApplicantsSample.isEmpty ? "" : " (" + report.listingsWithoutApplicantsSample.prefix(5).joined(separator: ", ") + ")")),
                   .field(label: "Students, none in 30 days", value: "\(report.studentsWithoutRecentApplication)")]
        if let decisions = report.postingDecisions {
            blocks += [.blank, .heading("Postings decided, per reason")]
            let most = decisions.map(\.count).max() ?? 0
            blocks += chart(decisions.map { ("\($0.decision) · \($0.reason)", bar($0.count, of: most, width: 16, ascii: ascii) + " \($0.count)") })
            if decisions.isEmpty { blocks.append(.paragraph("no posting decided yet")) }
        }
        return blocks
    }

    /// "36 more organizations: tern report lists them all", under a chart cut at ``chartRows``.
    private static func more(_ count: Int) -> [TextBlock] {
        count > chartRows ? [.paragraph("\(count - chartRows) more organizations: tern report lists them all")] : []
    }

    private static func rates(_ rates: [PlacementReport.Rate], ascii: Bool) -> [TextBlock] {
        guard !rates.isEmpty else { return [.paragraph("no applications yet")] }
        return chart(rates.map { rate in
            (rate.group, bar(rate.rate, of: 1, width: 16, ascii: ascii) + String(format: " %.0f%% (%d of %d)", rate.rate * 100, rate.placed, rate.applications))
        })
    }

    /// Rows of a chart, their labels (untrusted: organization names) sanitized and padded by
    /// display width to one column, so the bars start together whatever the script.
    static func chart(_ rows: [(label: String, bar: String)]) -> [TextBlock] {
        let labels = rows.map { TextLayout.truncate(Sanitizer.line($0.label), to: 26) }
        let width = labels.map(DisplayWidth.of).max() ?? 0
        return zip(labels, rows).map { label, row in .paragraph(TextLayout.pad(label, to: width) + "  " + row.bar) }
    }

    /// A bar `width` cells long at most, padded so the figures after it line up.
    static func bar(_ value: Int, of largest: Int, width: Int, ascii: Bool) -> String {
        let drawn = BarChart.bar(value, maximum: largest, width: width, box: ascii ? .ascii : .line)
        return drawn + String(repeating: " ", count: max(0, width - DisplayWidth.of(drawn)))
    }

    static func bar(_ value: Double, of largest: Double, width: Int, ascii: Bool) -> String {
        // Hundredths are finer than the eighth of a cell a bar can show.
        bar(Int((value * 100).rounded()), of: Int((largest * 100).rounded()), width: width, ascii: ascii)
    }
}
