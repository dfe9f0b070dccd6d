/// Everything a key can do on the student screen. Its raw value is its name in `config.toml`
/// (`[keys.student]`, or the older `[keys]`); the help overlay, the status bar and the input
/// handler all read the same ``KeyMap``, so what is shown is what works.
public enum StudentAction: String, ScreenAction {
    // Everywhere
    case moveUp = "move_up", moveDown = "move_down", top, bottom
    case pageUp = "page_up", pageDown = "page_down"
    case open, back, quit, quitNow = "quit_now", help
    // The panes
    case nextPane = "next_pane", previousPane = "previous_pane"
    case search, filters, command
    case clearFilters = "clear_filters", nextView = "next_view"
    case toggleSaved = "toggle_saved", saveSearch = "save_search", savedSearches = "saved_searches"
    case apply, withdraw, acceptOffer = "accept_offer", declineOffer = "decline_offer"
    case markDelivered = "mark_delivered", rateOrganization = "rate_organization", profile, updates
    // My applications
    case timelineDown = "timeline_down", timelineUp = "timeline_up"
    // The search line, the command line, forms and confirmations
    case keepSearch = "keep_search", clearSearch = "clear_search"
    case runCommand = "run_command", cancelCommand = "cancel_command"
    case sendForm = "send_form", nextField = "next_field", previousField = "previous_field", cancelForm = "cancel_form"
    case confirmYes = "confirm_yes", confirmNo = "confirm_no", switchChoice = "switch_choice", confirmChoice = "confirm_choice"
    // Overlays
    case deleteSavedSearch = "delete_saved_search", editProfile = "edit_profile"

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
        case .quitNow: "quit from anywhere"
        case .help: "help"
        case .nextPane: "next pane"
        case .previousPane: "previous pane"
        case .search: "search"
        case .filters: "filters"
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
        case .updates: "updates"
        case .timelineDown: "timeline down"
        case .timelineUp: "timeline up"
        case .keepSearch: "keep the words"
        case .clearSearch: "clear the words"
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
        case .deleteSavedSearch: "delete (asks first)"
        case .editProfile: "edit profile"
        }
    }

    public var scope: KeyScope {
        switch self {
        case .moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown, .open, .back, .quit, .quitNow, .help: .global
        case .timelineDown, .timelineUp: .myApplications
        case .keepSearch, .clearSearch: .searchLine
        case .runCommand, .cancelCommand: .commandLine
        case .sendForm, .nextField, .previousField, .cancelForm: .form
        case .confirmYes, .confirmNo, .switchChoice, .confirmChoice: .confirmation
        case .deleteSavedSearch: .savedSearches
        case .editProfile: .profile
        default: .studentPanes
        }
    }

    public var intent: ChromeIntent? {
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
        case .keepSearch: .keepSearch
        case .clearSearch: .clearSearch
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
        default: nil
        }
    }

    /// The keys Tern starts with, in the manner of lazygit, k9s and htop.
    public static let defaultKeyMap = KeyMap<StudentAction>(bindings: [
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
        .search: [.character("/")],
        .filters: [.character("f")],
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
        .updates: [.character("u")],
        .timelineDown: [.pageDown, .control("f")],
        .timelineUp: [.pageUp, .control("b")],
        .keepSearch: [.enter, .tab, .down],
        .clearSearch: [.escape],
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
        .deleteSavedSearch: [.character("d")],
        .editProfile: [.character("e")],
    ])

    /// The help overlay's sections, in order; every action is in one (a test holds it to that).
    public static let helpGroups: [(String, [StudentAction])] = [
        ("Move", [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom]),
        ("Panes", [.nextPane, .previousPane, .open, .back]),
        ("Find", [.search, .filters, .clearFilters, .nextView, .savedSearches, .saveSearch, .command]),
        ("Listing", [.apply, .toggleSaved]),
        ("My applications", [.withdraw, .acceptOffer, .declineOffer, .markDelivered, .timelineDown, .timelineUp]),
        ("Feedback", [.rateOrganization]),
        ("While searching", [.keepSearch, .clearSearch]),
        ("In a form", [.sendForm, .nextField, .previousField, .cancelForm]),
        ("When asked", [.confirmYes, .confirmNo, .switchChoice, .confirmChoice]),
        ("Saved searches", [.deleteSavedSearch]),
        ("Profile", [.editProfile]),
        ("Command line", [.runCommand, .cancelCommand]),
        ("General", [.updates, .profile, .help, .quit, .quitNow]),
    ]
}

extension StudentAction {
    /// What needs a student record: a guest is never offered these, in the key bar or in help.
    public static let needsStudentRecord: Set<StudentAction> = [
        .apply, .toggleSaved, .nextView, .savedSearches, .saveSearch, .deleteSavedSearch, .withdraw, .acceptOffer,
        .declineOffer, .markDelivered, .timelineDown, .timelineUp, .rateOrganization, .profile, .editProfile,
    ]

    /// Help for a guest: only the keys that work for them; groups left empty are left out.
    public static let guestHelpGroups: [(String, [StudentAction])] = helpGroups.compactMap { title, actions in
        let working = actions.filter { !needsStudentRecord.contains($0) }
        return working.isEmpty ? nil : (title, working)
    }
}

extension KeyScope {
    /// The student screen's panes.
    public static let studentPanes = KeyScope("student panes")
    /// My applications, where page keys scroll the selected application's timeline.
    public static let myApplications = KeyScope("my applications")
    public static let savedSearches = KeyScope("saved searches")
    public static let profile = KeyScope("profile")
}
