import Foundation
import TernCatalogue
import TernViewModels

/// The staff console (`tern triage`) on the shared runtime: the Applications queue with its
/// limit, marks, moves and undo; Postings and Organizations waiting for review; Reports. Keys,
/// resizes, ticks and the catalogue's changes come in as events; the update reads the view
/// models into ``TriageState``; ``view(_:size:)`` draws that state and nothing else.
///
/// ```swift
/// let screen = try TriageScreen(catalogue: catalogue, session: session, keyMap: config.staffKeys)
/// let ending = Loop(screen: screen, backend: backend, changeFeed: feed).run()
/// ```
public final class TriageScreen: Screen {
    public typealias Outcome = TriageOutcome

    public internal(set) var state: TriageState

    let catalogue: Catalogue
    let session: TriageSession
    let triage: TriageViewModel
    let review: PostingsReviewViewModel
    let now: () -> Date
    private var expiryStarted = false
    /// Reads a file named at the `:import` prompt: with the user's own rights (an installed,
    /// setgid tern passes one that drops the group first).
    let openFile: @Sendable (String) throws -> ImportSource
    var progressBox: ImportProgressBox?
    /// Keys typed while a limit was being applied, replayed on the rows it shows.
    var keysWhileLimiting: [Key] = []

    /// Listings past their deadline close (and their pending applications expire) at start-up
    /// and then every hour while the console is open.
    public static let expiryTimer = TimerID("expiry")
    public static let expiryIntervalMilliseconds = 60 * 60 * 1000

    public init(catalogue: Catalogue, session: TriageSession, keyMap: KeyMap<StaffAction> = StaffAction.defaultKeyMap,
                box: BoxStyle = .line, now: @escaping () -> Date = Date.init,
                openFile: @escaping @Sendable (String) throws -> ImportSource = { try ImportSource(path: $0) }) throws {
        self.catalogue = catalogue
        self.openFile = openFile
        self.session = session
        self.now = now
        triage = try TriageViewModel(catalogue: catalogue, session: session, now: now)
        review = PostingsReviewViewModel(catalogue: catalogue, session: session, now: now)
        state = TriageState(size: Size(width: 0, height: 0), keyMap: keyMap, box: box, staffName: session.name)
        try review.reload()
        try readQueue(reset: true)
        try readReview()
        state.bar = bindings.barActions(in: state)
    }

    public func update(_ event: Event<TriageOutcome>) -> [Effect<TriageOutcome>] {
        let effects = step(event)
        // The key bar is the focused controller's bindings, as they stand after the event.
        state.bar = bindings.barActions(in: state)
        return effects
    }

    private func step(_ event: Event<TriageOutcome>) -> [Effect<TriageOutcome>] {
        // Removed from staff: nothing is read or done any more; any quit key leaves.
        if state.noLongerStaff != nil { return onlyQuit(event) }
        do {
            switch event {
            case .resize(let size):
                try resize(to: size)
                // The first size is the start: the hourly expiry starts with it (once: starting
                // it again would restart its hour).
                guard !expiryStarted else { return [] }
                expiryStarted = true
                return [.startTimer(Self.expiryTimer, everyMilliseconds: Self.expiryIntervalMilliseconds)]
            case .key(let key):
                return try chromeHandle(key)
            case .tick(Self.expiryTimer):
                return try closeExpired()
            case .tick(.importProgress):
                ImportController(screen: self).showProgress()
                return []
            case .tick(let timer):
                return chromeTick(timer)
            case .catalogueChanged:
                // Postings and organizations are small and read here; the queue is counted again
                // off the input path (on 2,000,000 applications the count takes tens of ms).
                try review.reload()
                try readReview()
                return state.isLimiting ? [] : applyLimit(pattern: triage.pattern, words: triage.searchWords, refresh: true)
            case .taskFinished(_, .queue(let prepared, let failure, let refresh)):
                return try adoptQueueAndReplay(prepared, failure: failure, refresh: refresh)
            case .taskFinished(_, .imported(let summary, let failure)):
                return try ImportController(screen: self).finish(summary, failure: failure)
            case .taskFinished(_, .report(let report, let failure)):
                state.report = report
                state.reportStatus = failure.map { "The report could not be read: \($0)" }
                return []
            }
        } catch CatalogueError.noLongerStaff(let login) {
            return dismiss(login)
        } catch {
            // An error while acting is shown, never swallowed; what the screen shows stays.
            return state.toasts.show("\(error)", isError: true)
        }
    }

    /// The catalogue refused this account's next action because it is no longer on the staff
    /// list: forms and overlays close (nothing in them can be sent), timers stop.
    func dismiss(_ login: String) -> [Effect<TriageOutcome>] {
        state.noLongerStaff = login
        state.modals = ModalHost()
        state.commandPrompt = nil
        state.line = nil
        state.file = nil
        state.postingDetail = nil
        state.toasts.clear()
        return [.stopTimer(Self.expiryTimer), .stopTimer(Toasts.timer)]
    }

    private func onlyQuit(_ event: Event<TriageOutcome>) -> [Effect<TriageOutcome>] {
        if case .resize(let size) = event { state.panes.resize(to: size) }
        guard case .key(let key) = event, let action = state.keyMap.action(for: key, in: [.global]) else { return [] }
        return action == .quit || action == .quitNow || action == .back ? [.quit] : []
    }

    public static func view(_ state: TriageState, size: Size) -> Frame {
        StaffConsoleView.frame(state, size: size)
    }

    /// Shows the first of `warnings` on the status bar (a bad config file), never on stderr.
    public func warn(_ warnings: [String]) {
        if let first = warnings.first { _ = state.toasts.show(first, isError: true) as [Effect<TriageOutcome>] }
    }

    // MARK: - Size

    func resize(to size: Size) throws {
        state.panes.resize(to: size)
        guard state.panes.mode != .tooSmall else { return }
        let viewport = queueViewport
        try state.queue.resize(viewport: viewport, source: triage.rows)
        try state.postings.resize(viewport: viewport, source: postingRows)
        try state.organizations.resize(viewport: viewport, source: organizationRows)
        try showSelection()
    }

    /// Postings and organizations as list sources, held in memory (what waits for review is small).
    var postingRows: InMemoryRows<PostingReview, String> { InMemoryRows(review.postings, id: \.ref) }
    var organizationRows: InMemoryRows<OrganizationReview, String> { InMemoryRows(review.organizations, id: \.name) }

    /// Rows the queue list has: the pane less its border, the queue tabs and the counts line.
    var queueViewport: Int {
        ListView.visibleRows(in: TriageLayout.list(state.panes.area(of: .queue).inset(by: 1)))
    }

    // MARK: - Reading into the state

    /// Everything again, selections kept by record (another process committed).
    func reloadAll() throws {
        try triage.reload()
        try readQueue(reset: false)
        try review.reload()
        try readReview()
    }

    /// The Applications queue's counts and rows.
    func readQueue(reset: Bool) throws {
        if reset { try state.queue.reset(source: triage.rows) } else { try state.queue.reload(source: triage.rows) }
        state.counts = triage.rows.countsByStatus
        state.queueCount = triage.rows.count
        state.pattern = triage.pattern
        state.searchWords = triage.searchWords
        state.order = triage.order
        state.marks = triage.marks
        state.takenDown = try catalogue.takenDownWithWorkUnderWay()
        try showSelection()
    }

    func readReview() throws {
        try state.postings.reload(source: postingRows)
        try state.organizations.reload(source: organizationRows)
        state.postingsShowing = review.showing
        state.postingsReadAt = now()
        state.postingMarks = review.marked
        state.pendingPostings = review.showing == .pending ? review.postings.count : (try catalogue.postings(approval: .pending).count)
        state.pendingOrganizations = review.organizations.count
        try showSelection()
    }

    /// Reads the report in the background; the pane says so until it arrives.
    func readReport() -> [Effect<TriageOutcome>] {
        state.reportStatus = "Reading the report…"
        let catalogue = catalogue, moment = now()
        return [.run(.report) { _ in
            do {
                return .report(try catalogue.placementReport(now: moment), failure: nil)
            } catch {
                return .report(nil, failure: "\(error)")
            }
        }]
    }

    /// The detail pane follows the selection of the queue on screen.
    func showSelection() throws {
        switch state.kind {
        case .applications:
            // An opened application stays open while it is the one selected.
            if let file = state.file, file.row.id != state.queue.selectedID {
                try? triage.close(file.row.id)
                state.file = nil
                state.detailScroll = 0
            }
        case .postings:
            let selected = state.postings.selectedRow
            if selected?.ref != state.postingDetail?.review.ref { state.detailScroll = 0 }
            state.postingDetail = try selected.map { posting in
                PostingDetail(review: posting, listing: try catalogue.opportunity(ref: posting.ref),
                              decisions: try review.decisions(forListing: posting.ref))
            }
        case .organizations:
            state.organizationDecisions = try state.organizations.selectedRow.map { try review.decisions(forOrganization: $0.name) } ?? []
        case .reports:
            break
        }
    }

    /// Closes listings past their deadline, expiring their pending applications (an event each).
    func closeExpired() throws -> [Effect<TriageOutcome>] {
        let summary = try catalogue.closeExpired(now: now())
        guard summary.listingsClosed > 0 || summary.applicationsExpired > 0 else { return [] }
        try reloadAll()
        return state.toasts.show("closed \(summary.listingsClosed) listings past their deadline; \(summary.applicationsExpired) applications expired")
    }
}

extension TriageQueueRows: RowSource {
    public func id(of row: TriageRow) -> Int64 { row.id }
}

/// Where things go inside the queue pane, shared by the update (page sizes) and the view.
enum TriageLayout {
    /// The queue pane's first row holds the queue tabs, its second the counts and the limit.
    static func list(_ inner: Rect) -> Rect {
        Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2))
    }

    /// The report's text, under the same two rows: the one rectangle both drawing and
    /// scrolling use, so the scroll reaches exactly the last line.
    static func report(_ inner: Rect) -> Rect { list(inner) }
}
