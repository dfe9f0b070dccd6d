#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Starts programs with posix_spawn and waits for them with waitpid: no Foundation `Process`,
/// whose own machinery (a run loop, pipes, a monitoring thread) added about 20 ms to every run
/// and would be timed with the program. What is timed is spawn to exit, as a shell would see it.
///
/// ```swift
/// let run = try Spawn.run(["/usr/bin/grep", "-ciE", "\\bpyth", "listings.txt"], environment: Spawn.environment())
/// print(run.milliseconds, run.status)
/// ```
enum Spawn {
    /// One finished child.
    struct Finished {
        var milliseconds: Double
        /// The exit status, or 128 + the signal that ended it (as a shell says it).
        var status: Int32
        /// The child's peak resident set size (VmHWM) as last read while it ran, in megabytes;
        /// nil unless asked for. Not ru_maxrss: a child made by posix_spawn (vfork) shares this
        /// process's memory until exec, and the kernel carries that memory's peak into the
        /// child's ru_maxrss, so it would never read below this benchmark's own.
        var peakResidentMegabytes: Double?
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// A pinned environment: the caller's PATH and time zone (so "today" is the bench's today),
    /// a UTF-8 locale, and a scratch home so that nobody's own config changes what is measured.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": scratchHome,
                           "XDG_CONFIG_HOME": scratchHome + "/config", "XDG_DATA_HOME": scratchHome + "/data"]
        if let zone = inherited["TZ"] { environment["TZ"] = zone }
        environment.merge(extra) { $1 }
        return environment
    }

    /// A directory of this run's own, removed at exit.
    static let scratchHome: String = {
        let path = NSTemporaryDirectory() + "tern-bench-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path + "/config", withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "tern-bench-\(getpid())") }
        return path
    }()

    /// The full path of `program` on PATH (posix_spawn takes a path; looking it up once keeps
    /// the search out of the timings).
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Where a child's standard streams go: a file to read, a file to write, or the terminal
    /// at `path` on all three (a new session with it as the controlling terminal).
    enum Streams {
        case files(stdin: String, stdout: String, stderr: String)
        case terminal(path: String)

        static let quiet = Streams.files(stdin: "/dev/null", stdout: "/dev/null", stderr: "/dev/null")
    }

    /// A child ready to start: its file actions, attributes, argv and environment made up
    /// beforehand, so that a timing starts at the spawn itself.
    final class Prepared {
        private var actions = posix_spawn_file_actions_t()
        private var attributes = posix_spawnattr_t()
        private let argv: [UnsafeMutablePointer<CChar>?]
        private let envp: [UnsafeMutablePointer<CChar>?]
        let program: String

        init(_ arguments: [String], streams: Streams = .quiet, environment: [String: String]) {
            program = arguments[0]
            posix_spawn_file_actions_init(&actions)
            posix_spawnattr_init(&attributes)
            // Nothing of ours is inherited: the catalogue's descriptors, a terminal's master side.
            for fd in Spawn.openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
            switch streams {
            case .files(let stdin, let stdout, let stderr):
                posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            case .terminal(let path):
                // POSIX_SPAWN_SETSID (glibc): a new session, so that opening the terminal (without
                // O_NOCTTY) makes it the child's controlling terminal, as a login would.
                posix_spawnattr_setflags(&attributes, Int16(0x80))
                posix_spawn_file_actions_addopen(&actions, 0, path, O_RDWR, 0)
                posix_spawn_file_actions_adddup2(&actions, 0, 1)
                posix_spawn_file_actions_adddup2(&actions, 0, 2)
            }
            argv = arguments.map { strdup($0) } + [nil]
            envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }

        deinit {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        /// Starts it; returns its pid.
        func start() throws -> pid_t {
            var pid: pid_t = 0
            let result = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
            guard result == 0 else { throw Failed(description: "cannot start \(program): \(String(cString: strerror(result)))") }
            return pid
        }
    }

    /// Waits for `pid` to end; its exit status (128 + the signal when killed).
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return exitStatus(status)
    }

    static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Runs `arguments` to the end, timed from spawn to exit. With `watchingPeak`, the child's
    /// VmHWM is read every 10 ms while it runs (its exit is then seen up to 10 ms late: for runs
    /// of seconds only), and the last reading is its peak resident memory.
    static func run(_ arguments: [String], streams: Streams = .quiet, environment: [String: String],
                    watchingPeak: Bool = false) throws -> Finished {
        let prepared = Prepared(arguments, streams: streams, environment: environment)
        let started = Stopwatch.now()
        let pid = try prepared.start()
        guard watchingPeak else {
            let status = wait(pid)
            return Finished(milliseconds: Stopwatch.milliseconds(since: started), status: status)
        }
        var peak: Double?
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done == -1 && errno != EINTR { break }
            peak = highWaterMegabytes(of: pid) ?? peak
            usleep(10_000)
        }
        return Finished(milliseconds: Stopwatch.milliseconds(since: started), status: exitStatus(status), peakResidentMegabytes: peak)
    }

    /// A running process's peak resident set size so far (VmHWM), in megabytes.
    static func highWaterMegabytes(of pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return nil }
        return kilobytes / 1024
    }

    /// This process's open file descriptors.
    static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap(Int32.init)
    }
}
