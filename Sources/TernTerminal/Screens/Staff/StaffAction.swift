import TernViewModels

/// Everything a key can do in the staff console (`tern triage`): the shared actions
/// (``ChromeAction``) and the console's own. Its raw value is its name in `config.toml`'s
/// `[keys.staff]`; the help overlay, the status bar and the input handler all read the same
/// ``KeyMap``. Keys are per queue, as in lazygit: `a` approves a posting in Postings and
/// records an accepted offer in Applications.
public enum StaffAction: ChromeScreenAction {
    case chrome(ChromeAction)
    // Every queue
    case applicationsQueue, postingsQueue, organizationsQueue, reportsQueue
    case nextQueue, previousQueue, refresh
    case mark, markRange, markAll
    case limit, search, views
    // Applications: one key per transition, and the rest
    case transition(StaffMove)
    case undo, note, studentRecord, organizationDecision, organizationFeedback
    // Postings
    case approvePosting, declinePosting, resubmitPosting, declinedPostings
    case newListing, editListing, closeListing, archiveListing
    // Organizations
    case approveOrganization, declineOrganization, trustOrganization
    // The limit and search line, saved views
    case keepLine, cancelLine
    case deleteView

    public var chromeAction: ChromeAction? { if case .chrome(let action) = self { action } else { nil } }

    public static let panesScope = KeyScope.staffConsole

    public static func label(of action: ChromeAction) -> String { action == .back ? "back (clears marks first)" : action.label }

    /// The Applications key for each transition.
    public init(_ move: StaffMove) { self = .transition(move) }

    /// The transition this key makes, if it is one.
    public var move: StaffMove? { if case .transition(let move) = self { move } else { nil } }

    /// Config names, labels and scopes of the console's own actions.
    public static let ownActions: [ActionInfo<StaffAction>] = [
        ActionInfo(.applicationsQueue, "applications_queue", "Applications", .staffConsole),
        ActionInfo(.postingsQueue, "postings_queue", "Postings", .staffConsole),
        ActionInfo(.organizationsQueue, "organizations_queue", "Organizations", .staffConsole),
        ActionInfo(.reportsQueue, "reports_queue", "Reports", .staffConsole),
        ActionInfo(.nextQueue, "next_queue", "next queue", .staffConsole),
        ActionInfo(.previousQueue, "previous_queue", "previous queue", .staffConsole),
        ActionInfo(.refresh, "refresh", "read again", .staffConsole),
        ActionInfo(.mark, "mark", "mark and move down", .staffConsole),
        ActionInfo(.markRange, "mark_range", "mark a range (twice)", .staffConsole),
        ActionInfo(.markAll, "mark_all", "mark all the limit shows", .staffConsole),
        ActionInfo(.limit, "limit", "limit", .staffConsole),
        ActionInfo(.search, "search", "search within", .staffConsole),
        ActionInfo(.views, "views", "saved views", .staffConsole),
    ] + StaffMove.allCases.map { move in
        ActionInfo(.transition(move), move.rawValue, move == .reject ? "reject (with a reason)" : move.label, .staffApplications)
    } + [
        ActionInfo(.undo, "undo", "undo", .staffApplications),
        ActionInfo(.note, "note", "note", .staffApplications),
        ActionInfo(.studentRecord, "student_record", "student record", .staffApplications),
        ActionInfo(.organizationDecision, "organization_decision", "organization's decision", .staffApplications),
        ActionInfo(.organizationFeedback, "organization_feedback", "organization's feedback", .staffApplications),
        ActionInfo(.approvePosting, "approve_posting", "approve", .staffPostings),
        ActionInfo(.declinePosting, "decline_posting", "decline (with a reason)", .staffPostings),
        ActionInfo(.resubmitPosting, "resubmit_posting", "resubmit (once)", .staffPostings),
        ActionInfo(.declinedPostings, "declined_postings", "waiting/declined/recently approved", .staffPostings),
        ActionInfo(.newListing, "new_listing", "new listing", .staffPostings),
        ActionInfo(.editListing, "edit_listing", "edit listing", .staffPostings),
        ActionInfo(.closeListing, "close_listing", "close listing", .staffPostings),
        ActionInfo(.archiveListing, "archive_listing", "archive listing", .staffPostings),
        ActionInfo(.approveOrganization, "approve_organization", "approve", .staffOrganizations),
        ActionInfo(.declineOrganization, "decline_organization", "decline (with a reason)", .staffOrganizations),
        ActionInfo(.trustOrganization, "trust_organization", "trust", .staffOrganizations),
        ActionInfo(.keepLine, "keep_line", "apply", .searchLine, intent: .keepSearch),
        ActionInfo(.cancelLine, "cancel_line", "cancel", .searchLine, intent: .clearSearch),
        ActionInfo(.deleteView, "delete_view", "delete (asks first)", .staffViews),
    ]
}

extension KeyScope {
    /// Every queue of the staff console.
    public static let staffConsole = KeyScope("staff console")
    public static let staffApplications = KeyScope("staff applications")
    public static let staffPostings = KeyScope("staff postings")
    public static let staffOrganizations = KeyScope("staff organizations")
    public static let staffViews = KeyScope("staff saved views")
}
