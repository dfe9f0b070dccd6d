import ArgumentParser
import Foundation
import TernCatalogue
import TernTerminal
import TernText
import TernViewModels

/// `tern search`: the TUI's query engine for scripts and quick looks.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Search open listings.")

    @OptionGroup var catalogue: CatalogueOptions

    @Argument(help: "Words to match as prefixes in title, organization, skills and brief.")
    var words: [String] = []

    @Option(help: ArgumentHelp("Only this field (repeatable).", valueName: "field"))
    var field: [Field] = []

    @Option(help: ArgumentHelp("Listings requiring this skill (repeatable; all must match).", valueName: "skill"))
    var skill: [String] = []

    @Flag(help: "Remote listings only.")
    var remote = false

    @Flag(help: "Paid listings only (fixed fee, hourly, stipend).")
    var paid = false

    @Option(name: .customLong("max-hours"), parsing: .unconditional, help: ArgumentHelp("At most this many estimated hours.", valueName: "H"))
    var maxHours: Int?

    @Option(name: .customLong("deadline-within"), parsing: .unconditional, help: ArgumentHelp("Deadline within this many days.", valueName: "DAYS"))
    var deadlineWithin: Int?

    @Option(help: ArgumentHelp("Organization name prefix.", valueName: "name"))
    var organization: String?

    @Flag(help: "Include closed, filled and past-deadline listings.")
    var all = false

    @Option(help: ArgumentHelp("Order.", valueName: "order"))
    var sort: OpportunitySort = .deadline

    @Option(help: ArgumentHelp("With --sort match: the student to rank for (yourself; staff may name any student). Shows only listings that fit them.", valueName: "username"))
    var user: String?

    @Option(parsing: .unconditional, help: "At most this many results (1 to 100000).")
    var limit: Int = 20

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    func validate() throws {
        if user != nil, sort != .match {
            throw ValidationError("--user goes with --sort match")
        }
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit takes 1 to 100000") }
        if let maxHours, maxHours < 1 { throw ValidationError("--max-hours must be at least 1") }
        if let deadlineWithin, deadlineWithin < 0 { throw ValidationError("--deadline-within must be 0 or more") }
    }

    func query(matchFor student: String?) -> OpportunityQuery {
        OpportunityQuery(
            words: words.joined(separator: " "), fields: Set(field), skills: skill,
            locationKinds: remote ? [.remote] : [], paidOnly: paid, maxHours: maxHours,
            deadlineWithinDays: deadlineWithin, organization: organization, includeClosed: all,
            sort: sort, matchFor: student)
    }

    func run() throws {
        // Searching never writes, so it never waits on a writer; acting for another student is
        // audited, which needs a write.
        let opened = try catalogue.openStore(for: .search, actingFor: user, readOnly: user == nil)
        let access = opened.access, store = opened.store
        var matchFor: String? = nil
        if sort == .match {
            guard let student = access.student else {
                throw Failure("--sort match ranks listings for a student, and \(access.principal.account.displayName) has no student profile")
            }
            matchFor = student
        }
        let query = query(matchFor: matchFor), limit = limit
        let results = try waitFor { try await store.opportunities(matching: query, after: nil, limit: limit, today: CalendarDay(Date())) }
        if json {
            let document = JSONText.array(results.map(SearchResult.json))
            try Output.line(document.rendered())
        } else {
            try Output.line(SearchTable.render(results))
        }
    }
}

/// One search hit as JSON: stable snake_case keys for scripts. Strings are quoted by TernText's
/// `JSONString`, like every JSON Tern writes, so catalogue text can never drive the terminal.
enum SearchResult {
    static func json(_ s: OpportunitySummary) -> JSONText {
        .object([
            ("id", .integer(Int(s.id))), ("ref", .string(s.ref)), ("title", .string(s.title)),
            ("organization", .string(s.organization)), ("field", .string(s.field.rawValue)), ("hours", .integer(s.hours)),
            ("duration_days", .integer(s.durationDays)), ("deadline", .string(s.deadline.description)),
            ("compensation_kind", .string(s.compensationKind.rawValue)), ("compensation_amount", .optional(s.compensation?.decimal)),
            ("currency", .optional(s.compensation?.currency)), ("location_kind", .string(s.locationKind.rawValue)),
            ("remote", .bool(s.locationKind == .remote)), ("city", .optional(s.city)), ("status", .string(s.status.rawValue)),
            ("posted_at", .string(s.postedAt)),
        ])
    }
}

/// The aligned table `tern search` prints: laid out by display width, every value sanitized,
/// because catalogue text is untrusted and this goes straight to a terminal.
enum SearchTable {
    static func render(_ rows: [OpportunitySummary]) -> String {
        guard !rows.isEmpty else { return "no matching listings" }
        let header = ["TITLE", "ORGANIZATION", "FIELD", "HOURS", "PAY", "WHERE", "DEADLINE"]
        let body = rows.map { row in
            [row.title, row.organization, row.field.label, "\(row.hours)", PayText.compact(row.compensationKind, row.compensation),
             row.locationKind == .remote ? "Remote" : "\(row.locationKind.label), \(row.city ?? "")", row.deadline.description]
                .map(Sanitizer.line)
        }
        let limits = [44, 28, 14, 5, 22, 24, 10]
        let widths = header.indices.map { column in
            min(limits[column], ([header[column]] + body.map { $0[column] }).map(DisplayWidth.of).max() ?? 0)
        }
        return ([header] + body).map { cells in
            cells.enumerated().map { column, text in
                TextLayout.pad(text, to: widths[column], alignment: column == 3 ? .right : .left)
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
