import Foundation
import Testing
import TernCatalogue

/// A student at a real terminal (tmux) searches, filters, opens a listing and applies; then a
/// second process, as staff, moves that application on; the student's screen follows by itself.
@Suite(.serialized) struct StudentJourneyTests {
    @Test func aStudentAppliesAndSeesStaffShortlistItWithoutPressingAKey() throws {
        let scratch = try Scratch()
        let db = try TerminalInterfaceTests.demo(scratch)
        // What the student will find: the first remote listing matching "data" they have not applied to.
        var query = OpportunityQuery(words: "data")
        query.locationKinds = [.remote]
        let staffSide = try Catalogue(path: db)
        let target = try #require(try staffSide.opportunities(matching: query, limit: 1).first)
        #expect(try staffSide.application(ofStudent: "demo", to: target.id) == nil)

        let tmux = try TerminalInterfaceTests.launch(scratch, db: db)
        try tmux.waitFor(text: "Project detail")
        try tmux.send("/")
        try tmux.send("-l", "data")
        try tmux.waitFor("the search to narrow the list") { $0.contains("/ data") && $0.contains("matches") }
        try tmux.send("Enter")
        // Filters: Sort, Fields, Where → check Remote, apply.
        try tmux.send("f")
        try tmux.waitFor(text: "Filters")
        try tmux.send("Tab")
        try tmux.send("Tab")
        try tmux.send("Space")
        try tmux.send("Enter")
        try tmux.waitFor(text: "[Remote]")
        // The first row is now the target: open it and apply.
        try tmux.send("Enter")
        try tmux.waitFor("the target's detail") { $0.contains(String(target.title.prefix(20))) && $0.contains("not applied") }
        try tmux.send("a")
        try tmux.waitFor(text: "Cover note")
        try tmux.send("-l", "I cleaned survey data for our student union last term.")
        try tmux.send("C-s")
        try tmux.waitFor(text: "applied — Submitted")

        // Another process: staff moves the application to shortlisted.
        let application = try #require(try staffSide.application(ofStudent: "demo", to: target.id))
        #expect(application.status == .submitted)
        let advisor = Actor(role: .staff, username: "advisor")
        let reviewing = try staffSide.move(application.id, to: .underReview, by: advisor, expectedVersion: application.version)
        try staffSide.move(application.id, to: .shortlisted, by: advisor, expectedVersion: reviewing.version)

        // No key pressed: the screen follows within two seconds.
        try tmux.waitFor("the student's screen to show Shortlisted", seconds: 2) { $0.contains("applied — Shortlisted") }
        try tmux.send("q")   // out of the detail pane
        try tmux.send("q")   // and out of tern
        try tmux.waitFor(text: "EXIT=0")
    }
}
