/// Where a key binding applies. A screen looks keys up through a chain of scopes, most specific
/// first (a confirmation, then ``global``); a key bound in a scope shadows its global meaning
/// there, so `y` can be "accept offer" on the panes and "yes" in a confirmation.
///
/// ```swift
/// keyMap.action(for: .character("y"), in: [.confirmation, .global])   // .confirmYes
/// ```
public struct KeyScope: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// Where keys type text: only keys that type nothing may be bound there, and of the global
    /// actions only the ones that quit reach it.
    public let typesText: Bool

    public init(_ name: String, typesText: Bool = false) {
        self.name = name
        self.typesText = typesText
    }

    public var description: String { name }

    /// Everywhere, unless a scope binds the key itself: moving, back, quit, help.
    public static let global = KeyScope("global")
    public static let form = KeyScope("form", typesText: true)
    public static let confirmation = KeyScope("confirmation")
    public static let searchLine = KeyScope("search line", typesText: true)
    public static let commandLine = KeyScope("command line", typesText: true)
}

/// A list movement, shared by every list and scrolling text.
public enum ListMove: Hashable, Sendable {
    case up, down, top, bottom, pageUp, pageDown
}

/// What the shared chrome (lists, panes, modals, the command line) makes of an action; nil for
/// the actions only a screen knows.
public enum ChromeIntent: Hashable, Sendable {
    case move(ListMove)
    case open, back, help, command, nextPane, previousPane
    /// Step back out of what is open; quit from the top.
    case quit
    /// Quit from anywhere (asking first when typed text would be lost).
    case quitNow
    case submitForm, cancelForm, nextField, previousField
    case confirmYes, confirmNo, switchChoice, confirmChoice
    case keepSearch, clearSearch
    case runCommand, cancelCommand
}

/// A screen's set of actions: each has a config name (its raw value), a label for the status
/// bar and help, the scope where its keys apply and, for shared ones, a chrome intent.
///
/// ```swift
/// enum KioskAction: String, ScreenAction { case moveDown = "move_down" … }
/// ```
public protocol ScreenAction: CaseIterable, Hashable, Sendable {
    /// The action's name in `config.toml`. (Not `RawRepresentable`: an enum with a payload
    /// case keeps its own `==` and hashing, never ones that go through the name.)
    var rawValue: String { get }
    init?(rawValue: String)
    var label: String { get }
    var scope: KeyScope { get }
    var intent: ChromeIntent? { get }
}

/// Which keys do which of a screen's actions: defaults in the manner of lazygit, k9s and htop,
/// with the user's overrides from `config.toml` (several keys per action). The help overlay, the
/// status bar and the input handler all read it, so what is shown is what works.
///
/// ```swift
/// var map = StudentAction.defaultKeyMap
/// map.bind(.quit, to: [.character("q"), .control("q")])
/// map.action(for: .character("j"), in: [.global])   // .moveDown
/// ```
public struct KeyMap<Action: ScreenAction>: Sendable, Equatable {
    public private(set) var bindings: [Action: [Key]]

    public init(bindings: [Action: [Key]]) {
        self.bindings = bindings
    }

    /// Replaces the keys of `action`. A key taken from another action of the same scope is
    /// removed there, so one key never means two things in one place.
    public mutating func bind(_ action: Action, to keys: [Key]) {
        for other in bindings.keys where other != action && other.scope == action.scope {
            bindings[other]?.removeAll { keys.contains($0) }
        }
        bindings[action] = keys
    }

    /// The action `key` does where the scopes apply, the first scope that binds it winning.
    /// Scopes that type text reach no further than the actions that quit.
    public func action(for key: Key, in scopes: [KeyScope]) -> Action? {
        for scope in scopes {
            if let found = bindings.first(where: { $0.key.scope == scope && $0.value.contains(key) })?.key { return found }
            if scope.typesText {
                return bindings.first { ($0.key.intent == .quitNow) && $0.value.contains(key) }?.key
            }
        }
        return nil
    }

    public func keys(for action: Action) -> [Key] { bindings[action] ?? [] }

    /// "j/down" style names for the status bar and help.
    public func keyNames(for action: Action) -> String {
        keys(for: action).map(\.description).joined(separator: "/")
    }
}
