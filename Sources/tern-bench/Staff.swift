import Foundation
import TernCatalogue
import TernViewModels

/// The staff queue (issue 10) over every application: its first page and keyset paging, limit
/// patterns from selective to matching nothing, the counts per status, and the console's own
/// path through ``TriageViewModel``. Pages are 40 rows.
struct StaffBench {
    let catalogue: Catalogue
    let options: Options
    let report: Report

    func queuePage(_ filter: TriageFilter, after: TriageCursor? = nil, order: TriageOrder = .oldestFirst,
                   viewer: String? = nil) throws -> TriagePage {
        try catalogue.triageQueue(filter, after: after, order: order, limit: 40, viewer: viewer)
    }

    func run() throws {
        report.section("Staff queue (in process, pages of 40)")
        let needsAction = TriageFilter()
        var page = try queuePage(needsAction)
        let firstPage = page
        report.add("queue: first page, oldest first", try timed(runs: options.runs) { page = try queuePage(needsAction) },
                   key: "staff.first", note: "\(page.rows.count) rows")
        report.add("queue: first page, newest first", try timed(runs: options.runs) { page = try queuePage(needsAction, order: .newestFirst) },
                   note: "\(page.rows.count) rows")
        for order in [TriageOrder.oldestFirst, .newestFirst] {
            // 250 pages of 40 by keyset cursor, each timed (the second walk; the first warms up).
            var samples = Samples()
            for walk in 0..<2 {
                var cursor: TriageCursor? = nil
                for _ in 0..<250 {
                    let ms = try Stopwatch.time { cursor = try queuePage(needsAction, after: cursor, order: order).next }
                    if walk > 0 { samples.append(ms) }
                }
            }
            report.add("queue: paging 10,000 rows, \(order == .oldestFirst ? "oldest" : "newest") first (per page)", samples,
                       key: "staff.paging.\(order == .oldestFirst ? "oldest" : "newest")")
        }

        // Limit patterns: organization prefixes matching 1 in 20 organizations, 1 in 200 and one
        // organization, one listing, one student, a common free word; all taken from the
        // catalogue so they exist. (A free word matching nothing reads the whole queue row by
        // row, 10 s and more: a known slow path, left out to keep the run short.)
        let someRow = firstPage.rows[0]
        let commonPrefix = options.organizationPrefix ?? String(someRow.organization.split(separator: " ")[0])
        let organizationGroup = someRow.organization.split(separator: " ").prefix(2).joined(separator: " ")
        let someStudent = options.staffStudent ?? someRow.studentUsername
        let patterns = [
            "status:submitted", "status:submitted field:design age>7d", "organization:\(commonPrefix)",
            "organization:\"\(organizationGroup)\"", "organization:\"\(someRow.organization)\"",
            "opportunity:\(someRow.opportunityRef)", "student:\(someStudent)", "bakery",
        ]
        for pattern in patterns {
            let filter = try TriageFilter(pattern: pattern)
            report.add("queue: \(pattern)", try timed(runs: options.runs) { page = try queuePage(filter) }, note: "\(page.rows.count) rows")
        }
        let bakery = try TriageFilter(pattern: "bakery")
        let bakeryFirst = try queuePage(bakery)
        report.add("queue: bakery, next page (keyset)", try timed(runs: options.runs) { page = try queuePage(bakery, after: bakeryFirst.next) },
                   note: "\(page.rows.count) rows")
        var counts: [ApplicationStatus: Int] = [:]
        report.add("queue: counts per status (triageCounts)", try timed(runs: options.runs) { counts = try catalogue.triageCounts() },
                   key: "staff.counts", note: TriageFilter.needingAction.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))
        report.add("queue: first page, viewer claim join", try timed(runs: options.runs) { page = try queuePage(needsAction, viewer: "rpatel") },
                   note: "\(page.rows.count) rows, \(page.rows.filter { $0.claimedBy != nil }.count) claimed")

        // The console's own path: the view model's queue (counted, then the rows on screen), and a
        // limit applied as the console applies it (in the background: counted, first page read).
        let triage = try TriageViewModel(catalogue: catalogue, session: TriageSession(username: "bench", name: "Bench"))
        var shown = 0
        report.add("console: read again (counts + first 40 rows)", try timed(runs: options.runs) {
            try triage.reload()
            shown = try triage.rows.rows(in: 0..<40).count
        }, key: "staff.console.reload", note: "\(shown) rows of \(triage.rows.count)")
        var windows = Samples()
        for walk in 0..<2 {
            // A reload forgets the rows held, so the second walk reads as the first did.
            try triage.reload()
            for window in 0..<250 {
                let ms = try Stopwatch.time { _ = try triage.rows.rows(in: (window * 40)..<(window * 40 + 40)) }
                if walk > 0 { windows.append(ms) }
            }
        }
        report.add("console: paging 10,000 rows (40-row windows)", windows, key: "staff.console.paging")
        report.add("console: G (the last 40 rows, read backwards)", try timed(runs: options.runs) {
            try triage.reload()
            shown = try triage.rows.rows(in: max(0, triage.rows.count - 40)..<triage.rows.count).count
        }, note: "\(shown) rows")
        var prepared: PreparedQueue?
        report.add("console: limit status:submitted (background)", try timed(runs: options.runs) {
            prepared = try triage.prepare(pattern: "status:submitted", words: "")
        }, note: "\(prepared?.rows.count ?? 0) shown")
    }
}
