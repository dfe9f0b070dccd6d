import Foundation
import Testing
import TernCatalogue

/// Issue 18 point 8: a 3,000-character cover note pasted into a real terminal arrives whole, as
/// one bracketed paste (tmux `paste-buffer -p` brackets it because tern switched mode 2004 on).
@Suite(.serialized) struct BracketedPasteTests {
    @Test func aPastedCoverNoteArrivesWholeInTheApplyForm() throws {
        let scratch = try Scratch()
        let db = try TerminalInterfaceTests.demo(scratch)
        let tmux = try TerminalInterfaceTests.launch(scratch, db: db)
        try tmux.waitFor(text: "Project detail")
        // A listing the demo student has not applied to: the first remote one matching "data".
        try tmux.send("/")
        try tmux.send("-l", "data")
        try tmux.waitFor("the search to narrow the list") { $0.contains("/ data") && $0.contains("matches") }
        try tmux.send("Enter")
        try tmux.send("f")
        try tmux.waitFor(text: "Filters")
        try tmux.send("Tab")
        try tmux.send("Tab")
        try tmux.send("Space")
        try tmux.send("Enter")
        try tmux.waitFor(text: "[Remote]")
        try tmux.send("Enter")
        try tmux.waitFor(text: "not applied")
        try tmux.send("a")
        try tmux.waitFor(text: "Cover note")

        // The tab in the middle tells a paste from typing: typed, it would move the focus to the
        // portfolio link and the note would keep only the first half.
        let sentence = "I cleaned survey data for our student union and wrote the report. "
        let half = String(String(repeating: sentence, count: 30).prefix(1_494))
        let note = half + "\t" + half + "END-OF-NOTE"
        #expect(note.unicodeScalars.count == 3_000)
        let file = scratch.path("note.txt")
        try note.write(toFile: file, atomically: true, encoding: .utf8)
        try tmux.tmux(capture: false, ["load-buffer", "-b", "note", file])
        try tmux.tmux(capture: false, ["paste-buffer", "-p", "-d", "-b", "note", "-t", tmux.name])
        try tmux.waitFor("the whole note in the cover note") { $0.contains("3000 / 5000") && $0.contains("END-OF-NOTE") }

        try tmux.send("Escape")
        try tmux.waitFor(text: "Discard")
    }
}
