/// The frame every screen draws the same way around its panes: "too small" when it is, then
/// the screen's own body, the modals over it, the status bar with its keys and message, and the
/// command line on the status row when open.
///
/// ```swift
/// ChromeView.frame(state, size: size, hints: hints(state), pinned: pinned(state)) { grid, panes in drawPanes(…) }
/// ```
enum ChromeView {
    static func frame<S: ChromeState>(_ state: S, size: Size, toastBox: BoxStyle? = nil, hints: @autoclosure () -> [KeyHint],
                                      pinned: @autoclosure () -> [KeyHint],
                                      replacing: ((inout CellGrid) -> Bool)? = nil,
                                      overStatus: (inout CellGrid, PaneSet<S.Pane>) -> Void = { _, _ in },
                                      body: (inout CellGrid, PaneSet<S.Pane>) -> (x: Int, y: Int)?) -> Frame {
        var panes = state.panes
        panes.resize(to: size)
        var grid = CellGrid(width: size.width, height: size.height)
        guard panes.mode != .tooSmall else {
            TooSmall.draw(into: &grid, screen: panes.screen, minimumWidth: panes.minimum.width, minimumHeight: panes.minimum.height)
            return Frame(grid: grid)
        }
        // All the screen shows instead of itself (no longer staff): nothing else is drawn.
        if let replacing, replacing(&grid) { return Frame(grid: grid) }
        var cursor = body(&grid, panes)
        if state.modals.isOpen {
            cursor = state.modals.draw(into: &grid, body: panes.body, screen: panes.screen, keyMap: state.keyMap, box: state.box)
        }
        state.toasts.draw(into: &grid, row: panes.statusRow, width: size.width, hints: hints(), pinned: pinned(),
                          box: toastBox ?? state.box)
        overStatus(&grid, panes)
        if let prompt = state.commandPrompt {
            cursor = prompt.draw(into: &grid, row: panes.statusRow, width: size.width)
        }
        return Frame(grid: grid, cursor: cursor)
    }

    /// Each pane shown in its frame, the focused one's cursor kept.
    static func drawPanes<S: ChromeState>(_ state: S, _ panes: PaneSet<S.Pane>, into grid: inout CellGrid,
                                          title: (S.Pane) -> String,
                                          content: (S.Pane, inout CellGrid, Rect) -> (x: Int, y: Int)?) -> (x: Int, y: Int)? {
        var cursor: (x: Int, y: Int)?
        for (pane, rect) in panes.shown {
            let inner = Pane.draw(into: &grid, area: rect, title: title(pane), focused: pane == panes.focus, box: state.box)
            let paneCursor = content(pane, &grid, inner)
            if pane == panes.focus, let paneCursor { cursor = paneCursor }
        }
        return cursor
    }
}
