import Foundation
import Testing

/// `--exit-after-first-frame` (hidden; what `make bench` times start-up with) and `--read-only`
/// (hidden; how the benchmark opens a catalogue it must not change), on a real pseudo-terminal.
@Suite struct FirstFrameTests {
    static let size = ["COLUMNS": "120", "LINES": "40"]

    @Test func exitAfterFirstFrameDrawsTheListingsThenExitsAndRestoresTheTerminal() throws {
        let scratch = try Scratch()
        let db = try TerminalInterfaceTests.demo(scratch)
        let first = try #require(try firstTitle(db))
        let (shown, status) = try PseudoTerminal.session(["--db", db, "--user", "demo", "--exit-after-first-frame"], environment: Self.size)
        #expect(status == 0)
        // The whole first frame went out, with the first page of listings in it, not a placeholder.
        for text in ["Listings · ", "Project detail", "My applications (", "Feedback", String(first.prefix(24))] {
            #expect(shown.contains(text), "missing \(text)")
        }
        // Then the terminal was given back: the alternate screen left after the frame.
        let frame = try #require(shown.range(of: "Project detail"))
        #expect(shown.range(of: "\u{1B}[?1049l", range: frame.upperBound..<shown.endIndex) != nil, "the alternate screen is never left")
    }

    @Test func readOnlyBrowsingWritesNothing() throws {
        let scratch = try Scratch()
        let db = try TerminalInterfaceTests.demo(scratch)
        let files = [db, db + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let (shown, status) = try PseudoTerminal.session(["--db", db, "--read-only", "--exit-after-first-frame"], environment: Self.size)
        #expect(status == 0)
        #expect(shown.contains("Listings · "))
        #expect(try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == before)
    }

    @Test func readOnlyCannotActForAStudent() throws {
        let scratch = try Scratch()
        let db = try TerminalInterfaceTests.demo(scratch)
        let result = try TernProcess.run(["--db", db, "--read-only", "--user", "demo"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--read-only cannot go with --user"))
    }

    func firstTitle(_ db: String) throws -> String? {
        let result = try TernProcess.run(["search", "--limit", "1", "--json", "--db", db])
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        return rows?.first?["title"] as? String
    }
}
