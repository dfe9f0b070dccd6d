import Foundation

/// Runs the real `tern` with its standard streams set up as a shell user would: stdout to
/// /dev/full, closed (`>&-`), or into a pipe nobody reads; stderr closed (`2>&-`). Spawned
/// with posix_spawn so each descriptor is exactly what the test says, with SIGPIPE at its
/// default or ignored (as a parent such as a Python script or a service manager may leave it).
enum Redirected {
    struct Outcome {
        /// The exit status, or nil when a signal ended it.
        var status: Int32?
        /// The signal that ended it, if one did.
        var signal: Int32?
        var stderr: String
        var stdout: String
    }

    /// Where stdout goes.
    enum Destination {
        case file(String)
        case closed
        /// A pipe whose reading end is closed before tern starts: its first write finds no reader.
        case brokenPipe
    }

    /// Runs `tern arguments` (or `program`) with `stdout` as given, stderr to a file read back
    /// (or closed, `stderrClosed`), and SIGPIPE ignored when `ignoringSIGPIPE`.
    static func run(program: String? = nil, _ arguments: [String], stdout: Destination, stderrClosed: Bool = false,
                    ignoringSIGPIPE: Bool = false, environment extra: [String: String] = [:]) throws -> Outcome {
        let scratch = try Scratch()
        let errPath = scratch.path("stderr")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var pipeEnds: [Int32] = [-1, -1]
        switch stdout {
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case .closed: posix_spawn_file_actions_addclose(&actions, 1)
        case .brokenPipe:
            guard pipe(&pipeEnds) == 0 else { throw TmuxSession.SpawnFailed() }
            // Close-on-exec, so no other test's child keeps a copy of either end.
            _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
            close(pipeEnds[0])
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        }
        if stderrClosed {
            posix_spawn_file_actions_addclose(&actions, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        for fd in TmuxSession.openDescriptors() where fd > 2 && fd != pipeEnds[1] { posix_spawn_file_actions_addclose(&actions, fd) }
        let binary = try program ?? TernProcess.binary
        // An ignored signal stays ignored across exec: the shell ignores SIGPIPE, then becomes tern.
        let argv = (["/bin/sh", "-c", (ignoringSIGPIPE ? "trap '' PIPE; " : "") + "exec \"$0\" \"$@\"", binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": NSTemporaryDirectory(),
            "TERN_DATA_DIR": TernProcess.repositoryRoot.appendingPathComponent("data").path,
        ].merging(extra) { $1 }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = TmuxSession.withCleanSignals { attributes in posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp) }
        if pipeEnds[1] >= 0 { close(pipeEnds[1]) }
        guard spawned == 0 else { throw TmuxSession.SpawnFailed() }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7F
        var written = ""
        if case .file(let path) = stdout { written = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return Outcome(status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal,
                       stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", stdout: written)
    }
}
