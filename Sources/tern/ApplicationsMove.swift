import ArgumentParser
import Foundation
import TernCatalogue

/// `tern applications move ID... STATUS`: one bulk move, all or nothing, with the console's
/// rules: the state machine, a structured reason to reject, versions, the history.
struct ApplicationsMove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move one or more applications to a status, all or none.",
        discussion: """
            Rejecting needs --reason: skills-mismatch, position-filled, deadline-passed, \
            incomplete-application or other:TEXT; the student sees it. A --note with a rejection \
            or an offer explains it, so the student sees it unless --staff-only; any other note \
            is for staff unless --shared. --expect-version refuses the move if the application \
            changed since you read that version.
            """)

    @OptionGroup var catalogue: CatalogueOptions

    @Argument(help: ArgumentHelp("Application ids, then the status to move them to.", valueName: "id... status"))
    var items: [String] = []

    @Option(help: ArgumentHelp("Why it is rejected (required with rejected).", valueName: "reason"))
    var reason: String?

    @Option(help: ArgumentHelp("A note with the move.", valueName: "text"))
    var note: String?

    @Flag(name: .customLong("staff-only"), help: "The note is for staff only; the student never sees it (the default, but with rejected or offered).")
    var staffOnly = false

    @Flag(help: "The student sees the note (the default with rejected or offered).")
    var shared = false

    @Option(name: .customLong("expect-version"), help: ArgumentHelp("With one id: the version you read.", valueName: "n"))
    var expectVersion: Int?

    /// The ids and the status they move to, or the usage error saying which argument is wrong.
    func move() throws -> (ids: [Int64], to: ApplicationStatus) {
        guard items.count >= 2, let last = items.last else { throw ValidationError("give one or more application ids, then a status") }
        guard let status = ApplicationStatus(rawValue: last) else {
            throw ValidationError("the last argument is the status: one of \(ApplicationStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let ids = try items.dropLast().map { text in
            guard let id = Int64(text) else { throw ValidationError("\(text) is not an application id") }
            return id
        }
        return (ids, status)
    }

    func validate() throws {
        _ = try move()
        if staffOnly && note == nil { throw ValidationError("--staff-only goes with --note") }
        if shared && note == nil { throw ValidationError("--shared goes with --note") }
        if shared && staffOnly { throw ValidationError("--shared and --staff-only exclude each other") }
        if expectVersion != nil && items.count != 2 { throw ValidationError("--expect-version goes with one application id") }
    }

    /// What the flags say, else the rule every form follows (``Visibility/forNote(movingTo:)``).
    func visibility(movingTo next: ApplicationStatus) -> Visibility {
        staffOnly ? .staff : shared ? .shared : .forNote(movingTo: next)
    }

    func run() throws {
        let (ids, next) = try move()
        let opened = try catalogue.openStore(for: .moveApplications)
        let store = opened.store, access = opened.access
        let session = try waitFor { try await store.triageSession(for: access) }
        let reason = try self.reason.map(RejectionReason.init(parsing:))
        let targets = try ids.map { id in
            ApplicationVersion(id: id, version: try expectVersion ?? waitFor { try await store.application(id, as: session.actor) }.version)
        }
        let note = note.map { MoveNote($0, visibility: visibility(movingTo: next)) }
        let action = try waitFor { try await store.bulkMove(targets, to: next, session: session, reason: reason, note: note, now: Date()) }
        for application in action.applications {
            try Output.line("application \(application.id): now \(application.status.rawValue) (version \(application.version))")
        }
    }
}
