import Foundation
import TernCatalogue
import TernPostgres
import TernStore
import TernViewModels

/// The listing and queue rows on both back ends, side by side on the same data: the SQLite
/// file and its copy in PostgreSQL (`tern migrate --to`), each asked through the store protocols
/// (``CatalogueStore``) exactly as the screens ask them. Each row is timed on SQLite, then on
/// PostgreSQL, after one warm-up each; the targets for PostgreSQL over loopback are
/// printed beside the figures they apply to.
struct BackendsBench {
    let sqlite: any CatalogueStore
    let postgres: any CatalogueStore
    let options: Options
    let report: Report
    let today = CalendarDay(Date())
    static let pageSize = 50

    /// One row: what it measures, the PostgreSQL target (p95, ms) when the issue sets one, and
    /// the work, given a store.
    struct Item {
        var label: String
        var target: Double?
        var key: String
        var work: @Sendable (any CatalogueStore) async throws -> String
    }

    func items() -> [Item] {
        let today = today, pageSize = Self.pageSize, student = options.student
        func page(_ query: OpportunityQuery) -> @Sendable (any CatalogueStore) async throws -> String {
            { store in "\(try await store.opportunities(matching: query, after: nil, limit: pageSize, today: today).count) rows" }
        }
        func count(_ query: OpportunityQuery) -> @Sendable (any CatalogueStore) async throws -> String {
            { store in "\(try await store.countOpportunities(matching: query, today: today)) matches" }
        }
        var items: [Item] = [Item(label: "first page, one letter \"p\"", target: 50, key: "page.p", work: page(OpportunityQuery(words: "p")))]
        for prefix in ["py", "pyt", "pyth", "pytho", "python", "de", "des", "ma", "mar"] {
            items.append(Item(label: "first page, \"\(prefix)\"", target: 16, key: "page.\(prefix)", work: page(OpportunityQuery(words: prefix))))
        }
        items += [
            Item(label: "first page, \"pyth\", sort pay", target: 16, key: "page.pyth.pay", work: page(OpportunityQuery(words: "pyth", sort: .pay))),
            Item(label: "first page, \"pyth\", sort newest", target: 16, key: "page.pyth.newest", work: page(OpportunityQuery(words: "pyth", sort: .newest))),
            Item(label: "first page, \"pyth\", sort relevance", target: 16, key: "page.pyth.relevance", work: page(OpportunityQuery(words: "pyth", sort: .relevance))),
            Item(label: "first page, no words, deadline", target: 16, key: "page.none", work: page(OpportunityQuery())),
            Item(label: "first page, no words, remote + paid", target: 16, key: "page.remote",
                 work: page({ var q = OpportunityQuery(); q.locationKinds = [.remote]; q.paidOnly = true; return q }())),
            Item(label: "count, \"p\"", target: 50, key: "count.p", work: count(OpportunityQuery(words: "p"))),
            Item(label: "count, \"py\"", target: 50, key: "count.py", work: count(OpportunityQuery(words: "py"))),
            Item(label: "count, \"pyth\"", target: 50, key: "count.pyth", work: count(OpportunityQuery(words: "pyth"))),
            Item(label: "count, \"python\"", target: 50, key: "count.python", work: count(OpportunityQuery(words: "python"))),
            Item(label: "count, no words", target: 50, key: "count.none", work: count(OpportunityQuery())),
            Item(label: "count, \"pyth\" + remote", target: 50, key: "count.pyth.remote",
                 work: count({ var q = OpportunityQuery(words: "pyth"); q.locationKinds = [.remote]; return q }())),
            Item(label: "For you, first page (\(student))", target: 16, key: "foryou.page",
                 work: page(OpportunityQuery(sort: .match, matchFor: student))),
            Item(label: "For you, count (\(student))", target: 50, key: "foryou.count",
                 work: count(OpportunityQuery(sort: .match, matchFor: student))),
            Item(label: "keystroke as the screen runs it: \"pyth\" page + count", target: nil, key: "whole.pyth", work: { store in
                let result = await ListingSearch.whole(OpportunityQuery(words: "pyth"), in: store, today: today, pageSize: pageSize)
                if let failure = result.failure { throw BenchFailure(description: failure) }
                return "\(result.firstPage.count) rows of \(result.count ?? 0)"
            }),
            Item(label: "keyset: 20 pages of 40, no words (per walk)", target: nil, key: "keyset.none", work: { store in
                var cursor: OpportunityCursor? = nil
                for _ in 0..<20 { cursor = try await store.opportunities(matching: OpportunityQuery(), after: cursor, limit: 40, today: today).last?.cursor }
                return "800 rows"
            }),
            Item(label: "opening a listing (opportunity(id:) + fit)", target: nil, key: "open", work: { store in
                let id = try await store.opportunities(matching: OpportunityQuery(words: "pyth"), after: nil, limit: 1, today: today)[0].id
                _ = try await store.opportunity(id: id)
                _ = try await store.fit(of: id, for: student)
                return "listing \(id)"
            }),
            Item(label: "staff queue: first page of 40, oldest first", target: nil, key: "queue.first", work: { store in
                "\(try await store.triageQueue(TriageFilter(), after: nil, order: .oldestFirst, limit: 40, offerWaitDays: nil, viewer: nil, now: Date()).rows.count) rows"
            }),
            Item(label: "staff queue: first page, newest first", target: nil, key: "queue.newest", work: { store in
                "\(try await store.triageQueue(TriageFilter(), after: nil, order: .newestFirst, limit: 40, offerWaitDays: nil, viewer: nil, now: Date()).rows.count) rows"
            }),
            Item(label: "staff queue: 25 keyset pages of 40 (per walk)", target: nil, key: "queue.paging", work: { store in
                var cursor: TriageCursor? = nil
                var rows = 0
                for _ in 0..<25 {
                    let page = try await store.triageQueue(TriageFilter(), after: cursor, order: .oldestFirst, limit: 40, offerWaitDays: nil, viewer: nil, now: Date())
                    rows += page.rows.count
                    cursor = page.next
                    if cursor == nil { break }
                }
                return "\(rows) rows"
            }),
            Item(label: "staff queue: status:submitted first page", target: nil, key: "queue.submitted", work: { store in
                let filter = try TriageFilter(pattern: "status:submitted")
                return "\(try await store.triageQueue(filter, after: nil, order: .oldestFirst, limit: 40, offerWaitDays: nil, viewer: nil, now: Date()).rows.count) rows"
            }),
            Item(label: "staff queue: counts per status", target: nil, key: "queue.counts", work: { store in
                let counts = try await store.triageCount(TriageFilter(), offerWaitDays: nil, now: Date())
                return "\(counts.values.reduce(0, +)) needing action"
            }),
        ]
        return items
    }

    func run() throws {
        report.note("\n== Both back ends, same data, through the store protocols (SQLite | PostgreSQL; target = PostgreSQL p95, ms)")
        print(Report.pad("", Report.labelWidth) + "   SQLite p50   p95 |  PG p50     p95     max    n | target  ")
        var pooledSQLite: [Samples] = [], pooledPostgres: [Samples] = []
        for item in items() {
            let (left, leftNote) = measure(item, on: sqlite)
            let (right, rightNote) = measure(item, on: postgres)
            report.keep(item.key + ".sqlite", left)
            report.keep(item.key + ".postgres", right)
            if ["page.py", "page.pyt", "page.pyth", "page.pytho", "page.python", "page.de", "page.des", "page.ma", "page.mar"].contains(item.key) {
                pooledSQLite.append(left); pooledPostgres.append(right)
            }
            let verdict = item.target.map { right.isEmpty ? "≤\(Int($0)) ?" : (right.p95 <= $0 ? "≤\(Int($0)) met" : "≤\(Int($0)) MISSED") } ?? ""
            let note = leftNote == rightNote ? leftNote : "SQLite \(leftNote); PG \(rightNote)"
            line(item.label, left, right, verdict: verdict, note: note)
        }
        let left = Samples.pooled(pooledSQLite), right = Samples.pooled(pooledPostgres)
        report.keep("pooled.prefix.sqlite", left)
        report.keep("pooled.prefix.postgres", right)
        line("first page, 2–6 letter prefixes (pooled)", left, right,
             verdict: right.p95 <= 16 ? "≤16 met" : "≤16 MISSED", note: "")
    }

    private func line(_ label: String, _ left: Samples, _ right: Samples, verdict: String, note: String) {
        let f = { (value: Double) in value.isFinite ? String(format: "%7.2f", value) : "      –" }
        report.note(Report.pad(label, Report.labelWidth) + "  " + f(left.p50) + f(left.p95) + " | " + f(right.p50) + " " + f(right.p95) + " "
                    + f(right.max) + String(format: " %4d", right.count) + " | " + Report.pad(verdict, 11) + " " + note)
    }

    /// Up to `runs` timed calls after a warm-up, within the item budget; a failure ends the row
    /// and is its note.
    private func measure(_ item: Item, on store: any CatalogueStore) -> (Samples, String) {
        var note = ""
        do {
            let work = item.work
            note = try blocking { try await work(store) }
            let samples = try timed(runs: options.runs, warmUp: 0) {
                note = try blocking { try await work(store) }
            }
            return (samples, note)
        } catch {
            return (Samples(), "failed: \(error)")
        }
    }
}

/// The PostgreSQL catalogue named by `--postgres`, opened as this OS account (peer
/// authentication on the socket), read-only unless `writable`.
func openPostgres(_ url: String, readOnly: Bool = true) throws -> PostgresCatalogue {
    let location = try PostgresLocation(parsing: url)
    let login = currentLogin()
    return try blocking { try await PostgresCatalogue.open(location, as: login, readOnly: readOnly) }
}

func currentLogin() -> String {
    guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "" }
    return String(cString: name)
}
