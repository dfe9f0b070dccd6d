import Testing
@testable import TernTerminal
import TernText

/// Every widget against hostile geometry and text: areas empty, off the grid or larger than it,
/// grids of 0x0 and 1x1. Drawing must clip, never trap, never tear a wide character and never
/// let a control character into a cell.
@Suite("Widget clipping")
struct WidgetClippingTests {
    static let grids = [(0, 0), (1, 1), (3, 2), (12, 5), (40, 12)]
    static let areas = [
        Rect(x: 0, y: 0, width: 0, height: 0), Rect(x: 0, y: 0, width: 5, height: 0), Rect(x: 0, y: 0, width: 0, height: 5),
        Rect(x: 0, y: 0, width: 1, height: 1), Rect(x: 1, y: 1, width: 2, height: 2), Rect(x: 0, y: 0, width: 12, height: 5),
        Rect(x: 0, y: 0, width: 10_000, height: 10_000), Rect(x: -50, y: -20, width: 70, height: 30),
        Rect(x: -3, y: 2, width: 9, height: 3), Rect(x: 500, y: 500, width: 10, height: 10),
        Rect(x: 7, y: 3, width: 20, height: 20), Rect(x: -100, y: -100, width: 10, height: 10),
    ]
    static let hostile = "數據 👨‍👩‍👧 e\u{301} \u{1B}[2J\r\n\u{202E}evil\u{9B}31m 🇯🇵 x"

    /// Draws every widget into `area` of a grid.
    static func drawEverything(into grid: inout CellGrid, area: Rect, text: String) {
        Pane.draw(into: &grid, area: area, title: text, focused: true)
        Pane.draw(into: &grid, area: area, title: text, focused: false, box: .ascii)
        var state = ListState(count: 40)
        state.select(17, visibleRows: ListView.visibleRows(in: area))
        let columns = [ListColumn(text, .flexible(min: 3)), ListColumn("n", .fixed(4), alignment: .right),
                       ListColumn("s", .flexible(min: 0), alignment: .center)]
        let rows = Array(repeating: [text, text, text], count: 40)
        ListView.draw(into: &grid, area: area, columns: columns, rows: rows, rowStyles: [.error], state: state, focused: true)
        ListView.draw(into: &grid, area: area, columns: columns, rows: [], state: ListState(), focused: false, emptyMessage: text)
        _ = ListView.index(atScreenRow: 3, area: area, state: state)
        let blocks: [TextBlock] = [.heading(text), .paragraph(text), .bullets([text]), .numbered([text, text]),
                                   .field(label: text, value: text), .blank]
        for width in [-1, 0, 1, 2, 3, area.width] {
            TextView.draw(into: &grid, area: area, lines: TextView.layout(blocks, width: width), scroll: 2)
        }
        TextView.draw(into: &grid, area: area, lines: TextView.layout(blocks, width: 9), scroll: -5)
        StatusBar.draw(into: &grid, row: area.y, width: area.width, hints: [KeyHint(text, text)], message: text)
        TabBar.draw(into: &grid, row: area.y, width: area.width, tabs: [text, text], selected: 1)
        SearchBar.draw(into: &grid, area: area, query: text, cursor: 4, editing: true, chips: [text], matchCount: 3)
        HelpOverlay.draw(into: &grid, screen: area, sections: [HelpSection(text, [KeyHint(text, text)])], scroll: 99)
        Dialog.draw(into: &grid, screen: area, title: text, message: text, buttons: [text, "OK"], selected: 0)
        Dialog.draw(into: &grid, screen: area, title: text, message: text, buttons: [], selected: 9, isError: true, box: .ascii)
        Toast.draw(into: &grid, screen: area, message: text, isError: true)
        TooSmall.draw(into: &grid, screen: area, minimumWidth: 60, minimumHeight: 16)
        for multiline in [false, true] {
            var field = TextField(text, multiline: multiline)
            field.draw(into: &grid, area: area, focused: true)
            _ = field.handle(.home)
            field.draw(into: &grid, area: area, focused: true)
        }
        ChoiceField([text]).draw(into: &grid, area: area, focused: true)
        Checkbox(text).draw(into: &grid, area: area, focused: true)
        Sparkline.draw(into: &grid, area: area, values: [0, 3, -1, Int.max, 7])
        Sparkline.draw(into: &grid, area: area, values: Array(0..<300), box: .ascii)
        BarChart.draw(into: &grid, area: area, bars: [BarChart.Bar(text, 5), BarChart.Bar(text, Int.max, text: text), BarChart.Bar("", -3)])
        BarChart.draw(into: &grid, area: area, bars: [BarChart.Bar(text, 1)], maximum: 0, box: .ascii)
    }

    /// Wide characters whole (a lead cell followed by its continuation), no controls or bidi
    /// overrides in any cell, and no row wider than the grid.
    static func checkIntegrity(_ grid: CellGrid, _ context: String) {
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.width == 2 {
                    #expect(x + 1 < grid.width && grid[x + 1, y].width == 0, "torn wide cell at \(x),\(y) \(context)")
                }
                if cell.width == 0 {
                    #expect(x > 0 && grid[x - 1, y].width == 2, "orphan continuation at \(x),\(y) \(context)")
                }
                let unsafe = cell.text.unicodeScalars.contains {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                }
                #expect(!unsafe, "control in cell at \(x),\(y) \(context)")
            }
        }
        for line in grid.text().split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= grid.width, "row too wide \(context)")
        }
    }

    @Test(arguments: grids)
    func everyWidgetSurvivesEveryArea(width: Int, height: Int) {
        for area in Self.areas {
            for text in [Self.hostile, "", "数"] {
                var grid = CellGrid(width: width, height: height)
                Self.drawEverything(into: &grid, area: area, text: text)
                Self.checkIntegrity(grid, "\(width)x\(height) area \(area)")
            }
        }
    }

    @Test func everyWidgetFitsEveryWidthWithWideText() {
        for width in 1...24 {
            var grid = CellGrid(width: width, height: 6)
            Self.drawEverything(into: &grid, area: Rect(x: 0, y: 0, width: width, height: 6), text: "数据分析 ab 東京🎨x")
            Self.checkIntegrity(grid, "width \(width)")
        }
    }

    @Test func widgetsDrawOnlyInsideTheirArea() {
        let area = Rect(x: 3, y: 2, width: 10, height: 4)
        for draw: (inout CellGrid) -> Void in [
            { Pane.draw(into: &$0, area: area, title: "t", focused: true) },
            { ListView.draw(into: &$0, area: area, columns: [ListColumn("数据", .flexible(min: 40))], rows: [["数据分析师東京大学"]],
                            state: ListState(count: 1), focused: true) },
            { TextView.draw(into: &$0, area: area, lines: TextView.layout([.paragraph("数据 分析 東京 大学 🎨🎨🎨🎨🎨")], width: 30), scroll: 0) },
            { SearchBar.draw(into: &$0, area: area, query: "数据分析師東京大学", cursor: 0, editing: true, chips: ["x"], matchCount: nil) },
            { TextField("数据分析師東京大学 long", multiline: true).draw(into: &$0, area: area, focused: true) },
            { TextField("数据分析師東京大学 long").draw(into: &$0, area: area, focused: true) },
            { ChoiceField(["数据分析師東京大学"]).draw(into: &$0, area: area, focused: true) },
            { Checkbox("数据分析師東京大学").draw(into: &$0, area: area, focused: true) },
            { HelpOverlay.draw(into: &$0, screen: area, sections: [HelpSection("数据", [KeyHint("a", "数据分析師東京大学")])], scroll: 0) },
            { Dialog.draw(into: &$0, screen: area, title: "数据", message: "数据分析師東京大学 long text", buttons: ["OK", "Cancel"], selected: 0) },
            { Toast.draw(into: &$0, screen: area, message: "数据分析師東京大学 long text") },
            { TooSmall.draw(into: &$0, screen: area, minimumWidth: 60, minimumHeight: 16) },
        ] {
            var grid = CellGrid(width: 16, height: 8)
            for y in 0..<8 { grid.write(String(repeating: "#", count: 16), x: 0, y: y) }
            draw(&grid)
            for y in 0..<8 {
                for x in 0..<16 where !area.contains(column: x, row: y) {
                    #expect(grid[x, y].text == "#", "drawn outside at \(x),\(y):\n\(grid.text())")
                }
            }
        }
    }

    @Test func barsDrawOnlyTheirRow() {
        var grid = CellGrid(width: 10, height: 3)
        for y in 0..<3 { grid.write(String(repeating: "#", count: 10), x: 0, y: y) }
        StatusBar.draw(into: &grid, row: 1, width: 10, hints: [KeyHint("q", "quit")])
        TabBar.draw(into: &grid, row: 1, width: 10, tabs: ["Listings", "Detail"], selected: 0)
        #expect(grid.text() == "##########\n L… │ D…\n##########")
    }

    @Test func textStartingLeftOfTheGridIsClippedWhole() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("######", x: 0, y: 0)
        WidgetSupport.write(&grid, "a数据b", x: -2, y: 0, maxWidth: 7)  // "a" and half of "数" are off-grid
        #expect(grid.text() == " 据b##")
        Self.checkIntegrity(grid, "left of the grid")
    }

    @Test func anOverlayEdgeCuttingAWideCharacterBlanksItsOtherHalf() {
        var grid = CellGrid(width: 12, height: 4)
        for y in 0..<4 { grid.write("数据分析師東", x: 0, y: y) }
        // The box spans columns 3-8: its edges cut "据" (2-3) and "師" (8-9).
        Pane.draw(into: &grid, area: Rect(x: 3, y: 0, width: 6, height: 4), title: "", focused: true)
        Self.checkIntegrity(grid, "overlay")
        #expect(grid.text() == """
            数 ┌────┐ 東
            数 │    │ 東
            数 │    │ 東
            数 └────┘ 東
            """)
    }
}
