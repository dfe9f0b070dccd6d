#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// Puts the terminal back (endwin: echo, cooked mode, cursor, main screen) however Tern ends:
/// a normal exit, a signal that kills it, or a crash. Without this a dropped ssh session or a
/// `kill` leaves the user's shell in raw mode with no echo.
///
/// Installed once by ``NcursesBackend``; armed while curses is active and disarmed by
/// ``NcursesBackend/shutdown()``, so a signal after shutdown does no curses call.
///
/// ```swift
/// TerminalGuard.install()   // after newterm, so our handlers replace ncurses' own SIGINT/SIGTERM ones
/// TerminalGuard.arm()
/// ```
public enum TerminalGuard {
    /// Signals that end the process by default and can be caught: every one, since any left out
    /// kills Tern with the terminal raw in the alternate screen. SIGHUP is the dropped ssh
    /// connection or closed terminal window; SIGINT and SIGQUIT only arrive from `kill`, since
    /// raw mode turns Ctrl-C and Ctrl-\ into keys; SIGPIPE, SIGALRM, SIGUSR1/2 and the rest come
    /// from `kill` or a stray timer; the fatal ones are crashes (a Swift trap is SIGILL on
    /// x86_64, SIGTRAP on arm64).
    static let terminating: [Int32] = {
        var signals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ]
        #if os(Linux)
        signals += [SIGIO, SIGPWR, SIGSTKFLT]
        #endif
        return signals
    }()
    static let fatal: [Int32] = [SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP, SIGSYS]

    /// State the signal handler reads. It lives in memory allocated once and never freed, so the
    /// handler touches neither Swift globals (whose accesses carry exclusivity checks) nor the
    /// allocator: `armed` is the C idiom of a `volatile sig_atomic_t` flag. Slots 1...64 of
    /// `previous` hold the handlers found at install time, which a fatal signal gets back (the
    /// Swift runtime's crash backtracer, when it is on).
    private struct Storage: @unchecked Sendable {
        let armed: UnsafeMutablePointer<sig_atomic_t>
        let previous: UnsafeMutablePointer<sigaction>
        /// ESC[?2004l (bracketed paste off) as bytes, since the handler may not allocate.
        let pasteOff: UnsafeMutablePointer<UInt8>
        let pasteOffLength: Int
    }

    private static let storage: Storage = {
        let armed = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        armed.initialize(to: 0)
        let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        previous.initialize(repeating: sigaction(), count: 65)
        let bytes = Array(NcursesBackend.bracketedPasteOff.utf8)
        let pasteOff = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        pasteOff.initialize(from: bytes, count: bytes.count)
        return Storage(armed: armed, previous: previous, pasteOff: pasteOff, pasteOffLength: bytes.count)
    }()

    /// Guards `install` itself; only touched from the thread that starts the backend.
    nonisolated(unsafe) private static var installed = false

    /// Installs the signal handlers and the atexit hook, once per process. Call it after
    /// newterm: ncurses installs its own SIGINT/SIGTERM handlers there, which exit with status 1
    /// instead of dying of the signal, and ours must replace them.
    static func install() {
        guard !installed else { return }
        installed = true
        let storage = self.storage  // initialize the lazy global now, never inside a handler
        for signal in terminating + fatal {
            // SA_RESETHAND: the handler runs once; a repeat (or a crash inside endwin itself)
            // meets the default action instead of our handler again, so nothing can loop.
            var action = makeAction(terminalGuardSignalHandler, flags: Int32(truncatingIfNeeded: SA_RESETHAND))
            sigaction(signal, &action, storage.previous + Int(signal))
        }
        atexit(terminalGuardAtExit)
    }

    /// Holds SIGTERM, SIGHUP, SIGINT and SIGQUIT blocked in the calling thread and in every
    /// thread started after it, so that the main loop takes them (``takePendingTerminatingSignal()``)
    /// instead of a handler on whatever thread the kernel picks. Call it first thing on the main
    /// thread, before the catalogue or anything else starts threads.
    ///
    /// Why: a handler on a background thread restored the terminal with endwin while the main
    /// thread, still running on the other core, was inside wgetch or doupdate, which put the
    /// terminal straight back into raw mode just before the process died, leaving the shell with
    /// no echo. Taken on the main thread between two curses calls, there is no such race.
    ///
    /// ```swift
    /// TerminalGuard.holdTerminatingSignals()          // before anything starts a thread
    /// if let signal = TerminalGuard.takePendingTerminatingSignal() { backend.shutdown(); TerminalGuard.die(of: signal) }
    /// ```
    public static func holdTerminatingSignals() {
        var set = terminatingSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// A terminating signal that arrived while held, consumed; nil when none is pending.
    public static func takePendingTerminatingSignal() -> Int32? {
        var set = terminatingSet()
        var now = timespec(tv_sec: 0, tv_nsec: 0)
        let signal = sigtimedwait(&set, nil, &now)
        return signal > 0 ? signal : nil
    }

    /// Ends the process by `signal`'s default action, so the shell sees it killed by the signal
    /// (status 128 + signal). Call it after the backend has been shut down.
    public static func die(of signal: Int32) -> Never {
        var action = makeAction(SIG_DFL, flags: 0)
        sigaction(signal, &action, nil)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        raise(signal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        // Not reached: the signal is delivered as soon as it is unblocked.
        _exit(128 + signal)
    }

    private static func terminatingSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in terminating { sigaddset(&set, signal) }
        return set
    }

    /// Curses is active: a signal or exit must restore the terminal.
    static func arm() { storage.armed.pointee = 1 }

    /// Curses has been shut down: nothing left to restore.
    static func disarm() { storage.armed.pointee = 0 }

    /// Restores the terminal if curses is active. Async-signal context: only endwin, which is
    /// what ncurses' own handlers call (it writes the reset sequences and restores termios).
    fileprivate static func restore() {
        let storage = self.storage
        let armed = storage.armed
        if armed.pointee != 0 {
            armed.pointee = 0
            // Bracketed paste off first (write(2) is async-signal-safe), or the shell would
            // receive every later paste wrapped in ESC[200~ … ESC[201~.
            _ = write(STDOUT_FILENO, storage.pasteOff, storage.pasteOffLength)
            endwin()
        }
    }

    /// A `sigaction` for a plain one-argument handler with nothing extra blocked (the handled
    /// signal itself is blocked during the handler, as always without SA_NODEFER).
    private static func makeAction(_ handler: (@convention(c) (Int32) -> Void)?, flags: Int32) -> sigaction {
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        return action
    }

    /// The handler body: restore, then let the signal do what it would have done without us.
    fileprivate static func handle(_ signal: Int32) {
        restore()
        if fatal.contains(signal) {
            // Give a crash back to whoever had it before (the Swift backtracer prints the stack
            // and exits with the signal); that is SIG_DFL when nobody did.
            sigaction(signal, storage.previous + Int(signal), nil)
        } else {
            // Not the previous handler here: for SIGINT/SIGTERM that is ncurses' own, which would
            // exit(1); the default action makes the shell see "killed by SIGTERM" (status 143).
            var action = makeAction(SIG_DFL, flags: 0)
            sigaction(signal, &action, nil)
        }
        // The signal is blocked while its handler runs, so this one is delivered, with the
        // disposition just set, the moment the handler returns.
        raise(signal)
    }
}

/// The C-callable signal handler (a closure without captures converts to a C function pointer).
private let terminalGuardSignalHandler: @convention(c) (Int32) -> Void = { signal in
    TerminalGuard.handle(signal)
}

/// The atexit hook: `exit()` from anywhere (ArgumentParser's ExitCode, a precondition in a
/// library) still restores the terminal.
private let terminalGuardAtExit: @convention(c) () -> Void = {
    TerminalGuard.restore()
}
