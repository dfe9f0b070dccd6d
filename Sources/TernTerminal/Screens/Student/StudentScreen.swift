import Foundation
import TernStore
import TernViewModels

/// The stores the student screen reads and writes: listings and the student's own records.
public typealias StudentScreenStore = any ListingStore & StudentStore & AccessStore

/// The student's screen on the shared runtime: listings and their detail, My applications,
/// Feedback. Keys, resizes, the catalogue's changes and background results come in as events;
/// ``view(_:size:)`` draws ``StudentState`` and nothing else. The update never calls a store:
/// every read and write is a `.run` effect whose typed result (``StudentOutcome``) comes back
/// as an event and is taken into the state (StudentScreen+Store).
///
/// ```swift
/// let screen = StudentScreen(store: catalogue, session: session, keyMap: config.studentKeys)
/// let outcome = Loop(screen: screen, backend: backend, changeFeed: feed).run()
/// ```
public final class StudentScreen: Screen {
    public typealias Outcome = StudentOutcome

    public internal(set) var state: StudentState

    let store: StudentScreenStore
    let session: StudentSession
    let today: () -> CalendarDay
    let now: () -> Date
    /// Effects from a hook of the shared chrome that cannot return them (moving the focused
    /// list): handed to the loop at the end of the update.
    var deferred: [Effect<StudentOutcome>] = []
    /// The first resize started the reads.
    var started = false

    /// `today` and `now` are injectable so that tests see the same deadlines every day. Nothing
    /// is read here: the first resize starts the reads, and their results fill the screen.
    public init(store: StudentScreenStore, session: StudentSession, keyMap: KeyMap<StudentAction> = StudentAction.defaultKeyMap,
                box: BoxStyle = .line, today: @escaping () -> CalendarDay = { CalendarDay(Date()) },
                now: @escaping () -> Date = Date.init) {
        self.store = store
        self.session = session
        self.today = today
        self.now = now
        state = StudentState(size: Size(width: 0, height: 0), keyMap: keyMap, box: box, session: session, today: today())
    }

    public func update(_ event: Event<StudentOutcome>) -> [Effect<StudentOutcome>] {
        var effects: [Effect<StudentOutcome>]
        do {
            switch event {
            case .resize(let size):
                effects = try resize(to: size)
            case .key(let key):
                effects = try chromeHandle(key)
            case .tick(.studentWrite):
                effects = writeTick()
            case .tick(let timer):
                effects = chromeTick(timer)
            case .catalogueChanged, .catalogueReplaced:
                state.toasts.clear(Toasts.reconnecting)
                effects = reload()
            case .catalogueUnreachable:
                effects = state.toasts.show(Toasts.reconnecting)
            case .taskFinished(_, let outcome):
                effects = try take(outcome)
            }
        } catch {
            // An error while acting on an event is shown, never swallowed; what the screen
            // shows stays as it was.
            effects = state.toasts.show("\(error)", isError: true)
        }
        defer { deferred = [] }
        return effects + deferred
    }

    /// The screen shows a placeholder until the first page of listings is in.
    public var showsContent: Bool { state.loaded && state.starting.isEmpty }

    /// Shows the first of `warnings` (a bad config file, a theme that did not load) until the
    /// next key: said on the screen, never on stderr under it.
    public func warn(_ warnings: [String]) {
        if let first = warnings.first { _ = state.toasts.show(first, isError: true) as [Effect<StudentOutcome>] }
    }

    public static func view(_ state: StudentState, size: Size) -> Frame {
        StudentView.frame(state, size: size)
    }

    // MARK: - Size

    func resize(to size: Size) throws -> [Effect<StudentOutcome>] {
        let first = !started
        state.panes.resize(to: size)
        var effects: [Effect<StudentOutcome>] = []
        if first {
            // Everything the screen shows is read now, in the background.
            started = true
            effects += requery() + readRecords(keepScroll: false) + rereadUpdates(first: true)
        }
        guard state.panes.mode != .tooSmall else { return effects }
        let viewport = listingViewport, listing = state.listings.selectedID
        if try changeListings(&effects, { try $0.resize(viewport: viewport, source: $1) }), state.listings.selectedID != listing {
            effects += showSelectedListing()
        }
        let application = state.applications.selectedID, rows = applicationRows, applicationViewport = applicationViewport
        try state.applications.resize(viewport: applicationViewport, source: rows)
        if state.applications.selectedID != application { effects += showSelectedApplication() }
        clampScrolls()
        return effects
    }

    /// My applications as a list source: the student's applications, held in the state.
    var applicationRows: InMemoryRows<ApplicationOverview, Int64> { InMemoryRows(state.myApplications, id: \.id) }

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

    // MARK: - Reading again

    /// Another process committed: everything is read again in the background, selections kept
    /// by record.
    func reload() -> [Effect<StudentOutcome>] {
        readRecords(keepScroll: true) + refreshDetail() + refreshProfileOverlay() + requery() + rereadUpdates()
    }

    /// After the student acted on an application: read it all again, the selection staying on
    /// the application acted on even when it moves to the top.
    func afterApplicationChange(_ message: String) -> [Effect<StudentOutcome>] {
        readRecords(keepScroll: false) + refreshDetail() + state.toasts.show(message)
    }
}
