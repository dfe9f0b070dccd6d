import Foundation
import TernCatalogue
import TernViewModels

/// The student's screen on the shared runtime: listings and their detail, My applications,
/// Feedback. Keys, resizes, the catalogue's changes and search results come in as events; the
/// update reads the view models into ``StudentState``; ``view(_:size:)`` draws that state and
/// nothing else. Searching runs as a background task, each keystroke superseding the last.
///
/// ```swift
/// let screen = try StudentScreen(catalogue: catalogue, session: session, keyMap: config.studentKeys)
/// let outcome = Loop(screen: screen, backend: backend, changeFeed: feed).run()
/// ```
public final class StudentScreen: Screen {
    public typealias Outcome = StudentOutcome

    public internal(set) var state: StudentState

    let catalogue: Catalogue
    let session: StudentSession
    let listings: ListingsViewModel
    let detail: DetailViewModel
    let applications: ApplicationsViewModel
    let feedback: FeedbackViewModel
    let applying: ApplyViewModel
    let profile: ProfileViewModel
    let savedSearches: SavedSearchesViewModel
    let marks: ListingMarks
    let today: () -> CalendarDay
    let now: () -> Date

    /// `today` and `now` are injectable so that tests see the same deadlines every day.
    public init(catalogue: Catalogue, session: StudentSession, keyMap: KeyMap<StudentAction> = StudentAction.defaultKeyMap,
                box: BoxStyle = .line, today: @escaping () -> CalendarDay = { CalendarDay(Date()) },
                now: @escaping () -> Date = Date.init) throws {
        self.catalogue = catalogue
        self.session = session
        self.today = today
        self.now = now
        listings = ListingsViewModel(catalogue: catalogue, today: today)
        detail = DetailViewModel(catalogue: catalogue, session: session, today: today)
        applications = ApplicationsViewModel(catalogue: catalogue, session: session, now: now)
        feedback = FeedbackViewModel(catalogue: catalogue, session: session)
        applying = ApplyViewModel(catalogue: catalogue, session: session, now: now)
        profile = ProfileViewModel(catalogue: catalogue, session: session)
        savedSearches = SavedSearchesViewModel(catalogue: catalogue, session: session, today: today)
        marks = ListingMarks(catalogue: catalogue, session: session)
        state = StudentState(size: Size(width: 0, height: 0), keyMap: keyMap, box: box, session: session, today: today())
        // The first frame is drawn whole: the first page and count are read here, not later.
        try listings.setQuery(effectiveQuery)
        try state.listings.reset(source: listings)
        state.listingCount = listings.count
        try reloadStudentRecords()
        try state.applications.reset(source: applicationRows)
        try showSelectedListing()
        try showSelectedApplication()
        state.updates = try StudentUpdates.read(catalogue: catalogue, session: session, today: today(), now: now())
    }

    public func update(_ event: Event<StudentOutcome>) -> [Effect<StudentOutcome>] {
        do {
            switch event {
            case .resize(let size):
                try resize(to: size)
                return []
            case .key(let key):
                return try chromeHandle(key)
            case .tick(let timer):
                return chromeTick(timer)
            case .catalogueChanged:
                return try reload()
            case .taskFinished(let kind, .listings(let result)):
                return try show(result, counted: kind == .searchCount)
            case .taskFinished(_, .updates(let updates, let markedRead, let failure)):
                return show(updates, markedRead: markedRead, failure: failure)
            }
        } catch {
            // A catalogue error while acting on an event is shown, never swallowed; what the
            // screen shows stays as it was.
            return state.toasts.show("\(error)", isError: true)
        }
    }

    /// Shows the first of `warnings` (a bad config file, a theme that did not load) until the
    /// next key: said on the screen, never on stderr under it.
    public func warn(_ warnings: [String]) {
        if let first = warnings.first { _ = state.toasts.show(first, isError: true) as [Effect<StudentOutcome>] }
    }

    public static func view(_ state: StudentState, size: Size) -> Frame {
        StudentView.frame(state, size: size)
    }

    // MARK: - Size

    func resize(to size: Size) throws {
        state.panes.resize(to: size)
        guard state.panes.mode != .tooSmall else { return }
        let (listing, application) = (state.listings.selectedID, state.applications.selectedID)
        try state.listings.resize(viewport: listingViewport, source: listings)
        try state.applications.resize(viewport: applicationViewport, source: applicationRows)
        if state.listings.selectedID != listing { try showSelectedListing() }
        if state.applications.selectedID != application { try showSelectedApplication() }
        clampScrolls()
    }

    /// My applications as a list source: the student's applications, held in memory.
    var applicationRows: InMemoryRows<ApplicationOverview, Int64> { InMemoryRows(applications.applications, id: \.id) }

    var listingViewport: Int {
        ListView.visibleRows(in: StudentLayout.listingList(state.panes.area(of: .listings).inset(by: 1)))
    }

    var applicationViewport: Int {
        ListView.visibleRows(in: StudentLayout.applicationList(state.panes.area(of: .applications).inset(by: 1)))
    }

    /// Keeps each scrolling text within its lines, so scrolling back never takes extra presses.
    func clampScrolls() {
        state.detailScroll = min(state.detailScroll, maximumScroll(.detail))
        state.feedbackScroll = min(state.feedbackScroll, maximumScroll(.feedback))
        state.timelineScroll = min(state.timelineScroll, maximumScroll(.applications))
    }

    /// How far a pane's text can scroll at the current size.
    func maximumScroll(_ pane: StudentPane) -> Int {
        let (lines, height) = textExtent(pane)
        return max(0, lines - height)
    }

    /// The lines of a pane's scrolling text and the rows it has, as the view lays them out.
    func textExtent(_ pane: StudentPane) -> (lines: Int, height: Int) {
        let inner = state.panes.area(of: pane).inset(by: 1)
        let area = pane == .applications ? StudentLayout.applicationDetail(inner) : inner
        let blocks = StudentView.textBlocks(pane, state)
        return (TextView.layout(blocks, width: area.width - 1).count, area.height)
    }

    // MARK: - Reading the view models into the state

    /// Another process committed: everything is read again, selections kept by record.
    func reload() throws -> [Effect<StudentOutcome>] {
        try reloadStudentRecords()
        try state.applications.reload(source: applicationRows)
        try showSelectedApplication(keepingScroll: true)
        try refreshDetail()
        try refreshProfileOverlay()
        return requery() + rereadUpdates()
    }

    /// The profile overlay shows the profile as it is now, after an edit made elsewhere.
    func refreshProfileOverlay() throws {
        guard case .text(let overlay)? = state.modals.top, overlay.scope == .profile else { return }
        try profile.reload()
        var fresh = profileOverlay()
        fresh.scroll = overlay.scroll
        state.modals.replaceTop(.text(fresh))
    }

    /// The student's own records: applications, feedback, the marks on listing rows.
    func reloadStudentRecords() throws {
        try applications.reload()
        try feedback.reload()
        try marks.reload()
        state.feedback = feedback.items
        state.applied = marks.applied
        state.saved = marks.saved
        state.withdrawn = marks.withdrawn
        state.reopenable = applications.reopenable
    }

    /// The detail pane follows the listings' selection.
    func showSelectedListing() throws {
        try showListing(state.listings.selectedID, keepingScroll: false)
    }

    func showListing(_ id: Int64?, keepingScroll: Bool) throws {
        let same = id != nil && id == state.detail?.opportunity.id
        try detail.show(id)
        state.detail = detail.detail
        state.detailNotice = nil
        if !(same && keepingScroll) { state.detailScroll = 0 }
        state.detailScroll = min(state.detailScroll, maximumScroll(.detail))
    }

    /// The part below My applications follows its selection, newest event first.
    func showSelectedApplication(keepingScroll: Bool = false) throws {
        let index = state.applications.selectedID.flatMap { id in applications.applications.firstIndex { $0.id == id } }
        let before = state.timeline
        try applications.select(index)
        state.timeline = applications.timeline
        if !keepingScroll || before != state.timeline { state.timelineScroll = 0 }
        state.timelineScroll = min(state.timelineScroll, maximumScroll(.applications))
    }

    /// After the student acted on an application: read it all again, the selection staying on
    /// the application acted on even when it moves to the top.
    func afterApplicationChange(_ message: String) throws -> [Effect<StudentOutcome>] {
        try reloadStudentRecords()
        try state.applications.reload(source: applicationRows)
        try showSelectedApplication()
        try refreshDetail()
        return state.toasts.show(message)
    }
}

extension ListingsViewModel: RowSource {
    public func id(of row: OpportunitySummary) -> Int64 { row.id }
}
