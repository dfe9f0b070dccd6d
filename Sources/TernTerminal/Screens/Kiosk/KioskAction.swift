/// The kiosk's actions and their keys (`[keys.kiosk]` in the kiosk account's `config.toml`).
/// Letters and digits always type into the search, so every action lives in a scope where text
/// is typed: only keys that type nothing may be bound (arrows, Enter, Esc, Tab, function keys).
/// Shared names (`move_down`, `open`, `back`, …) mean what they mean on the other screens.
///
/// ```swift
/// KioskAction.defaultKeyMap.action(for: .function(10), in: [.kiosk])   // .staffPrompt
/// ```
public enum KioskAction: String, CaseIterable, ScreenAction {
    case moveUp = "move_up", moveDown = "move_down", pageUp = "page_up", pageDown = "page_down", top, bottom
    /// Read the selected listing (its detail takes the moving keys).
    case open
    /// Back to the list from the detail; on the list, clear the search and the field.
    case back
    case nextField = "next_filter", previousField = "previous_filter"
    /// The hidden staff prompt (not shown on screen).
    case staffPrompt = "staff_prompt"

    public var label: String {
        switch self {
        case .moveUp: "up"
        case .moveDown: "down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .top: "top"
        case .bottom: "bottom"
        case .open: "read"
        case .back: "back / clear"
        case .nextField: "next field"
        case .previousField: "previous field"
        case .staffPrompt: "staff prompt"
        }
    }

    public var scope: KeyScope { .kiosk }

    public var intent: ChromeIntent? {
        switch self {
        case .moveUp: .move(.up)
        case .moveDown: .move(.down)
        case .pageUp: .move(.pageUp)
        case .pageDown: .move(.pageDown)
        case .top: .move(.top)
        case .bottom: .move(.bottom)
        case .open: .open
        case .back: .back
        case .nextField, .previousField, .staffPrompt: nil
        }
    }

    public static let defaultKeyMap = KeyMap<KioskAction>(bindings: [
        .moveUp: [.up], .moveDown: [.down], .pageUp: [.pageUp], .pageDown: [.pageDown], .top: [.home], .bottom: [.end],
        .open: [.enter], .back: [.escape], .nextField: [.tab], .previousField: [.backTab], .staffPrompt: [.function(10)],
    ])
}

extension KeyScope {
    /// The kiosk: letters type into its search.
    public static let kiosk = KeyScope("kiosk", typesText: true)
}

extension KeyMap where Action == KioskAction {
    /// The first key of `action` as the kiosk's bar shows it ("↑", "Enter", "Esc").
    func shown(_ action: KioskAction) -> String {
        keys(for: action).first?.displayName ?? "?"
    }
}
