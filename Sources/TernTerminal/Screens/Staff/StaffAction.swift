import TernViewModels

/// Everything a key can do in the staff console (`tern triage`). Its raw value is its name in
/// `config.toml`'s `[keys.staff]`; the help overlay, the status bar and the input handler all
/// read the same ``KeyMap``. Keys are per queue, as in lazygit: `a` approves a posting in
/// Postings and records an accepted offer in Applications.
public enum StaffAction: String, ScreenAction {
    // Everywhere
    case moveUp = "move_up", moveDown = "move_down", top, bottom
    case pageUp = "page_up", pageDown = "page_down"
    case open, back, quit, quitNow = "quit_now", help
    // Every queue
    case nextPane = "next_pane", previousPane = "previous_pane", command
    case applicationsQueue = "applications_queue", postingsQueue = "postings_queue"
    case organizationsQueue = "organizations_queue", reportsQueue = "reports_queue"
    case nextQueue = "next_queue", previousQueue = "previous_queue", refresh
    case mark, markRange = "mark_range", markAll = "mark_all"
    case limit, search, views
    // Applications
    case review, shortlist, offer, reject, accept, start, deliver, sendBack = "send_back", complete
    case withdraw, declineOffer = "decline_offer"
    case undo, note, studentRecord = "student_record", organizationDecision = "organization_decision"
    case organizationFeedback = "organization_feedback"
    // Postings
    case approvePosting = "approve_posting", declinePosting = "decline_posting", resubmitPosting = "resubmit_posting"
    case declinedPostings = "declined_postings"
    case newListing = "new_listing", editListing = "edit_listing", closeListing = "close_listing", archiveListing = "archive_listing"
    // Organizations
    case approveOrganization = "approve_organization", declineOrganization = "decline_organization"
    case trustOrganization = "trust_organization"
    // The limit and search line, the command line, forms, confirmations, overlays
    case keepLine = "keep_line", cancelLine = "cancel_line"
    case runCommand = "run_command", cancelCommand = "cancel_command"
    case sendForm = "send_form", nextField = "next_field", previousField = "previous_field", cancelForm = "cancel_form"
    case confirmYes = "confirm_yes", confirmNo = "confirm_no", switchChoice = "switch_choice", confirmChoice = "confirm_choice"
    case deleteView = "delete_view"

    public var label: String {
        switch self {
        case .moveUp: "up"
        case .moveDown: "down"
        case .top: "top"
        case .bottom: "bottom"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .open: "open"
        case .back: "back (clears marks first)"
        case .quit: "quit"
        case .quitNow: "quit from anywhere"
        case .help: "help"
        case .nextPane: "next pane"
        case .previousPane: "previous pane"
        case .command: "command"
        case .applicationsQueue: "Applications"
        case .postingsQueue: "Postings"
        case .organizationsQueue: "Organizations"
        case .reportsQueue: "Reports"
        case .nextQueue: "next queue"
        case .previousQueue: "previous queue"
        case .refresh: "read again"
        case .mark: "mark and move down"
        case .markRange: "mark a range (twice)"
        case .markAll: "mark all the limit shows"
        case .limit: "limit"
        case .search: "search within"
        case .views: "saved views"
        case .review: "review"
        case .shortlist: "shortlist"
        case .offer: "offer"
        case .reject: "reject (with a reason)"
        case .accept: "record accepted"
        case .start: "start work"
        case .deliver: "record delivered"
        case .sendBack: "send back for revision"
        case .complete: "complete"
        case .withdraw: "record withdrawn"
        case .declineOffer: "record offer declined"
        case .undo: "undo"
        case .note: "note"
        case .studentRecord: "student record"
        case .organizationDecision: "organization's decision"
        case .organizationFeedback: "organization's feedback"
        case .approvePosting: "approve"
        case .declinePosting: "decline (with a reason)"
        case .resubmitPosting: "resubmit (once)"
        case .declinedPostings: "waiting/declined/recently approved"
        case .newListing: "new listing"
        case .editListing: "edit listing"
        case .closeListing: "close listing"
        case .archiveListing: "archive listing"
        case .approveOrganization: "approve"
        case .declineOrganization: "decline (with a reason)"
        case .trustOrganization: "trust"
        case .keepLine: "apply"
        case .cancelLine: "cancel"
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
        case .deleteView: "delete (asks first)"
        }
    }

    public var scope: KeyScope {
        switch self {
        case .moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown, .open, .back, .quit, .quitNow, .help: .global
        case .review, .shortlist, .offer, .reject, .accept, .start, .deliver, .sendBack, .complete, .withdraw, .declineOffer,
             .undo, .note, .studentRecord, .organizationDecision, .organizationFeedback: .staffApplications
        case .approvePosting, .declinePosting, .resubmitPosting, .declinedPostings, .newListing, .editListing, .closeListing,
             .archiveListing: .staffPostings
        case .approveOrganization, .declineOrganization, .trustOrganization: .staffOrganizations
        case .keepLine, .cancelLine: .searchLine
        case .runCommand, .cancelCommand: .commandLine
        case .sendForm, .nextField, .previousField, .cancelForm: .form
        case .confirmYes, .confirmNo, .switchChoice, .confirmChoice: .confirmation
        case .deleteView: .staffViews
        default: .staffConsole
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
        case .keepLine: .keepSearch
        case .cancelLine: .clearSearch
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

    /// The keys the console starts with: htop/k9s movement, mutt's marks and limit, one letter
    /// per transition.
    public static let defaultKeyMap = KeyMap<StaffAction>(bindings: [
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
        .review: [.character("r")],
        .shortlist: [.character("s")],
        .offer: [.character("o")],
        .reject: [.character("x")],
        .accept: [.character("a")],
        .start: [.character("i")],
        .deliver: [.character("d")],
        .sendBack: [.character("b")],
        .complete: [.character("c")],
        .withdraw: [.character("w")],
        .declineOffer: [.character("D")],
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
        .deleteView: [.character("d")],
    ])

    /// The help section of the limit and search line (the text field's editing keys join it).
    public static let lineHelpGroup = "On the limit or search line"

    /// The help overlay's sections, in order; every action is in one (a test holds it to that).
    public static let helpGroups: [(String, [StaffAction])] = [
        ("Move", [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom]),
        ("Queues and panes", [.applicationsQueue, .postingsQueue, .organizationsQueue, .reportsQueue, .nextQueue, .previousQueue,
                              .nextPane, .previousPane, .open, .back, .refresh]),
        ("Find and mark", [.limit, .search, .views, .mark, .markRange, .markAll, .command]),
        ("Applications", [.review, .shortlist, .offer, .reject, .accept, .start, .deliver, .sendBack, .complete, .withdraw,
                          .declineOffer, .undo, .note, .studentRecord, .organizationDecision, .organizationFeedback]),
        ("Postings", [.approvePosting, .declinePosting, .resubmitPosting, .declinedPostings, .newListing, .editListing,
                      .closeListing, .archiveListing]),
        ("Organizations", [.approveOrganization, .declineOrganization, .trustOrganization]),
        (lineHelpGroup, [.keepLine, .cancelLine]),
        ("In a form", [.sendForm, .nextField, .previousField, .cancelForm]),
        ("When asked", [.confirmYes, .confirmNo, .switchChoice, .confirmChoice]),
        ("Saved views", [.deleteView]),
        ("Command line", [.runCommand, .cancelCommand]),
        ("General", [.help, .quit, .quitNow]),
    ]

    /// The Applications key for each transition.
    public init(_ move: StaffMove) {
        self = switch move {
        case .review: .review
        case .shortlist: .shortlist
        case .offer: .offer
        case .reject: .reject
        case .accept: .accept
        case .start: .start
        case .deliver: .deliver
        case .sendBack: .sendBack
        case .complete: .complete
        case .withdraw: .withdraw
        case .declineOffer: .declineOffer
        }
    }

    /// The transition this key makes, if it is one.
    public var move: StaffMove? { StaffMove.allCases.first { StaffAction($0) == self } }
}

extension KeyScope {
    /// Every queue of the staff console.
    public static let staffConsole = KeyScope("staff console")
    public static let staffApplications = KeyScope("staff applications")
    public static let staffPostings = KeyScope("staff postings")
    public static let staffOrganizations = KeyScope("staff organizations")
    public static let staffViews = KeyScope("staff saved views")
}
