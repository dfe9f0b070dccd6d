import Foundation

/// Drives the real `tern` binary in a real terminal: a private tmux server, `send-keys` to type,
/// `capture-pane` to read the screen. Waits by polling until a condition holds (as fzf's tests
/// do), never by sleeping a fixed time.
final class TmuxSession {
    let socket: String
    let name = "tern"

    /// Starts `command` (run by sh) in a detached session of the given size, with a pinned
    /// environment so screens are reproducible.
    init(command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        socket = "tern-test-\(UUID().uuidString.prefix(8))"
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC", "TERM": "xterm-256color"]
        env.merge(environment) { $1 }
        let exports = env.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        try tmux(capture: false, ["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                  "env \(exports) sh -c '\(command.replacingOccurrences(of: "'", with: "'\\''"))'; sleep 60"])
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit { _ = try? tmux(capture: false, ["kill-server"]) }

    /// Runs one tmux command with posix_spawn and waitpid, output through a file. Foundation's
    /// Process is not used here: the tmux server forks from the first client and keeps whatever
    /// it inherited, and Foundation then never sees that client exit.
    @discardableResult
    func tmux(capture: Bool = true, _ arguments: [String]) throws -> String {
        // A clean signal state too, whatever this test process blocks or ignores (the loop's
        // tests hold terminating signals): a tmux server that inherited a blocked SIGCHLD never
        // sees its panes exit, so `kill-server` leaves it (and the tern in it) running for good.
        try CleanSpawn.run("/usr/bin/tmux", ["-L", socket] + arguments, capture: capture).output
    }

    struct SpawnFailed: Error {}

    /// Runs `body` with posix_spawn attributes that start the child with no signal blocked and
    /// every handler at its default, whatever this test process blocks or ignores.
    static func withCleanSignals<T>(_ body: (inout posix_spawnattr_t) -> T) -> T {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), every = sigset_t()
        sigemptyset(&none)
        sigfillset(&every)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &every)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return body(&attributes)
    }

    /// This process's open file descriptors (glibc ignores a close action on one that has
    /// been closed meanwhile).
    static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap(Int32.init)
    }

    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The screen as text; with `escapes`, including colour and attribute escape sequences.
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var screen: String
        var description: String { "timed out waiting for \(what); the screen was:\n\(screen)" }
    }

    /// Polls every 50 ms until `condition` holds for the screen, up to `seconds`.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 10, escapes: Bool = false, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen(escapes: escapes)
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Timeout(what: what, screen: last)
    }

    func waitFor(text: String, seconds: Double = 10) throws -> String {
        try waitFor("\"\(text)\"", seconds: seconds) { $0.contains(text) }
    }
}
