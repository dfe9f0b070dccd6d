/// The stack of forms, confirmations and overlays over a screen's panes. The top one takes every
/// key, looked up in the screen's key map (its own scope first, then the global actions), so
/// every key a modal answers to is in the map and in `?`. It keeps what was typed from being
/// lost silently: closing a changed form, or quitting over one, asks first.
///
/// ```swift
/// var modals = ModalHost<Purpose>()
/// modals.open(.form(FormModal(form, purpose: .filters)))
/// switch modals.handle(key, keyMap: keyMap, body: body) {
/// case .submitted(let form, .filters): try apply(form); modals.closeForm()
/// default: break
/// }
/// ```
public struct ModalHost<Purpose> {
    public private(set) var stack: [Modal<Purpose>] = []

    public init() {}

    public var top: Modal<Purpose>? { stack.last }
    public var isOpen: Bool { !stack.isEmpty }

    public mutating func open(_ modal: Modal<Purpose>) { stack.append(modal) }

    /// Closes the top modal.
    public mutating func close() { if !stack.isEmpty { stack.removeLast() } }

    /// Closes the form a ``ModalResult/submitted(_:_:)`` came from.
    public mutating func closeForm() {
        if case .form? = top { stack.removeLast() }
    }

    /// Keeps the submitted form open, saying what to fix.
    public mutating func refuseForm(_ reason: String) {
        guard case .form(var modal)? = top else { return }
        modal.form.error = reason
        stack[stack.count - 1] = .form(modal)
    }

    /// Keeps the submitted form open with what was typed, saying why, and aims it at `purpose`
    /// (the record as it is now, after a refusal that said who changed it).
    public mutating func refuseForm(_ reason: String, purpose: Purpose) {
        guard case .form(var modal)? = top else { return }
        modal.form.error = reason
        modal.purpose = purpose
        stack[stack.count - 1] = .form(modal)
    }

    /// Replaces the top modal (an overlay whose rows changed).
    public mutating func replaceTop(_ modal: Modal<Purpose>) {
        if stack.isEmpty { stack.append(modal) } else { stack[stack.count - 1] = modal }
    }

    /// The scopes keys are looked up in for the top modal.
    public var scopes: [KeyScope] {
        switch top {
        case .form?: [.form]
        case .confirm?: [.confirmation, .global]
        case .list(let overlay)?: [overlay.scope, .global]
        case .text(let overlay)?: [overlay.scope, .global]
        case .help?, nil: [.global]
        }
    }

    /// Where overlays go in `body`: most of it, with a margin showing the panes underneath.
    public static func overlayArea(_ body: Rect) -> Rect {
        let width = min(body.width - 4, 100), height = body.height - 2
        return Rect(x: body.x + (body.width - width) / 2, y: body.y + 1, width: width, height: height)
    }

    // MARK: - Keys

    /// Gives `key` to the top modal. `body` is the screen's body, for page sizes and scroll limits.
    public mutating func handle<Action: ScreenAction>(_ key: Key, keyMap: KeyMap<Action>, body: Rect, screen: Rect)
        -> ModalResult<Purpose, Action> {
        guard let top else { return .handled }
        let action = keyMap.action(for: key, in: scopes)
        switch top {
        case .form(var modal):
            // Keys that edit go to the field first (enter is a line break in a cover note);
            // the others (ctrl-s, tab, esc) to the form's actions first.
            if !Self.isEditingKey(key), let intent = action?.intent { return formIntent(intent, modal) }
            if modal.form.giveToFocusedField(key) {
                replaceTop(.form(modal))
                return .handled
            }
            if let intent = action?.intent { return formIntent(intent, modal) }
            return .handled
        case .confirm(var confirmation):
            switch action?.intent {
            case .confirmYes?: return answer(confirmation)
            case .confirmNo?, .back?, .quit?: close()
            case .switchChoice?:
                confirmation.selected = 1 - confirmation.selected
                replaceTop(.confirm(confirmation))
            case .confirmChoice?:
                if confirmation.selected == 0 { return answer(confirmation) }
                close()
            case .quitNow?: return .quit
            default: break
            }
            return .handled
        case .list(var overlay):
            let rows = max(1, ListView.visibleRows(in: Self.overlayArea(body).inset(by: 1)))
            switch action?.intent {
            case .move(let move)?:
                overlay.state.apply(move, visibleRows: rows)
                replaceTop(.list(overlay))
            case .open?, .confirmChoice?:
                if overlay.state.count > 0 { return .chosen(index: overlay.state.selected, overlay.purpose) }
            case .back?, .quit?: close()
            case .quitNow?: return .quit
            case nil: if let action { return .action(action, overlay.purpose) }
            default: break
            }
            return .handled
        case .text(var overlay):
            switch action?.intent {
            case .move(let move)?:
                let inner = Self.overlayArea(body).inset(by: 1)
                let lines = TextView.layout(overlay.blocks, width: inner.width - 1).count
                overlay.scroll = Self.scrolled(overlay.scroll, by: move, lines: lines, height: inner.height)
                replaceTop(.text(overlay))
            case .back?, .quit?: close()
            case .quitNow?: return .quit
            case nil: if let action { return .action(action, overlay.purpose) }
            default: break
            }
            return .handled
        case .help(var help):
            switch action?.intent {
            case .move(let move)?:
                let (lines, height) = HelpOverlay.extent(sections: help.sections, screen: screen)
                help.scroll = Self.scrolled(help.scroll, by: move, lines: lines, height: height)
                replaceTop(.help(help))
            case .back?, .quit?, .help?: close()
            case .quitNow?: return .quit
            default: break
            }
            return .handled
        }
    }

    /// A scroll offset moved and kept within `0...lines - height`, so scrolling back never
    /// needs extra presses.
    public static func scrolled(_ scroll: Int, by move: ListMove, lines: Int, height: Int) -> Int {
        let page = max(1, height - 1)
        let moved: Int = switch move {
        case .up: scroll - 1
        case .down: scroll + 1
        case .top: 0
        case .bottom: Int.max / 2
        case .pageUp: scroll - page
        case .pageDown: scroll + page
        }
        return min(max(0, moved), max(0, lines - height))
    }

    /// Keys a text field uses to edit: never taken by the form before the field has had them.
    static func isEditingKey(_ key: Key) -> Bool {
        switch key {
        case .character, .enter, .up, .down, .left, .right, .home, .end, .backspace, .delete: true
        default: false
        }
    }

    private mutating func formIntent<Action>(_ intent: ChromeIntent, _ modal: FormModal<Purpose>) -> ModalResult<Purpose, Action> {
        var modal = modal
        switch intent {
        case .submitForm:
            // A field over its limit is said and focused here, before the screen sees the form:
            // text is sent whole or not at all.
            guard !modal.form.refuseIfOverCount() else {
                replaceTop(.form(modal))
                return .handled
            }
            return .submitted(modal.form, modal.purpose)
        case .cancelForm, .back:
            if modal.isDirty {
                open(.confirm(Confirmation(title: "Discard what you typed?", message: "Closing the form loses what you typed in it.",
                                           yes: "Discard", no: "Keep editing", answer: .discardForm)))
            } else {
                close()
            }
        case .quitNow:
            guard modal.isDirty else { return .quit }
            open(.confirm(Confirmation(title: "Quit and discard what you typed?", message: "The form is not sent yet.",
                                       yes: "Quit", no: "Keep editing", answer: .quitDiscarding)))
        case .nextField:
            modal.form.moveFocus(by: 1)
            replaceTop(.form(modal))
        case .previousField:
            modal.form.moveFocus(by: -1)
            replaceTop(.form(modal))
        default:
            break
        }
        return .handled
    }

    private mutating func answer<Action>(_ confirmation: Confirmation<Purpose>) -> ModalResult<Purpose, Action> {
        close()
        switch confirmation.answer {
        case .screen(let purpose): return .confirmed(purpose)
        case .discardForm:
            close()
            return .handled
        case .quitDiscarding: return .quit
        }
    }
}

extension ListState {
    /// Applies a list movement with `visibleRows` on screen.
    public mutating func apply(_ move: ListMove, visibleRows rows: Int) {
        switch move {
        case .up: self.move(by: -1, visibleRows: rows)
        case .down: self.move(by: 1, visibleRows: rows)
        case .top: top()
        case .bottom: bottom(visibleRows: rows)
        case .pageUp: pageUp(visibleRows: rows)
        case .pageDown: pageDown(visibleRows: rows)
        }
    }
}
