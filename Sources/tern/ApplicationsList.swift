import ArgumentParser
import Foundation
import TernCatalogue
import TernText

/// `tern applications list`: the triage queue, oldest first, as a table or JSON.
struct ApplicationsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List applications needing action (or matching the options), oldest first.",
        discussion: """
            Without --status: submitted, under review, delivered, and offers unanswered for the \
            catalogue's offer_wait_days (7 unless set). --limit takes a pattern such as \
            'status:submitted field:design age>7d organization:acme student:tnguyen logo'. \
            --taken-down lists the queue "listing taken down with work under way": applications \
            accepted, in progress or delivered on listings staff have declined (is:taken-down).
            """)

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: ArgumentHelp("Only this status (repeatable).", valueName: "status"))
    var status: [ApplicationStatus] = []

    @Option(help: ArgumentHelp("Only this listing, by ref.", valueName: "ref"))
    var opportunity: String?

    @Option(help: ArgumentHelp("Only this student, by username.", valueName: "name"))
    var student: String?

    @Option(name: .customLong("limit"), help: ArgumentHelp("A limit pattern (see above).", valueName: "pattern"))
    var pattern: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("At most this many rows (1 to 100000).", valueName: "n"))
    var count: Int = 100

    @Flag(name: .customLong("taken-down"), help: "Only applications with work under way on listings taken down (declined).")
    var takenDown = false

    @Flag(help: "A JSON array for scripts.")
    var json = false

    func validate() throws {
        guard (1...100_000).contains(count) else { throw ValidationError("--count takes 1 to 100000") }
    }

    func filter() throws -> TriageFilter {
        var filter = try TriageFilter(pattern: pattern ?? "")
        for parsed in status where !filter.statuses.contains(parsed) { filter.statuses.append(parsed) }
        if let opportunity { filter.opportunityRef = opportunity }
        if let student { filter.student = student }
        if takenDown, !filter.takenDown {
            filter.takenDown = true
            if filter.statuses.isEmpty { filter.statuses = ApplicationStatus.workUnderWay }
        }
        return filter
    }

    func run() throws {
        let filter = try filter()
        // A list narrowed to one student discloses their records: recorded in the audit log
        // before it is printed, which takes a catalogue this account may write.
        let narrowed = filter.student
        let opened = try catalogue.openStore(for: .listApplications, readOnly: narrowed == nil, expire: false)
        let store = opened.store, access = opened.access
        let viewer = access.principal.account.displayName
        var rows: [TriageRow] = []
        var cursor: TriageCursor?
        repeat {
            let after = cursor, limit = min(500, count - rows.count)
            let page = try waitFor {
                try await store.triageQueue(filter, after: after, order: .oldestFirst, limit: limit, offerWaitDays: nil, viewer: viewer, now: Date())
            }
            rows += page.rows
            cursor = page.next
        } while cursor != nil && rows.count < count
        if let narrowed {
            let detail = "\(rows.count) applications to \(OutputDestination.standardOutput)"
            try waitFor {
                try await store.recordDisclosure(.listedStudentApplications, by: access.principal, student: narrowed, detail: detail, application: nil)
            }
        }
        if json {
            try Output.line(JSONText.array(rows.map(Self.json)).rendered())
        } else {
            try Output.line(rows.isEmpty ? "no applications match" : PlainTable.render(
                header: ["ID", "STATUS", "WAITING", "STUDENT", "LISTING", "ORGANIZATION", "CLAIMED BY"],
                rows: rows.map { ["\($0.id)", $0.status.rawValue, "\($0.waitingDays) d", $0.studentUsername, $0.opportunityTitle,
                                  $0.organization, $0.claimedBy ?? ""] },
                limits: [10, 14, 9, 24, 40, 28, 20], rightAligned: [0, 2]))
        }
    }

    static func json(_ row: TriageRow) -> JSONText {
        .object([
            ("id", .integer(Int(row.id))), ("status", .string(row.status.rawValue)), ("version", .integer(row.version)),
            ("updated_at", .string(row.updatedAt)), ("waiting_days", .integer(row.waitingDays)),
            ("student", .string(row.studentUsername)), ("student_name", .string(row.studentName)),
            ("opportunity", .string(row.opportunityRef)), ("title", .string(row.opportunityTitle)),
            ("organization", .string(row.organization)), ("field", .optional(row.field?.rawValue)),
            ("claimed_by", .optional(row.claimedBy)),
        ])
    }
}
