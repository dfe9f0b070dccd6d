import Foundation
import TernCatalogue
import TernStore
import TernViewModels

/// The staff queue (issue 10) over every application: its first page and keyset paging, limit
/// patterns from selective to matching nothing, the counts per status, and the console's own
/// path through ``TriagePages`` and ``TriageWork``. Pages are 40 rows.
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
        let store: any CatalogueStore = catalogue
        let moment = Date()
        func read() throws -> TriagePages {
            try attempt { try await TriagePages.read(TriageFilter(), order: .oldestFirst, viewer: "bench", at: moment, in: store) }
        }
        /// The rows of `range`, their missing pages read first, as the console reads them.
        func rows(_ range: Range<Int>, of pages: inout TriagePages) throws -> [TriageRow] {
            let held = pages, missing = pages.missingPages(in: range)
            if !missing.isEmpty {
                pages.insert(try attempt { try await TriagePages.read(pages: missing, of: held, viewer: "bench", in: store) },
                             generation: pages.generation)
            }
            return pages.held(range) ?? []
        }
        var pages = try read()
        var shown = 0
        report.add("console: read again (counts + first 40 rows)", try timed(runs: options.runs) {
            pages = try read()
            shown = try rows(0..<40, of: &pages).count
        }, key: "staff.console.reload", note: "\(shown) rows of \(pages.count)")
        var windows = Samples()
        for walk in 0..<2 {
            // A read forgets the rows held, so the second walk reads as the first did.
            pages = try read()
            for window in 0..<250 {
                let ms = try Stopwatch.time { _ = try rows((window * 40)..<(window * 40 + 40), of: &pages) }
                if walk > 0 { windows.append(ms) }
            }
        }
        report.add("console: paging 10,000 rows (40-row windows)", windows, key: "staff.console.paging")
        report.add("console: G (the last 40 rows, read backwards)", try timed(runs: options.runs) {
            pages = try read()
            shown = try rows(max(0, pages.count - 40)..<pages.count, of: &pages).count
        }, note: "\(shown) rows")
        var prepared: TriageWork.Read?
        report.add("console: limit status:submitted (background)", try timed(runs: options.runs) {
            prepared = try attempt { try await TriageWork.read(pattern: "status:submitted", words: "", order: .oldestFirst,
                                                                                  viewer: "bench", at: moment, in: store) }
        }, note: "\(prepared?.pages.count ?? 0) shown")
    }
}

/// A failure carried out of ``blocking(_:)``: its words.
struct BenchFailure: Error, Sendable, CustomStringConvertible {
    var description: String
}

/// Async throwing work waited for from the bench's synchronous loops.
func attempt<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    try blocking { () async -> Result<T, BenchFailure> in
        do { return .success(try await work()) } catch { return .failure(BenchFailure(description: "\(error)")) }
    }.get()
}
