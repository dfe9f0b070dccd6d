import Foundation
import TernCatalogue
import TernStore
import TernViewModels

/// The listings screen's work, in process, on the catalogue itself: the issue's table of first
/// pages and counts, every sort and filter, paging deep, opening a listing. A first page is 50
/// rows (the issue's page); each toggle is timed as the screen runs it, first page then count
/// (`ListingSearch.firstPage`, then `ListingSearch.counted`).
struct ListingsBench {
    let catalogue: Catalogue
    let options: Options
    let report: Report
    let today = CalendarDay(Date())
    static let pageSize = 50

    func page(_ query: OpportunityQuery) throws -> [OpportunitySummary] {
        try catalogue.opportunities(matching: query, limit: Self.pageSize, today: today)
    }

    func run() throws {
        report.section("Listings: first pages and counts (in process, \(Self.pageSize)-row pages)")
        var rows = 0
        for prefix in ["py", "pyt", "pyth", "pytho", "python"] {
            let samples = try timed(runs: options.runs) { rows = try page(OpportunityQuery(words: prefix)).count }
            report.add("first page, \"\(prefix)\", deadline order", samples, key: "prefix.\(prefix)", note: "\(rows) rows")
        }
        report.add("first page, 2–6 letter prefixes (pooled)",
                   .pooled(["py", "pyt", "pyth", "pytho", "python"].compactMap { report.samples("prefix.\($0)") }), key: "prefix.2-6")
        let one = try timed(runs: options.runs) { rows = try page(OpportunityQuery(words: "p")).count }
        report.add("first page, one letter \"p\"", one, key: "prefix.p", note: "\(rows) rows")

        for sort in OpportunitySort.allCases where sort != .match {
            let samples = try timed(runs: options.runs) { rows = try page(OpportunityQuery(words: "pyth", sort: sort)).count }
            report.add("first page, \"pyth\", sort \(sort.rawValue)", samples, key: "sort.pyth.\(sort.rawValue)", note: "\(rows) rows")
        }
        for sort in OpportunitySort.allCases where sort != .match && sort != .relevance {
            let samples = try timed(runs: options.runs) { rows = try page(OpportunityQuery(sort: sort)).count }
            report.add("first page, no words, sort \(sort.rawValue)", samples, key: "sort.none.\(sort.rawValue)", note: "\(rows) rows")
        }

        // For you: every listing that fits the student is scored, then paged by offset.
        let forYou = OpportunityQuery(sort: .match, matchFor: options.student)
        let forYouPage = try timed(runs: options.runs) { rows = try page(forYou).count }
        report.add("For you, first page (\(options.student))", forYouPage, key: "foryou.page", note: "\(rows) rows")
        var count = 0
        let forYouCount = try timed(runs: options.runs) { count = try catalogue.countOpportunities(matching: forYou, today: today) }
        report.add("For you, count (\(options.student))", forYouCount, key: "foryou.count", note: "\(count) matches")

        let pythCount = try timed(runs: options.runs) { count = try catalogue.countOpportunities(matching: OpportunityQuery(words: "pyth"), today: today) }
        report.add("count, \"pyth\"", pythCount, key: "count.pyth", note: "\(count) matches")
        let allCount = try timed(runs: options.runs) { count = try catalogue.countOpportunities(matching: OpportunityQuery(), today: today) }
        report.add("count, no words", allCount, key: "count.none", note: "\(count) matches")

        try filters()
        try paging()
        try details()
    }

    /// Each filter of the filter form switched on alone, with no words and with "pyth": the
    /// first page, then the count, as the screen asks for them after a change.
    func filters() throws {
        report.section("Listings: each filter toggled (first page of \(Self.pageSize) + exact count, as the screen runs them)")
        let toggles: [(String, (inout OpportunityQuery) -> Void)] = [
            ("field design", { $0.fields = [.design] }),
            ("field data_analysis + software", { $0.fields = [.dataAnalysis, .software] }),
            ("location remote", { $0.locationKinds = [.remote] }),
            ("location on_site", { $0.locationKinds = [.onSite] }),
            ("location hybrid", { $0.locationKinds = [.hybrid] }),
            ("pay: paid only", { $0.paidOnly = true }),
            ("pay: hourly", { $0.compensationKinds = [.hourly] }),
            ("pay: academic credit", { $0.compensationKinds = [.academicCredit] }),
            ("skill Python", { $0.skills = ["Python"] }),
            ("max hours 20", { $0.maxHours = 20 }),
            ("max duration 14 days", { $0.maxDurationDays = 14 }),
            ("deadline within 7 days", { $0.deadlineWithinDays = 7 }),
            ("organization \"Maple\"", { $0.organization = "Maple" }),
            ("include closed", { $0.includeClosed = true }),
            ("remote + paid + max hours 20", { $0.locationKinds = [.remote]; $0.paidOnly = true; $0.maxHours = 20 }),
        ]
        var all: [Samples] = []
        for words in ["", "pyth"] {
            for (name, toggle) in toggles {
                var toggled = OpportunityQuery(words: words)
                toggle(&toggled)
                var result: ListingSearch.Result?
                let catalogue = catalogue, today = today, query = toggled
                let samples = timed(runs: options.runs) {
                    result = blocking { await ListingSearch.whole(query, in: catalogue, today: today, pageSize: Self.pageSize) }
                }
                let shown = result.map { $0.failure ?? "\($0.firstPage.count) rows of \($0.count ?? 0)" } ?? ""
                report.add("\(words.isEmpty ? "no words" : "\"\(words)\""), \(name)", samples, note: shown)
                all.append(samples)
            }
        }
        report.add("any filter toggled (pooled)", .pooled(all), key: "filters")
    }

    /// 10,000 rows: 250 pages of 40 by keyset cursor, each page timed, walked once from the
    /// top as a person paging down meets it (no warm-up walk); and the same rows the way the
    /// listings pane reads them (40-row windows from ``ListingPages``, into which pages of 100 are
    /// read by ``ListingSearch`` when a window needs one, the windows inside one served from memory).
    func paging() throws {
        report.section("Listings: paging through 10,000 rows (250 pages of 40, one walk from the top)")
        let walks: [(String, OpportunityQuery)] = [
            ("no words, deadline", OpportunityQuery()),
            ("no words, sort pay", OpportunityQuery(sort: .pay)),
            ("\"pyth\", deadline", OpportunityQuery(words: "pyth")),
        ]
        for (name, query) in walks {
            var samples = Samples()
            var cursor: OpportunityCursor? = nil
            for _ in 0..<250 {
                samples.append(try Stopwatch.time { cursor = try catalogue.opportunities(matching: query, after: cursor, limit: 40, today: today).last?.cursor })
            }
            report.add("keyset page of 40, \(name)", samples, key: "paging.\(name)")
        }
        let store = catalogue, day = today
        var listings = ListingPages()
        listings.adopt(blocking { await ListingSearch.whole(OpportunityQuery(), in: store, today: day, pageSize: ListingPages.pageSize) })
        var samples = Samples()
        for window in 0..<250 {
            let range = (window * 40)..<(window * 40 + 40)
            samples.append(try Stopwatch.time {
                for index in listings.missingPages(in: range) {
                    let (query, previous) = (listings.query, listings.row(before: index))
                    let rows = try blocking { try await ListingSearch.page(index, of: query, after: previous, in: store, today: day) }
                    listings.insert(rows, at: index, for: query)
                }
                _ = listings.held(range)
            })
        }
        report.add("ListingPages 40-row window, no words", samples, key: "paging.viewmodel")
    }

    /// Opening a listing: what the detail pane reads (``ListingDetail/load(_:listings:student:today:)``), for a
    /// guest and for a student (who also gets the fit, their application and their bookmark).
    func details() throws {
        report.section("Listings: opening a detail")
        let ids = try page(OpportunityQuery(words: "pyth")).map(\.id) + page(OpportunityQuery()).map(\.id)
        let student = try StudentSession.resolve(requested: options.student, student: catalogue.student(username:))
        let store = catalogue, day = today
        for (name, session) in [("guest", StudentSession.guest), (options.student, student)] {
            let as_ = session.username.map { (username: $0, store: store as any StudentStore) }
            var samples = Samples()
            for round in 0..<2 {
                for id in ids {
                    let ms = try Stopwatch.time {
                        _ = try blocking { try await ListingDetail.load(id, listings: store, student: as_, today: day) }
                    }
                    if round > 0 { samples.append(ms) }
                }
            }
            report.add("ListingDetail.load, \(name)", samples, key: "detail.\(name)", note: "\(ids.count) listings")
        }
    }
}
