import Foundation
import TernCatalogue
import TernStore

// Prints figures; it asserts nothing. Tests check behaviour, this measures it.
//
//   tern-bench --db bench-data/synthetic-1000000.sqlite --tern .build/release/tern
//
// Each item: p50, p95 and max of its timed runs, after a warm-up. Then the ratios to sqlite3,
// grep and fzf, and one closing line of key=value pairs.

let options: Options
do {
    options = try Options(arguments: CommandLine.arguments)
} catch {
    // write(2), not FileHandle.write, which traps when stderr is closed or full.
    let message = Array("tern-bench: \(error)\n\(Options.usage)\n".utf8)
    _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(2)
}
itemBudgetMilliseconds = Double(options.itemSeconds) * 1000
let started = Date()
let report = Report()
// A catalogue cached by an older tern is brought to this schema first (new indexes are part of
// what is measured); everything after that opens it read-only and changes nothing.
do {
    let writable = try Catalogue(path: options.catalogue, opening: .existing)
    _ = writable.path
}
let opened = Stopwatch.now()
let catalogue = try Catalogue(path: options.catalogue, readOnly: true, opening: .existing)
let openMilliseconds = Stopwatch.milliseconds(since: opened)
let visible = try catalogue.countOpportunities(matching: OpportunityQuery())
print("catalogue: \(options.catalogue), opened read-only in \(String(format: "%.1f", openMilliseconds)) ms; \(visible) visible listings")
print("runs: up to \(options.runs) per item after a warm-up, fewer (at least \(minimumRuns)) once an item's runs have taken \(options.itemSeconds) s; "
      + "\(options.slowRuns) for whole imports, grep and fzf; times in ms, n = samples")
print("machine: \(Machine.describe())")

if options.runs("backends"), let url = options.postgres {
    let postgres = try openPostgres(url)
    let listings = try blocking { try await postgres.countOpportunities(matching: OpportunityQuery(), today: CalendarDay(Date())) }
    print("postgres: \(url), \(listings) visible listings (the same catalogue copied by tern migrate --to)")
    try BackendsBench(sqlite: catalogue, postgres: postgres, options: options, report: report).run()
    blocking { await postgres.close() }
}
if options.runs("concurrency"), let url = options.postgres {
    try ConcurrencyBench(url: url, options: options, report: report).run()
}
if options.runs("listings") { try ListingsBench(catalogue: catalogue, options: options, report: report).run() }
if options.runs("typing") { try TypingBench(catalogue: catalogue, options: options, report: report).run() }
if options.runs("staff") { try StaffBench(catalogue: catalogue, options: options, report: report).run() }
let tern = options.tern.flatMap(Spawn.resolve)
if options.tern != nil && tern == nil { report.note("\n\(options.tern!) is not an executable: no whole-process figures") }
if let tern, options.runs("interface") { try InterfaceBench(options: options, report: report, tern: tern).run() }
if let tern, options.runs("paste") { try PasteBench(options: options, report: report, tern: tern).run() }
if let tern, options.runs("import") { try ImportBench(options: options, report: report, tern: tern).run() }
var comparison: CompareBench?
if let tern, options.runs("compare") {
    var bench = CompareBench(options: options, report: report, tern: tern)
    try bench.run()
    comparison = bench
}
if options.runs("kiosk") {
    // Kiosk soak (issue 11): hours of simulated browsing compressed in time, through the real
    // screen, view models and an in-memory terminal; resident memory must stay flat.
    print("\n== Kiosk soak")
    print(kioskSoak(path: options.catalogue, hours: options.soakHours))
}

Summary(report: report, ratios: comparison?.ratios ?? [:]).print(took: Date().timeIntervalSince(started))
