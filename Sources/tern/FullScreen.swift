import ArgumentParser
import TernCatalogue
import TernTerminal

/// Runs a screen full-screen on the terminal until it quits: the ncurses backend started (or a
/// clear refusal when there is no terminal), the shared loop run, the terminal restored on the
/// way out, and a terminating signal re-raised once it is. Every full-screen command ends here.
///
/// ```swift
/// try FullScreen.run(screen, theme: theme, mouse: true, changeFeed: feed, notInteractive: "tern needs an interactive terminal")
/// ```
///
/// `exitAfterFirstFrame` (the hidden `--exit-after-first-frame`) ends the loop once the first
/// complete frame is on the terminal, which is restored as on any exit: start-up, timed whole.
enum FullScreen {
    static func run<S: Screen>(_ screen: S, theme: Theme, mouse: Bool, changeFeed: (any ChangeFeed)? = nil,
                               exitAfterFirstFrame: Bool = false, notInteractive: String) throws {
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(theme: theme, mouse: mouse)
        } catch .notInteractive {
            printError(notInteractive)
            throw ExitCode(2)
        } catch .cannotInitialize(let reason) {
            throw Failure("cannot start the terminal interface: \(reason)")
        }
        defer { backend.shutdown() }
        if case .signal(let signal) = Loop(screen: screen, backend: backend, changeFeed: changeFeed, exitAfterFirstFrame: exitAfterFirstFrame).run() {
            backend.shutdown()
            TerminalGuard.die(of: signal)
        }
    }
}
