import Testing
@testable import TernTerminal

/// Drawing of the form fields, and the keys of choice fields and checkboxes.
@Suite("Form fields")
struct FormFieldTests {
    static func render(_ width: Int, _ height: Int, _ draw: (inout CellGrid) -> Void) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        draw(&grid)
        return grid
    }

    @Test func singleLineScrollsToKeepTheCursorVisible() {
        var caret = (x: -1, y: -1)
        let grid = Self.render(10, 1) {
            caret = TextField("café 数据 ok").draw(into: &$0, area: Rect(x: 1, y: 0, width: 8, height: 1), focused: true)
        }
        // 13 columns of text and a cursor cell in 8: "café " scrolls off, never half of "数".
        #expect(grid.text() == " 数据 ok")
        #expect(caret == (8, 0))
        #expect(grid[8, 0].style.reverse)
        #expect(!grid[1, 0].style.reverse)
    }

    @Test func aWideCharacterStraddlingTheLeftEdgeBecomesABlank() {
        var field = TextField("ab数据")
        _ = field.handle(.left)  // on "据", text columns 4-5: the view scrolls by 3 to show it
        let grid = Self.render(3, 1) { field.draw(into: &$0, area: Rect(x: 0, y: 0, width: 3, height: 1), focused: true) }
        #expect(grid.text() == " 据")  // "数" (text columns 2-3) would be cut in half: a blank instead
        #expect(grid[1, 0].style.reverse && grid[2, 0].style.reverse)  // both halves of the wide cursor cell
    }

    @Test func cursorAtTheStartAndHostileText() {
        var field = TextField("evil\u{1B}x\u{202E}")
        _ = field.handle(.home)
        var caret = (x: -1, y: -1)
        let grid = Self.render(24, 1) { caret = field.draw(into: &$0, area: Rect(x: 0, y: 0, width: 24, height: 1), focused: true) }
        #expect(grid.text() == "evil^[x\\u{202E}")
        #expect(caret == (0, 0))
        #expect(grid[0, 0].style.reverse && !grid[1, 0].style.reverse)
    }

    @Test func unfocusedFieldHasNoCursorCell() {
        let grid = Self.render(6, 1) { TextField("abc").draw(into: &$0, area: Rect(x: 0, y: 0, width: 6, height: 1), focused: false) }
        #expect(grid.text() == "abc")
        #expect(!(0..<6).contains { grid[$0, 0].style.reverse })
    }

    @Test func multilineWrapsAtSpacesAndCJKAndScrollsToTheCursor() {
        let note = TextField("Hello world 数据分析\n\nbye", multiline: true)
        var caret = (x: -1, y: -1)
        let grid = Self.render(9, 3) { caret = note.draw(into: &$0, area: Rect(x: 0, y: 0, width: 9, height: 3), focused: true) }
        // Rows: "Hello", "world 数", "据分析", "", "bye": the last three show.
        #expect(grid.text() == """
            据分析

            bye
            """)
        #expect(caret == (3, 2))
        #expect(grid[3, 2].style.reverse)
    }

    @Test func multilineShowsTheTopWhileTheCursorIsThere() {
        var note = TextField("one two three four five six", multiline: true)
        _ = note.handle(.home)
        let grid = Self.render(9, 2) { note.draw(into: &$0, area: Rect(x: 0, y: 0, width: 9, height: 2), focused: true) }
        #expect(grid.text() == "one two\nthree")
        #expect(grid[0, 0].style.reverse)
    }

    @Test func multilineBreaksAWordLongerThanTheRow() {
        var note = TextField("x abcdefghij", multiline: true)
        _ = note.handle(.home)
        let grid = Self.render(5, 3) { note.draw(into: &$0, area: Rect(x: 0, y: 0, width: 5, height: 3), focused: false) }
        // As in TextLayout.wrap: the word moves to its own row first, then breaks between clusters.
        #expect(grid.text() == "x\nabcde\nfghij")
    }

    @Test func choiceFieldCyclesBothWays() {
        var choice = ChoiceField(["Remote", "On site", "Hybrid"])
        for (key, expected) in [(Key.right, 1), (.character(" "), 2), (.right, 0), (.left, 2), (.left, 1)] {
            let handled = choice.handle(key)
            #expect(handled && choice.selected == expected)
        }
        let other = choice.handle(.enter)
        #expect(!other)
        var empty = ChoiceField([])
        let handled = empty.handle(.right)
        #expect(!handled)
    }

    @Test func choiceFieldDraw() {
        let grid = Self.render(12, 3) {
            ChoiceField(["Remote", "On site", "Hybrid"], selected: 1).draw(into: &$0, area: Rect(x: 0, y: 0, width: 12, height: 1), focused: true)
            ChoiceField(["全部リモート可能"], selected: 5).draw(into: &$0, area: Rect(x: 0, y: 1, width: 12, height: 1), focused: false)
            ChoiceField([]).draw(into: &$0, area: Rect(x: 0, y: 2, width: 12, height: 1), focused: false)
        }
        #expect(grid.text() == """
            ◀ On site ▶
            ◀ 全部リ… ▶
            ◀  ▶
            """)
        #expect(grid[0, 0].style == .accent && grid[2, 0].style == .selected)
        #expect(grid[0, 1].style == .muted && grid[2, 1].style == .plain)
    }

    @Test func checkboxTogglesWithSpaceOnly() {
        var box = Checkbox("Remote only")
        let space = box.handle(.character(" "))
        #expect(space && box.checked)
        let enter = box.handle(.enter)
        #expect(!enter && box.checked)
        _ = box.handle(.character(" "))
        #expect(!box.checked)
    }

    @Test func checkboxDraw() {
        let grid = Self.render(12, 2) {
            Checkbox("Paid only 💶", checked: true).draw(into: &$0, area: Rect(x: 0, y: 0, width: 12, height: 1), focused: true)
            Checkbox("Remote").draw(into: &$0, area: Rect(x: 0, y: 1, width: 12, height: 1), focused: false)
        }
        #expect(grid.text() == "[x] Paid on…\n[ ] Remote")
        #expect(grid[0, 0].style == .selected && grid[4, 0].style == .plain)
        #expect(grid[0, 1].style == .plain)
    }
}
