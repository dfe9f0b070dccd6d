import Foundation
import Testing
import TernCatalogue
import TernViewModels
import StoreFixtures
@testable import TernTerminal

/// The demo catalogue the store contract runs over (StoreFixtures), seeded on a fixed day so
/// deadlines and countdowns read the same on every run.
final class DemoCatalogue {
    static var seededAt: Date { DemoData.seededAt }
    static var root: URL { DemoData.root }

    private let demo: SQLiteDemo
    var directory: URL { demo.directory }
    var catalogue: Catalogue { demo.catalogue }

    init() throws { demo = try SQLiteDemo(seededAt: DemoData.seededAt) }
}

/// The clocks a screen under test reads, moved on by hand: the loop's (milliseconds), the wall
/// clock and the calendar day. Nothing moves by itself, so a toast does not time out under a
/// slow test.
final class TestClock: @unchecked Sendable {
    var milliseconds = 0
    var date = DemoCatalogue.seededAt
    /// The calendar day, moved on by hand (midnight).
    var day = CalendarDay(DemoCatalogue.seededAt)
}

/// A screen driven through the real loop with an in-memory backend, over the demo catalogue:
/// keys go in as the terminal would send them, and what a person would see comes back from the
/// backend's screen. No signal ever arrives; background tasks are waited for by completion,
/// never by time. Each screen adds how it is built (StudentScreenHarness, TriageScreenHarness,
/// KioskHarness below).
final class ScreenHarness<S: Screen> {
    let demo: DemoCatalogue
    let screen: S
    let backend: InMemoryBackend
    let loop: Loop<S>
    let clock: TestClock

    init(demo: DemoCatalogue, screen: S, size: Size, clock: TestClock = TestClock(), changeFeed: (any ChangeFeed)? = nil) {
        self.demo = demo
        self.screen = screen
        self.clock = clock
        backend = InMemoryBackend(size: size)
        loop = Loop(screen: screen, backend: backend, changeFeed: changeFeed, clock: { clock.milliseconds }, pendingSignal: { nil })
        loop.runUntilIdle()
    }

    /// Keys, each handled and settled before the next.
    func press(_ keys: Key...) {
        for key in keys { backend.queue(key) }
        loop.runUntilIdle()
    }

    func type(_ text: String) {
        backend.queue(typing: text)
        loop.runUntilIdle()
    }

    func resize(_ width: Int, _ height: Int) {
        backend.resize(to: Size(width: width, height: height))
        loop.runUntilIdle()
    }

    /// Moves the loop's clock on and lets it take one idle turn: timers tick, toasts time out,
    /// the change feed is asked.
    func advance(milliseconds: Int) {
        clock.milliseconds += milliseconds
        loop.step(waitMilliseconds: 0)
        loop.runUntilIdle()
    }

    /// Time passes a second at a turn: the wall clock and the loop's, each second one idle turn
    /// (timers fire).
    func wait(seconds: Int) {
        for _ in 0..<seconds {
            clock.date += 1
            clock.milliseconds += 1_000
            loop.step(waitMilliseconds: 0)
        }
        loop.runUntilIdle()
    }

    /// What is on the screen now.
    var text: String { backend.screen.text() }
    var state: S.State { screen.state }

    /// The screen rows containing `needle`.
    func rows(containing needle: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { $0.contains(needle) }
    }

    /// Compares the whole screen with a committed snapshot in Snapshots/.
    func expectSnapshot(named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Snapshot.expect(text, named: name, sourceLocation: sourceLocation)
    }
}

/// Whole frames compared with the committed text files in Snapshots/. TERN_RECORD_SNAPSHOTS=1
/// writes missing or changed ones (review the diff before committing).
enum Snapshot {
    static func expect(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name).txt")
        let recording = ProcessInfo.processInfo.environment["TERN_RECORD_SNAPSHOTS"] == "1"
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            if recording { try text.write(to: file, atomically: true, encoding: .utf8); return }
            Issue.record("no snapshot \(name).txt; run with TERN_RECORD_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            if recording { try text.write(to: file, atomically: true, encoding: .utf8); return }
            let diff = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), text.split(separator: "\n", omittingEmptySubsequences: false))
                .enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("snapshot \(name) differs at line \((diff?.offset ?? 0) + 1):\nexpected: \(diff?.element.0 ?? "")\nactual:   \(diff?.element.1 ?? "")",
                         sourceLocation: sourceLocation)
        }
    }
}

// MARK: - How each screen is built

typealias StudentScreenHarness = ScreenHarness<StudentScreen>

extension ScreenHarness where S == StudentScreen {
    /// The student screen as `user` sees it; `watchingChanges` gives the loop the catalogue's change feed.
    convenience init(user: String? = "demo", size: Size = Size(width: 120, height: 40), keyMap: KeyMap<StudentAction> = StudentAction.defaultKeyMap,
                     demo: DemoCatalogue? = nil, watchingChanges: Bool = false, box: BoxStyle = .line) throws {
        let demo = try demo ?? DemoCatalogue()
        let feed = watchingChanges ? try demo.catalogue.changeFeed() : nil
        _ = try feed?.hasChanged()
        let session = try StudentSession.resolve(catalogue: demo.catalogue, requested: user, login: nil)
        self.init(demo: demo, store: demo.catalogue, session: session, size: size, keyMap: keyMap, box: box, changeFeed: feed)
    }

    /// The student screen over `store` (a guarded stand-in for the catalogue, say) as `session` sees it.
    convenience init(demo: DemoCatalogue, store: StudentScreenStore, session: StudentSession, size: Size = Size(width: 120, height: 40),
                     keyMap: KeyMap<StudentAction> = StudentAction.defaultKeyMap, box: BoxStyle = .line, changeFeed: (any ChangeFeed)? = nil) {
        let screen = StudentScreen(store: store, session: session, keyMap: keyMap, box: box,
                                   today: { CalendarDay(DemoCatalogue.seededAt) }, now: { DemoCatalogue.seededAt })
        self.init(demo: demo, screen: screen, size: size, changeFeed: changeFeed)
    }
}

extension StudentSession {
    /// The session for a named student of a catalogue opened in the test (unknown: a guest).
    static func resolve(catalogue: Catalogue, requested: String?, login: String? = nil) throws -> StudentSession {
        try resolve(requested: requested, login: login, student: catalogue.student(username:))
    }
}

typealias TriageScreenHarness = ScreenHarness<TriageScreen>

extension ScreenHarness where S == TriageScreen {
    /// The staff console as `session` sees it.
    convenience init(demo: DemoCatalogue? = nil, session: TriageSession = TriageScreenTests.rosa, size: Size = Size(width: 140, height: 44)) throws {
        let demo = try demo ?? DemoCatalogue()
        self.init(demo: demo, screen: TriageScreen(store: demo.catalogue, session: session, now: { DemoCatalogue.seededAt }), size: size)
    }

    var session: TriageSession { screen.session }

    /// Sets the limit as staff would: l, the pattern, enter.
    func limit(_ pattern: String) {
        press(.character("l"))
        // The line opens holding the current limit; clear it first.
        for _ in 0..<state.pattern.count { backend.queue(.backspace) }
        type(pattern)
        press(.enter)
    }
}

typealias KioskHarness = ScreenHarness<KioskScreen>

/// The kiosk's staff PIN in tests, hashed once and cheaply: yescrypt at the real cost takes a
/// third of a second a check.
enum KioskPINFixture {
    static let pin = "730518"
    static let hash = try! KioskPIN.hash(pin, cost: 1)
}

extension ScreenHarness where S == KioskScreen {
    /// The catalogue at `path` as the kiosk opens it: read-only, never created, never migrated.
    static func openReadOnly(_ path: String) throws -> Catalogue {
        try Catalogue(path: path, readOnly: true, opening: .existing)
    }

    static func opener(_ path: String) -> KioskOpener {
        {
            let catalogue = try openReadOnly(path)
            return try KioskCatalogue.start(listings: catalogue, changes: try catalogue.changeFeed())
        }
    }

    static var pin: String { KioskPINFixture.pin }
    static var pinHash: String { KioskPINFixture.hash }

    /// The kiosk over the demo catalogue opened read-only as the kiosk opens it (or the catalogue
    /// at `path`). `lockoutPath`: where wrong PINs are kept, as the real kiosk keeps them (nil: in memory).
    convenience init(demo: DemoCatalogue? = nil, link: String? = "https://careers.example.edu/apply/{ref}", size: Size = Size(width: 130, height: 44),
                     large: Bool = false, path: String? = nil, lockoutPath: String? = nil, pinHash: String = KioskPINFixture.hash,
                     open: KioskOpener? = nil) throws {
        let demo = try demo ?? DemoCatalogue()
        if let link { try demo.catalogue.setApplyLinkTemplate(link) }
        let clock = TestClock()
        let screen = KioskScreen(open: open ?? Self.opener(path ?? demo.directory.appendingPathComponent("c.sqlite").path), config: KioskConfig(pinHash: pinHash, idleSeconds: 60, attractSeconds: 6), large: large,
                                 lockout: lockoutPath.map(KioskLockout.load) ?? KioskLockout(),
                                 saveLockout: lockoutPath.map { path in { try $0.save(path: path) } },
                                 now: { clock.date }, today: { clock.day })
        self.init(demo: demo, screen: screen, size: size, clock: clock, changeFeed: screen.changes)
    }
}

extension TriageScreen {
    /// For tests that drive the update by hand: runs the background work of `effects` as the
    /// loop would (off the loop) and hands each result back to the update, until none is left.
    func settle(_ effects: [Effect<TriageOutcome>]) async {
        var pending = effects
        while !pending.isEmpty {
            guard case .run(let kind, let work) = pending.removeFirst() else { continue }
            let outcome = await work(TaskContext(superseded: { false }))
            pending += update(.taskFinished(kind, outcome))
        }
    }
}
