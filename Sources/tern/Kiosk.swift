import ArgumentParser
import Foundation
import TernCatalogue
import TernTerminal
import TernViewModels

/// `tern kiosk`: the locked-down public browse screen for campus labs. Read-only; leaving it
/// takes the staff PIN set with `--set-pin`.
struct Kiosk: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the public kiosk: read-only browsing, QR codes to apply, an attract screen when idle; F10 and the staff PIN leave it.",
        discussion: "Settings are in $XDG_CONFIG_HOME/tern/kiosk.toml (idle_seconds, attract_seconds, theme). Staff set the apply link with tern settings --apply-link.")

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: "Theme name from themes/ (default: from kiosk.toml, else default; high-contrast with --large).")
    var theme: String?

    @Flag(help: "Larger spacing and the high-contrast theme, for accessibility.")
    var large = false

    /// Benchmarks: quit once the first complete frame is on the terminal (start-up timed whole).
    @Flag(name: .customLong("exit-after-first-frame"), help: .hidden)
    var exitAfterFirstFrame = false

    @Flag(name: .customLong("set-pin"), help: "Set the staff PIN that leaves the kiosk (asked twice, never shown; stored only as a salted hash).")
    var setPIN = false

    func run() throws {
        let configPath = KioskConfig.defaultPath()
        var config: KioskConfig
        do {
            config = try Installation.asUser { try KioskConfig.load(path: configPath) }
        } catch {
            throw Failure("\(error)")
        }
        if setPIN { return try setPIN(config: &config, path: configPath) }
        guard config.pinHash != nil else {
            throw Failure("no staff PIN is set for this kiosk, and nobody could leave it; run tern kiosk --set-pin first (it writes \(configPath))")
        }
        if let hash = config.pinHash, !KioskPIN.isCurrent(hash) {
            // It keeps working; staff see this when they start the kiosk, and again at the prompt.
            printError("notice: the staff PIN was set under older rules (4 characters, a faster hash); it still works, but set a new one of at least \(KioskPIN.minimumLength) with tern kiosk --set-pin")
        }
        // Before anything starts a thread: terminating signals are taken by the loop.
        TerminalGuard.holdTerminatingSignals()
        guard NcursesBackend.canStart() else {
            printError("tern kiosk needs an interactive terminal")
            throw ExitCode(2)
        }
        let (settings, chosenTheme, _) = try Installation.asUser { UserSettings.read(theme: theme ?? config.theme ?? (large ? "high-contrast" : nil)) }
        let options = catalogue
        // Opened read-only (by SQLite, or by the PostgreSQL server for every transaction) every time, never created, never migrated; a
        // failure is the kiosk's calm "being updated" screen, tried again every few seconds.
        let open: KioskOpener = {
            let opened = try options.openStore(for: .kiosk, readOnly: true, expire: false, notice: nil)
            if let file = opened.file, !file.isReadOnly { throw CatalogueError.refused("a kiosk opens its catalogue read-only") }
            let store = opened.store
            return try KioskCatalogue.start(listings: store, changes: try waitFor { try await store.changeFeed() })
        }
        // Wrong PINs outlive the process: killing the kiosk gives a guesser no fresh tries.
        let lockoutPath = KioskLockout.defaultPath()
        let lockout = try Installation.asUser { KioskLockout.load(path: lockoutPath) }
        let screen = KioskScreen(open: open, config: config, large: large, keys: settings.kioskKeys, lockout: lockout,
                                 saveLockout: { lockout in try Installation.asUser { try lockout.save(path: lockoutPath) } })
        // No mouse: a kiosk is driven from its keyboard, and the terminal keeps nothing else.
        try FullScreen.run(screen, theme: chosenTheme, mouse: false, changeFeed: screen.changes, exitAfterFirstFrame: exitAfterFirstFrame, notInteractive: "tern kiosk needs an interactive terminal")
    }

    /// Asks for the PIN twice without echo (or reads two lines when stdin is no terminal) and
    /// stores its hash.
    private func setPIN(config: inout KioskConfig, path: String) throws {
        let first = try PINReader.read(prompt: "New staff PIN: ")
        let second = try PINReader.read(prompt: "The same PIN again: ")
        guard first == second else { throw Failure("the two PINs differ; nothing was changed") }
        do {
            config.pinHash = try KioskPIN.hash(first)
        } catch {
            throw Failure("\(error)")
        }
        let updated = config
        try Installation.asUser {
            try updated.save(path: path)
            // A new PIN starts with no wrong tries against it.
            try? FileManager.default.removeItem(atPath: KioskLockout.defaultPath())
        }
        try Output.line("the staff PIN is set (stored as a salted hash in \(path))")
    }
}

/// Reads a secret line: from the terminal with echo off, or a line of stdin.
enum PINReader {
    static func read(prompt: String) throws -> String {
        let terminal = isatty(STDIN_FILENO) == 1
        var saved = termios()
        if terminal {
            Output.notice(prompt)
            tcgetattr(STDIN_FILENO, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if terminal {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                Output.notice("\n")
            }
        }
        guard let line = readLine(strippingNewline: true) else { throw Failure("no PIN given; nothing was changed") }
        return line
    }
}
