import Foundation
import TernCatalogue
import TernViewModels

/// Search as you type as the listings screen runs it (``ListingSearch`` in a background task:
/// the newest keystroke cancels the ones before; first page, then the exact count) and the
/// value that takes its results (``ListingPages/adopt(_:refresh:)``). A keystroke is timed
/// from its submission until its first page of 50 and its exact count are both ready.
struct TypingBench {
    let catalogue: Catalogue
    let options: Options
    let report: Report
    let today = CalendarDay(Date())
    /// Six-letter words of the synthetic catalogue's vocabulary (a skill, a title verb, the
    /// start of a skill), so every prefix of each has matches.
    static let words = ["python", "design", "market"]

    func run() throws {
        report.section("Typing (ListingSearch + ListingPages, first page of \(ListingsBench.pageSize) and exact count per keystroke)")
        let catalogue = catalogue, today = today, pageSize = ListingsBench.pageSize
        var listings = ListingPages()
        // Each word typed `rounds` times, letter by letter, a keystroke waiting for the one before
        // (a person typing slower than the answers come); the first round warms the caches.
        let rounds = max(2, options.runs / 5 + 1)
        var all: [Samples] = []
        for word in Self.words {
            var samples = Samples()
            var counts: [Int] = []
            for round in 0..<rounds {
                for length in 1...word.count {
                    let prefix = String(word.prefix(length))
                    var result: ListingSearch.Result?
                    let ms = Stopwatch.time {
                        result = blocking { await ListingSearch.whole(OpportunityQuery(words: prefix), in: catalogue, today: today, pageSize: pageSize) }
                    }
                    guard let result, result.count != nil, result.failure == nil else {
                        report.note("  \"\(prefix)\": no result (\(result?.failure ?? "timed out"))")
                        continue
                    }
                    listings.adopt(result)
                    if round > 0 { samples.append(ms) }
                    if round == 0 { counts.append(listings.count) }
                }
            }
            report.add("typed \"\(word)\" letter by letter", samples, key: "typing.\(word)",
                       note: "matches per prefix: " + counts.map(String.init).joined(separator: ", "))
            all.append(samples)
        }
        report.add("any keystroke of the three words (pooled)", .pooled(all), key: "keystroke")

        // Four keystrokes faster than any answer: each cancels the one before (its read stops
        // where it stands); what counts is when the newest query's first page and count are ready.
        var last: ListingSearch.Result?
        let backToBack = timed(runs: options.runs) {
            var searches: [Task<ListingSearch.Result, Never>] = []
            for prefix in ["p", "py", "pyt", "pyth"] {
                searches.last?.cancel()
                searches.append(Task { await ListingSearch.whole(OpportunityQuery(words: prefix), in: catalogue, today: today, pageSize: pageSize) })
            }
            let newest = searches[searches.count - 1]
            last = blocking { await newest.value }
        }
        report.add("typed p,py,pyt,pyth back to back: newest page + count", backToBack, key: "typing.backtoback",
                   note: last.map { "\($0.query.words): \($0.count ?? 0) matches" } ?? "no result")
    }
}
