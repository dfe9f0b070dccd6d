/// Everything a key can do on the student screen: the shared actions (``ChromeAction``) and the
/// screen's own. Its raw value is its name in `config.toml` (`[keys.student]`, or the older
/// `[keys]`); the help overlay, the status bar and the input handler all read the same
/// ``KeyMap``, so what is shown is what works.
public enum StudentAction: ChromeScreenAction {
    case chrome(ChromeAction)
    // The panes
    case search, filters, clearFilters, nextView
    case toggleSaved, saveSearch, savedSearches
    case apply, withdraw, acceptOffer, declineOffer
    case markDelivered, rateOrganization, profile, updates
    // My applications
    case timelineDown, timelineUp
    // The search line
    case keepSearch, clearSearch
    // Overlays
    case deleteSavedSearch, editProfile

    public var chromeAction: ChromeAction? { if case .chrome(let action) = self { action } else { nil } }

    public static let panesScope = KeyScope.studentPanes

    /// Config names, short words for the status bar and help, and where the keys apply.
    public static let ownActions: [ActionInfo<StudentAction>] = [
        ActionInfo(.search, "search", "search", .studentPanes),
        ActionInfo(.filters, "filters", "filters", .studentPanes),
        ActionInfo(.clearFilters, "clear_filters", "clear filters", .studentPanes),
        ActionInfo(.nextView, "next_view", "all/for you/saved", .studentPanes),
        ActionInfo(.toggleSaved, "toggle_saved", "save listing", .studentPanes),
        ActionInfo(.saveSearch, "save_search", "save search", .studentPanes),
        ActionInfo(.savedSearches, "saved_searches", "saved searches", .studentPanes),
        ActionInfo(.apply, "apply", "apply", .studentPanes),
        ActionInfo(.withdraw, "withdraw", "withdraw", .studentPanes),
        ActionInfo(.acceptOffer, "accept_offer", "accept offer", .studentPanes),
        ActionInfo(.declineOffer, "decline_offer", "decline offer", .studentPanes),
        ActionInfo(.markDelivered, "mark_delivered", "mark delivered", .studentPanes),
        ActionInfo(.rateOrganization, "rate_organization", "rate organization", .studentPanes),
        ActionInfo(.profile, "profile", "profile", .studentPanes),
        ActionInfo(.updates, "updates", "updates", .studentPanes),
        ActionInfo(.timelineDown, "timeline_down", "timeline down", .myApplications),
        ActionInfo(.timelineUp, "timeline_up", "timeline up", .myApplications),
        ActionInfo(.keepSearch, "keep_search", "keep the words", .searchLine, intent: .keepSearch),
        ActionInfo(.clearSearch, "clear_search", "clear the words", .searchLine, intent: .clearSearch),
        ActionInfo(.deleteSavedSearch, "delete_saved_search", "delete (asks first)", .savedSearches),
        ActionInfo(.editProfile, "edit_profile", "edit profile", .profile),
    ]

    /// The keys Tern starts with, in the manner of lazygit, k9s and htop: the shared ones
    /// (``ChromeAction/defaultKeys``) and these.
    public static let defaultKeyMap = keyMap([
        .search: [.character("/")],
        .filters: [.character("f")],
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
        .deleteSavedSearch: [.character("d")],
        .editProfile: [.character("e")],
    ])

    /// The help overlay's sections, in order; every action is in one (a test holds it to that).
    public static let helpGroups: [(String, [StudentAction])] = [
        ("Move", ChromeAction.moveGroup.map(chrome)),
        ("Panes", [.nextPane, .previousPane, .open, .back]),
        ("Find", [.search, .filters, .clearFilters, .nextView, .savedSearches, .saveSearch, .command]),
        ("Listing", [.apply, .toggleSaved]),
        ("My applications", [.withdraw, .acceptOffer, .declineOffer, .markDelivered, .timelineDown, .timelineUp]),
        ("Feedback", [.rateOrganization]),
        ("While searching", [.keepSearch, .clearSearch]),
        group(ChromeAction.formGroup),
        group(ChromeAction.askedGroup),
        ("Saved searches", [.deleteSavedSearch]),
        ("Profile", [.editProfile]),
        group(ChromeAction.commandLineGroup),
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
