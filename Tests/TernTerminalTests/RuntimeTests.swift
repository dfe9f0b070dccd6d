import Foundation
import Testing
import TernCatalogue
@testable import TernTerminal

/// The loop on its own, with a small screen that records what reaches it: no curses, no
/// catalogue, a clock that moves only when the test says.
@Suite struct RuntimeTests {
    /// Records every event; `q` quits, `t` starts a 100 ms timer, `s` stops it, `w` starts work.
    final class Recorder: Screen {
        struct State { var events: [String] = [] }
        private(set) var state = State()
        var work: (@Sendable (TaskContext) -> String)?

        func update(_ event: Event<String>) -> [Effect<String>] {
            switch event {
            case .resize(let size): state.events.append("resize \(size)")
            case .tick(let id): state.events.append("tick \(id)")
            case .catalogueChanged: state.events.append("changed")
            case .catalogueReplaced: state.events.append("replaced")
            case .catalogueUnreachable: state.events.append("unreachable")
            case .taskFinished(let kind, let outcome): state.events.append("\(kind): \(outcome)")
            case .key(let key):
                state.events.append("key \(key)")
                switch key {
                case .character("q"): return [.quit]
                case .character("t"): return [.startTimer(TimerID("t"), everyMilliseconds: 100)]
                case .character("s"): return [.stopTimer(TimerID("t"))]
                case .character("w"): return work.map { [.run(TaskKind("work"), $0)] } ?? []
                default: break
                }
            }
            return []
        }

        static func view(_ state: State, size: Size) -> Frame {
            var grid = CellGrid(width: size.width, height: size.height)
            grid.write(state.events.last ?? "", x: 0, y: 0)
            return Frame(grid: grid)
        }
    }

    final class Clock: @unchecked Sendable { var now = 0 }

    final class FakeFeed: ChangeFeed, @unchecked Sendable {
        var answers: [Bool]
        var asked = 0
        /// Asked while the loop ran an update or a view (it must not be).
        var askedOnTheLoop = false
        init(_ answers: [Bool]) { self.answers = answers }
        func hasChanged() throws -> Bool {
            asked += 1
            if LoopThread.isCurrent || Thread.isMainThread { askedOnTheLoop = true }
            return answers.isEmpty ? false : answers.removeFirst()
        }
    }

    @Test func theScreenHearsItsSizeFirstThenKeysAndTheFrameShowsTheLast() {
        let screen = Recorder()
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        backend.queue(.character("a"), .character("q"), .character("b"))
        let loop = Loop(screen: screen, backend: backend, clock: { 0 }, pendingSignal: { nil })
        #expect(loop.run() == .quit)
        #expect(screen.state.events == ["resize 20x2", "key a", "key q"])
        #expect(backend.queuedInput == 1, "nothing is read after quitting")
        // Keys already waiting are one batch (a paste costs a frame a batch, not a frame a key):
        // q quit before a frame of "key a" was due, so the last frame is the first one.
        #expect(backend.screen.text().hasPrefix("resize 20x2"))
        #expect(backend.framesDrawn == 1)
    }

    @Test func aResizeReachesTheScreenWithTheNewSize() {
        let screen = Recorder()
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        let loop = Loop(screen: screen, backend: backend, clock: { 0 }, pendingSignal: { nil })
        loop.runUntilIdle()
        backend.resize(to: Size(width: 30, height: 3))
        loop.runUntilIdle()
        #expect(screen.state.events == ["resize 20x2", "resize 30x3"])
        #expect(backend.screen.width == 30)
    }

    @Test func timersTickWhenDueAndStopWhenStopped() {
        let screen = Recorder(), clock = Clock()
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        let loop = Loop(screen: screen, backend: backend, clock: { clock.now }, pendingSignal: { nil })
        backend.queue(.character("t"))
        loop.runUntilIdle()
        clock.now = 99
        loop.runUntilIdle()
        #expect(!screen.state.events.contains("tick t"))
        clock.now = 100
        loop.runUntilIdle()
        #expect(screen.state.events.filter { $0 == "tick t" }.count == 1)
        clock.now = 1_000   // a loop that fell behind gets one tick, not nine
        loop.runUntilIdle()
        #expect(screen.state.events.filter { $0 == "tick t" }.count == 2)
        backend.queue(.character("s"))
        clock.now = 5_000
        loop.runUntilIdle()
        #expect(screen.state.events.filter { $0 == "tick t" }.count == 2)
    }

    @Test func aPendingSignalEndsTheLoopBeforeTheNextKeyIsActedOn() {
        let screen = Recorder()
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        backend.queue(.character("a"), .character("b"))
        var signals: [Int32] = [0, SIGTERM]
        let loop = Loop(screen: screen, backend: backend, clock: { 0 }, pendingSignal: {
            let next = signals.removeFirst()
            return next == 0 ? nil : next
        })
        #expect(loop.run() == .signal(SIGTERM))
        // The key read in the same turn as the signal is not acted on: the terminal is restored first.
        #expect(screen.state.events == ["resize 20x2", "key a"])
    }

    /// Asked in the background (a look at the catalogue is a read), at most every few hundred
    /// milliseconds; what it says arrives as one event.
    @Test func theChangeFeedIsAskedAtMostEveryFewHundredMillisecondsOffTheLoop() {
        let screen = Recorder(), clock = Clock()
        let feed = FakeFeed([false, true])
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        let loop = Loop(screen: screen, backend: backend, changeFeed: feed, clock: { clock.now }, pendingSignal: { nil })
        for _ in 0..<2 {
            loop.step(waitMilliseconds: 0)
            loop.runUntilIdle()
        }
        #expect(feed.asked == 1)
        #expect(screen.state.events.last != "changed")
        clock.now = Loop<Recorder>.maximumWaitMilliseconds
        loop.step(waitMilliseconds: 0)
        loop.runUntilIdle()
        #expect(feed.asked == 2)
        #expect(screen.state.events.last == "changed")
        #expect(!feed.askedOnTheLoop)
    }

    /// A feed whose answers are given whole: unreachable, then back.
    final class ScriptedFeed: ChangeFeed, @unchecked Sendable {
        var answers: [CatalogueChange]
        init(_ answers: [CatalogueChange]) { self.answers = answers }
        func hasChanged() throws -> Bool { try change() != .none }
        func change() throws -> CatalogueChange { answers.isEmpty ? .none : answers.removeFirst() }
    }

    /// A catalogue that cannot be reached is said to the screen at every look while it lasts;
    /// when it is back, the screen hears "changed" and reads again.
    @Test func anUnreachableCatalogueIsSaidAtEveryLookAndItsReturnIsAChange() {
        let screen = Recorder(), clock = Clock()
        let feed = ScriptedFeed([.none, .unreachable, .unreachable, .data])
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        let loop = Loop(screen: screen, backend: backend, changeFeed: feed, clock: { clock.now }, pendingSignal: { nil })
        var heard: [String] = []
        for look in 0..<4 {
            clock.now = look * Loop<Recorder>.maximumWaitMilliseconds
            loop.step(waitMilliseconds: 0)
            loop.runUntilIdle()
            heard.append(screen.state.events.last ?? "")
        }
        #expect(heard == ["resize 20x2", "unreachable", "unreachable", "changed"])
    }

    @Test func theEndOfInputEndsTheLoop() {
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        backend.inputClosed = true
        #expect(Loop(screen: Recorder(), backend: backend, clock: { 0 }, pendingSignal: { nil }).run() == .inputClosed)
    }

    @Test func aNewerTaskOfAKindSupersedesTheOneRunningAndTheOnesWaiting() {
        let runner = TaskRunner<String>()
        let kind = TaskKind("search")
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        final class Ran: @unchecked Sendable { let lock = NSLock(); var names: [String] = [] }
        let ran = Ran()
        runner.start(kind) { task in
            started.signal()
            release.wait()
            ran.lock.withLock { ran.names.append("first") }
            return task.isSuperseded ? "first (told it was superseded)" : "first"
        }
        started.wait()   // the first is running
        runner.start(kind) { _ in ran.lock.withLock { ran.names.append("second") }; return "second" }
        runner.start(kind) { _ in ran.lock.withLock { ran.names.append("third") }; return "third" }
        release.signal()
        #expect(runner.waitUntilIdle(timeout: 10))
        #expect(runner.takeFinished().map(\.1) == ["third"])
        #expect(ran.names == ["first", "third"], "the second never started")
    }

    @Test func tasksOfOtherKindsDoNotSupersedeEachOther() {
        let runner = TaskRunner<String>()
        runner.start(TaskKind("a")) { _ in "a" }
        runner.start(TaskKind("b")) { _ in "b" }
        #expect(runner.waitUntilIdle(timeout: 10))
        #expect(Set(runner.takeFinished().map(\.1)) == ["a", "b"])
        let release = DispatchSemaphore(value: 0)
        runner.start(TaskKind("a")) { _ in release.wait(); return "late" }
        runner.cancel(TaskKind("a"))
        release.signal()
        #expect(runner.waitUntilIdle(timeout: 10))
        #expect(runner.takeFinished().isEmpty, "a cancelled task's result is dropped")
    }

    /// A terminating signal is taken while a task still runs (a write waiting for the lock, a long
    /// import): the loop never waits on a task, so it ends within its 400 ms turn.
    @Test func aSignalIsTakenWhileATaskRunsOnAndOn() {
        let screen = Recorder()
        let release = DispatchSemaphore(value: 0)
        screen.work = { _ in release.wait(); return "done" }
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        backend.queue(.character("w"))
        final class Asked: @unchecked Sendable { var count = 0 }
        let asked = Asked()
        let loop = Loop(screen: screen, backend: backend, clock: { 0 }, pendingSignal: {
            asked.count += 1
            return asked.count >= 3 ? SIGTERM : nil
        })
        let started = Date()
        #expect(loop.run() == .signal(SIGTERM))
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(screen.state.events.contains("key w") && !screen.state.events.contains("work: done"))
        release.signal()
    }

    /// An interrupted task is asked to stop (its Swift task is cancelled, so a store call gives
    /// up) and its answer still comes back: a write says whether it was saved or not.
    @Test func anInterruptedTaskStopsAndItsAnswerStillComes() {
        let runner = TaskRunner<String>()
        let started = DispatchSemaphore(value: 0)
        runner.start(TaskKind("write")) { _ in
            started.signal()
            for _ in 0..<500 {
                if Task.isCancelled { return "stopped: nothing saved" }
                try? await Task.sleep(nanoseconds: 10_000_000)
            }
            return "saved"
        }
        started.wait()
        runner.interrupt(TaskKind("write"))
        #expect(runner.waitUntilIdle(timeout: 4))
        #expect(runner.takeFinished().map(\.1) == ["stopped: nothing saved"])
    }

    @Test func aTaskResultComesBackAsAnEvent() {
        let screen = Recorder()
        screen.work = { _ in "42" }
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        backend.queue(.character("w"))
        let loop = Loop(screen: screen, backend: backend, clock: { 0 }, pendingSignal: { nil })
        loop.runUntilIdle()
        #expect(screen.state.events.last == "work: 42")
    }

    @Test func exitAfterFirstFrameQuitsOnceTheFirstFrameIsDrawnAndReadsNoKey() {
        let screen = Recorder()
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        backend.queue(.character("a"))
        let loop = Loop(screen: screen, backend: backend, clock: { 0 }, pendingSignal: { nil }, exitAfterFirstFrame: true)
        #expect(loop.run() == .quit)
        #expect(backend.framesDrawn == 1)
        #expect(backend.screen.text().hasPrefix("resize 20x2"))
        #expect(backend.queuedInput == 1, "no key is read after the first frame")
    }

    /// Shows "loading" until its first task comes back: a placeholder frame, then the content.
    final class Loader: Screen {
        struct State { var loaded = false }
        private(set) var state = State()
        var showsContent: Bool { state.loaded }

        func update(_ event: Event<String>) -> [Effect<String>] {
            switch event {
            case .resize: return state.loaded ? [] : [.run(TaskKind("load"), { _ in usleep(20_000); return "rows" })]
            case .taskFinished: state.loaded = true
            default: break
            }
            return []
        }

        static func view(_ state: State, size: Size) -> Frame {
            var grid = CellGrid(width: size.width, height: size.height)
            grid.write(state.loaded ? "rows" : "loading", x: 0, y: 0)
            return Frame(grid: grid)
        }
    }

    @Test func exitAfterFirstFrameWaitsForAFrameWithContentNotAPlaceholder() {
        let backend = InMemoryBackend(size: Size(width: 20, height: 2))
        let loop = Loop(screen: Loader(), backend: backend, clock: { 0 }, pendingSignal: { nil }, exitAfterFirstFrame: true)
        #expect(loop.run() == .quit)
        #expect(backend.framesDrawn == 2, "the placeholder, then the content")
        #expect(backend.screen.text().hasPrefix("rows"))
    }

    @Test func theInMemoryBackendWritesOnlyTheCellsThatChanged() {
        let backend = InMemoryBackend(size: Size(width: 10, height: 2))
        var grid = CellGrid(width: 10, height: 2)
        grid.write("hello", x: 0, y: 0)
        backend.draw(grid, cursor: nil)
        #expect(backend.cellsWrittenLastDraw == 20, "the first frame is written whole")
        grid.write("J", x: 0, y: 0)
        grid.write("数", x: 4, y: 1)
        backend.draw(grid, cursor: (x: 0, y: 0))
        #expect(backend.cellsWrittenLastDraw == 2)
        #expect(backend.screen.text() == "Jello\n    数")
        #expect(backend.cursor?.x == 0)
    }
}
