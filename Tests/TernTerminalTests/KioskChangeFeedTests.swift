import Foundation
import Testing
import TernCatalogue
@testable import TernTerminal

/// The kiosk hears of changes as every screen does, from the loop's change feed, and that feed
/// follows the catalogue the kiosk has open: after a file replaced under it is opened again, a
/// change to the new file is seen within one of the loop's looks (not the 2 s retry timer's).
@Suite(.serialized) struct KioskChangeFeedTests {
    @Test func theKioskHearsOfChangesFromTheLoopAndFollowsTheCatalogueItOpensAgain() throws {
        let demo = try DemoCatalogue()
        let path = demo.directory.appendingPathComponent("kiosk.sqlite").path
        try demo.catalogue.backup(to: path)
        let kiosk = try KioskHarness(demo: demo, link: nil, path: path)
        #expect(kiosk.loop.changeFeed === kiosk.screen.changes)
        let first = try #require(kiosk.state.listings.visibleRows.first)
        try Catalogue(path: path, opening: .existing).decline(first.ref, reason: .notARealProject, by: Actor(role: .staff, username: "rpatel"))
        kiosk.advance(milliseconds: Loop<KioskScreen>.maximumWaitMilliseconds)
        #expect(!kiosk.state.listings.visibleRows.contains { $0.id == first.id }, "a listing declined is still shown")

        // `mv new old`: the kiosk opens the new file, and the loop's feed now watches it.
        let new = demo.directory.appendingPathComponent("new.sqlite").path
        try Catalogue(path: path, opening: .existing).backup(to: new)
        #expect(rename(new, path) == 0)
        kiosk.advance(milliseconds: Loop<KioskScreen>.maximumWaitMilliseconds)
        let second = try #require(kiosk.state.listings.visibleRows.first)
        try Catalogue(path: path, opening: .existing).decline(second.ref, reason: .notARealProject, by: Actor(role: .staff, username: "rpatel"))
        kiosk.advance(milliseconds: Loop<KioskScreen>.maximumWaitMilliseconds)
        #expect(!kiosk.state.listings.visibleRows.contains { $0.id == second.id }, "a change to the reopened file went unseen")
    }
}
