import Foundation
import TernStore

/// The one event loop every screen runs on: input, resizes, timer ticks, the catalogue's change
/// feed and finished background tasks all become ``Event``s, handed to the screen one at a
/// time on this thread; the effects the screen returns are carried out; the screen's view is
/// drawn after anything changed, and the backend writes only the cells that differ.
///
/// Terminating signals (SIGTERM, SIGHUP, …) are held blocked by ``TerminalGuard`` and taken
/// here, between two backend calls, never by a handler on another thread racing the drawing.
/// That is why the wait for input is never longer than ``maximumWaitMilliseconds``: a held
/// signal does not interrupt the wait.
///
/// ```swift
/// let loop = Loop(screen: screen, backend: backend, changeFeed: try catalogue.changeFeed())
/// switch loop.run() {
/// case .signal(let signal): backend.shutdown(); TerminalGuard.die(of: signal)
/// case .quit, .inputClosed: backend.shutdown()
/// }
/// ```
public final class Loop<S: Screen> {
    /// Why ``run()`` returned.
    public enum Ending: Equatable, Sendable {
        case quit
        /// The terminal went away.
        case inputClosed
        /// A terminating signal arrived; the caller restores the terminal and dies of it.
        case signal(Int32)
    }

    /// The longest wait for input, and how often the change feed is asked.
    public static var maximumWaitMilliseconds: Int { 400 }
    /// Keys already waiting that one turn handles before drawing (a paste, a held key).
    static var inputBatch: Int { 64 }

    /// How often finished background tasks are looked for while any runs.
    static var taskPollMilliseconds: Int { 15 }

    public let screen: S
    let backend: any Backend
    let changeFeed: (any ChangeFeed)?
    let clock: () -> Int
    let pendingSignal: () -> Int32?
    /// Quit once a frame showing the screen's content has been drawn (``Screen/showsContent``,
    /// no background task still running): how a benchmark times start to first frame.
    let exitAfterFirstFrame: Bool
    let tasks = TaskRunner<S.Outcome>()
    /// Looks at the change feed, in the background like every other read: what changed (a look
    /// that failed counts as the data changed, so the screen's read meets the failure and shows it).
    private let feedChecks = TaskRunner<CatalogueChange>()
    private var timers: [TimerID: (interval: Int, due: Int)] = [:]
    private var lastFeedCheck: Int?
    private var needsDraw = true
    private var started = false
    public private(set) var ending: Ending?

    /// `clock` (monotonic milliseconds) and `pendingSignal` are injectable so that tests can
    /// fire timers and signals without waiting for real ones. `exitAfterFirstFrame`: end with
    /// ``Ending/quit`` right after the first complete frame has gone to the backend.
    public init(screen: S, backend: any Backend, changeFeed: (any ChangeFeed)? = nil,
                clock: @escaping () -> Int = { Int(DispatchTime.now().uptimeNanoseconds / 1_000_000) },
                pendingSignal: @escaping () -> Int32? = TerminalGuard.takePendingTerminatingSignal,
                exitAfterFirstFrame: Bool = false) {
        self.screen = screen
        self.backend = backend
        self.changeFeed = changeFeed
        self.clock = clock
        self.pendingSignal = pendingSignal
        self.exitAfterFirstFrame = exitAfterFirstFrame
    }

    /// Runs until the screen quits, input ends or a terminating signal arrives.
    public func run() -> Ending {
        start()
        while ending == nil { step(waitMilliseconds: nextWait()) }
        return ending ?? .quit
    }

    /// One turn of the loop: results and due timers in, a draw if anything changed, a wait of up
    /// to `waitMilliseconds` for input, the pending signal taken, then the input handled or
    /// the change feed asked.
    public func step(waitMilliseconds: Int) {
        start()
        deliverFinishedTasks()
        deliverFeedChecks()
        deliverDueTimers()
        guard ending == nil else { return }
        drawIfNeeded()
        // Drawing can end the loop (`exitAfterFirstFrame`): then no key is waited for.
        guard ending == nil else { return }
        let input = backend.nextInput(timeoutMilliseconds: waitMilliseconds)
        if let signal = pendingSignal() {
            ending = .signal(signal)
            return
        }
        if let input {
            handle(input)
            // A paste is thousands of keys already waiting: handle a batch before the next draw,
            // so 20,000 pasted characters cost a few hundred frames, not 20,000.
            var batch = 1
            while batch < Self.inputBatch, ending == nil, let next = backend.nextInput(timeoutMilliseconds: 0) {
                if let signal = pendingSignal() {
                    ending = .signal(signal)
                    return
                }
                handle(next)
                batch += 1
            }
        } else if backend.inputClosed {
            ending = .inputClosed
            return
        }
        askChangeFeed()
    }

    /// Hands `event` to the screen as if it had arrived (tests; a front end with its own source).
    public func send(_ event: Event<S.Outcome>) {
        start()
        dispatch(event)
        drawIfNeeded()
    }

    /// Reads every queued input, and after each one waits for the background tasks it started
    /// and delivers their results (and the tasks those start), then draws. Waiting on completion,
    /// never on a clock, makes a test's frames the same on every run.
    public func runUntilIdle(timeout: TimeInterval = 10) {
        start()
        settle(timeout: timeout)
        while ending == nil, let input = backend.nextInput(timeoutMilliseconds: 0) {
            handle(input)
            settle(timeout: timeout)
        }
        deliverDueTimers()
        drawIfNeeded()
    }

    // MARK: - Inside

    private func start() {
        guard !started else { return }
        started = true
        dispatch(.resize(backend.size))
    }

    private func handle(_ input: Key) {
        if input == .resize {
            dispatch(.resize(backend.size))
        } else {
            dispatch(.key(input))
        }
    }

    private func dispatch(_ event: Event<S.Outcome>) {
        guard ending == nil else { return }
        needsDraw = true
        for effect in LoopThread.running({ screen.update(event) }) {
            switch effect {
            case .run(let kind, let work): tasks.start(kind, work)
            case .cancel(let kind): tasks.cancel(kind)
            case .interrupt(let kind): tasks.interrupt(kind)
            case .startTimer(let id, let interval):
                let every = max(1, interval)
                timers[id] = (every, clock() + every)
            case .stopTimer(let id): timers[id] = nil
            case .quit: ending = .quit
            }
        }
    }

    @discardableResult
    private func deliverFinishedTasks() -> Int {
        let finished = tasks.takeFinished()
        for (kind, outcome) in finished { dispatch(.taskFinished(kind, outcome)) }
        return finished.count
    }

    private func deliverDueTimers() {
        let now = clock()
        for (id, timer) in timers.sorted(by: { $0.value.due < $1.value.due }) where timer.due <= now {
            // Rescheduled from now, not from when it was due: a loop that fell behind (a slow
            // query) gets one tick, not a burst of them.
            if timers[id] != nil { timers[id]?.due = now + timer.interval }
            dispatch(.tick(id))
        }
    }

    /// Waits for the running tasks and delivers their results until none is left, including the
    /// tasks those results start (a search's count after its first page); gives up after
    /// `timeout` seconds of waiting on one.
    private func settle(timeout: TimeInterval) {
        feedChecks.waitUntilIdle(timeout: timeout)
        deliverFeedChecks()
        while ending == nil {
            let idle = tasks.waitUntilIdle(timeout: timeout)
            // A task can finish between two looks; what came back is delivered either way.
            if deliverFinishedTasks() == 0 && (idle || !tasks.isBusy) { return }
            if !idle && tasks.isBusy { return }
        }
    }

    private func drawIfNeeded() {
        guard needsDraw, ending == nil else { return }
        needsDraw = false
        let frame = LoopThread.running { S.view(screen.state, size: backend.size) }
        backend.draw(frame.grid, cursor: frame.cursor)
        // The backend has flushed it; a frame drawn while a task still runs may be a placeholder.
        if exitAfterFirstFrame, screen.showsContent, !tasks.isBusy { ending = .quit }
    }

    /// Asks the change feed at most every ``maximumWaitMilliseconds``. An error from the feed
    /// is reported as a change: the screen's reload then meets the same error and shows it,
    /// instead of the screen silently going stale.
    private func askChangeFeed() {
        guard let changeFeed, !feedChecks.isBusy else { return }
        let now = clock()
        if let last = lastFeedCheck, now - last < Self.maximumWaitMilliseconds { return }
        lastFeedCheck = now
        feedChecks.start(.changeFeedCheck) { _ in (try? changeFeed.change()) ?? .data }
    }

    /// What the change feed said, as one event however many looks came back: the catalogue
    /// replaced outranks its data changed.
    private func deliverFeedChecks() {
        let seen = feedChecks.takeFinished().map(\.1)
        if seen.contains(.reopen) {
            dispatch(.catalogueReplaced)
        } else if seen.contains(.data) {
            dispatch(.catalogueChanged)
        } else if seen.contains(.unreachable) {
            dispatch(.catalogueUnreachable)
        }
    }

    /// Until the next thing due: a timer, the change feed, or a look at the running tasks.
    private func nextWait() -> Int {
        let now = clock()
        var wait = Self.maximumWaitMilliseconds
        if let due = timers.values.map(\.due).min() { wait = min(wait, due - now) }
        if let last = lastFeedCheck, changeFeed != nil { wait = min(wait, last + Self.maximumWaitMilliseconds - now) }
        if tasks.isBusy || feedChecks.isBusy { wait = min(wait, Self.taskPollMilliseconds) }
        return max(0, wait)
    }
}

extension TaskKind {
    /// The loop's own look at the change feed.
    static let changeFeedCheck = TaskKind("change feed")
}
