import Foundation
import Testing

/// `tern triage`, the staff console, in a real terminal beside an open student session: what
/// staff do shows on the student's screen through the catalogue's change feed. Serialized, as
/// the other tmux suites: two tern processes each on two cores is enough.
@Suite(.serialized) struct TriageConsoleTests {
    func jsonArray(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    /// A tern command in tmux, in a scratch home (no user config), as the catalogue's owner:
    /// staff, and able to act for a student of a personal catalogue.
    func launch(_ scratch: Scratch, _ arguments: String, width: Int = 130, height: Int = 40) throws -> TmuxSession {
        let binary = try TernProcess.binary
        let env = ["TERN_DATA_DIR": TernProcess.repositoryRoot.appendingPathComponent("data").path, "HOME": scratch.url.path,
                   "XDG_CONFIG_HOME": scratch.path("config")]
        return try TmuxSession(command: "cd '\(TernProcess.repositoryRoot.path)' && '\(binary)' \(arguments); echo EXIT=$?",
                               width: width, height: height, environment: env)
    }

    /// The list row showing `title` (its first words, as a list truncates it); the search bar,
    /// which may hold the same words, is not a row.
    func row(_ screen: String, _ title: String) -> String? {
        let start = String(title.prefix(14))
        return screen.split(separator: "\n").map(String.init).first { $0.contains(start) && !$0.contains("│/ ") }
    }

    @Test func staffMarksThreeAndShortlistsThemAndAnOpenStudentSessionShowsItWithinTwoSeconds() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        // The three applications waiting longest in review, as the console will list them.
        let waiting = try jsonArray(try TernProcess.run(["applications", "list", "--status", "under_review", "--json", "--db", db]).stdout)
        #expect(waiting.count >= 3)
        let first = waiting[0]
        let student = try #require(first["student"] as? String)
        let title = try #require(first["title"] as? String)

        let studentScreen = try launch(scratch, "--db '\(db)' --user \(student)")
        try studentScreen.waitFor("the student's application under review") { screen in
            screen.contains("My applications (") && (row(screen, title)?.contains("Under review") ?? false)
        }

        let console = try launch(scratch, "triage --db '\(db)'")
        try console.waitFor(text: "Applications (")
        try console.send("l")
        try console.send("-l", "status:under_review")
        try console.send("Enter")
        // The line editor shows the pattern while it is typed; the counts line once it applies.
        try console.waitFor(text: "│ limit: status:under_review")
        try console.send("Space", "Space", "Space")
        try console.waitFor(text: "3 marked")
        try console.send("s")
        try console.waitFor(text: "Shortlist 3 applications?")
        try console.send("y")
        try console.waitFor(text: "3 applications now shortlisted")

        try studentScreen.waitFor("the shortlisting on the student's screen", seconds: 2) { screen in
            row(screen, title)?.contains("Shortlisted") ?? false
        }
        let shortlisted = try jsonArray(try TernProcess.run(["applications", "list", "--status", "shortlisted", "--json", "--db", db]).stdout)
        let moved = Set(waiting.prefix(3).compactMap { $0["id"] as? Int })
        #expect(moved.isSubset(of: Set(shortlisted.compactMap { $0["id"] as? Int })))
        try console.send("q")
        try console.waitFor(text: "EXIT=0")
    }

    @Test func staffDeclinesAPostingWithAReasonAndAnOpenStudentSessionNoLongerListsIt() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let console = try launch(scratch, "triage --db '\(db)'")
        try console.waitFor(text: "Applications (")
        // Postings, then the recently approved ones; past drafts (approved, not yet posted).
        try console.send("2", "t", "t")
        // The list and its detail: a capture can fall between the two being written.
        var screen = try console.waitFor("the recently approved postings with a detail") {
            $0.contains("Postings · recently approved") && $0.contains("Listing: ")
        }
        while screen.contains("Listing: draft") {
            try console.send("j")
            screen = try console.waitFor("the next posting") { $0.contains("Listing: ") && (!$0.contains("Listing: draft") || $0 != screen) }
        }
        screen = try console.waitFor(text: "Listing: open")
        let ref = try #require(screen.firstMatch(of: /Ref: (\S+)/)?.1).description
        let listed = try jsonArray(try TernProcess.run(["search", "--json", "--limit", "500", "--db", db]).stdout)
        let title = try #require(listed.first { $0["ref"] as? String == ref }?["title"] as? String)
        let words = title.split(separator: " ").prefix(3).joined(separator: " ")

        let studentScreen = try launch(scratch, "--db '\(db)' --user demo")
        try studentScreen.waitFor(text: "Listings · ")
        try studentScreen.send("/")
        try studentScreen.send("-l", words)
        try studentScreen.send("Enter")
        try studentScreen.waitFor("the listing in the student's results") { row($0, title) != nil }

        try console.send("x")
        try console.waitFor(text: "Decline “")
        try console.send("Right")                 // upfront cost to the student
        try console.send("C-s")
        try console.waitFor(text: "declined (upfront cost to the student)")

        // Gone from the list; the detail keeps it, greyed, saying it was taken down (issue 18).
        try studentScreen.waitFor("the listing gone from the student's list", seconds: 2) { screen in
            let list = screen.split(separator: "\n").map { String($0.split(separator: "││", maxSplits: 1).first ?? "") }.joined(separator: "\n")
            return row(list, title) == nil && screen.contains("taken down")
        }
        try console.send("q")
        try console.waitFor(text: "EXIT=0")
    }

    /// Issue 18: the console captures the mouse, so it answers it as the student screen does.
    @Test func aClickSelectsTheRowUnderItAndTheWheelMovesTheSelection() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let waiting = try jsonArray(try TernProcess.run(["applications", "list", "--json", "--db", db]).stdout)
        #expect(waiting.count >= 5)
        let console = try launch(scratch, "triage --db '\(db)'")
        try console.waitFor(text: "Application: \(waiting[0]["id"] as? Int ?? 0) (")
        // The list's header is on row 5 (the title row, the pane's top border, the queue tabs and
        // the counts come first); its third application on row 8, counted from 1 as xterm does.
        func click(_ column: Int, _ row: Int, wheel: Int? = nil) throws {
            let button = wheel ?? 0
            try console.send("-l", "\u{1B}[<\(button);\(column);\(row)M")
            if wheel == nil { try console.send("-l", "\u{1B}[<0;\(column);\(row)m") }
        }
        try click(20, 8)
        try console.waitFor("the third application in the detail") { $0.contains("Application: \(waiting[2]["id"] as? Int ?? 0) (") }
        try click(20, 8, wheel: 65)
        try console.waitFor("the fourth after the wheel") { $0.contains("Application: \(waiting[3]["id"] as? Int ?? 0) (") }
        try console.send("q")
        try console.waitFor(text: "EXIT=0")
    }
}
