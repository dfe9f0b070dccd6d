import Foundation
import Testing
import QRScan

/// `tern kiosk` in a real terminal (tmux): the keys that leave other programs do not leave it,
/// the staff PIN does (and locks after three wrong tries), idle time clears what the last
/// person typed, nothing personal or unapproved ever shows, and the QR code on screen scans to
/// the apply link. Each test has its own catalogue, HOME and XDG_CONFIG_HOME (so its own
/// kiosk.toml and PIN) in its scratch directory. Serialized, as the other tmux suites.
@Suite(.serialized) struct KioskConsoleTests {
    static let pin = "730518"
    static let header = "Tern · micro-internships"
    static let linkPrefix = "https://careers.example.edu/apply/"

    /// A kiosk set up in `scratch`: the demo catalogue, the staff PIN, optionally a shorter idle
    /// time and the apply link.
    struct Kiosk {
        let scratch: Scratch
        let db: String
        var environment: [String: String] {
            ["HOME": scratch.url.path, "XDG_CONFIG_HOME": scratch.path("config"),
             "TERN_DATA_DIR": TernProcess.repositoryRoot.appendingPathComponent("data").path]
        }
        var configFile: String { scratch.path("config") + "/tern/kiosk.toml" }
    }

    static func setUp(_ scratch: Scratch, idleSeconds: Int? = nil, applyLink: Bool = false) throws -> Kiosk {
        let db = try CommandLineTests.seededDemo(scratch)
        let kiosk = Kiosk(scratch: scratch, db: db)
        // Two lines on stdin, as a script would set it (stdin is no terminal here).
        let set = try TernProcess.run(program: "/bin/sh", ["-c", "printf '\(pin)\\n\(pin)\\n' | \"$0\" kiosk --set-pin", try TernProcess.binary],
                                      environment: kiosk.environment)
        #expect(set.status == 0, "\(set.stderr)")
        var toml = try String(contentsOfFile: kiosk.configFile, encoding: .utf8)
        #expect(toml.contains("pin_hash = \"$"))
        #expect(!toml.contains(pin))
        if let idleSeconds {
            let edited = toml.replacingOccurrences(of: #"(?m)^idle_seconds = \d+$"#, with: "idle_seconds = \(idleSeconds)", options: .regularExpression)
            #expect(edited != toml, "no idle_seconds line in:\n\(toml)")
            toml = edited
            try toml.write(toFile: kiosk.configFile, atomically: true, encoding: .utf8)
        }
        if applyLink {
            let settings = try TernProcess.run(["settings", "--apply-link", linkPrefix + "{ref}", "--db", db])
            #expect(settings.status == 0, "\(settings.stderr)")
        }
        return kiosk
    }

    /// The kiosk in tmux; after it the exit status and the terminal's modes, as
    /// TerminalInterfaceTests does.
    /// With `pidFile`, an inner shell writes its pid and becomes tern (exec), so a test can
    /// signal exactly the process it started.
    /// `colour`: with the terminal's colours even when the test runner exports NO_COLOR.
    static func launch(_ kiosk: Kiosk, width: Int = 120, height: Int = 40, pidFile: String? = nil, arguments: [String] = [],
                       colour: Bool = false) throws -> TmuxSession {
        let binary = try TernProcess.binary
        let tern = (colour ? "env -u NO_COLOR " : "") + "'\(binary)' kiosk --db '\(kiosk.db)'" + arguments.map { " '\($0)'" }.joined()
        let run = pidFile.map { "sh -c 'echo $$ > \"$0\"; exec \"$@\"' '\($0)' \(tern)" } ?? tern
        return try TmuxSession(command: "cd '\(TernProcess.repositoryRoot.path)' && \(run); echo EXIT=$?; stty -a",
                               width: width, height: height, environment: kiosk.environment)
    }

    /// The listing count in the header ("142 open listings").
    static func count(_ screen: String) -> Int? {
        (screen.firstMatch(of: /(\d+) open listings?/)?.1).flatMap { Int($0) }
    }

    /// What the search line holds (between " Search: " and the field filter).
    static func searchText(_ screen: String) -> String? {
        guard let line = screen.split(separator: "\n").first(where: { $0.hasPrefix(" Search: ") }) else { return nil }
        var text = line.dropFirst(" Search: ".count)
        if let field = text.range(of: "   Field: ") { text = text[..<field.lowerBound] }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The browse screen, whole: the header with its count and the search line.
    static func browsing(_ screen: String) -> Bool {
        screen.contains(header) && count(screen) != nil && searchText(screen) != nil && !screen.contains("EXIT=")
    }

    /// Polls for a while that the kiosk is still running and browsing: no exit status ever shows.
    static func staysUp(_ tmux: TmuxSession, seconds: Double = 0.6, _ what: String) throws {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            let screen = try tmux.screen()
            guard screen.contains(header), !screen.contains("EXIT=") else {
                Issue.record("the kiosk left after \(what); the screen was:\n\(screen)")
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
    }

    static func jsonArray(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    /// The open, approved listings a student (and so the kiosk) sees.
    static func visibleListings(_ db: String) throws -> [[String: Any]] {
        let result = try TernProcess.run(["search", "--limit", "100000", "--json", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        return try jsonArray(result.stdout)
    }

    // MARK: - Keys that leave other programs

    @Test func controlKeysQAndEscapeDoNotLeaveTheKiosk() throws {
        let scratch = try Scratch()
        let kiosk = try Self.setUp(scratch)
        let tmux = try Self.launch(kiosk)
        try tmux.waitFor("the kiosk's browse screen") { Self.browsing($0) && Self.searchText($0) == "" }
        // After each control key a letter: once it shows in the search line, the control key
        // before it was read too (keys arrive in order), and a signal from the terminal would
        // have been delivered already.
        var typed = ""
        for (key, marker) in [("C-c", "a"), ("C-z", "b"), ("C-\\", "c")] {
            try tmux.send(key)
            try tmux.send("-l", marker)
            typed += marker
            let expected = typed
            try tmux.waitFor("\(key) read, then \"\(marker)\" in the search") { Self.browsing($0) && Self.searchText($0) == expected }
            try Self.staysUp(tmux, key)
        }
        try tmux.send("q")
        typed += "q"
        let withQ = typed
        try tmux.waitFor("q typed into the search") { Self.browsing($0) && Self.searchText($0) == withQ }
        try Self.staysUp(tmux, "q")
        try tmux.send("Escape")
        try tmux.waitFor("Esc clearing the search") { Self.browsing($0) && Self.searchText($0) == "" }
        try Self.staysUp(tmux, "Escape")
    }

    // MARK: - The staff PIN

    @Test func theRightPINLeavesWithStatusZeroAndRestoresTheTerminal() throws {
        let scratch = try Scratch()
        let kiosk = try Self.setUp(scratch)
        let tmux = try Self.launch(kiosk)
        try tmux.waitFor("the kiosk's browse screen") { Self.browsing($0) }
        try tmux.send("F10")
        try tmux.waitFor(text: "PIN to leave the kiosk")
        try tmux.send("-l", Self.pin)
        let typed = try tmux.waitFor(text: "••••••")
        #expect(!typed.contains(Self.pin), "the PIN shows on screen")
        try tmux.send("Enter")
        let after = try TerminalInterfaceTests.waitForExit(tmux, status: 0)
        #expect(after.range(of: #"(^|\s)icanon"#, options: .regularExpression) != nil, "\(after)")
        #expect(after.range(of: #"(^|\s)echo(\s|$)"#, options: .regularExpression) != nil, "\(after)")
    }

    @Test func wrongPINsDoNotLeaveAndAfterThreeEvenTheRightOneIsRefusedForAMinute() throws {
        let scratch = try Scratch()
        let kiosk = try Self.setUp(scratch)
        let tmux = try Self.launch(kiosk)
        try tmux.waitFor("the kiosk's browse screen") { Self.browsing($0) }
        try tmux.send("F10")
        try tmux.waitFor(text: "PIN to leave the kiosk")
        // The typed PIN shows as six dots; a single "• " is a deliverable's bullet in the detail.
        for (attempt, wrong) in ["000000", "123456", "730519"].enumerated() {
            try tmux.send("-l", wrong)
            try tmux.waitFor(text: "••••••")
            try tmux.send("Enter")
            let message = attempt == 0 ? "wrong PIN (2 tries left)" : attempt == 1 ? "wrong PIN (1 try left)" : "too many tries: locked for"
            try tmux.waitFor("\"\(message)\" and the field cleared") { $0.contains(message) && !$0.contains("••••") }
            try Self.staysUp(tmux, "wrong PIN \(wrong)")
        }
        // The fourth try, within the minute, is the right PIN: refused all the same.
        try tmux.send("-l", Self.pin)
        try tmux.waitFor(text: "••••••")
        try tmux.send("Enter")
        try tmux.waitFor("the right PIN refused while locked") { screen in
            screen.range(of: #"too many tries: locked for \d+ s"#, options: .regularExpression) != nil && !screen.contains("••••")
        }
        try Self.staysUp(tmux, seconds: 1.5, "the right PIN while locked")
        // Esc closes the prompt: back to browsing, still running; the prompt reopens locked.
        try tmux.send("Escape")
        try tmux.waitFor("the browse screen again") { Self.browsing($0) && !$0.contains("PIN to leave the kiosk") }
        try tmux.send("F10")
        try tmux.waitFor(text: "too many tries: locked for")
        try Self.staysUp(tmux, "reopening the prompt while locked")
    }

    @Test func theLockOutlivesAKilledKioskAndAWeakPINIsRefused() throws {
        let scratch = try Scratch()
        let kiosk = try Self.setUp(scratch)
        let weak = try TernProcess.run(program: "/bin/sh", ["-c", "printf '0000\\n0000\\n' | \"$0\" kiosk --set-pin", try TernProcess.binary],
                                       environment: kiosk.environment)
        #expect(weak.status != 0 && weak.stderr.contains("6 to 32 characters"), "\(weak.stderr)")
        let pidFile = scratch.path("kiosk.pid")
        var tmux = try Self.launch(kiosk, pidFile: pidFile)
        try tmux.waitFor("the kiosk's browse screen") { Self.browsing($0) }
        try tmux.send("F10")
        try tmux.waitFor(text: "PIN to leave the kiosk")
        // Each try's own message: "wrong PIN" alone was still on the screen from the try before
        // while a partly drawn frame had cleared the dots, so the next PIN was typed during the
        // check, when the prompt takes no keys (a failure seen once in a full run).
        for (wrong, counted) in [("000000", "wrong PIN (2 tries left)"), ("123456", "wrong PIN (1 try left)"), ("730519", "locked for 60 s")] {
            try tmux.send("-l", wrong)
            try tmux.waitFor(text: "••••••")
            try tmux.send("Enter")
            try tmux.waitFor("the try counted") { !$0.contains("••••••") && !$0.contains("checking…") && $0.contains(counted) }
        }
        // Killed, as a guesser pulling the plug would, and started again: still locked.
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGKILL) == 0)
        try tmux.waitFor(text: "EXIT=137")
        tmux = try Self.launch(kiosk)
        try tmux.waitFor("the kiosk's browse screen") { Self.browsing($0) }
        try tmux.send("F10")
        try tmux.waitFor("still locked after the restart") { $0.range(of: #"too many tries: locked for \d+ s"#, options: .regularExpression) != nil }
        let lock = try String(contentsOfFile: scratch.path("config") + "/tern/kiosk-lock.toml", encoding: .utf8)
        #expect(lock.contains("failures = 3"), "\(lock)")
    }

    /// Every signal that ends the process restores the terminal, not just TERM and HUP.
    @Test(arguments: [("PIPE", SIGPIPE), ("USR1", SIGUSR1), ("ALRM", SIGALRM)])
    func aSignalThatEndsTheKioskRestoresTheTerminal(name: String, signal: Int32) throws {
        let scratch = try Scratch()
        let kiosk = try Self.setUp(scratch)
        let pidFile = scratch.path("kiosk.pid")
        let tmux = try Self.launch(kiosk, pidFile: pidFile)
        try tmux.waitFor("the kiosk's browse screen") { Self.browsing($0) }
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, signal) == 0)
        let after = try TerminalInterfaceTests.waitForExit(tmux, status: 128 + Int(signal))
        #expect(after.range(of: #"(^|\s)icanon"#, options: .regularExpression) != nil, "SIG\(name): \(after)")
        #expect(after.range(of: #"(^|\s)echo(\s|$)"#, options: .regularExpression) != nil, "SIG\(name): \(after)")
        #expect(try tmux.tmux(["display-message", "-p", "-t", tmux.name, "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0",
                "SIG\(name) left the alternate screen on")
    }

    // MARK: - Idle

    @Test func afterIdleSecondsTheAttractScreenShowsAndAKeyReturnsToAnEmptySearchAndEveryListing() throws {
        let scratch = try Scratch()
        let kiosk = try Self.setUp(scratch, idleSeconds: 2)
        let tmux = try Self.launch(kiosk)
        let first = try tmux.waitFor("the kiosk's browse screen") { Self.browsing($0) }
        let all = try #require(Self.count(first))
        #expect(all == (try Self.visibleListings(kiosk.db)).count)
        // It may already have gone idle once: any key brings browsing back (and is not typed).
        try tmux.send("Down")
        try tmux.waitFor("browsing with an empty search") { Self.browsing($0) && Self.searchText($0) == "" }
        // One write, so the idle timer cannot fall between the letters.
        try tmux.send("-l", "design")
        try tmux.waitFor("the search for design, fewer listings") { screen in
            Self.browsing(screen) && Self.searchText(screen) == "design" && (Self.count(screen) ?? all) < all
        }
        // Waiting for the idle time to pass is the point here; the screen is still polled.
        try tmux.waitFor("the attract screen", seconds: 15) { screen in
            screen.contains("Featured micro-internships") && screen.contains("Press any key to browse every listing")
        }
        try tmux.send("x")
        let back = try tmux.waitFor("browsing again, the search empty, every listing") { screen in
            Self.browsing(screen) && Self.searchText(screen) == "" && Self.count(screen) == all
        }
        #expect(!back.contains("design"), "the last search still shows:\n\(back)")
        #expect(back.contains("Field: All"))
    }

    // MARK: - Nothing personal, nothing unapproved

    /// A name or email as it would leak: the whole text, any case.
    static func shows(_ screen: String, _ text: String) -> Bool {
        screen.range(of: text, options: .caseInsensitive) != nil
    }

    /// A username as it would leak: a whole word (short ones are parts of ordinary words).
    static func showsWord(_ screen: String, _ word: String) -> Bool {
        screen.range(of: "(?<![A-Za-z0-9_.])" + NSRegularExpression.escapedPattern(for: word) + "(?![A-Za-z0-9_])",
                     options: [.regularExpression, .caseInsensitive]) != nil
    }

    @Test func browsingEveryListingNeverShowsAPersonOrAPendingOrDeclinedPosting() throws {
        let scratch = try Scratch()
        let kiosk = try Self.setUp(scratch, applyLink: true)
        let db = kiosk.db

        // One approved listing declined, and one new listing imported (so pending), closing
        // today so it would sort first if the kiosk showed it.
        let before = try Self.visibleListings(db)
        let declinedRef = try #require(before.dropFirst(4).first?["ref"] as? String)
        let declined = try TernProcess.run(["postings", "decline", declinedRef, "--reason", "not_a_real_project", "--db", db])
        #expect(declined.status == 0, "\(declined.stderr)")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let file = scratch.path("pending.json")
        try JSONSerialization.data(withJSONObject: [[
            "ref": "kiosk-pending-listing", "title": "Unreviewed harbour mural survey", "organization": "Quayside Arts Trust",
            "field": "design", "hours": 6, "duration_days": 3, "deadline": formatter.string(from: Date()),
            "compensation_kind": "unpaid", "location_kind": "remote",
        ]]).write(to: URL(fileURLWithPath: file))
        let imported = try TernProcess.run(["import", file, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")

        var hidden: [[String: Any]] = []
        for status in ["pending", "declined"] {
            let listed = try TernProcess.run(["postings", "list", "--status", status, "--json", "--db", db])
            #expect(listed.status == 0, "\(listed.stderr)")
            hidden += try Self.jsonArray(listed.stdout)
        }
        let hiddenRefs = Set(hidden.compactMap { $0["ref"] as? String })
        #expect(hiddenRefs.contains(declinedRef) && hiddenRefs.contains("kiosk-pending-listing"), "\(hiddenRefs)")
        let visible = try Self.visibleListings(db)
        let titles = Dictionary(visible.compactMap { row in (row["ref"] as? String).map { ($0, row["title"] as? String ?? "") } }) { a, _ in a }
        #expect(titles.count == before.count - 1)
        // A hidden title is looked for by its first 30 characters (a list row may cut the rest);
        // no listing on the board may start the same way, or the check would mean nothing.
        let hiddenTitles = hidden.compactMap { $0["title"] as? String }.map { String($0.prefix(30)) }
        #expect(!hiddenTitles.isEmpty)
        for title in hiddenTitles {
            #expect(!titles.values.contains { $0.hasPrefix(title) }, "a board listing starts like hidden \(title)")
        }

        // Everyone in the demo: students (name, username, email) and staff (name, username).
        let demo = TernProcess.repositoryRoot.appendingPathComponent("data/demo")
        let students = try Self.jsonArray(try String(contentsOf: demo.appendingPathComponent("students.json"), encoding: .utf8))
        let staff = try Self.jsonArray(try String(contentsOf: demo.appendingPathComponent("staff.json"), encoding: .utf8))
        let people = students + staff
        let names = people.compactMap { $0["name"] as? String }
        let emails = people.compactMap { $0["email"] as? String }
        // The one exception: the demo student's username is "demo", an ordinary word that
        // listings themselves use ("Fifteen-minute demo for the librarians", the ref
        // mesa-demo-booking in its apply link). That student's name and email are still looked for.
        let usernames = people.compactMap { $0["username"] as? String }.filter { $0 != "demo" }
        #expect(names.count == people.count && emails.count == students.count && usernames.count == people.count - 1)

        // Wide enough that the whole apply link shows, so its ref names the selected listing.
        let tmux = try Self.launch(kiosk, width: 170, height: 50)
        func selectedRef(_ screen: String) -> String? {
            (screen.firstMatch(of: /https:\/\/careers\.example\.edu\/apply\/([A-Za-z0-9._-]+)/)?.1).map(String.init)
        }
        func selectedRow(_ screen: String) -> String? {
            screen.split(separator: "\n").first { $0.contains("▸ ") }.map(String.init)
        }
        /// The whole frame for `ref`: its link, and the list's marker on its title.
        func shown(_ screen: String, _ ref: String) -> Bool {
            guard Self.browsing(screen), selectedRef(screen) == ref, let row = selectedRow(screen), let title = titles[ref] else { return false }
            return row.contains(String(title.prefix(20)))
        }
        var screen = try tmux.waitFor("the first listing with its link") { screen in
            Self.browsing(screen) && selectedRef(screen).map { shown(screen, $0) } == true
        }
        let total = try #require(Self.count(screen))
        #expect(total == titles.count)
        var seen: [String] = []
        while true {
            let ref = try #require(selectedRef(screen))
            seen.append(ref)
            for name in names { #expect(!Self.shows(screen, name), "\(name) shows with \(ref):\n\(screen)") }
            for email in emails { #expect(!Self.shows(screen, email), "\(email) shows with \(ref):\n\(screen)") }
            for username in usernames { #expect(!Self.showsWord(screen, username), "\(username) shows with \(ref):\n\(screen)") }
            for title in hiddenTitles { #expect(!screen.contains(title), "hidden \(title) shows with \(ref):\n\(screen)") }
            guard seen.count < total else { break }
            try tmux.send("Down")
            screen = try tmux.waitFor("the listing after \(ref)") { screen in
                guard let next = selectedRef(screen), next != ref else { return false }
                return shown(screen, next)
            }
        }
        #expect(seen.count == total)
        #expect(Set(seen) == Set(titles.keys), "seen \(seen.count), expected \(titles.count)")
        #expect(!seen.contains { hiddenRefs.contains($0) })
    }

    // MARK: - The QR code

    /// The QR code drawn in the detail pane, read back into pixels (true is dark): each cell two
    /// modules (top and bottom), a light margin around.
    static func qrPixels(_ screen: String) throws -> [[Bool]] {
        let blocks: Set<Character> = ["▀", "▄", "█"]
        // The detail pane is what follows the two borders between the panes ("││"); taking it
        // per line keeps columns right even if a list row held wide characters.
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { line -> [Character] in
            guard let split = line.range(of: "││") else { return [] }
            return Array(line[split.upperBound...])
        }
        let rows = lines.indices.filter { lines[$0].contains { blocks.contains($0) } }
        let top = try #require(rows.first), bottom = try #require(rows.last)
        #expect(rows == Array(top...bottom), "the code's rows are not contiguous")
        let columns = lines[top...bottom].flatMap { line in line.indices.filter { blocks.contains(line[$0]) } }
        let quiet = 2
        let left = try #require(columns.min()) - quiet, right = try #require(columns.max()) + quiet
        #expect(left >= 0)
        var pixels: [[Bool]] = []
        for line in lines[top...bottom] {
            let cells = (left...right).map { $0 >= 0 && $0 < line.count ? line[$0] : " " }
            #expect(cells.allSatisfy { $0 == " " || blocks.contains($0) }, "not a code row: \(String(cells))")
            pixels.append(cells.map { $0 == "█" || $0 == "▀" })
            pixels.append(cells.map { $0 == "█" || $0 == "▄" })
        }
        let margin = 4, width = right - left + 1 + 2 * margin
        let blank = [Bool](repeating: false, count: width), side = [Bool](repeating: false, count: margin)
        pixels = [[Bool]](repeating: blank, count: margin) + pixels.map { side + $0 + side } + [[Bool]](repeating: blank, count: margin)
        return pixels
    }

    @Test(.enabled(if: QRScan.available, "needs zbarimg (make deps)"))
    func theQRCodeOnScreenScansToTheSelectedListingsApplyLink() throws {
        let scratch = try Scratch()
        let kiosk = try Self.setUp(scratch, applyLink: true)
        let refs = Set(try Self.visibleListings(kiosk.db).compactMap { $0["ref"] as? String })
        // Wide enough for the whole link under the code.
        let tmux = try Self.launch(kiosk, width: 170, height: 50)
        var previous: String?
        for step in 0..<2 {
            if step > 0 { try tmux.send("Down") }
            var screen = try tmux.waitFor("a listing's code and link") { screen in
                guard Self.browsing(screen), let match = screen.firstMatch(of: /https:\/\/careers\.example\.edu\/apply\/([A-Za-z0-9._-]+)/),
                      String(match.0) != previous else { return false }
                // The link is drawn under the code: the code above it is whole.
                return screen.split(separator: "\n").contains { $0.contains("█") }
            }
            // Captured again until two agree: the whole frame, not one the terminal is still drawing.
            while true {
                let again = try tmux.screen()
                if again == screen { break }
                screen = again
            }
            let link = try #require(screen.firstMatch(of: /https:\/\/careers\.example\.edu\/apply\/([A-Za-z0-9._-]+)/))
            #expect(refs.contains(String(link.1)), "\(link.1) is not a listing on the board")
            let decoded = try QRScan.decode(try Self.qrPixels(screen))
            #expect(decoded == String(link.0), "decoded \(decoded.debugDescription); the screen was:\n\(screen)")
            previous = String(link.0)
        }
    }

    /// The code's cells reach the terminal as fixed black on white (xterm-256 16 on 231) under
    /// every theme, monochrome too, so it scans on a dark terminal as on a light one.
    @Test(arguments: ["default", "monochrome", "campus-light", "high-contrast"])
    func theQRCodeIsSentAsBlackOnWhiteWhateverTheTheme(theme: String) throws {
        let scratch = try Scratch()
        let kiosk = try Self.setUp(scratch, applyLink: true)
        let tmux = try Self.launch(kiosk, width: 170, height: 50, arguments: ["--theme", theme], colour: true)
        // The code whole, with the link under it; then captured again until two agree.
        try tmux.waitFor("a listing's code") { Self.browsing($0) && $0.contains(Self.linkPrefix) && $0.split(separator: "\n").filter { $0.contains("█") }.count > 10 }
        var screen = try tmux.screen(escapes: true)
        while true {
            let again = try tmux.screen(escapes: true)
            if again == screen { break }
            screen = again
        }
        let lines = screen.split(separator: "\n").filter { $0.contains("█") || $0.contains("▀") }
        #expect(lines.count > 10, "no code in:\n\(screen)")
        for line in lines {
            // The colours set last before the code's first half block (tmux writes each line's
            // attributes afresh): black on white, quiet zone included.
            let codeStart = try #require(line.firstIndex { $0 == "▀" || $0 == "▄" || $0 == "█" })
            let before = line[..<codeStart]
            let foreground = before.matches(of: /\u{1B}\[(38;5;\d+|3\d)m/).last.map { String($0.1) }
            let background = before.matches(of: /\u{1B}\[(48;5;\d+|4\d)m/).last.map { String($0.1) }
            #expect(foreground == "38;5;16" && background == "48;5;231", "\(theme): \(String(before).debugDescription)")
        }
    }
}

