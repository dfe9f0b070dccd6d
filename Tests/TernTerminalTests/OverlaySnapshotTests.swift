import Testing
@testable import TernTerminal

/// Text snapshots of what is drawn over the screen: help, dialogs, toasts, the too-small notice.
@Suite("Overlay snapshots")
struct OverlaySnapshotTests {
    static func render(_ width: Int, _ height: Int, _ draw: (inout CellGrid) -> Void) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        draw(&grid)
        return grid
    }

    static let groups: [(String, [StudentAction])] = [
        ("Moving", [.moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown]),
        ("Panes", [.open, .back, .nextPane, .previousPane]),
        ("General", [.search, .filters, .command, .help, .quit]),
    ]

    // MARK: HelpOverlay

    @Test func helpSectionsComeFromTheKeyMap() {
        let sections = HelpOverlay.sections(keyMap: StudentAction.defaultKeyMap, groups: [("General", [.help, .quit])])
        #expect(sections == [HelpSection("General", [KeyHint("?", "help"), KeyHint("q", "quit")])])
    }

    @Test func helpOverlayFromTheDefaultKeyMap() {
        let sections = HelpOverlay.sections(keyMap: StudentAction.defaultKeyMap, groups: Self.groups)
        let grid = Self.render(50, 24) {
            $0.write(String(repeating: "x", count: 50), x: 0, y: 5)  // the screen underneath
            HelpOverlay.draw(into: &$0, screen: Rect(x: 0, y: 0, width: 50, height: 24), sections: sections, scroll: 0)
        }
        #expect(grid.text() == """
                      ┌ Help — keys ───────────────┐
                      │ Moving                     │
                      │ k/up         up            │
                      │ j/down       down          │
                      │ g/home       top           │
            xxxxxxxxxx│ G/end        bottom        │xxxxxxxxxx
                      │ pgup/ctrl-b  page up       │
                      │ pgdn/ctrl-f  page down     │
                      │                            │
                      │ Panes                      │
                      │ enter        open          │
                      │ esc          back          │
                      │ tab          next pane     │
                      │ shift-tab    previous pane │
                      │                            │
                      │ General                    │
                      │ /            search        │
                      │ f            filters       │
                      │ :            command       │
                      │ ?            help          │
                      │ q            quit          │
                      │ esc close                  │
                      └────────────────────────────┘

            """)
        #expect(grid[12, 1].style == .accent)    // section heading
        #expect(grid[12, 2].style == .accent)    // keys
        #expect(grid[25, 2].style == .plain)     // label
        #expect(grid[16, 21].style == .muted)    // "close"
    }

    @Test func smallHelpOverlayScrollsWithMarkers() {
        let sections = HelpOverlay.sections(keyMap: StudentAction.defaultKeyMap, groups: Self.groups)
        let grid = Self.render(30, 10) {
            HelpOverlay.draw(into: &$0, screen: Rect(x: 0, y: 0, width: 30, height: 10), sections: sections, scroll: 3)
        }
        #expect(grid.text() == """
            ┌ Help — keys ───────────────┐
            │ g/home       top          ↑│
            │ G/end        bottom        │
            │ pgup/ctrl-b  page up       │
            │ pgdn/ctrl-f  page down     │
            │                            │
            │ Panes                      │
            │ enter        open         ↓│
            │ esc close                  │
            └────────────────────────────┘
            """)
    }

    // MARK: Dialog

    @Test func dialogWrapsTheMessageAndHighlightsTheSelectedButton() {
        let grid = Self.render(44, 9) {
            Dialog.draw(into: &$0, screen: Rect(x: 0, y: 0, width: 44, height: 9), title: "Withdraw application?",
                        message: "Your application to 東京大学 will be withdrawn.\nThis cannot be undone.",
                        buttons: ["Withdraw", "Cancel"], selected: 1)
        }
        #expect(grid.text() == """

            ┌ Withdraw application? ───────────────────┐
            │ Your application to 東京大学 will be     │
            │ withdrawn.                               │
            │ This cannot be undone.                   │
            │                                          │
            │         [ Withdraw ]  [ Cancel ]         │
            └──────────────────────────────────────────┘

            """)
        #expect(grid[24, 6].style == .selected && grid[33, 6].style == .selected)
        #expect(grid[10, 6].style == .plain)
        #expect(grid[0, 1].style == Style(.focusedBorder, bold: true))
    }

    @Test func errorDialogClearsItsAreaAndShowsPlaceholders() {
        let grid = Self.render(36, 7) {
            for y in 0..<7 { $0.write(String(repeating: "·", count: 36), x: 0, y: y) }
            Dialog.draw(into: &$0, screen: Rect(x: 0, y: 0, width: 36, height: 7), title: "Import failed",
                        message: "row 12: bad date \u{1B}[2J", buttons: ["OK"], selected: 0, isError: true, box: .ascii)
        }
        #expect(grid.text() == """
            ····································
            ·····+ Import failed ---------+·····
            ·····| row 12: bad date ^[[2J |·····
            ·····|                        |·····
            ·····|         [ OK ]         |·····
            ·····+------------------------+·····
            ····································
            """)
        #expect(grid[5, 1].style == .error && grid[7, 1].style == .error)
    }

    @Test func dialogOnATinyScreenKeepsItsButtons() {
        let grid = Self.render(12, 4) {
            Dialog.draw(into: &$0, screen: Rect(x: 0, y: 0, width: 12, height: 4), title: "Quit?",
                        message: "Unsaved changes will be lost.", buttons: ["Yes", "No"], selected: 0)
        }
        #expect(grid.text() == """
            ┌ Quit? ───┐
            │ Unsaved  │
            │[Yes] [No]│
            └──────────┘
            """)
        #expect(grid[1, 2].style == .selected && grid[7, 2].style == .plain)
    }

    // MARK: Toast

    @Test func toastSitsAboveTheBottomRowAtTheRight() {
        let grid = Self.render(40, 6) { Toast.draw(into: &$0, screen: Rect(x: 0, y: 0, width: 40, height: 6), message: "Saved ✓") }
        #expect(grid.text() == """


                                         ┌─────────┐
                                         │ Saved ✓ │
                                         └─────────┘

            """)
        #expect(grid[29, 2].style == Style(.border))
    }

    /// Issue 18, point 9: a long message shows whole (it used to stop after three lines with "…").
    @Test func longErrorToastShowsWhole() {
        let grid = Self.render(30, 8) {
            Toast.draw(into: &$0, screen: Rect(x: 0, y: 0, width: 30, height: 8),
                       message: "Could not reach the server; your changes are kept locally and will be sent when you are back online",
                       isError: true)
        }
        #expect(grid.text() == """
              ┌──────────────────────────┐
              │ Could not reach the      │
              │ server; your changes are │
              │ kept locally and will be │
              │ sent when you are back   │
              │ online                   │
              └──────────────────────────┘

            """)
        #expect(grid[2, 0].style == .error && grid[4, 1].style == .error)
    }

    // MARK: TooSmall

    @Test func tooSmallAt40x12() {
        let grid = Self.render(40, 12) {
            TooSmall.draw(into: &$0, screen: Rect(x: 0, y: 0, width: 40, height: 12), minimumWidth: 60, minimumHeight: 16)
        }
        #expect(grid.text() == """





                terminal too small (need 60x16)






            """)
    }

    @Test func tooSmallRewordsToFitTinyScreens() {
        func tooSmall(_ width: Int, _ height: Int) -> String {
            Self.render(width, height) {
                TooSmall.draw(into: &$0, screen: Rect(x: 0, y: 0, width: width, height: height), minimumWidth: 60, minimumHeight: 16)
            }.text()
        }
        #expect(tooSmall(10, 3) == """
            too small
              (need
              60x16)
            """)
        #expect(tooSmall(5, 2) == "need\n60x16")
        #expect(tooSmall(5, 1) == "60x16")
        #expect(tooSmall(1, 1) == "…")
        #expect(tooSmall(0, 0) == "")
        #expect(tooSmall(3, 0) == "")
    }
}
