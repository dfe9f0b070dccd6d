import ArgumentParser
import Foundation
import TernCatalogue
import TernTerminal

/// `tern triage`: the staff console, full screen. Staff only; anyone else gets one line.
struct Triage: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the staff console: applications, postings and organizations to review, reports (staff only).",
        discussion: "Keys are listed by ? inside; `[keys.staff]` in config.toml rebinds them.")

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: "Theme name from themes/ (default: from the config, else default).")
    var theme: String?

    /// Benchmarks: quit once the first complete frame is on the terminal (start-up timed whole).
    @Flag(name: .customLong("exit-after-first-frame"), help: .hidden)
    var exitAfterFirstFrame = false

    func run() throws {
        // Before anything starts a thread: terminating signals are taken by the loop.
        TerminalGuard.holdTerminatingSignals()
        // The role is checked first, terminal or not: someone who is not staff is told that,
        // not that a pipe is no terminal. Opening for a staff operation also closes listings
        // past their deadline (the console repeats that hourly).
        let opened = try catalogue.openStore(for: .triageConsole)
        let store = opened.store
        guard NcursesBackend.canStart() else {
            printError("tern triage needs an interactive terminal; try `tern applications list`")
            throw ExitCode(2)
        }
        let (config, chosenTheme, warnings) = try Installation.asUser { UserSettings.read(theme: theme) }
        let access = opened.access
        let session = try waitFor { try await store.triageSession(for: access) }
        // The feed starts counting before the screen reads anything, so no commit falls between.
        let changes = try waitFor { try await store.changeFeed() }
        _ = try changes.hasChanged()
        // A file named at `:import` is read with the user's own rights, as `tern import` reads it.
        let screen = TriageScreen(store: store, session: session, keyMap: config.staffKeys, box: config.asciiBorders ? .ascii : .line,
                                  openFile: { path in try Installation.asUser { try ImportSource(path: path) } })
        screen.warn(warnings + opened.warnings)
        // However the console ends (a signal, an error), nobody should see this staff member
        // "looking at" an application for five more minutes.
        // The loop has ended here: nothing runs on it any more, so the claim is let go directly.
        defer { if let id = screen.openedApplication { _ = try? waitFor { try await store.release(id, session: session) } } }

        try FullScreen.run(screen, theme: chosenTheme, mouse: config.mouse, changeFeed: changes, exitAfterFirstFrame: exitAfterFirstFrame,
                           notInteractive: "tern triage needs an interactive terminal; try `tern applications list`")
    }
}
