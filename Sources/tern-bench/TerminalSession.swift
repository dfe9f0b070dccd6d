#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A program on a pseudo-terminal of its own, driven as a person at a terminal would: keys
/// written to the master side, everything the program draws read back and counted. The child
/// gets a new session with the terminal as its controlling terminal, TERM=xterm-256color and
/// the window size given.
///
/// ```swift
/// let session = try TerminalSession([tern, "--db", path], width: 120, height: 40)
/// let frame = session.readUntilQuiet(quietMilliseconds: 300)   // the first frame
/// session.write("j")
/// let move = session.readUntilQuiet(quietMilliseconds: 300)    // what one move sent
/// let ending = session.quit("q")
/// ```
final class TerminalSession {
    /// What the program wrote during one read: how many bytes, and when the first and the last
    /// came (milliseconds after the read began).
    struct Output {
        var bytes = 0
        var firstByte: Double?
        var lastByte: Double?
        /// The program closed its side (it exited).
        var closed = false
        /// What was written, when the read was asked to keep it (`keeping`).
        var kept: [UInt8] = []
        /// ``kept`` as text, escape sequences and all: enough to look for a word drawn.
        var text: String { String(decoding: kept, as: UTF8.self) }
    }

    let pid: pid_t
    let started: UInt64
    private let master: Int32
    private var isClosed = false

    init(_ arguments: [String], width: Int, height: Int, environment: [String: String]) throws {
        master = PTY.open(O_RDWR | O_NOCTTY)
        var name = [CChar](repeating: 0, count: 128)
        guard master >= 0, PTY.grant(master) == 0, PTY.unlock(master) == 0, PTY.name(master, &name, name.count) == 0 else {
            throw Spawn.Failed(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let prepared = Spawn.Prepared(arguments, streams: .terminal(path: path),
                                      environment: environment.merging(["TERM": "xterm-256color"]) { $1 })
        started = Stopwatch.now()
        do {
            pid = try prepared.start()
        } catch {
            close(master)
            throw error
        }
    }

    deinit {
        close(master)
    }

    /// Milliseconds since the program was started.
    var elapsed: Double { Stopwatch.milliseconds(since: started) }

    /// Types `text` (keys as the terminal sends them: "\u{1B}" for Esc, "\r" for Enter).
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(master, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Reads what the program draws until it has been quiet for `quietMilliseconds` (after at
    /// least one byte, when `waitForOutput`), it exits, or `timeoutMilliseconds` pass.
    func readUntilQuiet(quietMilliseconds: Int, timeoutMilliseconds: Int = 60_000, waitForOutput: Bool = true,
                        keeping: Bool = false) -> Output {
        let begun = Stopwatch.now()
        var output = Output()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !isClosed {
            let elapsed = Stopwatch.milliseconds(since: begun)
            if elapsed >= Double(timeoutMilliseconds) { break }
            let sinceLast = output.lastByte.map { elapsed - $0 }
            if let sinceLast, sinceLast >= Double(quietMilliseconds) { break }
            if sinceLast == nil, !waitForOutput, elapsed >= Double(quietMilliseconds) { break }
            let wait = sinceLast.map { Double(quietMilliseconds) - $0 } ?? Double(timeoutMilliseconds) - elapsed
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, min(wait, Double(timeoutMilliseconds) - elapsed).rounded(.up))))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count > 0 {
                let now = Stopwatch.milliseconds(since: begun)
                if output.firstByte == nil { output.firstByte = now }
                output.lastByte = now
                output.bytes += count
                if keeping { output.kept += buffer[0..<count] }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                // EIO: every descriptor of the terminal's other side is closed; the program is gone.
                isClosed = true
                output.closed = true
            }
        }
        return output
    }

    /// Reads until the program closes the terminal (it exited), at most `timeoutMilliseconds`.
    func readUntilClosed(timeoutMilliseconds: Int = 60_000) -> Output {
        readUntilQuiet(quietMilliseconds: timeoutMilliseconds, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Types `keys` (the program's quit key), reads until it exits and waits for it; a program
    /// still there after `timeoutMilliseconds` is ended with SIGTERM, then SIGKILL (this child
    /// only, by its pid). Its status, and its peak resident memory (VmHWM) read just before.
    func quit(_ keys: String, timeoutMilliseconds: Int = 10_000) -> (status: Int32, peakResidentMegabytes: Double?) {
        let peak = Spawn.highWaterMegabytes(of: pid)
        write(keys)
        _ = readUntilClosed(timeoutMilliseconds: timeoutMilliseconds)
        return (finish(), peak)
    }

    /// Waits for the program, which has closed the terminal or is told to end now; its status.
    func finish() -> Int32 {
        if !isClosed {
            kill(pid, SIGTERM)
            if readUntilClosed(timeoutMilliseconds: 2_000).closed == false { kill(pid, SIGKILL) }
        }
        return Spawn.wait(pid)
    }
}

/// The C library's pseudo-terminal calls. Glibc declares them only for X/Open sources, which
/// Swift's Glibc module is not, so they are bound here by their C names.
enum PTY {
    @_silgen_name("posix_openpt") static func open(_ flags: Int32) -> Int32
    @_silgen_name("grantpt") static func grant(_ fd: Int32) -> Int32
    @_silgen_name("unlockpt") static func unlock(_ fd: Int32) -> Int32
    @_silgen_name("ptsname_r") static func name(_ fd: Int32, _ buffer: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32
}
