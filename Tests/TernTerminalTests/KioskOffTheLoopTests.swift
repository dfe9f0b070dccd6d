import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The kiosk never reads on its loop: every read goes through a store that fails the test if
/// it is called while an update or a view runs, through everything a kiosk does in a day.
@Suite struct KioskOffTheLoopTests {
    /// The guard itself: a call made as the loop would make it is refused and recorded.
    @Test func theGuardedStoreRefusesACallMadeOnTheLoop() async throws {
        let demo = try DemoCatalogue()
        let guarded = LoopGuardedStore(demo.catalogue)
        withKnownIssue("a call on the loop is recorded") {
            #expect(throws: LoopGuardedStore.CalledOnTheLoop.self) { try LoopThread.running { try guarded.check("homeCurrency") } }
        }
        // Off the loop it answers.
        #expect(try await guarded.opportunity(ref: "no-such-ref") == nil)
        #expect(guarded.callCount == 2)
    }

    @Test func browsingSearchingPagingAttractAndAReplacedFileReadOnlyInTheBackground() throws {
        let demo = try DemoCatalogue()
        try demo.catalogue.setApplyLinkTemplate("https://careers.example.edu/apply/{ref}")
        let path = demo.directory.appendingPathComponent("kiosk.sqlite").path
        try demo.catalogue.backup(to: path)
        final class Opened: @unchecked Sendable { var stores: [LoopGuardedStore] = [] }
        let opened = Opened()
        let kiosk = try KioskHarness(demo: demo, link: nil, size: Size(width: 120, height: 40), path: path, open: {
            let catalogue = try Catalogue(path: path, readOnly: true, opening: .existing)
            let guarded = LoopGuardedStore(catalogue)
            opened.stores.append(guarded)
            return try KioskCatalogue.start(listings: guarded, changes: LoopGuardedFeed(try catalogue.changeFeed()))
        })
        #expect(kiosk.state.mode == .browsing && kiosk.state.listingCount > 100)
        // Past the first page of 100 and back: pages read in the background.
        for _ in 0..<12 { kiosk.press(.pageDown) }
        #expect(kiosk.state.listings.state.selected > 100)
        #expect(kiosk.state.detail?.opportunity.id == kiosk.state.listings.selectedID)
        kiosk.press(.end, .home, .enter, .escape)
        kiosk.type("design")
        #expect(kiosk.state.listingCount < 100 && kiosk.state.search.text == "design")
        kiosk.press(.tab)
        // Idle: the attract screen and its featured listings.
        kiosk.wait(seconds: 61)
        guard case .attract = kiosk.state.mode else { Issue.record("no attract screen: \(kiosk.state.mode)"); return }
        #expect(kiosk.state.featuredDetail != nil)
        kiosk.press(.down)
        // Another file under the name: opened again.
        let new = demo.directory.appendingPathComponent("new.sqlite").path
        try demo.catalogue.backup(to: new)
        try Catalogue(path: new, opening: .existing).setApplyLinkTemplate("https://jobs.example.org/{ref}")
        #expect(rename(new, path) == 0)
        kiosk.wait(seconds: 2)
        #expect(kiosk.state.applyLink?.hasPrefix("https://jobs.example.org/") == true)
        #expect(opened.stores.count == 2)
        #expect(opened.stores.allSatisfy { $0.callCount > 0 })
    }
}

/// The kiosk's keys come from its key map (`[keys.kiosk]`), and its bar names them from there.
@Suite struct KioskKeyMapTests {
    @Test func reboundKeysMoveTheListOpenTheStaffPromptAndAreNamedOnTheBar() throws {
        var keys = KioskAction.defaultKeyMap
        keys.bind(.moveDown, to: [.control("n")])
        keys.bind(.staffPrompt, to: [.function(12)])
        keys.bind(.nextField, to: [.function(2)])
        let demo = try DemoCatalogue()
        let path = demo.directory.appendingPathComponent("c.sqlite").path
        let clock = TestClock()
        let screen = KioskScreen(open: KioskHarness.opener(path), config: KioskConfig(pinHash: KioskPINFixture.hash), large: false, keys: keys,
                                 now: { clock.date }, today: { clock.day })
        let kiosk = KioskHarness(demo: demo, screen: screen, size: Size(width: 120, height: 40), clock: clock, changeFeed: screen.changes)
        #expect(kiosk.text.contains("Field: All (F2)"))
        kiosk.press(.control("n"))
        #expect(kiosk.state.listings.state.selected == 1)
        kiosk.press(.down)
        #expect(kiosk.state.listings.state.selected == 1, "down is no longer bound")
        kiosk.press(.function(10))
        #expect(kiosk.state.pin == nil)
        kiosk.press(.function(12))
        #expect(kiosk.state.pin != nil)
    }
}
