import Foundation
import Testing

/// `tern export` writes the import format exactly, byte for byte, to a file or a pipe; on a
/// terminal, where a person reads it, catalogue text shows its controls as placeholders.
@Suite struct ExportOutputTests {
    static let hostileTitle = "Evil \u{1B}]0;pwned\u{7} \u{1B}[2J\u{9B}31m\u{202E} x"

    /// A new catalogue holding one listing titled ``hostileTitle``.
    static func catalogue(_ scratch: Scratch) throws -> String {
        try SearchOutputTests.catalogue(scratch, withListingTitled: hostileTitle)
    }

    @Test func exportToAPipeKeepsTheExactBytes() throws {
        let scratch = try Scratch()
        let db = try Self.catalogue(scratch)
        let csv = try TernProcess.run(["export", "--format", "csv", "--db", db])
        #expect(csv.status == 0)
        #expect(csv.stdout.contains("quokka-1,\(Self.hostileTitle),Quokka Trust,research,"))
        let json = try TernProcess.run(["export", "--format", "json", "--db", db])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(records.contains { $0["title"] as? String == Self.hostileTitle })
    }

    @Test func csvExportToATerminalShowsControlsAsPlaceholders() throws {
        let scratch = try Scratch()
        let db = try Self.catalogue(scratch)
        let shown = try PseudoTerminal.run(["export", "--format", "csv", "--db", db])
        // The terminal's own "\r\n" line ends are the only controls allowed.
        let received = shown.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(TerminalSafeOutput.rawControls(in: received, allowingNewlines: true) == [])
        #expect(received.contains("quokka-1,Evil ^[]0;pwned^G ^[[2J\\u{9B}31m\\u{202E} x,Quokka Trust,research,"))
        #expect(received.hasPrefix("ref,title,organization,"))
    }

    @Test func jsonExportToATerminalIsEscapedJSON() throws {
        let scratch = try Scratch()
        let db = try Self.catalogue(scratch)
        let shown = try PseudoTerminal.run(["export", "--format", "json", "--db", db])
        let received = shown.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(TerminalSafeOutput.rawControls(in: received, allowingNewlines: true) == [])
        #expect(received.contains(#""title": "Evil \u001B]0;pwned\u0007 \u001B[2J\u009B31m\u202E x""#))
        let records = try #require(try JSONSerialization.jsonObject(with: Data(received.utf8)) as? [[String: Any]])
        #expect(records.contains { $0["title"] as? String == Self.hostileTitle })
    }
}
