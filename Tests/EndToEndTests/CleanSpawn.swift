import Foundation

/// Runs a program to its end with posix_spawn and waitpid, inheriting nothing but standard
/// input from /dev/null and its output into a file: no pipe of this process and no blocked
/// signal. What such a program starts and leaves running (a tmux server, a PostgreSQL server)
/// then holds nothing a test waits on: Foundation's pipes are not close-on-exec, and a reader of
/// one that a server inherited waits for an end of file that never comes.
enum CleanSpawn {
    struct Failed: Error, CustomStringConvertible { var description: String }

    /// The program's standard output (its standard error too, with `errors`), and its exit status.
    static func run(_ program: String, _ arguments: [String], capture: Bool = true, errors: Bool = false) throws -> (status: Int32, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? output : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if errors {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        for fd in TmuxSession.openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = TmuxSession.withCleanSignals { attributes in posix_spawn(&pid, program, &actions, &attributes, argv, environ) }
        guard spawned == 0 else { throw Failed(description: "cannot start \(program)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exit, capture ? ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "") : "")
    }

    /// `run`, failing with the program's output unless it exits 0.
    @discardableResult
    static func check(_ program: String, _ arguments: [String]) throws -> String {
        let (status, output) = try run(program, arguments, errors: true)
        guard status == 0 else { throw Failed(description: "\(program) \(arguments.joined(separator: " ")) exited \(status): \(output)") }
        return output
    }
}
