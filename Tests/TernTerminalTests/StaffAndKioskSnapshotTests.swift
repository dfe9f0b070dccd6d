import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The staff console's main views, whole, at the two sizes the README promises (80x24 and
/// 120x40), over the demo catalogue, compared with committed text snapshots in Snapshots/ as
/// the student screen's are (StudentScreenSnapshotTests).
@Suite(.serialized) struct StaffConsoleSnapshotTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func theApplicationsQueue(width: Int, height: Int) throws {
        let console = try TriageScreenHarness(size: Size(width: width, height: height))
        #expect(!console.state.queue.visibleRows.isEmpty)
        #expect(console.text.contains("1 Applications"))
        try console.expectSnapshot(named: "staff-queue-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func anOpenedApplication(width: Int, height: Int) throws {
        let console = try TriageScreenHarness(size: Size(width: width, height: height))
        let row = try #require(console.state.queue.selectedRow)
        console.press(.enter)
        #expect(console.text.contains("Application (opened)"))
        #expect(console.text.contains(row.studentName) || console.text.contains(row.studentUsername))
        try console.expectSnapshot(named: "staff-application-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func thePostingsReview(width: Int, height: Int) throws {
        let console = try TriageScreenHarness(size: Size(width: width, height: height))
        console.press(.character("2"))
        #expect(console.text.contains("Postings · waiting"))
        try console.expectSnapshot(named: "staff-postings-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theReports(width: Int, height: Int) throws {
        let console = try TriageScreenHarness(size: Size(width: width, height: height))
        console.press(.character("4"))
        #expect(console.state.report != nil)
        #expect(console.text.contains("Reports"))
        try console.expectSnapshot(named: "staff-reports-\(width)x\(height)")
    }
}

/// The kiosk's attract screen and its list, whole, at 80x24 and 120x40. (The list at 80x24 is
/// CosmeticTests' issue18-kiosk-80x24; reading a listing is KioskScreenFixTests'.)
@Suite(.serialized) struct KioskSnapshotTests {
    @Test func theListAt120x40() throws {
        let kiosk = try KioskHarness(size: Size(width: 120, height: 40))
        #expect(kiosk.state.mode == .browsing)
        #expect(kiosk.text.contains("\(kiosk.state.listingCount) open listings"))
        try kiosk.expectSnapshot(named: "kiosk-list-120x40")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theAttractScreen(width: Int, height: Int) throws {
        let kiosk = try KioskHarness(size: Size(width: width, height: height))
        kiosk.wait(seconds: 61)
        #expect(kiosk.state.mode == .attract(index: 0))
        #expect(kiosk.text.contains("Featured micro-internships") && kiosk.text.contains("Press any key"))
        try kiosk.expectSnapshot(named: "kiosk-attract-\(width)x\(height)")
    }
}
