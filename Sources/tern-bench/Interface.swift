import Foundation
import TernTerminal

/// The interface as a whole process on a pseudo-terminal of 120x40 (TERM=xterm-256color): start
/// to first frame (`--exit-after-first-frame`), then one session driven by keys (moves, pages,
/// a detail, a word typed, each sort) that counts what a one-row move sends to the terminal and
/// ends with the interface's peak resident memory. The catalogue is opened `--read-only`: the
/// benchmark never writes it (so start-up skips the expiry pass a writable open makes; it finds
/// nothing to close on a catalogue made today, and is one indexed look-up then).
struct InterfaceBench {
    let options: Options
    let report: Report
    let tern: String
    static let width = 120, height = 40

    func run() throws {
        report.section("Interface: whole process on a pseudo-terminal (\(Self.width)x\(Self.height), xterm-256color)")
        try firstFrame("tern --read-only", [tern, "--db", options.catalogue, "--read-only", "--exit-after-first-frame"], key: "firstframe")
        try kioskFirstFrame()
        try drive()
    }

    /// Spawn to exit with `--exit-after-first-frame` (the frame drawn and the terminal given
    /// back); also spawn to the first byte the program wrote (curses starting).
    func firstFrame(_ name: String, _ arguments: [String], environment: [String: String] = Spawn.environment(), key: String) throws {
        var toExit = Samples(), toFirstByte = Samples()
        var bytes = 0
        for run in 0...options.runs {
            let session = try TerminalSession(arguments, width: Self.width, height: Self.height, environment: environment)
            let output = session.readUntilClosed()
            let status = session.finish()
            let total = session.elapsed
            guard status == 0 else {
                report.note("  \(name): exit status \(status) (\(output.bytes) bytes drawn); not counted")
                continue
            }
            guard run > 0 else { continue }   // a warm-up: the binary and the catalogue's pages in the page cache
            toExit.append(total)
            if let first = output.firstByte { toFirstByte.append(first) }
            bytes = output.bytes
        }
        report.add("\(name): spawn to first byte drawn", toFirstByte)
        report.add("\(name): spawn to exit after its first frame", toExit, key: key,
                   note: "\(bytes) bytes drawn")
    }

    /// The kiosk opens its catalogue read-only whatever happens; it needs a staff PIN set to
    /// start, so one is set in this run's own scratch config.
    func kioskFirstFrame() throws {
        let environment = Spawn.environment()
        try KioskConfig(pinHash: try KioskPIN.hash("24681357")).save(path: KioskConfig.defaultPath(environment: environment))
        try firstFrame("tern kiosk", [tern, "kiosk", "--db", options.catalogue, "--exit-after-first-frame"], environment: environment,
                       key: "firstframe.kiosk")
    }

    /// One session as a person would use it. A key's reaction is read until the terminal has
    /// been quiet for a while: 300 ms for what is drawn on the loop (a move), longer for what
    /// waits on a search in the background (its page, then its count).
    func drive() throws {
        let session = try TerminalSession([tern, "--db", options.catalogue, "--read-only"], width: Self.width, height: Self.height,
                                          environment: Spawn.environment())
        let first = session.readUntilQuiet(quietMilliseconds: 500)
        guard !first.closed else {
            report.note("  the interface exited at once (status \(session.finish())); no session figures")
            return
        }
        func react(_ keys: String, quiet: Int) -> TerminalSession.Output {
            session.write(keys)
            return session.readUntilQuiet(quietMilliseconds: quiet, timeoutMilliseconds: 30_000, waitForOutput: false)
        }
        var moveBytes = Samples(), moveDrawn = Samples()
        for _ in 0..<20 {
            let output = react("j", quiet: 300)
            moveBytes.append(Double(output.bytes))
            if let last = output.lastByte { moveDrawn.append(last) }
        }
        var pageBytes = Samples()
        for _ in 0..<10 { pageBytes.append(Double(react("\u{06}", quiet: 300).bytes)) }   // Ctrl-F: a page down
        for _ in 0..<5 { _ = react("k", quiet: 300) }
        _ = react("\r", quiet: 300)          // open the detail
        _ = react("\u{1B}", quiet: 300)      // and back
        _ = react("g", quiet: 300)
        var typed = Samples()
        _ = react("/", quiet: 300)
        for letter in "python" {
            let output = react(String(letter), quiet: 1_500)
            if let last = output.lastByte { typed.append(last) }
        }
        _ = react("\r", quiet: 500)
        for sort in ["newest", "hours", "pay", "relevance", "deadline"] { _ = react(":sort \(sort)\r", quiet: 2_000) }
        _ = react("/", quiet: 300)
        _ = react("\u{1B}", quiet: 1_500)    // the words cleared: every listing again
        for _ in 0..<20 { _ = react("j", quiet: 200) }
        let (status, peak) = session.quit("q")

        report.add("j (one row down): bytes sent to the terminal", moveBytes, key: "move.bytes", unit: "B",
                   note: "first frame \(first.bytes) B")
        report.add("j (one row down): key to last byte drawn", moveDrawn, key: "move.drawn")
        report.add("Ctrl-F (a page down): bytes sent", pageBytes, unit: "B")
        report.add("typing \"python\": key to last byte drawn", typed, note: "page and count drawn, as seen on the terminal")
        let resident = Samples(peak.map { [$0] } ?? [])
        report.add("peak resident memory of the interface (VmHWM)", resident, key: "rss", unit: "MB",
                   note: status == 0 ? "after moves, pages, a detail, typing and every sort; then q" : "exit status \(status)")
    }
}
