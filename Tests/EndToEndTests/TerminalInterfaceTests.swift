import Foundation
import Testing

/// The real binary in a real terminal (tmux). Serialized: each starts its own tmux server, but
/// two at once on two cores make timing needlessly tight.
@Suite(.serialized) struct TerminalInterfaceTests {
    static func demo(_ scratch: Scratch) throws -> String {
        let db = scratch.path("demo.sqlite")
        #expect(try TernProcess.run(["init", "--demo", "--db", db]).status == 0)
        return db
    }

    static func launch(_ scratch: Scratch, db: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:],
                       pidFile: String? = nil) throws -> TmuxSession {
        let binary = try TernProcess.binary
        let data = TernProcess.repositoryRoot.appendingPathComponent("data").path
        let themes = TernProcess.repositoryRoot.path
        var env = ["TERN_DATA_DIR": data, "HOME": scratch.url.path, "XDG_CONFIG_HOME": scratch.path("config")]
        env.merge(environment) { $1 }
        // With a pid file, an inner shell writes its pid and becomes tern (exec), so the test can
        // signal exactly that process.
        let tern = "'\(binary)' --db '\(db)' --user demo"
        let run = pidFile.map { "sh -c 'echo $$ > \"$0\"; exec \"$@\"' '\($0)' \(tern)" } ?? tern
        return try TmuxSession(command: "cd '\(themes)' && \(run); echo EXIT=$?; stty -a", width: width, height: height, environment: env)
    }

    /// Waits for the exit status and the whole `stty -a` report after it: the status line comes
    /// first, so a screen that shows it may not show the terminal's modes yet.
    static func waitForExit(_ tmux: TmuxSession, status: Int) throws -> String {
        try tmux.waitFor("exit status \(status) and the terminal's modes") { screen in
            screen.contains("EXIT=\(status)")
                && screen.range(of: #"(^|\s)-?icanon(\s|$)"#, options: .regularExpression) != nil
                && screen.range(of: #"(^|\s)-?echo(\s|$)"#, options: .regularExpression) != nil
        }
    }

    func firstTwoTitles(_ db: String) throws -> [String] {
        let result = try TernProcess.run(["search", "--limit", "2", "--json", "--db", db])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return rows.compactMap { $0["title"] as? String }
    }

    @Test func openMoveSwitchPanesHelpResizeAndQuitRestoresTheTerminal() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        let titles = try firstTwoTitles(db)
        let tmux = try Self.launch(scratch, db: db)
        try tmux.waitFor("the four panes") { screen in
            ["Listings · ", "Project detail", "My applications (", "Feedback"].allSatisfy(screen.contains)
        }
        // The detail follows the selection: j moves to the second listing.
        try tmux.waitFor(text: String(titles[0].prefix(24)))
        try tmux.send("j")
        // The detail pane's heading starts right after the listings pane's border: "││Title".
        try tmux.waitFor("the second listing's detail") {
            $0.contains("││" + String(titles[1].prefix(24))) && !$0.contains("││" + String(titles[0].prefix(24)))
        }
        try tmux.send("Tab")
        try tmux.send("?")
        try tmux.waitFor(text: "Help")
        try tmux.send("Escape")
        try tmux.waitFor("help closed") { !$0.contains("Help — keys") }

        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("the narrow layout with a tab bar") { $0.contains("│") && $0.contains("Listings") && !$0.contains("My applications (") }
        try tmux.resize(width: 40, height: 12)
        try tmux.waitFor(text: "terminal too small")
        try tmux.resize(width: 120, height: 40)
        try tmux.waitFor("the wide layout again") { screen in
            ["Listings · ", "Project detail", "My applications (", "Feedback"].allSatisfy(screen.contains) && !screen.contains("too small")
        }
        try tmux.send("Escape")
        try tmux.send("q")
        let after = try Self.waitForExit(tmux, status: 0)
        // Raw mode is gone: canonical input and echo are back (no leading '-').
        #expect(after.range(of: #"(^|\s)icanon"#, options: .regularExpression) != nil, "\(after)")
        #expect(after.range(of: #"(^|\s)echo(\s|$)"#, options: .regularExpression) != nil, "\(after)")
    }

    @Test(arguments: [("TERM", 143), ("HUP", 129)])
    func aSignalRestoresTheTerminal(signal: String, status: Int) throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        let tmux = try Self.launch(scratch, db: db, pidFile: scratch.path("tern.pid"))
        try tmux.waitFor(text: "Project detail")
        // As a dropped ssh session or `kill` would: the signal comes from outside, to the one
        // process this test started (its pid, written before exec), while it is drawing.
        let pid = try #require(Int32(try String(contentsOfFile: scratch.path("tern.pid"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        try tmux.send("j")
        #expect(kill(pid, signal == "TERM" ? SIGTERM : SIGHUP) == 0)
        let after = try Self.waitForExit(tmux, status: status)
        #expect(after.range(of: #"(^|\s)icanon"#, options: .regularExpression) != nil, "\(after)")
        #expect(after.range(of: #"(^|\s)echo(\s|$)"#, options: .regularExpression) != nil, "\(after)")
    }

    @Test func noColorMeansNoColourEscapes() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        let tmux = try Self.launch(scratch, db: db, environment: ["NO_COLOR": "1"])
        let screen = try tmux.waitFor("the panes", escapes: true) { $0.contains("Project detail") }
        #expect(screen.range(of: #"\u{1B}\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9;]*)?m"#, options: .regularExpression) == nil,
                "colour escapes found")
        try tmux.send("q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test func hostileTitlesShowPlaceholdersAndLeaveTheScreenIntact() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        let file = scratch.path("hostile.json")
        let title = "Evil \u{1B}[2J wipe\rback \u{202E}txet desrever"
        let json = try JSONSerialization.data(withJSONObject: [[
            "ref": "hostile", "title": title, "organization": "Mallory Ltd", "field": "design", "hours": 5,
            "duration_days": 2, "deadline": "2000-01-01", "compensation_kind": "unpaid", "location_kind": "remote",
        ]])
        // A deadline far in the past would hide it; give it the soonest open deadline instead.
        var record = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        record[0]["deadline"] = formatter.string(from: Date())
        try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: file))
        #expect(try TernProcess.run(["import", file, "--db", db]).status == 0)
        try TernProcess.approvePending(db: db)
        let tmux = try Self.launch(scratch, db: db)
        // Wait for the whole frame, not just the first row that shows the title: a capture can land
        // while the terminal is still drawing the rest.
        let panes = ["Listings · ", "Project detail", "My applications (", "Feedback"]
        let screen = try tmux.waitFor("the hostile title in a whole frame") { screen in
            screen.contains("^[[2J") && panes.allSatisfy(screen.contains)
        }
        #expect(screen.contains("^M"))
        #expect(screen.contains("\\u{202E}"))
        #expect(!screen.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B })
        try tmux.send("q")
        try tmux.waitFor(text: "EXIT=0")
    }
}
