import Testing
@testable import TernTerminal

/// Text snapshots of the panes and bars: each test renders into a small grid and compares
/// `grid.text()` (what a person would read off the screen) with the expected screen.
@Suite("Widget snapshots")
struct WidgetSnapshotTests {
    static func render(_ width: Int, _ height: Int, _ draw: (inout CellGrid) -> Void) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        draw(&grid)
        return grid
    }

    static let listColumns = [
        ListColumn("Title", .flexible(min: 6)), ListColumn("Org", .fixed(8)),
        ListColumn("Status", .fixed(9), alignment: .right),
    ]

    // MARK: Pane

    @Test func paneTitleIsTruncatedByDisplayWidth() {
        var inner = Rect(x: 0, y: 0, width: 0, height: 0)
        let grid = Self.render(24, 4) {
            inner = Pane.draw(into: &$0, area: Rect(x: 0, y: 0, width: 24, height: 4),
                              title: "Applications — 東京大学 internships", focused: true)
        }
        #expect(grid.text() == """
            ┌ Applications — 東… ──┐
            │                      │
            │                      │
            └──────────────────────┘
            """)
        #expect(inner == Rect(x: 1, y: 1, width: 22, height: 2))
        #expect(grid[0, 0].style == Style(.focusedBorder, bold: true))
        #expect(grid[2, 0].style == Style(.accent, bold: true))
        #expect(grid[1, 0].style == Style(.focusedBorder, bold: true))  // padding belongs to the border
    }

    @Test func unfocusedAsciiPaneShowsHostileTitleAsPlaceholders() {
        let grid = Self.render(30, 3) {
            Pane.draw(into: &$0, area: Rect(x: 0, y: 0, width: 30, height: 3),
                      title: "a\u{1B}[31mb\rc\u{202E}d", focused: false, box: .ascii)
        }
        #expect(grid.text() == """
            + a^[[31mb^Mc\\u{202E}d ------+
            |                            |
            +----------------------------+
            """)
        #expect(grid[0, 0].style == Style(.border))
        #expect(grid[2, 0].style == Style(.muted))
    }

    @Test func paneTooSmallForATitleOrABorder() {
        let grid = Self.render(6, 3) {
            Pane.draw(into: &$0, area: Rect(x: 0, y: 0, width: 2, height: 2), title: "Listings", focused: true)
            let inner = Pane.draw(into: &$0, area: Rect(x: 3, y: 0, width: 1, height: 3), title: "x", focused: true)
            #expect(inner.isEmpty)
        }
        #expect(grid.text() == """
            ┌┐
            └┘

            """)
    }

    // MARK: ListView

    @Test func listAlignsCJKAndEmojiByDisplayWidth() {
        var state = ListState(count: 10)
        state.select(6, visibleRows: 5)  // offset 2: rows[0] is row 2
        let rows = [
            ["数据分析师 Data", "Acme", "Offered"], ["Café 🎨 designer", "東京大学", "Rejected"],
            ["evil\u{1B}[2J\u{202E}txt", "x\ry", "ok"], ["a", "b", "c"], ["👨‍👩‍👧 family", "z", "Submitted long"],
        ]
        let grid = Self.render(36, 6) {
            ListView.draw(into: &$0, area: Rect(x: 0, y: 0, width: 36, height: 6), columns: Self.listColumns,
                          rows: rows, rowStyles: [Style(.success), nil, Style(.error)], state: state, focused: true)
        }
        // The last column is kept for the markers: rows above (↑) and below (↓) the screen.
        #expect(grid.text() == """
            Title            Org         Status
            数据分析师 Data  Acme       Offered↑
            Café 🎨 designer 東京大学  Rejected
            evil^[[2J\\u{202… x^My            ok
            a                b                c
            👨‍👩‍👧 family        z        Submitte…↓
            """)
        #expect(grid[0, 0].style == Style(.muted, bold: true))
        #expect(grid[34, 1].style == Style(.success))  // rowStyles colour the last column only
        #expect(grid[35, 1].style == .muted)           // the marker
        #expect(grid[0, 1].style == .plain)
        #expect(grid[34, 2].style == .plain)
        #expect(grid[34, 3].style == Style(.error))
        for x in 0..<36 { #expect(grid[x, 5].style == .selected) }  // row 6, across the full width
    }

    @Test func flexibleColumnsShareTheRestAndUnfocusedSelectionIsUnderlined() {
        let columns = [ListColumn("Title", .flexible(min: 6)), ListColumn("Org", .flexible(min: 4)),
                       ListColumn("Pay", .fixed(5), alignment: .right)]
        var state = ListState(count: 3)
        state.select(1, visibleRows: 3)
        let rows = [["Data analyst", "Acme", "€40"], ["数据分析师", "東京", "¥3000"], ["🎨 Designer", "Café 🇫🇷", "n/a"]]
        let grid = Self.render(31, 4) {
            ListView.draw(into: &$0, area: Rect(x: 0, y: 0, width: 31, height: 4), columns: columns, rows: rows,
                          rowStyles: [nil, Style(.accent)], state: state, focused: false)
        }
        #expect(grid.text() == """
            Title        Org           Pay
            Data analyst Acme          €40
            数据分析师   東京        ¥3000
            🎨 Designer  Café 🇫🇷       n/a
            """)
        #expect(grid[0, 2].style == Style(underline: true))
        #expect(grid[29, 2].style == Style(.accent, underline: true))  // the status colour survives
        #expect(!grid[0, 1].style.underline)
    }

    @Test func emptyListShowsACentredMutedMessage() {
        let grid = Self.render(24, 4) {
            ListView.draw(into: &$0, area: Rect(x: 0, y: 0, width: 24, height: 4), columns: Self.listColumns,
                          rows: [], state: ListState(), focused: true, emptyMessage: "no listings match")
        }
        #expect(grid.text() == """
            Title  Org       Status

               no listings match

            """)
        #expect(grid[3, 2].style == .muted)
    }

    @Test func listClipsAtItsAreaAndDrawsOnlyFetchedRows() {
        var state = ListState(count: 50)
        state.select(20, visibleRows: 3)
        let grid = Self.render(16, 6) {
            $0.write("################", x: 0, y: 5)
            ListView.draw(into: &$0, area: Rect(x: 2, y: 1, width: 12, height: 4),
                          columns: [ListColumn("#", .fixed(3), alignment: .right), ListColumn("Name", .flexible(min: 4))],
                          rows: [["18", "eighteen"], ["19", "nineteen"]], state: state, focused: true)
        }
        #expect(grid.text() == """

                # Name
               18 eighte…↑
               19 ninete…↓

            ################
            """)
    }

    // MARK: TextView

    static let blocks: [TextBlock] = [
        .heading("Data analyst — 数据"), .field(label: "Pay", value: "€40/h, negotiable"),
        .field(label: "Organization name", value: "Acme Corporation Ltd"), .blank,
        .paragraph("Line one\nevil\u{1B}[2J\u{202E} tail"), .bullets(["remote work possible", "paid"]),
        .numbered(["a", "b", "c", "d", "e", "f", "g", "h", "i", "ten items"]),
    ]

    @Test func textViewLaysOutBlocksAndMarksMoreBelow() {
        let lines = TextView.layout(Self.blocks, width: 19)
        #expect(lines.count == 23)
        let grid = Self.render(20, 8) { TextView.draw(into: &$0, area: Rect(x: 0, y: 0, width: 20, height: 8), lines: lines, scroll: 0) }
        #expect(grid.text() == """
            Data analyst — 数据
            Pay: €40/h,
                 negotiable
            Organization name:
            Acme Corporation
            Ltd

            Line one           ↓
            """)
        #expect(lines[0] == [StyledSpan("Data analyst — 数据", .accent)])
        #expect(lines[1] == [StyledSpan("Pay: ", .muted), StyledSpan("€40/h,")])
        #expect(grid[19, 7].style == .muted)
    }

    @Test func textViewScrolledPastTheEndShowsTheLastPage() {
        let lines = TextView.layout(Self.blocks, width: 19)
        let middle = Self.render(20, 8) { TextView.draw(into: &$0, area: Rect(x: 0, y: 0, width: 20, height: 8), lines: lines, scroll: 7) }
        #expect(middle.text() == """
            Line one           ↑
            evil^[[2J\\u{202E}
            tail
            • remote work
              possible
            • paid
             1. a
             2. b              ↓
            """)
        let end = Self.render(20, 8) { TextView.draw(into: &$0, area: Rect(x: 0, y: 0, width: 20, height: 8), lines: lines, scroll: 99) }
        #expect(end.text() == """
             3. c              ↑
             4. d
             5. e
             6. f
             7. g
             8. h
             9. i
            10. ten items
            """)
    }

    // MARK: StatusBar

    static let hints = StatusBar.hints([StudentAction.moveDown, .moveUp, .open, .search, .help, .quit], keyMap: StudentAction.defaultKeyMap)

    @Test func statusBarShowsHintsThatFit() {
        let grid = Self.render(60, 1) { StatusBar.draw(into: &$0, row: 0, width: 60, hints: Self.hints) }
        #expect(grid.text() == "j/down down  k/up up  enter open  / search  ? help  q quit")
        #expect(grid[0, 0].style == .accent)
        #expect(grid[7, 0].style == .muted)
    }

    @Test func narrowStatusBarDropsWholeHints() {
        let narrow = Self.render(30, 1) { StatusBar.draw(into: &$0, row: 0, width: 30, hints: Self.hints) }
        #expect(narrow.text() == "j/down down  k/up up")
        let withError = Self.render(30, 1) {
            StatusBar.draw(into: &$0, row: 0, width: 30, hints: Self.hints, message: "save failed", messageIsError: true)
        }
        #expect(withError.text() == "j/down down        save failed")
        #expect(withError[29, 0].style == .error)
        let tiny = Self.render(8, 1) { StatusBar.draw(into: &$0, row: 0, width: 8, hints: Self.hints, message: "a very long message") }
        #expect(tiny.text() == "a very …")
    }

    @Test func pinnedHintsStayWhenOthersMustGo() {
        let pinned = StatusBar.hints([StudentAction.help, .quit], keyMap: StudentAction.defaultKeyMap)
        let hints = StatusBar.hints([StudentAction.search, .filters, .nextView, .open, .apply], keyMap: StudentAction.defaultKeyMap)
        let grid = Self.render(40, 1) { StatusBar.draw(into: &$0, row: 0, width: 40, hints: hints, pinned: pinned) }
        #expect(grid.text() == "/ search  f filters  ? help  q quit")
    }

    @Test func statusBarHintsFollowTheKeyMap() {
        var map = StudentAction.defaultKeyMap
        map.bind(.quit, to: [.control("q")])
        map.bind(.search, to: [])
        #expect(StatusBar.hints([.search, .quit, .moveDown], keyMap: map) == [KeyHint("ctrl-q", "quit"), KeyHint("j/down", "down")])
    }

    // MARK: TabBar

    @Test func tabBarHighlightsTheSelectedTab() {
        let grid = Self.render(40, 1) { TabBar.draw(into: &$0, row: 0, width: 40, tabs: ["Listings", "Detail", "Applications"], selected: 1) }
        #expect(grid.text() == " Listings │ Detail │ Applications")
        #expect(grid[11, 0].style == .selected && grid[18, 0].style == .selected)
        #expect(grid[10, 0].style == Style(.border) && grid[1, 0].style == .plain)
    }

    @Test func narrowTabBarCutsEveryTabAlike() {
        let latin = Self.render(22, 1) { TabBar.draw(into: &$0, row: 0, width: 22, tabs: ["Listings", "Detail", "Applications"], selected: 2) }
        #expect(latin.text() == " Lis… │ Det… │ App…")
        let cjk = Self.render(17, 1) { TabBar.draw(into: &$0, row: 0, width: 17, tabs: ["一覧表", "詳細", "応募"], selected: 0) }
        #expect(cjk.text() == " 一… │ 詳… │ 応…")
        // One column less: a wide letter and "…" no longer fit, but every tab still shows.
        let cut = Self.render(16, 1) { TabBar.draw(into: &$0, row: 0, width: 16, tabs: ["一覧表", "詳細", "応募"], selected: 0) }
        #expect(cut.text() == " … │ … │ …")
    }

    // MARK: SearchBar

    @Test func searchBarShowsQueryCursorChipsAndCount() {
        let grid = Self.render(40, 1) {
            SearchBar.draw(into: &$0, area: Rect(x: 0, y: 0, width: 40, height: 1), query: "data 分析", cursor: 4,
                           editing: true, chips: ["remote", "paid", "full-time"], matchCount: 1)
        }
        // No room for every chip: those left out are counted, never silently dropped.
        #expect(grid.text() == "/ data 分析    [remote] +2 more  1 match")
        #expect(grid[6, 0].style.reverse)  // the cursor, after "data"
        #expect(grid[15, 0].style == Style(.accent))
        #expect(grid[24, 0].style == Style(.accent))
    }

    @Test func narrowSearchBarKeepsTheQueryAndScrollsToTheCursor() {
        let counting = Self.render(24, 1) {
            SearchBar.draw(into: &$0, area: Rect(x: 0, y: 0, width: 24, height: 1), query: "a very long query typed here",
                           cursor: 28, editing: true, chips: ["remote"], matchCount: nil)
        }
        // Short of room, the count goes before the sign that a filter is active.
        #expect(counting.text() == "/  typed here   [remote]")
        #expect(counting[13, 0].style.reverse)
        let tiny = Self.render(12, 1) {
            SearchBar.draw(into: &$0, area: Rect(x: 0, y: 0, width: 12, height: 1), query: "rust", cursor: 0,
                           editing: false, chips: ["remote"], matchCount: 5)
        }
        #expect(tiny.text() == "/ rust")
        #expect(!tiny[2, 0].style.reverse)
    }
}
