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

    /// Benchmarks: quit once the first complete frame is on the terminal (start-up timed whole).
    @Flag(name: .customLong("exit-after-first-frame"), help: .hidden)
    var exitAfterFirstFrame = false

    /// Benchmarks and catalogues that must not change: opened read-only at the SQLite level, so
    /// nothing is written, not even the start-up expiry pass; anything that writes is refused.
    @Flag(name: .customLong("read-only"), help: .hidden)
    var readOnly = false

    func validate() throws {
        // Acting for a student is recorded in the audit log, which takes a write.
        if readOnly, user != nil { throw ValidationError("--read-only cannot go with --user (acting for a student is audited)") }
    }

    func run() throws {
        // Before anything starts a thread: terminating signals are taken by the loop.
        TerminalGuard.holdTerminatingSignals()
        // Refuse before touching the catalogue or the terminal: a pipe or a dumb terminal gets a
        // clear message instead of escape codes.
        guard NcursesBackend.canStart() else { throw Self.notInteractive() }
        let (config, chosenTheme, warnings) = try Installation.asUser { UserSettings.read(theme: theme) }

        // Only the per-user default catalogue is created, and seeded with the demo, on first run.
        let location = try catalogue.location()
        let isNew = location.isDefault && !FileManager.default.fileExists(atPath: location.path)
        // Notices go to the status bar once the screen is up, never to stderr under it.
        let opened = try catalogue.openStore(for: .browse, actingFor: user, readOnly: readOnly,
                                             opening: location.isDefault ? .createIfMissing : .existing, notice: nil)
        if isNew, let file = opened.file { _ = try Seed.seedDemo(into: file) }
        let store = opened.store
        // The feed starts counting before the screen reads anything, so no commit falls between.
        let changes = try waitFor { try await store.changeFeed() }
        _ = try changes.hasChanged()
        // Who is at the terminal is settled here, before the screen starts; the screen knows the
        // catalogue only as its store protocols, and reads it off its loop.
        let student = try opened.access.student.flatMap { name in try waitFor { try await store.student(username: name) } }
        let session = try StudentSession(opened.access, student: { _ in student })
        let screen = StudentScreen(store: store, session: session, keyMap: config.studentKeys, box: config.asciiBorders ? .ascii : .line)
        screen.warn(warnings + opened.warnings)

        try FullScreen.run(screen, theme: chosenTheme, mouse: config.mouse, changeFeed: changes, exitAfterFirstFrame: exitAfterFirstFrame,
                           notInteractive: "tern needs an interactive terminal; try `tern search`")
    }

    private static func notInteractive() -> Error {
        printError("tern needs an interactive terminal; try `tern search`")
        return ExitCode(2)
    }
}
