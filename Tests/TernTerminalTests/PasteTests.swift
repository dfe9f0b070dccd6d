import Foundation
import Testing
import TernViewModels
@testable import TernTerminal

/// Issue 18 point 8: a paste arrives whole (bracketed paste), as one event, in one frame.
@Suite("Bracketed paste")
struct PasteDecodingTests {
    static func pasted(_ text: String) -> PastedText {
        var paste = PastedText()
        for scalar in text.unicodeScalars { paste.append(scalar.value) }
        return paste
    }

    @Test func linesBreakAsNewlinesAndControlsAreDropped() {
        #expect(Self.pasted("Dear team,\r\nI am\rhere\nnow").key == .paste("Dear team,\nI am\nhere\nnow"))
        #expect(Self.pasted("a\tb").key == .paste("a b"))
        // ESC and the rest of a sequence's control bytes cannot act as keys or reach the screen.
        #expect(Self.pasted("x\u{1b}[2Jy\u{7f}\u{9b}z\u{07}").key == .paste("x[2Jyz"))
        #expect(Self.pasted("数👩🏽‍💻é").key == .paste("数👩🏽‍💻é"))
        #expect(Self.pasted("\u{1b}\u{03}").key == nil)
    }

    @Test func aHugePasteIsCapped() {
        let paste = Self.pasted(String(repeating: "a", count: KeyDecoder.pasteLimit + 10))
        guard case .paste(let text)? = paste.key else { Issue.record("no paste"); return }
        #expect(text.unicodeScalars.count == KeyDecoder.pasteLimit)
        #expect(paste.dropped == 10)
    }

    @Test func aTextFieldInsertsAPasteAtOnce() {
        var note = TextField("Hi", multiline: true)
        let handled = note.handle(.paste("one\ntwo"))
        #expect(handled)
        #expect(note.text == "Hione\ntwo")
        #expect(note.cursor == note.text.count)
        var line = TextField("", limit: 5)
        let lineHandled = line.handle(.paste("ab\ncdefg"))
        #expect(lineHandled)
        #expect(line.text == "ab cd", "a single line takes spaces for breaks and keeps what fits its limit")
    }
}

@Suite("Bracketed paste on screen", .serialized)
struct PasteScreenTests {
    /// A 3,000-character paste into the apply form's cover note: one event, one frame.
    @Test func aPastedCoverNoteAppearsInOneFrame() throws {
        let student = try StudentScreenHarness()
        while student.state.detail?.myApplication != nil || student.state.detail?.isAcceptingApplications != true {
            student.press(.character("j"))
        }
        student.press(.character("a"))
        let words = "I have cleaned survey data for two student societies and wrote their reports. "
        var note = String(repeating: words, count: 3_000 / words.count + 1)
        note = String(note.prefix(2_990)) + "END-OF-NOTE"
        let before = student.backend.framesDrawn
        student.press(.paste(note))
        #expect(student.backend.framesDrawn == before + 1, "one paste, one frame")
        #expect(student.text.contains("END-OF-NOTE"))
        #expect(student.text.contains("3001 /"), "the count shows the whole paste")
        try student.expectSnapshot(named: "issue18-paste-cover-note")
    }
}

@Suite("Bracketed paste in the kiosk", .serialized)
struct KioskPasteTests {
    /// A 20,000-character paste is one event: the search line takes what fits its limit, once.
    @Test func aHugePasteIntoTheKioskSearchIsCutToItsLimitInOneGo() throws {
        let kiosk = try KioskHarness()
        let frames = kiosk.backend.framesDrawn
        kiosk.press(.paste(String(repeating: "data ", count: 4_000)))
        #expect(kiosk.state.search.text.count == 60)
        #expect(kiosk.backend.framesDrawn <= frames + 2, "one paste, not 20,000 keys")
    }
}
