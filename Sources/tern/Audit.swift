import ArgumentParser
import Foundation
import TernCatalogue
import TernText

/// `tern audit`: every change to an application and every look at a student's record, with
/// who and when, newest first.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Staff: the audit trail (changes and views of student records), newest first; students: --mine.")

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: ArgumentHelp("Only about this student (username).", valueName: "name"))
    var student: String?

    @Option(help: ArgumentHelp("Only by this person (login).", valueName: "name"))
    var actor: String?

    @Option(help: ArgumentHelp("From this UTC day (YYYY-MM-DD) or time (ISO 8601) on.", valueName: "date"))
    var since: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("At most this many entries (1 to 1000000).", valueName: "n"))
    var count: Int = 1_000

    @Flag(help: "A JSON array for scripts.")
    var json = false

    @Flag(help: "Students: who at the career center saw or changed your records, and when (FERPA's record of disclosures).")
    var mine = false

    func validate() throws {
        guard (1...1_000_000).contains(count) else { throw ValidationError("--count takes 1 to 1000000") }
        if let since, SinceDate.parse(since) == nil { throw ValidationError("--since takes a day (2026-11-01) or an ISO 8601 time") }
        if mine, student != nil || actor != nil || since != nil { throw ValidationError("--mine takes no --student, --actor or --since") }
    }

    func run() throws {
        if mine { return try runMine() }
        // The trail narrowed to one student is a list narrowed to one student: a disclosure,
        // recorded before it is printed, which takes a catalogue this account may write.
        let entries: [AuditTrailEntry]
        if let postgres = try catalogue.openServer(for: .readAuditTrail, readOnly: student == nil) {
            let student = student, actor = actor, start = since.flatMap(SinceDate.parse), count = count
            let principal = postgres.access.principal
            entries = try waitFor { try await postgres.catalogue.auditTrail(student: student, actor: actor, since: start, limit: count) }
            if let student {
                let detail = "\(entries.count) audit entries to \(OutputDestination.standardOutput)"
                try waitFor {
                    try await postgres.catalogue.recordDisclosure(.listedStudentAuditTrail, by: principal, student: student, detail: detail, application: nil)
                }
            }
        } else {
            let (opened, access) = try catalogue.open(for: .readAuditTrail, readOnly: student == nil, expire: false)
            entries = try opened.auditTrail(student: student, actor: actor, since: since.flatMap(SinceDate.parse), limit: count)
            if let student {
                try opened.recordDisclosure(.listedStudentAuditTrail, by: access.principal, student: student,
                                            detail: "\(entries.count) audit entries to \(OutputDestination.standardOutput)")
            }
        }
        if json {
            try Output.line(JSONText.array(entries.map { entry in
                .object([("at", .string(entry.at)), ("actor", .string(entry.actor)), ("actor_role", .string(entry.actorRole)),
                         ("action", .string(entry.action)), ("student", .optional(entry.student)),
                         ("application", entry.applicationID.map { .integer(Int($0)) } ?? .null), ("detail", .optional(entry.detail))])
            }).rendered())
        } else {
            try Output.line(entries.isEmpty ? "no audit entries match" : PlainTable.render(
                header: ["AT", "ACTOR", "ROLE", "ACTION", "STUDENT", "APPLICATION", "DETAIL"],
                rows: entries.map { [$0.at, $0.actor, $0.actorRole, $0.action, $0.student ?? "", $0.applicationID.map { "\($0)" } ?? "", $0.detail ?? ""] },
                limits: [20, 20, 24, 22, 20, 11, 60], rightAligned: [5]))
        }
    }
}

extension Audit {
    /// `--mine`: the disclosures of the student's own records, newest first; any student, only
    /// their own (the account's, never `--user`).
    func runMine() throws {
        let opened = try catalogue.openStore(for: .ownDisclosures, readOnly: true)
        guard let student = opened.access.student else { throw Failure("only students have records to disclose") }
        let store = opened.store, count = count
        let seen = try waitFor { try await store.disclosures(ofStudent: student, limit: count) }
        if json {
            try Output.line(JSONText.array(seen.map { disclosure in
                .object([("at", .string(disclosure.at)), ("role", .string(disclosure.role)), ("name", .string(disclosure.name)),
                         ("what", .string(disclosure.what)), ("detail", .optional(disclosure.detail)),
                         ("application", disclosure.applicationID.map { .integer(Int($0)) } ?? .null)])
            }).rendered())
        } else {
            try Output.line(seen.isEmpty ? "nobody at the career center has seen or changed your records" : PlainTable.render(
                header: ["AT", "WHO", "WHAT", "DETAIL"],
                rows: seen.map { ["\($0.at)", "\($0.role) \($0.name)", $0.what + ($0.applicationID.map { " (application \($0))" } ?? ""), $0.detail ?? ""] },
                limits: [20, 32, 70, 60], rightAligned: []))
        }
    }
}

/// `--since`: a UTC day or an ISO 8601 time.
enum SinceDate {
    static func parse(_ text: String) -> Date? {
        if let time = try? Date(text, strategy: .iso8601) { return time }
        return try? Date(text + "T00:00:00Z", strategy: .iso8601)
    }
}
