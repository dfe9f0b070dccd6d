import TernText

extension ModalHost {
    /// Draws the stack bottom to top (a confirmation shows over the form it asks about) and
    /// returns where the hardware cursor belongs: the top modal's caret or selected row. Pure:
    /// everything drawn is in the modals already. Form hints name the keys of `keyMap`.
    public func draw<Action: ScreenAction>(into grid: inout CellGrid, body: Rect, screen: Rect, keyMap: KeyMap<Action>,
                                           box: BoxStyle) -> (x: Int, y: Int)? {
        var cursor: (x: Int, y: Int)?
        for modal in stack {
            cursor = nil
            switch modal {
            case .form(let modal):
                cursor = modal.form.draw(into: &grid, screen: body, hint: Self.formHint(modal.form, keyMap: keyMap), box: box)
            case .confirm(let confirmation):
                Dialog.draw(into: &grid, screen: body, title: confirmation.title, message: confirmation.message,
                            buttons: confirmation.buttons, selected: confirmation.selected, box: box)
            case .list(let overlay):
                let inner = Pane.draw(into: &grid, area: Self.overlayArea(body), title: overlay.title, focused: true, box: box)
                let range = overlay.state.visibleRange(visibleRows: ListView.visibleRows(in: inner))
                ListView.draw(into: &grid, area: inner, columns: overlay.columns, rows: Array(overlay.rows[range]),
                              state: overlay.state, focused: true, emptyMessage: overlay.emptyMessage)
                if overlay.state.count > 0 { cursor = (inner.x, inner.y + 1 + overlay.state.selected - overlay.state.offset) }
            case .text(let overlay):
                let inner = Pane.draw(into: &grid, area: Self.overlayArea(body), title: overlay.title, focused: true, box: box)
                TextView.draw(into: &grid, area: inner, lines: TextView.layout(overlay.blocks, width: inner.width - 1), scroll: overlay.scroll)
            case .help(let help):
                HelpOverlay.draw(into: &grid, screen: screen, sections: help.sections, scroll: help.scroll)
            }
        }
        return cursor
    }

    /// "ctrl-s/enter send · tab next field · esc close", from the key map.
    static func formHint<Action: ScreenAction>(_ form: Form, keyMap: KeyMap<Action>) -> String {
        func names(_ intent: ChromeIntent) -> String {
            let action = Action.allCases.first { $0.intent == intent && $0.scope == .form }
            var keys = action.map(keyMap.keys) ?? []
            // In a cover note enter is a line break: do not offer it as the way to send.
            if intent == .submitForm, form.hasMultilineField { keys.removeAll { $0 == .enter } }
            return keys.map(\.description).joined(separator: "/")
        }
        return [(names(.submitForm), "send"), (names(.nextField), "next field"), (names(.cancelForm), "close")]
            .filter { !$0.0.isEmpty }.map { "\($0.0) \($0.1)" }.joined(separator: " · ")
    }
}
