import ArgumentParser
import Foundation
import TernCatalogue
import TernTerminal
import TernViewModels

/// `tern` / `tern browse`: the full-screen interface.
struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the full-screen interface (the default).")

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: "Staff only (or the owner of a personal catalogue): browse as this student; the audit log records it. Everyone else is the student their OS login is.")
    var user: String?

    @Option(help: "Theme name from themes/ (default: from the config, else default).")
    var theme: String?

    /// How long to wait for a key before checking for other processes' commits.
    static let idleMilliseconds = 400
    /// How often to look for a background search's result while one runs.
    static let searchPollMilliseconds = 15

    func run() throws {
        // Before anything starts a thread: terminating signals are taken by the loop below.
        TerminalGuard.holdTerminatingSignals()
        let environment = ProcessInfo.processInfo.environment
        // Refuse before touching the catalogue or the terminal: a pipe or a dumb terminal gets a
        // clear message instead of escape codes.
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1,
              let term = environment["TERM"], !term.isEmpty, term != "dumb"
        else {
            printError("tern needs an interactive terminal; try `tern search`")
            throw ExitCode(2)
        }
        var warnings: [String] = []
        var config = UserConfig(theme: nil, mouse: true, asciiBorders: false, keyMap: .defaults)
        var chosenTheme = Theme.builtInDefault
        // The user's own files, read with the user's own rights (never the tern group's).
        try Installation.asUser {
            do { config = try UserConfig.load(path: UserConfig.defaultPath) } catch { warnings.append("\(error); using defaults") }
            let themeName = theme ?? config.theme ?? "default"
            do {
                chosenTheme = try ThemeLoader.load(named: themeName, searchPaths: ThemeLoader.searchPaths(executablePath: CommandLine.arguments[0]))
            } catch {
                warnings.append("\(error); using the default theme")
            }
        }

        // Only the per-user default catalogue is created, and seeded with the demo, on first run.
        let location = try catalogue.location()
        let isNew = location.isDefault && !FileManager.default.fileExists(atPath: location.path)
        // Notices go to the status bar once the screen is up, never to stderr under it.
        let (opened, access) = try catalogue.open(for: .browse, actingFor: user, opening: location.isDefault ? .createIfMissing : .existing, notice: nil)
        if isNew { _ = try Seed.seedDemo(into: opened) }
        warnings += opened.file.warnings
        let session = try StudentSession(access, catalogue: opened)
        let shell = try StudentShell(catalogue: opened, session: session, keyMap: config.keyMap, box: config.asciiBorders ? .ascii : .line)
        let watcher = try opened.changeWatcher()
        _ = try watcher.hasChanged()

        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(theme: chosenTheme, mouse: config.mouse, environment: environment)
        } catch .notInteractive {
            printError("tern needs an interactive terminal; try `tern search`")
            throw ExitCode(2)
        } catch .cannotInitialize(let reason) {
            throw Failure("cannot start the terminal interface: \(reason)")
        }
        defer { backend.shutdown() }
        if let warning = warnings.first { shell.showToast(warning, isError: true) }

        while true {
            shell.collectSearchResults()
            let frame = shell.render(width: backend.size.width, height: backend.size.height)
            backend.draw(frame.grid, cursor: frame.cursor)
            // While a search runs in the background, wake often to show its result; keys still
            // come first, and each one supersedes the search in flight.
            let wait = shell.isSearching ? Self.searchPollMilliseconds : Self.idleMilliseconds
            let next = backend.nextKey(timeoutMilliseconds: wait)
            if let signal = TerminalGuard.takePendingTerminatingSignal() {
                backend.shutdown()
                TerminalGuard.die(of: signal)
            }
            guard let key = next else {
                // End of input (a closed pty) ends the program rather than spinning.
                if backend.inputClosed { break }
                // Idle: pick up what other processes committed (staff moved an application).
                if (try? watcher.hasChanged()) == true { try? shell.reload() }
                continue
            }
            if shell.handle(key) == .quit { break }
        }
    }
}
