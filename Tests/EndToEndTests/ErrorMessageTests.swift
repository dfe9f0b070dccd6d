import Foundation
import Testing

/// Error messages echo what was wrong: a value, a column name, a file name, an argument. That text
/// comes from a file or a command line someone else wrote, so stderr shows it as placeholders and a
/// terminal never acts on it.
@Suite struct ErrorMessageTests {
    /// A window title change (OSC 0 … BEL), a screen clear, the one-character CSI U+009B, NEL
    /// U+0085, a right-to-left override, a bidi isolate and DEL.
    static let hostile = "\u{1B}]0;pwned\u{7}\u{1B}[2J\u{9B}31m\u{85}\u{202E}\u{2066}\u{7F}"
    static let hostileShown = "^[]0;pwned^G^[[2J\\u{9B}31m\\u{85}\\u{202E}\\u{2066}^?"

    /// One import file that fails on hostile text in one place.
    struct HostileImport: Sendable, CustomTestStringConvertible {
        var place: String
        var fileName: String
        var content: String
        var testDescription: String { place }
    }

    static let header = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind"

    static let imports: [HostileImport] = [
        HostileImport(place: "a value", fileName: "hours.csv",
                      content: "\(header)\nok-1,Title,Acme,design,\(hostile),5,2099-01-01,unpaid,remote\n"),
        HostileImport(place: "a column name", fileName: "columns.csv",
                      content: "\(header),\(hostile)\nok-1,Title,Acme,design,10,5,2099-01-01,unpaid,remote,x\n"),
        HostileImport(place: "a JSON key", fileName: "keys.json",
                      content: #"[{"ref": "ok-1", "\u001B]0;pwned\u0007\u001B[2J\u009B31m\u0085\u202E\u2066\u007F": "v"}]"#),
        HostileImport(place: "an enum value", fileName: "field.csv",
                      content: "\(header)\nok-1,Title,Acme,\(hostile),10,5,2099-01-01,unpaid,remote\n"),
        HostileImport(place: "a ref", fileName: "ref.csv",
                      content: "\(header)\n\(hostile),Title,Acme,design,10,5,2099-01-01,unpaid,remote\n"),
        HostileImport(place: "the file name", fileName: "named\(hostile).csv",
                      content: "\(header)\nok-1,Title,Acme,design,many,5,2099-01-01,unpaid,remote\n"),
    ]

    @Test(arguments: imports)
    func anImportErrorShowsHostileTextAsPlaceholders(_ hostileImport: HostileImport) throws {
        let scratch = try Scratch()
        let file = scratch.path(hostileImport.fileName)
        try hostileImport.content.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try TernProcess.run(["init", "--db", scratch.path("c.sqlite")]).status == 0)
        let result = try TernProcess.run(["import", file, "--db", scratch.path("c.sqlite")])
        #expect(result.status == 1)
        #expect(TerminalSafeOutput.oneSafeLineProblem(result.stderr) == nil)
        #expect(result.stderr.contains(Self.hostileShown), "\(result.stderr.debugDescription)")
    }

    @Test func aHostileArgumentInAUsageErrorIsShownAsPlaceholders() throws {
        // (--field takes a closed set now and names its values, not what was typed: a value a
        // number option refuses is echoed, so that is where a hostile one is shown.)
        let result = try TernProcess.run(["search", "--max-hours", "\u{1B}]0;x\u{7}", "--db", "/nonexistent/x.sqlite"])
        #expect(result.status == 2)
        #expect(TerminalSafeOutput.oneSafeLineProblem(result.stderr) == nil)
        #expect(result.stderr.contains("The value '^[]0;x^G' is invalid for '--max-hours <H>'"), "\(result.stderr.debugDescription)")
    }

    @Test func aMissingFileWhoseNameHoldsAnEscapeIsNamedWithPlaceholders() throws {
        let scratch = try Scratch()
        let missing = scratch.path("gone\u{1B}]0;x\u{7}\u{202E}.csv")
        #expect(try TernProcess.run(["init", "--db", scratch.path("c.sqlite")]).status == 0)
        let result = try TernProcess.run(["import", missing, "--db", scratch.path("c.sqlite")])
        #expect(result.status == 1)
        #expect(TerminalSafeOutput.oneSafeLineProblem(result.stderr) == nil)
        #expect(result.stderr.contains("gone^[]0;x^G\\u{202E}.csv"), "\(result.stderr.debugDescription)")
    }
}
