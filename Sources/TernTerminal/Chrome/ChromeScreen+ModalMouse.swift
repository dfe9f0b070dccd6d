/// The mouse over what sits on the panes: the wheel scrolls help and overlays and moves
/// between a form's fields; a click picks a row of a list overlay (a second click opens it),
/// focuses the form field under it, or presses the dialog button under it; a click beside an
/// overlay closes it, as Esc does. The same on every screen. Forms and dialogs never close on a stray click: what was
/// typed, or a question asked, stays.
extension ChromeScreen {
    func handleModalMouse(_ event: MouseEvent) throws -> [Effect<Outcome>] {
        let body = state.panes.body
        let wheel: State.Action? = switch event.kind {
        case .wheelUp: .moveUp
        case .wheelDown: .moveDown
        case .click: nil
        }
        switch state.modals.top {
        case .form(var modal)?:
            if event.kind == .click {
                guard let index = modal.form.field(atRow: event.row, column: event.column, screen: body) else { return [] }
                modal.form.focus = index
            } else {
                modal.form.moveFocus(by: event.kind == .wheelUp ? -1 : 1)
            }
            state.modals.replaceTop(.form(modal))
            return []
        case .confirm(var confirmation)?:
            guard event.kind == .click,
                  let index = Dialog.button(atColumn: event.column, row: event.row, screen: body, title: confirmation.title,
                                            message: confirmation.message, buttons: confirmation.buttons) else { return [] }
            // A click presses the button: the same path as choosing it and pressing the key.
            confirmation.selected = index
            state.modals.replaceTop(.confirm(confirmation))
            return try pressInModal(.confirmChoice)
        case .list(var overlay)?:
            if let wheel { return try pressInModal(wheel) }
            let area = ModalHost<State.Purpose>.overlayArea(body)
            guard area.contains(column: event.column, row: event.row) else { return try pressInModal(.back) }
            let inner = area.inset(by: 1)
            guard let index = ListView.index(atScreenRow: event.row, area: inner, state: overlay.state) else { return [] }
            if index == overlay.state.selected { return try pressInModal(.open) }
            overlay.state.select(index, visibleRows: ListView.visibleRows(in: inner))
            state.modals.replaceTop(.list(overlay))
            return []
        case .text?:
            if let wheel { return try pressInModal(wheel) }
            let area = ModalHost<State.Purpose>.overlayArea(body)
            return area.contains(column: event.column, row: event.row) ? [] : try pressInModal(.back)
        case .help?:
            if let wheel { return try pressInModal(wheel) }
            return []
        case nil:
            return []
        }
    }

    /// Acts as the first key bound to `action` would in the open modal.
    private func pressInModal(_ action: State.Action) throws -> [Effect<Outcome>] {
        guard let key = state.keyMap.keys(for: action).first else { return [] }
        return try handleModalKey(key)
    }
}
