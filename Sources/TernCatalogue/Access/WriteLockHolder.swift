import Foundation

/// The process holding the catalogue's write lock, asked of the operating system: a row not
/// yet committed is invisible to everyone else, so the catalogue itself cannot say who is
/// writing. In WAL mode SQLite takes its write lock as a POSIX lock on one byte of the `-shm`
/// file, and `fcntl(F_GETLK)` names the process holding it. A writer that waits says whom it
/// waits for, and whether that process is stopped (`kill -STOP`, Ctrl-Z), which on a single
/// SQLite host only its owner (or root) can undo.
///
/// ```swift
/// if let holder = WriteLockHolder.find(catalogue: "/srv/tern/catalogue.sqlite") {
///     print(holder.sentence)   // "aokafor's tern (pid 4242)"
/// }
/// ```
public struct WriteLockHolder: Sendable, Equatable {
    public var pid: pid_t
    /// The holder's real account, as the process table has it.
    public var account: String
    /// The program's name (`tern`, `sqlite3`).
    public var program: String
    /// Stopped by a signal (`T` in the process table): it will not finish until continued.
    public var isStopped: Bool

    /// How a person is told: "aokafor's tern (pid 4242, stopped)".
    public var sentence: String {
        "\(account)'s \(program) (pid \(pid)\(isStopped ? ", stopped" : ""))"
    }

    /// SQLite's unix VFS keeps its WAL locks from this offset of the `-shm` file; the write lock is
    /// the first byte (`UNIX_SHM_BASE`, `WAL_WRITE_LOCK` in sqlite3.c).
    static let walWriteLockByte: off_t = 120

    /// The process holding the write lock of the catalogue at `path`, if another one does and
    /// the system says who.
    public static func find(catalogue path: String) -> WriteLockHolder? {
        guard let descriptor = ShmDescriptors.shared.descriptor(for: path + "-shm") else { return nil }
        var probe = flock()
        probe.l_type = Int16(F_WRLCK)
        probe.l_whence = Int16(SEEK_SET)
        probe.l_start = walWriteLockByte
        probe.l_len = 1
        guard fcntl(descriptor, F_GETLK, &probe) == 0, probe.l_type != Int16(F_UNLCK), probe.l_pid > 0 else { return nil }
        return describe(pid: probe.l_pid)
    }

    /// The account, program and state of `pid`, from `/proc`.
    static func describe(pid: pid_t) -> WriteLockHolder {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        var uid: uid_t?
        var stopped = false
        var program = "process"
        for line in status.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard let key = fields.first, fields.count > 1 else { continue }
            switch key {
            case "Name:": program = String(fields[1])
            case "Uid:": uid = uid_t(fields[1])
            // "T (stopped)" for a signal, "t (tracing stop)" under a debugger.
            case "State:": stopped = fields[1] == "T" || fields[1] == "t"
            default: break
            }
        }
        let account = uid.map { Account.loginName(of: $0) ?? "uid \($0)" } ?? "an unknown account"
        return WriteLockHolder(pid: pid, account: account, program: program, isStopped: stopped)
    }
}

/// One read-only descriptor per `-shm` file, opened at the first question and never closed:
/// closing any descriptor of a file drops every POSIX lock this process holds on it, SQLite's
/// own locks on the `-shm` included.
private final class ShmDescriptors: @unchecked Sendable {
    static let shared = ShmDescriptors()
    private let lock = NSLock()
    private var open: [String: Int32] = [:]

    func descriptor(for path: String) -> Int32? {
        lock.withLock {
            if let known = open[path] { return known }
            let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
            guard descriptor >= 0 else { return nil }
            open[path] = descriptor
            return descriptor
        }
    }
}
