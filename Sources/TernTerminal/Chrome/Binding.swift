/// One key's work in a controller, as in lazygit: the action, what it does, when it cannot be
/// done (and why, said when it is pressed anyway), and when the key bar offers it. A screen
/// routes a key to the focused controller's bindings first; help and the key bar read the same
/// bindings, so what is offered is what works.
///
/// ```swift
/// Binding(.undo, bar: { _ in true }, disabledReason: { $0.canUndo ? nil : "nothing to undo" }) { try undo() }
/// ```
struct Binding<State, Action: Equatable, Outcome: Sendable> {
    let action: Action
    /// Whether the key bar offers it (when it is enabled) in this state.
    let bar: (State) -> Bool
    /// Why it cannot be done now, as the message shown when its key is pressed; nil when it can.
    let disabledReason: (State) -> String?
    /// Whether help lists it under its controller. A binding that only refuses (the key is
    /// another queue's, and says where it works) is left out: help lists it where it works.
    let inHelp: Bool
    let handler: () throws -> [Effect<Outcome>]

    init(_ action: Action, bar: @escaping (State) -> Bool = { _ in false },
         disabledReason: @escaping (State) -> String? = { _ in nil }, inHelp: Bool = true,
         _ handler: @escaping () throws -> [Effect<Outcome>]) {
        self.action = action
        self.bar = bar
        self.disabledReason = disabledReason
        self.inHelp = inHelp
        self.handler = handler
    }
}

extension Array {
    /// The binding for `action`, the first in the chain (the focused controller's) winning.
    func binding<State, Action, Outcome: Sendable>(for action: Action) -> Binding<State, Action, Outcome>?
        where Element == Binding<State, Action, Outcome> {
        first { $0.action == action }
    }

    /// The actions help lists for these bindings, each once, in the order bound.
    func helpActions<State, Action, Outcome: Sendable>() -> [Action] where Element == Binding<State, Action, Outcome> {
        reduce(into: [Action]()) { listed, binding in
            if binding.inHelp && !listed.contains(binding.action) { listed.append(binding.action) }
        }
    }

    /// What the key bar offers in `state`: the bindings it shows that can be done now, in order.
    func barActions<State, Action, Outcome: Sendable>(in state: State) -> [Action] where Element == Binding<State, Action, Outcome> {
        filter { $0.bar(state) && $0.disabledReason(state) == nil }.map(\.action)
    }
}
