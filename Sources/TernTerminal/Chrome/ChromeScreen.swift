/// What the shared chrome reads and writes of a screen's state: its panes, keys, modals, command
/// line and messages.
protocol ChromeState {
    associatedtype Action: ChromeScreenAction
    associatedtype Purpose
    associatedtype Pane: PaneIdentity
    var panes: PaneSet<Pane> { get set }
    var keyMap: KeyMap<Action> { get }
    var box: BoxStyle { get }
    var modals: ModalHost<Purpose> { get set }
    var commandPrompt: CommandPrompt? { get set }
    var toasts: Toasts { get set }
}

/// A screen on the shared chrome: one dispatch chain for every screen (too small, modal, command
/// line, text line, mouse, panes), with hooks where a screen does its own thing. A key goes to
/// the first of these that is open; on the panes it goes to the screen's own action first
/// (``screenAction(_:)``), then to what the chrome does with the shared actions.
///
/// ```swift
/// extension StudentScreen: ChromeScreen { … }
/// case .key(let key): return try chromeHandle(key)
/// ```
protocol ChromeScreen: Screen where State: ChromeState {
    var state: State { get set }
    /// The `:` commands, for `:help` and the command line alike.
    var commands: [Command<Self>] { get }
    /// What `:help` opens its list of commands for.
    static var commandsPurpose: State.Purpose { get }
    /// The pane `q` quits from (elsewhere it steps back to it).
    static var homePane: State.Pane { get }

    /// A key before the chain (the console holds keys while a limit is applied); nil goes on.
    func interceptKey(_ key: Key) throws -> [Effect<Outcome>]?
    /// The one-line editor over the panes (search, limit), when open, takes the keys.
    var textLineIsOpen: Bool { get }
    func handleTextLineKey(_ key: Key) throws -> [Effect<Outcome>]
    /// Where keys are looked up on the panes, most specific first.
    var paneScopes: [KeyScope] { get }
    /// The screen's own meaning of `action` on the panes; nil leaves it to the chrome.
    func screenAction(_ action: State.Action) throws -> [Effect<Outcome>]?
    var helpSections: [HelpSection] { get }
    /// Moves the focused pane's list, or scrolls its text.
    func moveFocused(_ move: ListMove) throws
    func open() throws -> [Effect<Outcome>]
    func back() throws -> [Effect<Outcome>]
    /// `q` away from the home pane.
    func returnHome() throws -> [Effect<Outcome>]
    func quit() -> [Effect<Outcome>]

    func submit(_ form: Form, _ purpose: State.Purpose) throws -> [Effect<Outcome>]
    /// A form that could not be sent: by default it stays open and says why.
    func formRefused(_ error: any Error, _ purpose: State.Purpose) throws -> [Effect<Outcome>]
    func confirmed(_ purpose: State.Purpose) throws -> [Effect<Outcome>]
    func chosen(_ index: Int, _ purpose: State.Purpose) throws -> [Effect<Outcome>]
    func modalAction(_ action: State.Action, _ purpose: State.Purpose) throws -> [Effect<Outcome>]

    /// A click on a pane (already focused) and the wheel over one.
    func clickPane(_ pane: State.Pane, inner: Rect, event: MouseEvent) throws -> [Effect<Outcome>]
    func wheel(_ pane: State.Pane, inner: Rect, event: MouseEvent, move: ListMove) throws -> [Effect<Outcome>]
}

extension ChromeScreen {
    func interceptKey(_ key: Key) throws -> [Effect<Outcome>]? { nil }
    func quit() -> [Effect<Outcome>] { [.quit] }
    func returnHome() throws -> [Effect<Outcome>] {
        state.panes.focus = Self.homePane
        return []
    }

    func formRefused(_ error: any Error, _ purpose: State.Purpose) throws -> [Effect<Outcome>] {
        state.modals.refuseForm("\(error)")
        return []
    }

    /// A key: to the modal on top, else the command line or the text line when open, else the
    /// mouse or the focused pane. Every key is looked up in the screen's key map.
    func chromeHandle(_ key: Key) throws -> [Effect<Outcome>] {
        state.toasts.clear()
        guard state.panes.mode != .tooSmall else {
            // Nothing is on screen to act on: a key acted on unseen would surprise. Only
            // quitting works, so there is always a way out.
            return state.keyMap.action(for: key, in: [.global])?.intent == .quitNow ? quit() : []
        }
        if let intercepted = try interceptKey(key) { return intercepted }
        if state.modals.isOpen {
            if case .mouse(let event) = key { return try handleModalMouse(event) }
            return try handleModalKey(key)
        }
        if state.commandPrompt != nil { return try handleCommandKey(key) }
        if textLineIsOpen { return try handleTextLineKey(key) }
        if case .mouse(let event) = key { return try handleMouse(event) }
        return try handlePaneKey(key)
    }

    /// The toast's timer: a message lives once.
    func chromeTick(_ timer: TimerID) -> [Effect<Outcome>] {
        guard timer == Toasts.timer else { return [] }
        state.toasts.clear()
        return [.stopTimer(Toasts.timer)]
    }

    private func handlePaneKey(_ key: Key) throws -> [Effect<Outcome>] {
        guard let action = state.keyMap.action(for: key, in: paneScopes) else { return [] }
        if let effects = try screenAction(action) { return effects }
        guard let chrome = action.chromeAction else { return [] }
        switch chrome {
        case .quit:
            // q steps back out of a pane first; on the home pane it quits.
            return state.panes.focus == Self.homePane ? quit() : try returnHome()
        case .quitNow: return quit()
        case .back: return try back()
        case .open: return try open()
        case .help: state.modals.open(.help(HelpModal(sections: helpSections)))
        case .nextPane: state.panes.focusNext()
        case .previousPane: state.panes.focusPrevious()
        case .command: state.commandPrompt = CommandPrompt()
        default:
            if case .move(let direction) = chrome.intent { try moveFocused(direction) }
        }
        return []
    }

    // MARK: - The command line

    private func handleCommandKey(_ key: Key) throws -> [Effect<Outcome>] {
        guard var prompt = state.commandPrompt else { return [] }
        switch prompt.handle(key, keyMap: state.keyMap) {
        case .editing:
            state.commandPrompt = prompt
            return []
        case .cancelled:
            state.commandPrompt = nil
            return []
        case .quit:
            return quit()
        case .run(let verb, let rest):
            state.commandPrompt = nil
            guard let command = commands.first(where: { $0.matches(verb) }) else {
                // Never a fall-through: an unknown command does nothing but say so.
                return state.toasts.show("unknown command “\(verb)” — :help lists the commands", isError: true)
            }
            return try command.handler(self, rest)
        }
    }

    /// `:help`: the commands, generated from the same table the command line runs.
    func showCommands() -> [Effect<Outcome>] {
        state.modals.open(.text(TextOverlay(title: "Commands", blocks: commands.map(\.helpLine), purpose: Self.commandsPurpose)))
        return []
    }

    // MARK: - Modals

    func handleModalKey(_ key: Key) throws -> [Effect<Outcome>] {
        switch state.modals.handle(key, keyMap: state.keyMap, body: state.panes.body, screen: state.panes.screen) {
        case .handled:
            return []
        case .quit:
            return quit()
        case .submitted(let form, let purpose):
            do {
                return try submit(form, purpose)
            } catch {
                return try formRefused(error, purpose)
            }
        case .confirmed(let purpose):
            return try confirmed(purpose)
        case .chosen(let index, let purpose):
            return try chosen(index, purpose)
        case .action(let action, let purpose):
            return try modalAction(action, purpose)
        }
    }

    // MARK: - Mouse on the panes

    /// A click focuses the pane under it (or its tab) and lets the screen select what it landed
    /// on; the wheel scrolls what is under it, leaving the focus where it was.
    private func handleMouse(_ event: MouseEvent) throws -> [Effect<Outcome>] {
        guard let hit = state.panes.hit(column: event.column, row: event.row) else { return [] }
        switch hit {
        case .tab(let pane):
            if event.kind == .click { state.panes.focus = pane }
            return []
        case .pane(let pane, let rect):
            switch event.kind {
            case .click:
                state.panes.focus = pane
                return try clickPane(pane, inner: rect.inset(by: 1), event: event)
            case .wheelUp, .wheelDown:
                return try wheel(pane, inner: rect.inset(by: 1), event: event, move: event.kind == .wheelUp ? .up : .down)
            }
        }
    }
}
