import Foundation
import TernStore
import TernViewModels

/// The staff console (`tern triage`) on the shared runtime: the Applications queue with its
/// limit, marks, moves and undo; Postings and Organizations waiting for review; Reports. Keys,
/// resizes, ticks and the catalogue's changes come in as events; the update never calls the
/// store: every read and write is a background task (``TriageOutcome``) whose result lands in
/// ``TriageState``; ``view(_:size:)`` draws that state and nothing else.
///
/// ```swift
/// let screen = TriageScreen(store: catalogue, session: session, keyMap: config.staffKeys)
/// let ending = Loop(screen: screen, backend: backend, changeFeed: feed).run()
/// ```
public final class TriageScreen: Screen {
    public typealias Outcome = TriageOutcome

    public internal(set) var state: TriageState

    let store: any CatalogueStore
    let session: TriageSession
    let now: @Sendable () -> Date
    private var started = false
    /// Reads a file named at the `:import` prompt: with the user's own rights (an installed,
    /// setgid tern passes one that drops the group first).
    let openFile: @Sendable (String) throws -> ImportSource
    var progressBox: ImportProgressBox?

    /// Listings past their deadline close (and their pending applications expire) at start-up
    /// and then every hour while the console is open.
    public static let expiryTimer = TimerID("expiry")
    public static let expiryIntervalMilliseconds = 60 * 60 * 1000

    public init(store: any CatalogueStore, session: TriageSession, keyMap: KeyMap<StaffAction> = StaffAction.defaultKeyMap,
                box: BoxStyle = .line, now: @escaping @Sendable () -> Date = Date.init,
                openFile: @escaping @Sendable (String) throws -> ImportSource = { try ImportSource(path: $0) }) {
        self.store = store
        self.openFile = openFile
        self.session = session
        self.now = now
        state = TriageState(size: Size(width: 0, height: 0), keyMap: keyMap, box: box, staffName: session.name)
        state.bar = bindings.barActions(in: state)
    }

    /// The application this console has open (claimed), for the program to let go of at the end.
    public var openedApplication: Int64? { state.file?.row.id }

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
                let effects = resize(to: size)
                // The first size is the start: the queues are read, and the hourly expiry
                // starts (once: starting it again would restart its hour).
                guard !started else { return effects }
                started = true
                return effects + readQueue(.opening) + readReview() + [.startTimer(Self.expiryTimer, everyMilliseconds: Self.expiryIntervalMilliseconds)]
            case .key(let key):
                return try chromeHandle(key)
            case .tick(Self.expiryTimer):
                return closeExpired(onDemand: false)
            case .tick(.importProgress):
                ImportController(screen: self).showProgress()
                return []
            case .tick(.slowWrite):
                state.writing?.slow = true
                return [.stopTimer(.slowWrite)]
            case .tick(let timer):
                return chromeTick(timer)
            case .catalogueUnreachable:
                return state.toasts.show(Toasts.reconnecting)
            case .catalogueChanged, .catalogueReplaced:
                state.toasts.clear(Toasts.reconnecting)
                // Everything again, in the background; the selections stay on their records.
                return readReview(waiting: false) + (state.isLimiting ? [] : readQueue(.refresh, waiting: false))
            case .taskFinished(let kind, let outcome):
                state.waiting.remove(kind)
                return try take(outcome) + replayHeldKeys()
            }
        } catch CatalogueError.noLongerStaff(let login) {
            return dismiss(login)
        } catch let refusal as Refusal {
            if case .noLongerStaff(let login)? = refusal.error { return dismiss(login) }
            // Keys typed for what could not be read are dropped, not replayed on whatever comes next.
            state.heldKeys.removeAll()
            return state.toasts.show(refusal.description, isError: true)
        } catch {
            // An error while acting is shown, never swallowed; what the screen shows stays.
            state.heldKeys.removeAll()
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
        state.heldKeys = []
        state.writing = nil
        state.toasts.clear()
        return [.stopTimer(Self.expiryTimer), .stopTimer(Toasts.timer), .stopTimer(.slowWrite)]
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

    func resize(to size: Size) -> [Effect<TriageOutcome>] {
        state.panes.resize(to: size)
        guard state.panes.mode != .tooSmall else { return [] }
        let viewport = queueViewport
        try? state.postings.resize(viewport: viewport, source: postingRows)
        try? state.organizations.resize(viewport: viewport, source: organizationRows)
        return queueChange(.resize(viewport))
    }

    /// Postings and organizations as list sources, held in memory (what waits for review is small).
    var postingRows: InMemoryRows<PostingReview, String> { InMemoryRows(state.review.postings, id: \.ref) }
    var organizationRows: InMemoryRows<OrganizationReview, String> { InMemoryRows(state.review.organizations, id: \.name) }

    /// Rows the queue list has: the pane less its border, the queue tabs and the counts line.
    var queueViewport: Int {
        ListView.visibleRows(in: TriageLayout.list(state.panes.area(of: .queue).inset(by: 1)))
    }

    /// Everything again, selections kept by record.
    func reloadAll() -> [Effect<TriageOutcome>] {
        readQueue(.refresh) + readReview()
    }

    /// Closes listings past their deadline, expiring their pending applications (an event each).
    /// `onDemand` (`:expire`, an admin's): the account's standing is checked first.
    func closeExpired(onDemand: Bool) -> [Effect<TriageOutcome>] {
        let moment = now()
        return write(.expire(onDemand: onDemand)) { store in
            // The hourly round closes listings for everyone; closing them on demand is an admin's.
            if onDemand { try await store.checkStanding(for: .expireListings) }
            return .expired(try await store.closeExpired(now: moment), onDemand: onDemand)
        }
    }
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
