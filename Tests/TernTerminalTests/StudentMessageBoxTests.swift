import Foundation
import Testing
import TernText
@testable import TernTerminal

/// Issue 18, point 9: a message shows whole however long, and the message box and the tab
/// separators honour `ascii_borders` as every pane does.
@Suite struct StudentMessageBoxTests {
    /// A message of four lines at the toast's usual width: it used to stop at three with "…".
    static let longVerb = String(repeating: "abcdefghij", count: 15)

    @Test func aLongMessageShowsWholeInAnASCIIBoxBelowASCIITabs() throws {
        let student = try StudentScreenHarness(size: Size(width: 80, height: 24), box: .ascii)
        student.press(.character(":"))
        student.type(Self.longVerb)
        student.press(.enter)
        let message = try #require(student.state.toasts.current?.text)
        #expect(message.contains(Self.longVerb))
        // Every character of the message is on screen, in order, none replaced by "…".
        let shown = student.text.split(separator: "\n").filter { $0.contains("abcdefghij") }
            .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.contains("abcdefghij") }.joined() }
            .joined()
        #expect(shown.contains(Self.longVerb))
        #expect(student.text.split(separator: "\n").filter { $0.contains("abcdefghij") || $0.contains("lists the") }.allSatisfy { !$0.contains("…") })
        #expect(!student.text.contains("┌") && !student.text.contains("│"), "no line-drawing character with ascii_borders")
        try student.expectSnapshot(named: "issue18-long-message-ascii")
    }

    @Test func aMessageTallerThanTheScreenSaysHowManyLinesDidNotFit() {
        var grid = CellGrid(width: 30, height: 8)
        Toast.draw(into: &grid, screen: Rect(x: 0, y: 0, width: 30, height: 8), message: String(repeating: "word ", count: 60), box: .ascii)
        #expect(grid.text().contains("more lines"))
        #expect(grid.text().contains("+-"))
    }
}
