import ArgumentParser
import Foundation
import TernCatalogue
import TernText
import TernViewModels

/// `tern updates`: what changed for the student since they last looked, the list the screen's
/// Updates shows, for a shell login message. It marks nothing read unless asked.
struct Updates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "updates",
        abstract: "What changed for you since you last looked (for a login message).",
        discussion: """
            Lists, newest first, what changed in the last \(StudentUpdate.windowDays) days: your applications' \
            status moves with their reasons, offers, feedback received, saved listings closing within \
            \(Catalogue.closingSoonDays) days or taken down, and new matches of your saved searches. Unread ones are \
            marked "new". Nothing is marked read unless you pass --mark-read (the full-screen Updates marks \
            them read when you open it). With nothing unread and no --json, prints nothing, so a login \
            message stays quiet.
            """)

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: ArgumentHelp("Staff only (or the owner of a personal catalogue): this student's updates. Everyone else sees their own, found by their OS login.", valueName: "name"))
    var user: String?

    @Flag(help: "Print the updates as a JSON array.")
    var json = false

    @Flag(name: .customLong("mark-read"), help: "Mark every update up to now as read, after listing them.")
    var markRead = false

    @Flag(help: "List the updates already read too.")
    var all = false

    func run() throws {
        // Read-only unless it writes: marking read, or the disclosure that acting for a student records.
        let opened = try catalogue.openStore(for: .followUpdates, actingFor: user, readOnly: !markRead && user == nil)
        let store = opened.store
        let student = try opened.access.student.flatMap { name in try waitFor { try await store.student(username: name) } }
        let session = try StudentSession(opened.access, student: { _ in student })
        guard !session.isGuest else {
            throw Failure("updates are a student's: your OS login must match a student record (ask the career center)")
        }
        let now = Date()
        let updates = StudentUpdates(items: try session.username.map { name in
            try waitFor { try await store.updates(of: name, today: CalendarDay(now), now: now) }
        } ?? [])
        let shown = all || json ? updates.items : updates.items.filter(\.isUnread)
        if json {
            try Output.line(JSONText.array(shown.map(Self.json)).rendered())
        } else if !shown.isEmpty {
            try Output.line("Tern: \(updates.unread) unread \(updates.unread == 1 ? "update" : "updates")")
            for update in shown {
                try Output.line("\(update.isUnread ? "new" : "   ")  \(update.at.prefix(10))  \(Sanitizer.line(update.headline))")
            }
        }
        if markRead, let username = session.username { try waitFor { try await store.markUpdatesRead(of: username, upTo: now) } }
    }

    private static func json(_ update: StudentUpdate) -> JSONText {
        .object([("kind", .string(update.kind.rawValue)), ("at", .string(update.at)), ("unread", .bool(update.isUnread)),
                 ("subject", .string(update.subject)), ("headline", .string(update.headline)),
                 ("listing", update.listingID.map { .integer(Int($0)) } ?? .null),
                 ("application", update.applicationID.map { .integer(Int($0)) } ?? .null),
                 ("saved_search", update.savedSearchID.map { .integer(Int($0)) } ?? .null),
                 ("status", .optional(update.status?.rawValue)), ("reason", .optional(update.reason)),
                 ("respond_by", .optional(update.respondBy)), ("count", update.count.map { .integer($0) } ?? .null)])
    }
}
