import TernStore
import TernViewModels

/// What a form, confirmation or overlay on the student screen is for.
public enum StudentPurpose: Sendable {
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
    /// What changed for the student since they last looked.
    case updates
}

/// Everything the student screen draws, and nothing that can query: the view is a pure
/// function of this. The update fills it from the results of its background tasks.
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
    /// The listings read so far of the search shown; the list draws from these.
    public var pages = ListingPages()
    /// A move that waits for its page to be read.
    public var pendingMove: ListMove?
    /// The first page of listings has arrived.
    public var loaded = false
    /// The reads the first frame waits for, so that it is drawn whole (the list, the selected
    /// listing's detail, My applications and its timeline, the unread count); until they are
    /// in, the screen stays blank.
    public var starting: Set<TaskKind> = [.search]
    /// Listings the student applied to and saved, for the marks on the rows.
    public var applied: Set<Int64> = []
    public var saved: Set<Int64> = []
    /// Listings whose application the student withdrew: their rows say "withdrawn", not ✓.
    public var withdrawn: Set<Int64> = []
    /// The saved search just opened and when the student had last opened it before: its rows
    /// posted since are marked new while the list still shows that search.
    public var newMatches: (query: OpportunityQuery, since: String)?

    // MARK: Detail

    public var detail: ListingDetail?
    /// The listing selected whose detail is being read: actions on the detail wait for it.
    public var detailPending: Int64?
    /// An action on the detail pressed while it was being read: taken when it arrives.
    public var actionAfterDetail: StudentAction?
    public var detailScroll = 0
    /// Why the listing on screen left the list ("This listing was taken down by the career
    /// center"): its detail stays, greyed, until the student moves, and no action is aimed at
    /// the row the list selected in its place.
    public var detailNotice: String?

    // MARK: My applications

    /// The student's applications, newest activity first: the rows of My applications.
    public var myApplications: [ApplicationOverview] = []
    public var applications = ListController<ApplicationOverview, Int64>()
    public var timeline: [TimelineEntry] = []
    /// Withdrawn applications the student may reopen now.
    public var reopenable: Set<Int64> = []
    /// The selected application's part below the list (timeline, what was sent) scrolls.
    public var timelineScroll = 0

    // MARK: Feedback

    public var feedback: [FeedbackViewModel.Item] = []
    public var feedbackScroll = 0

    // MARK: Updates

    /// What changed for the student, newest first; the header counts the unread.
    public var updates = StudentUpdates()

    // MARK: Saved searches and profile

    /// The saved searches as last read (their overlay lists these).
    public var savedSearches: [SavedSearch] = []
    /// The profile, portfolio and disclosures as last read (their overlay shows these).
    public var profile = StudentProfile()

    // MARK: Writes

    /// The write on its way, if any.
    public var writing: PendingWrite?

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
        if !session.isGuest { starting.formUnion([.records, .updates]) }
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
