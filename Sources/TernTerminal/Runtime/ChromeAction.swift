/// The actions every screen shares, declared once: moving, panes, help, quitting, the command
/// line, forms and confirmations. Each screen's action enum embeds them (`case chrome(ChromeAction)`)
/// beside its own, so their config names (`move_down` in `[keys.student]` and `[keys.staff]`
/// alike), labels, scopes, intents and default keys exist in one place.
///
/// ```swift
/// StaffAction.chrome(.moveDown).rawValue   // "move_down"
/// StudentAction.moveDown == .chrome(.moveDown)
/// ```
public enum ChromeAction: String, CaseIterable, Hashable, Sendable {
    case moveUp = "move_up", moveDown = "move_down", top, bottom
    case pageUp = "page_up", pageDown = "page_down"
    case open, back, quit, quitNow = "quit_now", help
    case nextPane = "next_pane", previousPane = "previous_pane", command
    case runCommand = "run_command", cancelCommand = "cancel_command"
    case sendForm = "send_form", nextField = "next_field", previousField = "previous_field", cancelForm = "cancel_form"
    case confirmYes = "confirm_yes", confirmNo = "confirm_no", switchChoice = "switch_choice", confirmChoice = "confirm_choice"

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
        case .quitNow: "quit from anywhere"
        case .help: "help"
        case .nextPane: "next pane"
        case .previousPane: "previous pane"
        case .command: "command"
        case .runCommand: "run the command"
        case .cancelCommand: "close the command line"
        case .sendForm: "send"
        case .nextField: "next field"
        case .previousField: "previous field"
        case .cancelForm: "close (asks if you typed)"
        case .confirmYes: "yes"
        case .confirmNo: "no"
        case .switchChoice: "switch button"
        case .confirmChoice: "press the chosen button"
        }
    }

    /// Where its keys apply; nil for the pane actions (next pane, command), which live in the
    /// embedding screen's panes scope.
    public var scope: KeyScope? {
        switch self {
        case .moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown, .open, .back, .quit, .quitNow, .help: .global
        case .nextPane, .previousPane, .command: nil
        case .runCommand, .cancelCommand: .commandLine
        case .sendForm, .nextField, .previousField, .cancelForm: .form
        case .confirmYes, .confirmNo, .switchChoice, .confirmChoice: .confirmation
        }
    }

    public var intent: ChromeIntent {
        switch self {
        case .moveUp: .move(.up)
        case .moveDown: .move(.down)
        case .top: .move(.top)
        case .bottom: .move(.bottom)
        case .pageUp: .move(.pageUp)
        case .pageDown: .move(.pageDown)
        case .open: .open
        case .back: .back
        case .quit: .quit
        case .quitNow: .quitNow
        case .help: .help
        case .nextPane: .nextPane
        case .previousPane: .previousPane
        case .command: .command
        case .runCommand: .runCommand
        case .cancelCommand: .cancelCommand
        case .sendForm: .submitForm
        case .nextField: .nextField
        case .previousField: .previousField
        case .cancelForm: .cancelForm
        case .confirmYes: .confirmYes
        case .confirmNo: .confirmNo
        case .switchChoice: .switchChoice
        case .confirmChoice: .confirmChoice
        }
    }

    /// The keys every screen starts with, in the manner of lazygit, k9s and htop.
    public static let defaultKeys: [ChromeAction: [Key]] = [
        .moveUp: [.character("k"), .up],
        .moveDown: [.character("j"), .down],
        .top: [.character("g"), .home],
        .bottom: [.character("G"), .end],
        .pageUp: [.pageUp, .control("b")],
        .pageDown: [.pageDown, .control("f")],
        .open: [.enter],
        .back: [.escape],
        .quit: [.character("q")],
        .quitNow: [.control("c")],
        .help: [.character("?")],
        .nextPane: [.tab],
        .previousPane: [.backTab],
        .command: [.character(":")],
        .runCommand: [.enter],
        .cancelCommand: [.escape],
        .sendForm: [.control("s"), .enter],
        .nextField: [.tab, .down],
        .previousField: [.backTab, .up],
        .cancelForm: [.escape],
        .confirmYes: [.character("y"), .character("Y")],
        .confirmNo: [.character("n"), .character("N")],
        .switchChoice: [.left, .right, .tab, .character("h"), .character("l")],
        .confirmChoice: [.enter],
    ]

    /// Help sections every screen has, in its own place among the screen's sections.
    public static let moveGroup: [ChromeAction] = [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom]
    public static let formGroup: (String, [ChromeAction]) = ("In a form", [.sendForm, .nextField, .previousField, .cancelForm])
    public static let askedGroup: (String, [ChromeAction]) = ("When asked", [.confirmYes, .confirmNo, .switchChoice, .confirmChoice])
    public static let commandLineGroup: (String, [ChromeAction]) = ("Command line", [.runCommand, .cancelCommand])
}

/// One of a screen's own actions: its config name, label and scope. A screen lists them in a
/// table (``ChromeScreenAction/ownActions``); the shared actions come from ``ChromeAction``.
///
/// ```swift
/// ActionInfo(.filters, "filters", "filters", .studentPanes)
/// ```
public struct ActionInfo<Action: Sendable>: Sendable {
    public let action: Action
    public let name: String
    public let label: String
    public let scope: KeyScope
    public let intent: ChromeIntent?

    public init(_ action: Action, _ name: String, _ label: String, _ scope: KeyScope, intent: ChromeIntent? = nil) {
        self.action = action
        self.name = name
        self.label = label
        self.scope = scope
        self.intent = intent
    }
}

/// A screen's action enum that embeds the shared ``ChromeAction``s: `case chrome(ChromeAction)`
/// beside its own cases, listed once in ``ownActions``. Names, labels, scopes, intents and every
/// case come from the two.
public protocol ChromeScreenAction: ScreenAction {
    static func chrome(_ action: ChromeAction) -> Self
    /// The shared action this is, if it is one.
    var chromeAction: ChromeAction? { get }
    /// The screen's own actions, in order.
    static var ownActions: [ActionInfo<Self>] { get }
    /// The scope of the pane actions (next pane, command): the screen's panes.
    static var panesScope: KeyScope { get }
    /// A shared action's label where the screen says more ("back (clears marks first)").
    static func label(of action: ChromeAction) -> String
}

extension ChromeScreenAction {
    public static func label(of action: ChromeAction) -> String { action.label }

    private var info: ActionInfo<Self>? { Self.ownActions.first { $0.action == self } }

    public init?(rawValue: String) {
        if let chrome = ChromeAction(rawValue: rawValue) {
            self = .chrome(chrome)
        } else if let own = Self.ownActions.first(where: { $0.name == rawValue }) {
            self = own.action
        } else {
            return nil
        }
    }

    public var rawValue: String { chromeAction?.rawValue ?? info?.name ?? "" }

    public static var allCases: [Self] { ChromeAction.allCases.map(Self.chrome) + ownActions.map(\.action) }

    public var label: String { chromeAction.map(Self.label(of:)) ?? info?.label ?? "" }

    public var scope: KeyScope {
        if let chromeAction { return chromeAction.scope ?? Self.panesScope }
        return info?.scope ?? Self.panesScope
    }

    public var intent: ChromeIntent? { chromeAction?.intent ?? info?.intent }

    /// The default key map: the shared keys, then the screen's own.
    static func keyMap(_ own: [Self: [Key]]) -> KeyMap<Self> {
        var bindings = Dictionary(uniqueKeysWithValues: ChromeAction.defaultKeys.map { (Self.chrome($0.key), $0.value) })
        bindings.merge(own) { _, screen in screen }
        return KeyMap(bindings: bindings)
    }

    /// A shared help group as this screen's actions.
    static func group(_ group: (String, [ChromeAction])) -> (String, [Self]) { (group.0, group.1.map(Self.chrome)) }

    // The shared actions by name, so `.moveDown` reads as it always has.
    public static var moveUp: Self { .chrome(.moveUp) }
    public static var moveDown: Self { .chrome(.moveDown) }
    public static var top: Self { .chrome(.top) }
    public static var bottom: Self { .chrome(.bottom) }
    public static var pageUp: Self { .chrome(.pageUp) }
    public static var pageDown: Self { .chrome(.pageDown) }
    public static var open: Self { .chrome(.open) }
    public static var back: Self { .chrome(.back) }
    public static var quit: Self { .chrome(.quit) }
    public static var quitNow: Self { .chrome(.quitNow) }
    public static var help: Self { .chrome(.help) }
    public static var nextPane: Self { .chrome(.nextPane) }
    public static var previousPane: Self { .chrome(.previousPane) }
    public static var command: Self { .chrome(.command) }
    public static var runCommand: Self { .chrome(.runCommand) }
    public static var cancelCommand: Self { .chrome(.cancelCommand) }
    public static var sendForm: Self { .chrome(.sendForm) }
    public static var nextField: Self { .chrome(.nextField) }
    public static var previousField: Self { .chrome(.previousField) }
    public static var cancelForm: Self { .chrome(.cancelForm) }
    public static var confirmYes: Self { .chrome(.confirmYes) }
    public static var confirmNo: Self { .chrome(.confirmNo) }
    public static var switchChoice: Self { .chrome(.switchChoice) }
    public static var confirmChoice: Self { .chrome(.confirmChoice) }
}
