import Foundation
import TernCatalogue
import TernViewModels

// Prints figures for the docs; it asserts nothing. Tests check behaviour, this measures it.
//
//   tern-bench --db bench-data/synthetic-1000000.sqlite --tern .build/release/tern

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

guard let path = argument("--db") else {
    FileHandle.standardError.write(Data("usage: tern-bench --db CATALOGUE [--tern BINARY] [--runs N] [--only listings|staff|kiosk] [--soak-hours H]\n".utf8))
    exit(2)
}
let runs = Int(argument("--runs") ?? "") ?? 15
/// `--only listings`, `--only staff` or `--only kiosk`: one section of the figures.
let only = argument("--only")
func section(_ name: String) -> Bool { only == nil || only == name }

/// Median and 95th percentile in milliseconds of `runs` timed calls, after one warm-up.
func measure(_ body: () throws -> Void) rethrows -> (median: Double, p95: Double) {
    try body()
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    samples.sort()
    return (samples[samples.count / 2], samples[min(samples.count - 1, Int(Double(samples.count) * 0.95))])
}

func row(_ label: String, _ figures: (median: Double, p95: Double), _ note: String = "") {
    let name = label.count >= 46 ? label : label.padding(toLength: 46, withPad: " ", startingAt: 0)
    print("\(name) \(String(format: "%8.2f", figures.median)) ms  \(String(format: "%8.2f", figures.p95)) ms  \(note)")
}

func runProcess(_ executable: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
}

let opened = Date()
let catalogue = try Catalogue(path: path, readOnly: true)
let openMilliseconds = Date().timeIntervalSince(opened) * 1000
let total = try catalogue.countOpportunities(matching: OpportunityQuery(includeClosed: true))
print("catalogue: \(path) (\(total) visible listings), \(runs) runs each, after one warm-up")
print(String(format: "open catalogue: %.1f ms", openMilliseconds))
print("what".padding(toLength: 46, withPad: " ", startingAt: 0) + "   median       p95")

if section("listings") {
    // Search as you type: every keystroke asks for the first visible page (40 rows).
    for prefix in ["p", "py", "pyt", "pyth", "python"] {
        var matches = 0
        let figures = try measure { matches = try catalogue.opportunities(matching: OpportunityQuery(words: prefix), limit: 40).count }
        row("first page, words \"\(prefix)\"", figures, "\(matches) rows")
    }
    for sort in OpportunitySort.allCases {
        row("first page, \"pyth\", sort \(sort.rawValue)", try measure {
            _ = try catalogue.opportunities(matching: OpportunityQuery(words: "pyth", sort: sort), limit: 40)
        })
    }
    row("first page, no words, remote + paid + <=20 h", try measure {
        _ = try catalogue.opportunities(matching: OpportunityQuery(locationKinds: [.remote], paidOnly: true, maxHours: 20), limit: 40)
    })
    var count = 0
    row("count, words \"pyth\"", try measure { count = try catalogue.countOpportunities(matching: OpportunityQuery(words: "pyth")) }, "\(count) matches")
    row("count, no words", try measure { count = try catalogue.countOpportunities(matching: OpportunityQuery()) }, "\(count) matches")

    // Scrolling deep: page 250 costs what page 1 costs, thanks to keyset paging.
    var cursor: OpportunityCursor? = nil
    for _ in 0..<250 { cursor = try catalogue.opportunities(matching: OpportunityQuery(), after: cursor, limit: 40).last?.cursor }
    let deepCursor = cursor
    row("page 251 (keyset), no words", try measure { _ = try catalogue.opportunities(matching: OpportunityQuery(), after: deepCursor, limit: 40) })

    // Pay order (issue 9): a walk down the stored pay rank's index, home currency first.
    let byPay = OpportunityQuery(sort: .pay)
    row("first page, no words, sort pay", try measure { _ = try catalogue.opportunities(matching: byPay, limit: 40) })
    cursor = nil
    for _ in 0..<250 { cursor = try catalogue.opportunities(matching: byPay, after: cursor, limit: 40).last?.cursor }
    let deepPayCursor = cursor
    row("page 251 (keyset), no words, sort pay", try measure { _ = try catalogue.opportunities(matching: byPay, after: deepPayCursor, limit: 40) })

    // For you: listings ranked by fit to one student's skills, interests and hours (offset-paged).
    let student = argument("--student") ?? "student1"
    let forYou = OpportunityQuery(sort: .match, matchFor: student)
    var fits = 0
    row("For you, first page (\(student))", try measure { fits = try catalogue.opportunities(matching: forYou, limit: 40).count }, "\(fits) rows")
    row("For you, count (\(student))", try measure { count = try catalogue.countOpportunities(matching: forYou) }, "\(count) matches")

    // Typing through the background runner the screen uses: four keystrokes back to back, each
    // superseding the last; what counts is when the newest query's first page is ready.
    let search = ListingSearch(catalogue: catalogue, pageSize: 40)
    let today = CalendarDay(Date())
    row("typed p,py,pyt,pyth: newest page + count", measure {
        for prefix in ["p", "py", "pyt", "pyth"] { search.submit(OpportunityQuery(words: prefix), today: today) }
        _ = search.wait(timeout: 30)
    })
}

if section("staff") {
    // Staff queue (issue 10): the needs-action queue over every application, 40 rows a page,
    // keyset-paged; limit patterns narrow it; the counts per status head the screen.
    func queuePage(_ filter: TriageFilter, after: TriageCursor? = nil, order: TriageOrder = .oldestFirst,
                   viewer: String? = nil) throws -> TriagePage {
        try catalogue.triageQueue(filter, after: after, order: order, limit: 40, viewer: viewer)
    }
    let needsAction = TriageFilter()
    var page = try queuePage(needsAction)
    row("queue: first page, oldest first", try measure { page = try queuePage(needsAction) }, "\(page.rows.count) rows")
    let firstPage = page
    row("queue: first page, newest first", try measure { page = try queuePage(needsAction, order: .newestFirst) },
        "\(page.rows.count) rows")
    row("queue: next page (keyset), oldest first", try measure { page = try queuePage(needsAction, after: firstPage.next) },
        "\(page.rows.count) rows")
    let newestFirst = try queuePage(needsAction, order: .newestFirst)
    row("queue: next page (keyset), newest first", try measure {
        page = try queuePage(needsAction, after: newestFirst.next, order: .newestFirst)
    }, "\(page.rows.count) rows")
    var triageCursor: TriageCursor? = nil
    for _ in 0..<250 { triageCursor = try queuePage(needsAction, after: triageCursor).next }
    let deepTriageCursor = triageCursor
    row("queue: page 251 (keyset), oldest first", try measure { page = try queuePage(needsAction, after: deepTriageCursor) },
        "\(page.rows.count) rows")
    triageCursor = nil
    for _ in 0..<250 { triageCursor = try queuePage(needsAction, after: triageCursor, order: .newestFirst).next }
    let deepNewestCursor = triageCursor
    row("queue: page 251 (keyset), newest first", try measure {
        page = try queuePage(needsAction, after: deepNewestCursor, order: .newestFirst)
    }, "\(page.rows.count) rows")
    // Limit patterns: organization prefixes matching 1 in 20 organizations, 1 in 200 and one
    // organization, one listing, one student, a common free word and one matching nothing; all
    // taken from the catalogue so they exist.
    let someRow = firstPage.rows[0]
    let commonPrefix = argument("--org-prefix") ?? String(someRow.organization.split(separator: " ")[0])
    let wholeOrganization = someRow.organization
    let organizationGroup = someRow.organization.split(separator: " ").prefix(2).joined(separator: " ")
    let someStudent = argument("--staff-student") ?? someRow.studentUsername
    let patterns = [
        "status:submitted", "status:submitted field:design age>7d", "organization:\(commonPrefix)",
        "organization:\"\(organizationGroup)\"", "organization:\"\(wholeOrganization)\"",
        "opportunity:\(someRow.opportunityRef)", "student:\(someStudent)", "bakery", "zzzq",
    ]
    for pattern in patterns {
        let filter = try TriageFilter(pattern: pattern)
        row("queue: \(pattern)", try measure { page = try queuePage(filter) }, "\(page.rows.count) rows")
    }
    let bakery = try TriageFilter(pattern: "bakery")
    let bakeryFirst = try queuePage(bakery)
    row("queue: bakery, next page (keyset)", try measure { page = try queuePage(bakery, after: bakeryFirst.next) },
        "\(page.rows.count) rows")
    var counts: [ApplicationStatus: Int] = [:]
    row("queue: counts per status (triageCounts)", try measure { counts = try catalogue.triageCounts() },
        TriageFilter.needingAction.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))
    row("queue: first page, viewer claim join", try measure { page = try queuePage(needsAction, viewer: "rpatel") },
        "\(page.rows.count) rows, \(page.rows.filter { $0.claimedBy != nil }.count) claimed")

    // The console's own path: the view model's queue (counted, then the rows on screen), and a
    // limit applied as the console applies it (in the background: counted, first page read).
    let session = TriageSession(username: "bench", name: "Bench")
    let triage = try TriageViewModel(catalogue: catalogue, session: session)
    var shown = 0
    row("console: read again (counts + first 40 rows)", try measure {
        try triage.reload()
        shown = try triage.rows.rows(in: 0..<40).count
    }, "\(shown) rows of \(triage.rows.count)")
    row("console: paging down 40 rows at a time (one page)", try measure {
        shown = try triage.rows.rows(in: 40..<80).count
        try triage.reload()
    }, "\(shown) rows")
    row("console: G (the last 40 rows, read backwards)", try measure {
        try triage.reload()
        shown = try triage.rows.rows(in: max(0, triage.rows.count - 40)..<triage.rows.count).count
    }, "\(shown) rows")
    var prepared: PreparedQueue?
    row("console: limit status:submitted (background)", try measure {
        prepared = try triage.prepare(pattern: "status:submitted", words: "")
    }, "\(prepared?.rows.count ?? 0) shown")
}

if section("kiosk") {
    // Kiosk soak (issue 11): hours of simulated browsing compressed in time, through the real
    // screen, view models and an in-memory terminal; resident memory must stay flat.
    let hours = Int(argument("--soak-hours") ?? "") ?? 8
    print(kioskSoak(path: path, hours: hours))
}

if section("listings"), let tern = argument("--tern") {
    row("process: tern search pyth --limit 50", try measure { try runProcess(tern, ["search", "pyth", "--limit", "50", "--db", path]) })
    row("process: tern search pyth --limit 50 --json", try measure { try runProcess(tern, ["search", "pyth", "--limit", "50", "--json", "--db", path]) })
    row("process: tern search --sort pay --limit 50", try measure { try runProcess(tern, ["search", "--sort", "pay", "--limit", "50", "--db", path]) })
}
if section("listings"), FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
    row("process: sqlite3 MATCH 'pyth*' LIMIT 50", try measure {
        try runProcess("/usr/bin/sqlite3", [path, "SELECT rowid, title FROM opportunity_search WHERE opportunity_search MATCH 'pyth*' LIMIT 50"])
    })
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print("peak resident memory of the benchmark: \(usage.ru_maxrss / 1024) MB")
