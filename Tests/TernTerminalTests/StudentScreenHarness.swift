import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The demo catalogue, seeded on a fixed day, in a scratch directory of its own.
final class DemoCatalogue {
    /// A fixed seeding day, so deadlines and countdowns read the same on every run.
    static let seededAt = Date(timeIntervalSince1970: 1_772_452_800)   // 2026-03-02 12:00 UTC
    static var root: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-screen-\(UUID().uuidString)")
    let catalogue: Catalogue

    init() throws {
        catalogue = try Catalogue(path: directory.appendingPathComponent("c.sqlite").path)
        try catalogue.seedDemo(from: Self.root.appendingPathComponent("data/demo"), now: Self.seededAt)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// The student screen driven through the real loop with an in-memory backend: keys go in as
/// the terminal would send them, and what a person would see comes back from the backend's
/// screen. The loop's clock stands still (toasts do not time out under a slow test) and no
/// signal ever arrives; background searches are waited for by completion, never by time.
final class StudentScreenHarness {
    let demo: DemoCatalogue
    let screen: StudentScreen
    let backend: InMemoryBackend
    let loop: Loop<StudentScreen>
    private let clock = ClockBox()
    final class ClockBox: @unchecked Sendable { var now = 0 }

    init(user: String? = "demo", size: Size = Size(width: 120, height: 40), keyMap: KeyMap<StudentAction> = StudentAction.defaultKeyMap,
         demo: DemoCatalogue? = nil, watchingChanges: Bool = false, box: BoxStyle = .line) throws {
        self.demo = try demo ?? DemoCatalogue()
        let feed = watchingChanges ? try self.demo.catalogue.changeFeed() : nil
        _ = try feed?.hasChanged()
        let session = try StudentSession.resolve(catalogue: self.demo.catalogue, requested: user, login: nil)
        screen = try StudentScreen(catalogue: self.demo.catalogue, session: session, keyMap: keyMap, box: box,
                                   today: { CalendarDay(DemoCatalogue.seededAt) }, now: { DemoCatalogue.seededAt })
        backend = InMemoryBackend(size: size)
        let clock = self.clock
        loop = Loop(screen: screen, backend: backend, changeFeed: feed, clock: { clock.now }, pendingSignal: { nil })
        loop.runUntilIdle()
    }

    /// Moves the loop's clock on and lets it take one idle turn: timers tick, toasts time out,
    /// the change feed is asked.
    func advance(milliseconds: Int) {
        clock.now += milliseconds
        loop.step(waitMilliseconds: 0)
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

    /// What is on the screen now.
    var text: String { backend.screen.text() }
    var state: StudentState { screen.state }

    /// The screen rows containing `needle`.
    func rows(containing needle: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { $0.contains(needle) }
    }

    /// Compares the screen with a committed snapshot in Snapshots/. TERN_RECORD_SNAPSHOTS=1
    /// writes missing or changed ones (review the diff before committing).
    func expectSnapshot(named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Self.expectSnapshot(text, named: name, sourceLocation: sourceLocation)
    }

    static func expectSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
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
