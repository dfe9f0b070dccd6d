import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The whole student screen, driven through the loop and drawn into the in-memory backend over
/// the real demo catalogue, compared with committed text snapshots in Snapshots/. Set
/// TERN_RECORD_SNAPSHOTS=1 to write missing or changed ones (then review the diff).
@Suite(.serialized) struct StudentScreenSnapshotTests {
    @Test func wideLayoutShowsFourTitledPanes() throws {
        let student = try StudentScreenHarness()
        for title in ["Listings · ", "Project detail", "My applications (", "Feedback"] { #expect(student.text.contains(title)) }
        #expect(student.backend.cursor != nil, "the hardware cursor is parked on the selected row")
        try student.expectSnapshot(named: "shell-120x40")
    }

    @Test func narrowLayoutShowsOnePaneAndATabBar() throws {
        let student = try StudentScreenHarness(size: Size(width: 80, height: 24))
        try student.expectSnapshot(named: "shell-80x24-listings")
        student.press(.tab)
        try student.expectSnapshot(named: "shell-80x24-detail")
    }

    @Test func aTooSmallTerminalShowsAMessageNotACrash() throws {
        let student = try StudentScreenHarness(size: Size(width: 40, height: 12))
        try student.expectSnapshot(named: "shell-40x12")
        for (w, h) in [(0, 0), (1, 1), (59, 16), (60, 15)] {
            student.resize(w, h)
            #expect(student.text.contains("need") || w < 2)
        }
    }

    @Test func theHelpOverlayListsTheKeyMap() throws {
        let student = try StudentScreenHarness()
        student.press(.character("?"))
        for action in [StudentAction.moveDown, .nextPane, .search, .quit] { #expect(student.text.contains(action.label)) }
        try student.expectSnapshot(named: "shell-help")
        student.press(.escape)
        #expect(!student.text.contains("Help"))
    }

    @Test func movingTheSelectionChangesTheDetail() throws {
        let student = try StudentScreenHarness()
        let before = student.text
        student.press(.character("j"))
        #expect(before != student.text)
        let second = try #require(try student.demo.catalogue.opportunities(matching: OpportunityQuery(), limit: 2,
                                                                           today: CalendarDay(DemoCatalogue.seededAt)).last)
        #expect(student.text.contains(String(second.title.prefix(20))))
    }

    @Test func qStepsBackBeforeItQuits() throws {
        let student = try StudentScreenHarness()
        student.press(.tab)
        #expect(student.state.panes.focus == .detail)
        student.press(.character("q"))
        #expect(student.loop.ending == nil)
        #expect(student.state.panes.focus == .listings)
        student.press(.character("q"))
        #expect(student.loop.ending == .quit)
        let again = try StudentScreenHarness(demo: student.demo)
        again.press(.tab, .control("c"))
        #expect(again.loop.ending == .quit, "ctrl-c quits from any pane")
    }

    @Test func aGuestSeesListingsButNoApplications() throws {
        let text = try StudentScreenHarness(user: "nobody").text
        #expect(text.contains("browsing as guest"))
        #expect(text.contains("As a guest you can search"))
    }
}
