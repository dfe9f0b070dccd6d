import Foundation

/// Every byte tern writes to stdout, stderr or a file of the user's goes through here, with
/// `write(2)` and its result checked. `print` loses what stdio could not flush at exit (exit 0
/// with an empty file on a full disk) and `FileHandle.write` traps on any error (SIGILL and a
/// backtrace), so neither is used.
///
/// What happens when a write fails:
/// - A full disk, a closed stream, an I/O error: ``OutputFailure`` is thrown; `main` prints it
///   as one line on stderr (when stderr can take it) and exits 1.
/// - A closed pipe (`tern search x | head -1`): tern ends quietly, killed by SIGPIPE (status 141
///   in a shell), as coreutils' `cat`, `seq` and `ls` do when the reader has gone. When the
///   parent ignored SIGPIPE the write reports EPIPE instead, and tern raises SIGPIPE itself so
///   that the outcome is the same.
/// - A notice or an error line that stderr cannot take is dropped, but remembered: the exit
///   status is then 1, never 0 (``lostOutput``).
///
/// ```swift
/// try Output.line("applied to Logo design")         // stdout, throws OutputFailure
/// Output.notice("tern: warning: …")                 // stderr, never throws
/// try Output.replaceFile("/home/me/portfolio.md", with: Data(text.utf8))
/// ```
enum Output {
    /// Writes `text` to stdout as it is.
    static func write(_ text: String) throws {
        try write(Array(text.utf8), to: STDOUT_FILENO, named: describe(descriptor: STDOUT_FILENO, as: "standard output"))
    }

    /// Writes `text` and a line break to stdout.
    static func line(_ text: String) throws {
        try write(text + "\n")
    }

    /// Writes `text` to stderr. A failure is not thrown (there is nowhere left to say it) but
    /// makes the exit status 1.
    static func notice(_ text: String) {
        do {
            try write(Array(text.utf8), to: STDERR_FILENO, named: "standard error")
        } catch {
            lost.withLock { $0 = true }
        }
    }

    /// Writes `text` to stderr when it can, and forgets it when it cannot: for lines that are
    /// redrawn and cleared again (import progress), whose loss loses nothing.
    static func transient(_ text: String) {
        _ = try? write(Array(text.utf8), to: STDERR_FILENO, named: "standard error")
    }

    /// True once a notice or an error line could not be written: the exit status must be 1.
    static var lostOutput: Bool { lost.withLock { $0 } }
    private static let lost = Guarded(false)

    /// Makes sure descriptors 0, 1 and 2 are open before anything else opens a file. Started
    /// with one closed (`2>&-`), the next file opened (an import file, a portfolio) would take
    /// its number, and an error line meant for stderr would be written into it. A closed one
    /// gets /dev/null opened the wrong way round (stdout and stderr read-only), so that a write
    /// to it still fails as "closed", as glibc does for a setgid program.
    static func holdStandardDescriptors() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 {
            let opened = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if opened != fd && opened >= 0 { _ = dup2(opened, fd); _ = close(opened) }
        }
    }

    /// Replaces the file at `path` whole, or leaves it as it was: written beside it under a
    /// temporary name, flushed to disk, then renamed over it, so a reader never sees half a file
    /// and a full disk leaves no half-written one behind. A new file gets the usual mode (0666
    /// less the umask), as the shell's `>` would give it.
    static func replaceFile(_ path: String, with data: Data) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw OutputFailure(destination: path, code: errno) }
        var isOpen = true
        do {
            try write(Array(data), to: fd, named: path)
            guard fsync(fd) == 0 else { throw OutputFailure(destination: path, code: errno) }
            isOpen = false
            // close(2) reports what a network file system could only find out now.
            guard close(fd) == 0 else { throw OutputFailure(destination: path, code: errno) }
            guard rename(temporary, path) == 0 else { throw OutputFailure(destination: path, code: errno) }
        } catch {
            if isOpen { _ = close(fd) }
            unlink(temporary)
            throw error
        }
    }

    /// At a successful end: anything a library left in stdio's buffer is flushed, and stdout is
    /// closed, so that an error the system reports only then (a full disk, a network file
    /// system) still makes the exit status 1. Returns false when output was lost.
    static func finish() -> Bool {
        var sound = !lostOutput
        if fflush(nil) != 0 {
            if errno == EPIPE { brokenPipe() }
            notice("tern: " + OutputFailure(destination: "standard output", code: errno).description + "\n")
            sound = false
        }
        // A stdout that was closed from the start (EBADF) lost nothing if nothing was written
        // to it; had something been, that write would already have failed.
        if close(STDOUT_FILENO) != 0 && errno != EBADF {
            notice("tern: " + OutputFailure(destination: "standard output", code: errno).description + "\n")
            sound = false
        }
        return sound && !lostOutput
    }

    /// Writes all of `bytes`, however many calls it takes.
    private static func write(_ bytes: [UInt8], to fd: Int32, named destination: @autoclosure () -> String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN:
                // A descriptor someone else made non-blocking: wait until it takes more.
                var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&waiting, 1, -1)
            case EPIPE: brokenPipe()
            default: throw OutputFailure(destination: destination(), code: errno)
            }
        }
    }

    /// The reader has gone: end as SIGPIPE's default action does, without a word.
    private static func brokenPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        var pipeOnly = sigset_t()
        sigemptyset(&pipeOnly)
        sigaddset(&pipeOnly, SIGPIPE)
        pthread_sigmask(SIG_UNBLOCK, &pipeOnly, nil)
        raise(SIGPIPE)
        exit(128 + SIGPIPE)
    }

    /// "standard output (/mnt/usb/listings.csv)" when stdout is a file, so that the error names
    /// the disk that is full; "standard output" for a terminal, a pipe or a device.
    private static func describe(descriptor: Int32, as name: String) -> String {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")
        else { return name }
        return "\(name) (\(target))"
    }
}

/// A write that did not reach its destination, in words a person can act on.
struct OutputFailure: Error, CustomStringConvertible {
    /// "standard output", "standard output (/mnt/usb/out.csv)", or a file's path.
    var destination: String
    var code: Int32

    var description: String {
        // "cannot write to standard output", but "cannot write /home/me/portfolio.md".
        let what = destination.hasPrefix("standard ") ? "cannot write to \(destination)" : "cannot write \(destination)"
        return switch code {
        case ENOSPC: "\(what): the disk holding it is full"
        case EDQUOT: "\(what): your disk quota is used up"
        case EBADF: "\(what): it is closed"
        case EIO: "\(what): input/output error"
        case EFBIG: "\(what): the file is too large for its file system"
        default: "\(what): \(String(cString: strerror(code)))"
        }
    }
}

/// A value behind a lock, for the few flags every thread may set.
private final class Guarded<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body(&value)
    }
}
