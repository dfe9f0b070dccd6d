import ArgumentParser

/// `tern applications`: staff triage from scripts; the same catalogue rules as the console.
struct Applications: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Staff: list and move applications (the triage queue, for scripts).",
        subcommands: [ApplicationsList.self, ApplicationsMove.self])
}
