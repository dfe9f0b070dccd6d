import Testing
@testable import TernTerminal

/// The chrome every screen shares: panes, lists kept by record id, modals.
@Suite struct ChromeTests {
    enum Pane: PaneIdentity {
        case queue, detail
        var title: String { self == .queue ? "Queue" : "Detail" }
    }

    static func panes(_ width: Int, _ height: Int) -> PaneSet<Pane> {
        PaneSet(focus: .queue, size: Size(width: width, height: height), minimum: Size(width: 40, height: 10),
                wide: Size(width: 100, height: 20)) { body in
            let (left, right) = body.splitColumns(at: body.width / 2)
            return [.queue: left, .detail: right]
        }
    }

    @Test func paneSetsLayOutWideNarrowOrTooSmall() {
        #expect(Self.panes(120, 30).mode == .wide)
        #expect(Self.panes(120, 30).shown.map(\.pane) == [.queue, .detail])
        var narrow = Self.panes(80, 24)
        #expect(narrow.mode == .narrow)
        #expect(narrow.shown.map(\.pane) == [.queue])
        narrow.focusNext()
        #expect(narrow.shown.map(\.pane) == [.detail])
        narrow.focusNext()
        #expect(narrow.focus == .queue, "focus wraps around")
        #expect(Self.panes(39, 24).mode == .tooSmall)
    }

    @Test func aClickHitsTheTabDrawnUnderIt() {
        let narrow = Self.panes(80, 24)
        var grid = CellGrid(width: 80, height: 24)
        narrow.drawTabBar(into: &grid)
        let row = grid.text().split(separator: "\n").first.map(String.init) ?? ""
        let detail = row.distance(from: row.startIndex, to: row.range(of: "Detail")!.lowerBound)
        #expect(narrow.hit(column: detail, row: 0) == .tab(.detail))
        #expect(narrow.hit(column: 1, row: 0) == .tab(.queue))
        #expect(narrow.hit(column: 70, row: 0) == nil, "past the last tab")
        let wide = Self.panes(120, 30)
        #expect(wide.hit(column: 100, row: 5) == .pane(.detail, Rect(x: 60, y: 1, width: 60, height: 28)))
    }

    struct Numbers: RowSource {
        var ids: [Int]
        var count: Int { ids.count }
        func rows(in range: Range<Int>) -> [Int] { Array(ids[range]) }
        func id(of row: Int) -> Int { row }
        func index(of id: Int, near hint: Int) -> Int? { ids.firstIndex(of: id) }
    }

    @Test func aListKeepsItsSelectionOnTheRecordWhenRowsMove() throws {
        var list = ListController<Int, Int>()
        var source = Numbers(ids: [10, 20, 30, 40])
        try list.resize(viewport: 3, source: source)
        try list.move(.down, source: source)
        #expect(list.selectedID == 20)
        source.ids = [20, 10, 30, 40]   // acted on: it moved to the top
        try list.reload(source: source)
        #expect(list.selectedID == 20)
        #expect(list.state.selected == 0)
        source.ids = [10, 30, 40]        // gone: the row number stays, clamped
        try list.reload(source: source)
        #expect(list.state.selected == 0 && list.selectedID == 10)
        #expect(try list.jump(to: 40, source: source))
        #expect(list.selectedRow == 40)
        #expect(try !list.jump(to: 99, source: source))
        #expect(list.selectedRow == 40, "a failed jump leaves the selection")
    }

    @Test func aFailedLoadLeavesTheListAsItWas() throws {
        struct Broken: Error {}
        struct Failing: RowSource {
            var count: Int { 5 }
            func rows(in range: Range<Int>) throws -> [Int] { throw Broken() }
            func id(of row: Int) -> Int { row }
            func index(of id: Int, near hint: Int) -> Int? { nil }
        }
        var list = ListController<Int, Int>()
        try list.resize(viewport: 3, source: Numbers(ids: [1, 2, 3]))
        #expect(throws: Broken.self) { try list.move(.down, source: Failing()) }
        #expect(list.state.selected == 0 && list.visibleRows == [1, 2, 3])
    }

    static let body = Rect(x: 0, y: 1, width: 80, height: 22), screen = Rect(x: 0, y: 0, width: 80, height: 24)

    @Test func closingAFormWithTypedTextAsksAndNoKeepsIt() {
        var modals = ModalHost<String>()
        modals.open(.form(FormModal(Form(title: "Apply", fields: [FormField("Note", .text(TextField()))]), purpose: "apply")))
        let map = StudentAction.defaultKeyMap
        _ = modals.handle(.character("h"), keyMap: map, body: Self.body, screen: Self.screen)
        _ = modals.handle(.escape, keyMap: map, body: Self.body, screen: Self.screen)
        guard case .confirm? = modals.top else { Issue.record("no question asked"); return }
        _ = modals.handle(.character("n"), keyMap: map, body: Self.body, screen: Self.screen)
        guard case .form(let kept)? = modals.top else { Issue.record("the form went"); return }
        #expect(kept.form.fields[0].text == "h")
        if case .quit = modals.handle(.control("c"), keyMap: map, body: Self.body, screen: Self.screen) {
            Issue.record("ctrl-c over typed text quit without asking")
        }
        if case .quit = modals.handle(.character("y"), keyMap: map, body: Self.body, screen: Self.screen) {} else {
            Issue.record("yes to 'quit and discard' did not quit")
        }
    }

    @Test func closingAnUntouchedFormNeedsNoQuestion() {
        var modals = ModalHost<String>()
        modals.open(.form(FormModal(Form(title: "Apply", fields: [FormField("Note", .text(TextField("draft")))]), purpose: "apply")))
        _ = modals.handle(.escape, keyMap: StudentAction.defaultKeyMap, body: Self.body, screen: Self.screen)
        #expect(!modals.isOpen)
    }

    @Test func aFormScrollsSoTheFocusedFieldIsAlwaysOnScreen() {
        var form = Form(title: "Many", fields: (1...12).map { FormField("Field \($0)", .text(TextField())) })
        for _ in 0..<10 { form.moveFocus(by: 1) }
        var grid = CellGrid(width: 60, height: 12)
        form.draw(into: &grid, screen: Rect(x: 0, y: 0, width: 60, height: 12), hint: "enter send")
        let text = grid.text()
        #expect(text.contains("Field 11"))
        #expect(!text.contains("Field 1 "), "the first fields scrolled away")
        #expect(text.contains("↑"))
        #expect(text.contains("↓"), "Field 12 is below")
    }
}
