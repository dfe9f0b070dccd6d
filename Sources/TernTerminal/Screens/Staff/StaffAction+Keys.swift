import TernViewModels

extension StaffAction {
    /// The keys each transition starts with: one letter per move.
    static let moveKeys: [StaffMove: Key] = [
        .review: .character("r"), .shortlist: .character("s"), .offer: .character("o"), .reject: .character("x"),
        .accept: .character("a"), .start: .character("i"), .deliver: .character("d"), .sendBack: .character("b"),
        .complete: .character("c"), .withdraw: .character("w"), .declineOffer: .character("D"),
    ]

    /// The keys the console starts with: the shared ones (``ChromeAction/defaultKeys``), mutt's
    /// marks and limit, one letter per transition.
    public static let defaultKeyMap = keyMap([
        .applicationsQueue: [.character("1")],
        .postingsQueue: [.character("2")],
        .organizationsQueue: [.character("3")],
        .reportsQueue: [.character("4")],
        .nextQueue: [.character("]")],
        .previousQueue: [.character("[")],
        .refresh: [.control("r")],
        .mark: [.character(" ")],
        .markRange: [.character("v")],
        .markAll: [.character("*")],
        .limit: [.character("l")],
        .search: [.character("/")],
        .views: [.character("V")],
        .undo: [.character("u")],
        .note: [.character("n")],
        .studentRecord: [.character("p")],
        .organizationDecision: [.character("O")],
        .organizationFeedback: [.character("F")],
        .approvePosting: [.character("a")],
        .declinePosting: [.character("x")],
        .resubmitPosting: [.character("R")],
        .declinedPostings: [.character("t")],
        .newListing: [.character("N")],
        .editListing: [.character("e")],
        .closeListing: [.character("C")],
        .archiveListing: [.character("A")],
        .approveOrganization: [.character("a")],
        .declineOrganization: [.character("x")],
        .trustOrganization: [.character("T")],
        .keepLine: [.enter],
        .cancelLine: [.escape],
        .deleteView: [.character("d")],
    ].merging(moveKeys.map { (StaffAction($0.key), [$0.value]) }) { own, _ in own })

    /// The help section of the limit and search line (the text field's editing keys join it).
    public static let lineHelpGroup = "On the limit or search line"

    /// Help's sections for the keys no controller binds, the shared chrome's: those that come
    /// before the controllers' sections, and those after. The controllers' own come from their
    /// bindings (``TriageScreen/helpGroups``).
    static let chromeHelpGroups: (before: [(String, [StaffAction])], after: [(String, [StaffAction])]) = (
        before: [("Move", ChromeAction.moveGroup.map(chrome)), ("Panes", [.nextPane, .previousPane, .back])],
        after: [
            (lineHelpGroup, [.keepLine, .cancelLine]),
            group(ChromeAction.formGroup),
            group(ChromeAction.askedGroup),
            ("In the saved views list", [.deleteView]),
            group(ChromeAction.commandLineGroup),
            ("General", [.command, .help, .quit, .quitNow]),
        ])
}
