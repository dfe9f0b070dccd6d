import TernCatalogue
import TernViewModels

/// What a form, confirmation or overlay on the student screen is for.
public enum StudentPurpose {
    case filters, saveSearch, editProfile
    case apply(listingID: Int64)
    case deliver(applicationID: Int64, version: Int)
    case rate(applicationID: Int64)
    /// Withdrawing or declining an offer, asked first: neither can be taken back.
    case move(StudentApplicationAction, applicationID: Int64, version: Int)
    /// The saved-searches overlay, holding the searches its rows show.
    case savedSearches([SavedSearch])
    case deleteSavedSearch(SavedSearch)
    case profile
    /// The `:help` list of commands.
    case commands
}

/// What the student screen's background tasks bring back: a search's first page, or its count.
public enum StudentOutcome: Sendable {
    case listings(ListingSearch.Result)
}

extension TaskKind {
    /// A listings query's first page; each newer query supersedes the one in flight.
    static let search = TaskKind("search")
    /// A listings query's count, after a full first page.
    static let searchCount = TaskKind("search count")
}

/// Everything the student screen draws, and nothing that can query: the view is a pure
/// function of this. The update fills it from the view models.
public struct StudentState {
    public var panes: PaneSet<StudentPane>
    public let keyMap: KeyMap<StudentAction>
    public let box: BoxStyle
    public let isGuest: Bool
    public let displayName: String
    /// The day deadlines are counted from.
    public var today: CalendarDay

    // MARK: Listings

    /// What the student typed and filtered; the view (all, for you, saved) narrows it further.
    public var query = OpportunityQuery()
    public var view: ListingView = .all
    /// The search line while `/` is active.
    public var searchLine: TextField?
    public var listingCount = 0
    public var isCounting = false
    public var listings = ListController<OpportunitySummary, Int64>()
    /// Listings the student applied to and saved, for the marks on the rows.
    public var applied: Set<Int64> = []
    public var saved: Set<Int64> = []
    /// Listings whose application the student withdrew: their rows say "withdrawn", not ✓.
    public var withdrawn: Set<Int64> = []

    // MARK: Detail

    public var detail: ListingDetail?
    public var detailScroll = 0
    /// Why the listing on screen left the list ("This listing was taken down by the career
    /// center"): its detail stays, greyed, until the student moves, and no action is aimed at
    /// the row the list selected in its place.
    public var detailNotice: String?

    // MARK: My applications

    public var applications = ListController<ApplicationOverview, Int64>()
    public var timeline: [TimelineEntry] = []
    /// Withdrawn applications the student may reopen now.
    public var reopenable: Set<Int64> = []
    /// The selected application's part below the list (timeline, what was sent) scrolls.
    public var timelineScroll = 0

    // MARK: Feedback

    public var feedback: [FeedbackViewModel.Item] = []
    public var feedbackScroll = 0

    // MARK: Over the panes

    public var modals = ModalHost<StudentPurpose>()
    public var commandPrompt: CommandPrompt?
    public var toasts = Toasts()

    public init(size: Size, keyMap: KeyMap<StudentAction>, box: BoxStyle, session: StudentSession, today: CalendarDay) {
        panes = StudentPane.paneSet(size: size)
        self.keyMap = keyMap
        self.box = box
        isGuest = session.isGuest
        displayName = session.displayName
        self.today = today
    }

    /// The search words to mark in rows and the detail.
    public var highlightTerms: [String] { query.searchTerms }

    /// The first completed micro-internship not rated yet: what `r` from Feedback rates.
    public var firstUnrated: FeedbackViewModel.Item? { feedback.first { $0.fromStudent == nil } }

    /// What the student may do to `application` now, as the state machine allows.
    public func actions(on application: Application) -> [StudentApplicationAction] {
        StudentApplicationAction.available(for: application.status, reopenable: reopenable.contains(application.id))
    }
}
