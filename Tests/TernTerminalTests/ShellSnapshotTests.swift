import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The whole shell rendered into a grid over the real demo catalogue, compared with committed
/// text snapshots in Snapshots/. Set TERN_RECORD_SNAPSHOTS=1 to write missing or changed ones
/// (then review the diff before committing).
@Suite(.serialized) struct ShellSnapshotTests {
    /// A fixed seeding day, so deadlines and countdowns read the same on every run.
    static let seededAt = Date(timeIntervalSince1970: 1_772_452_800)   // 2026-03-02 12:00 UTC
    static var root: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    final class Demo {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-shell-\(UUID().uuidString)")
        let catalogue: Catalogue
        init() throws {
            catalogue = try Catalogue(path: directory.appendingPathComponent("c.sqlite").path)
            try catalogue.seedDemo(from: ShellSnapshotTests.root.appendingPathComponent("data/demo"), now: ShellSnapshotTests.seededAt)
        }
        deinit { try? FileManager.default.removeItem(at: directory) }

        func shell(user: String? = "demo") throws -> StudentShell {
            let session = try StudentSession.resolve(catalogue: catalogue, requested: user, login: nil)
            return try StudentShell(catalogue: catalogue, session: session, today: { CalendarDay(ShellSnapshotTests.seededAt) })
        }
    }

    func expectSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
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
            Issue.record("snapshot \(name) differs at line \((diff?.offset ?? 0) + 1):\nexpected: \(diff?.element.0 ?? "")\nactual:   \(diff?.element.1 ?? "")", sourceLocation: sourceLocation)
        }
    }

    @Test func wideLayoutShowsFourTitledPanes() throws {
        let demo = try Demo()
        let frame = try demo.shell().render(width: 120, height: 40)
        let text = frame.grid.text()
        for title in ["Listings · ", "Project detail", "My applications (", "Feedback"] { #expect(text.contains(title)) }
        #expect(frame.cursor != nil, "the hardware cursor is parked on the selected row")
        try expectSnapshot(text, named: "shell-120x40")
    }

    @Test func narrowLayoutShowsOnePaneAndATabBar() throws {
        let demo = try Demo()
        let shell = try demo.shell()
        try expectSnapshot(shell.render(width: 80, height: 24).grid.text(), named: "shell-80x24-listings")
        shell.handle(.tab)
        try expectSnapshot(shell.render(width: 80, height: 24).grid.text(), named: "shell-80x24-detail")
    }

    @Test func aTooSmallTerminalShowsAMessageNotACrash() throws {
        let demo = try Demo()
        let shell = try demo.shell()
        try expectSnapshot(shell.render(width: 40, height: 12).grid.text(), named: "shell-40x12")
        for (w, h) in [(0, 0), (1, 1), (59, 16), (60, 15)] {
            #expect(shell.render(width: w, height: h).grid.text().contains("need") || w < 2)
        }
    }

    @Test func theHelpOverlayListsTheKeyMap() throws {
        let demo = try Demo()
        let shell = try demo.shell()
        shell.handle(.character("?"))
        let text = shell.render(width: 120, height: 40).grid.text()
        for action in [Action.moveDown, .nextPane, .search, .quit] { #expect(text.contains(action.label)) }
        try expectSnapshot(text, named: "shell-help")
        shell.handle(.escape)
        #expect(!shell.render(width: 120, height: 40).grid.text().contains("Help"))
    }

    @Test func movingTheSelectionChangesTheDetail() throws {
        let demo = try Demo()
        let shell = try demo.shell()
        let before = shell.render(width: 120, height: 40).grid.text()
        shell.handle(.character("j"))
        let after = shell.render(width: 120, height: 40).grid.text()
        #expect(before != after)
        let second = try #require(try demo.catalogue.opportunities(matching: OpportunityQuery(), limit: 2, today: CalendarDay(Self.seededAt)).last)
        #expect(after.contains(String(second.title.prefix(20))))
    }

    @Test func qStepsBackBeforeItQuits() throws {
        let demo = try Demo()
        let shell = try demo.shell()
        shell.handle(.tab)
        #expect(shell.focus == .detail)
        #expect(shell.handle(.character("q")) == .running)
        #expect(shell.focus == .listings)
        #expect(shell.handle(.character("q")) == .quit)
        #expect(try demo.shell().handle(.control("c")) == .quit)
    }

    @Test func aGuestSeesListingsButNoApplications() throws {
        let demo = try Demo()
        let text = try demo.shell(user: "nobody").render(width: 120, height: 40).grid.text()
        #expect(text.contains("browsing as guest"))
        #expect(text.contains("You are browsing as a guest"))
    }
}
