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

    /// The help overlay's sections, in order; every action is in one (a test holds it to that).
    public static let helpGroups: [(String, [StaffAction])] = [
        ("Move", ChromeAction.moveGroup.map(chrome)),
        ("Queues and panes", [.applicationsQueue, .postingsQueue, .organizationsQueue, .reportsQueue, .nextQueue, .previousQueue,
                              .nextPane, .previousPane, .open, .back, .refresh]),
        ("Find and mark", [.limit, .search, .views, .mark, .markRange, .markAll, .command]),
        ("Applications", StaffMove.allCases.map(transition) + [.undo, .note, .studentRecord, .organizationDecision, .organizationFeedback]),
        ("Postings", [.approvePosting, .declinePosting, .resubmitPosting, .declinedPostings, .newListing, .editListing,
                      .closeListing, .archiveListing]),
        ("Organizations", [.approveOrganization, .declineOrganization, .trustOrganization]),
        (lineHelpGroup, [.keepLine, .cancelLine]),
        group(ChromeAction.formGroup),
        group(ChromeAction.askedGroup),
        ("Saved views", [.deleteView]),
        group(ChromeAction.commandLineGroup),
        ("General", [.help, .quit, .quitNow]),
    ]
}
