import Foundation

/// A PostgreSQL cluster of a test's own (scripts/test-postgres), for what must not touch the
/// shared one: restarting the server under a client. Stopped and removed when it goes; only this
/// cluster's own postmaster is ever stopped.
final class PrivateCluster {
    let socketDirectory: String
    /// With `tls`: the TCP port on localhost (TLS and SCRAM passwords only), and the socket's port too.
    let port: Int

    /// `tls`: also listening on localhost over TCP, TLS only, its certificate signed by
    /// `socketDirectory/tls/ca.pem` for the name localhost.
    init(tls: Bool = false) throws {
        socketDirectory = try (tls ? Self.script("start", "--tls") : Self.script("start")).trimmingCharacters(in: .whitespacesAndNewlines)
        let portFile = socketDirectory + "/port"
        port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 5432
    }

    /// A fast shutdown (connections cut) and a start on the same socket.
    func restart() throws { _ = try Self.script("restart", socketDirectory) }

    deinit { _ = try? Self.script("stop", socketDirectory) }

    struct Failed: Error, CustomStringConvertible { let description: String }

    /// Runs scripts/test-postgres with posix_spawn: the server it starts must inherit none of this
    /// process's descriptors (a pipe held open by the postmaster never ends) and no blocked
    /// signals; and Foundation's Process is not waited for from a test's task. Output goes to files.
    private static func script(_ arguments: String...) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tern-cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out").path, err = scratch.appendingPathComponent("err").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap(Int32.init)
        for fd in open where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), every = sigset_t()
        sigemptyset(&none)
        sigfillset(&every)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &every)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let program = root.appendingPathComponent("scripts/test-postgres").path
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, program, &actions, &attributes, argv, environ) == 0 else {
            throw Failed(description: "test-postgres \(arguments.joined(separator: " ")) could not be started")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let said = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            throw Failed(description: "test-postgres \(arguments.joined(separator: " ")) failed: \(said)")
        }
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }
}
