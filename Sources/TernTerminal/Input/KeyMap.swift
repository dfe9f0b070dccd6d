/// Everything a key can do. The help overlay, the status bar and the input handler all read
/// the same ``KeyMap``, so what is shown is what works.
public enum Action: String, CaseIterable, Sendable, Hashable {
    case moveUp = "move_up", moveDown = "move_down", top, bottom
    case pageUp = "page_up", pageDown = "page_down"
    case open, back, quit
    case nextPane = "next_pane", previousPane = "previous_pane"
    case search, filters, help, command
    case clearFilters = "clear_filters", nextView = "next_view"
    case toggleSaved = "toggle_saved", saveSearch = "save_search", savedSearches = "saved_searches"
    case apply, withdraw, acceptOffer = "accept_offer", declineOffer = "decline_offer"
    case markDelivered = "mark_delivered", rateOrganization = "rate_organization", profile

    /// Short words for the status bar and help overlay.
    public var label: String {
        switch self {
        case .moveUp: "up"
        case .moveDown: "down"
        case .top: "top"
        case .bottom: "bottom"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .open: "open"
        case .back: "back"
        case .quit: "quit"
        case .nextPane: "next pane"
        case .previousPane: "previous pane"
        case .search: "search"
        case .filters: "filters"
        case .help: "help"
        case .command: "command"
        case .clearFilters: "clear filters"
        case .nextView: "all/for you/saved"
        case .toggleSaved: "save listing"
        case .saveSearch: "save search"
        case .savedSearches: "saved searches"
        case .apply: "apply"
        case .withdraw: "withdraw"
        case .acceptOffer: "accept offer"
        case .declineOffer: "decline offer"
        case .markDelivered: "mark delivered"
        case .rateOrganization: "rate organization"
        case .profile: "profile"
        }
    }
}

/// Which keys do which action: defaults in the manner of lazygit, k9s and htop, with user
/// overrides from `config.toml` (several keys per action allowed).
///
/// ```swift
/// var map = KeyMap.defaults
/// map.bind(.quit, to: [.character("q"), .control("q")])
/// map.action(for: .character("j"))   // .moveDown
/// ```
public struct KeyMap: Sendable, Equatable {
    public private(set) var bindings: [Action: [Key]]

    public static let defaults = KeyMap(bindings: [
        .moveUp: [.character("k"), .up],
        .moveDown: [.character("j"), .down],
        .top: [.character("g"), .home],
        .bottom: [.character("G"), .end],
        .pageUp: [.pageUp, .control("b")],
        .pageDown: [.pageDown, .control("f")],
        .open: [.enter],
        .back: [.escape],
        .quit: [.character("q"), .control("c")],
        .nextPane: [.tab],
        .previousPane: [.backTab],
        .search: [.character("/")],
        .filters: [.character("f")],
        .help: [.character("?")],
        .command: [.character(":")],
        .clearFilters: [.character("x")],
        .nextView: [.character("v")],
        .toggleSaved: [.character("s")],
        .saveSearch: [.character("S")],
        .savedSearches: [.character("o")],
        .apply: [.character("a")],
        .withdraw: [.character("w")],
        .acceptOffer: [.character("y")],
        .declineOffer: [.character("n")],
        .markDelivered: [.character("d")],
        .rateOrganization: [.character("r")],
        .profile: [.character("p")],
    ])

    public init(bindings: [Action: [Key]]) {
        self.bindings = bindings
    }

    /// Replaces the keys of `action`; a key taken from another action is removed there, so one
    /// key never means two things.
    public mutating func bind(_ action: Action, to keys: [Key]) {
        for other in bindings.keys where other != action {
            bindings[other]?.removeAll { keys.contains($0) }
        }
        bindings[action] = keys
    }

    public func action(for key: Key) -> Action? {
        bindings.first { $0.value.contains(key) }?.key
    }

    public func keys(for action: Action) -> [Key] { bindings[action] ?? [] }

    /// "j/down" style names for the status bar and help.
    public func keyNames(for action: Action) -> String {
        keys(for: action).map(\.description).joined(separator: "/")
    }
}
