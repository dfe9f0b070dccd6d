import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// Issue 18 point 25: the small things seen everywhere.
@Suite(.serialized) struct CosmeticTests {
    /// "apply from135 open listings" at 80x24: the title runs into the count.
    @Test func theKioskTitleGivesWayToTheCountWithASpaceAndAnEllipsis() throws {
        let kiosk = try KioskHarness(size: Size(width: 80, height: 24))
        let top = kiosk.text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        #expect(top.contains("… \(kiosk.state.listingCount) open listings"), "\(top)")
        try Snapshot.expect(kiosk.text, named: "issue18-kiosk-80x24")
    }

    /// "1 days left", "over 1 days".
    @Test func oneDayIsSingular() throws {
        let kiosk = try KioskHarness()
        var detail = try #require(kiosk.state.detail)
        detail.daysLeft = 1
        detail.opportunity.durationDays = 1
        detail.opportunity.hours = 1
        let lines = TextView.layout(KioskView.detailBlocks(detail), width: 70)
        var grid = CellGrid(width: 70, height: lines.count)
        TextView.draw(into: &grid, area: Rect(x: 0, y: 0, width: 70, height: lines.count), lines: lines, scroll: 0)
        #expect(grid.text().contains("(1 day left)"), "\(grid.text())")
        #expect(grid.text().contains("about 1 h over 1 day,"))
        #expect(!grid.text().contains("1 days"))
    }

    /// A listing's fact line too long for its row ends in "…", not mid-word.
    @Test func aCutFactLineEndsInAnEllipsis() throws {
        let kiosk = try KioskHarness(size: Size(width: 60, height: 24))
        // Inside the pane's border: a line that fits leaves a space before "│", one that does not ends in "…".
        let factRows = kiosk.text.split(separator: "\n").map(String.init).filter { $0.contains(" · ") && $0.hasPrefix("│") }
        #expect(factRows.count >= 5, "\(kiosk.text)")
        #expect(factRows.contains { $0.hasSuffix("…│") })
        for row in factRows { #expect(row.hasSuffix("…│") || row.hasSuffix(" │"), "\(row)") }
        try Snapshot.expect(kiosk.text, named: "issue18-kiosk-60x24")
    }
}
