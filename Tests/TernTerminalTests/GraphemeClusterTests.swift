import Foundation
import Testing
import TernText
@testable import TernTerminal

/// Issue 18 point 25: emoji sequences are one character on screen, never split.
@Suite struct GraphemeClusterTests {
    static let coder = "👩🏽‍💻"
    static let flag = "🇺🇸"

    @Test func widthsAreOneGlyphEach() {
        #expect(DisplayWidth.of(Character(Self.coder)) == 2)
        #expect(DisplayWidth.of(Character(Self.flag)) == 2)
        #expect(DisplayWidth.of("a\(Self.coder)b\(Self.flag)c") == 7)
    }

    @Test func aCellHoldsTheWholeCluster() {
        var grid = CellGrid(width: 20, height: 1)
        grid.write("a\(Self.coder)b\(Self.flag)c", x: 0, y: 0)
        #expect(grid[1, 0].text == Self.coder)
        #expect(grid[4, 0].text == Self.flag)
        #expect(grid.text() == "a\(Self.coder)b\(Self.flag)c")
    }

    @Test func truncationAndWrappingNeverSplitACluster() {
        #expect(TextLayout.truncate("ab\(Self.coder)\(Self.flag)", to: 5) == "ab\(Self.coder)…")
        #expect(TextLayout.truncate("ab\(Self.coder)\(Self.flag)", to: 4) == "ab…")
        #expect(TextLayout.wrap("\(Self.coder)\(Self.coder)\(Self.coder)", width: 4) == ["\(Self.coder)\(Self.coder)", Self.coder])
        #expect(TextLayout.pad(Self.flag, to: 4) == "\(Self.flag)  ")
    }
}
