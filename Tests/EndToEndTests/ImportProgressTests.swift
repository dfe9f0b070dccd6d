import Foundation
import Testing

/// `tern import` shows its progress on a terminal, and only there.
@Suite(.serialized) struct ImportProgressTests {
    func listings(_ count: Int, in scratch: Scratch) throws -> String {
        var csv = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,compensation_amount,currency,location_kind\n"
        for i in 0..<count { csv += "bulk-\(i),Bulk listing \(i),Org \(i % 50),data_analysis,10,14,2099-06-01,hourly,20,USD,remote\n" }
        let file = scratch.path("listings.csv")
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func onATerminalAProgressLineShowsAndIsClearedForTheResult() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let file = try listings(20_000, in: scratch)
        let tmux = try TmuxSession(command: "'\(try TernProcess.binary)' import '\(file)' --db '\(db)'; echo EXIT=$?", width: 220, height: 10)
        var sawProgress = false
        let screen = try tmux.waitFor("the import's result") { screen in
            if screen.contains("importing listings.csv · ") && screen.contains("%") { sawProgress = true }
            return screen.contains("EXIT=")
        }
        #expect(sawProgress)
        #expect(screen.contains("imported opportunities from \(file): 20000 new, 0 updated"))
        #expect(screen.contains("EXIT=0"))
        // The line was cleared: nothing of it is left beside the result.
        #expect(!screen.contains("importing listings.csv"))
    }

    @Test func throughAPipeThereIsNoProgressLine() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let file = try listings(2_000, in: scratch)
        let result = try TernProcess.run(["import", file, "--db", db])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout == "imported opportunities from \(file): 2000 new, 0 updated\n")
    }
}
