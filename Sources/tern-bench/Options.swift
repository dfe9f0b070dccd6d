import Foundation

/// The command line of `tern-bench`.
///
///     tern-bench --db bench-data/synthetic-1000000.sqlite --tern .build/release/tern
///                [--runs N] [--slow-runs N] [--only SECTION[,SECTION…]] [--data DIR]
///                [--item-seconds S] [--student NAME] [--import-rows N] [--soak-hours H]
///                [--postgres URL [--sessions N] [--concurrency-seconds S]]
///
/// With `--postgres`, the same catalogue copied into PostgreSQL (`tern migrate --to URL`) is
/// measured beside the SQLite file (`backends`: the listing and queue rows through the store
/// protocols, side by side) and loaded by simulated sessions (`concurrency`).
struct Options {
    /// The sections, in the order they run. `kiosk` (a soak of simulated hours) runs only when named.
    static let sections = ["listings", "typing", "staff", "interface", "paste", "import", "compare", "kiosk", "backends", "concurrency"]
    static let usage = """
        usage: tern-bench --db CATALOGUE [--tern BINARY] [--runs N] [--slow-runs N] [--only \(sections.joined(separator: "|"))[,…]]
                          [--item-seconds S] [--data DIR] [--student NAME] [--import-rows N] [--soak-hours H]
                          [--postgres URL [--sessions N] [--concurrency-seconds S]]
        """

    var catalogue: String
    var tern: String?
    /// Timed runs of each item, after one warm-up (fewer for an in-process item of seconds:
    /// see ``itemSeconds``).
    var runs = 15
    /// Timed runs of the items that take a second or more (For you, a whole import, fzf and grep
    /// over every listing): enough to see the spread, few enough to finish.
    var slowRuns = 5
    var only: Set<String>?
    /// Where generated inputs are cached between runs (the export as text, the import CSV) and
    /// the import's scratch catalogue goes: the catalogue's directory unless given.
    var dataDirectory: String
    var student = "student1"
    var importRows = 100_000
    var soakHours = 8
    /// Seconds the timed runs of one in-process item may take before it stops short of `runs`
    /// (at least 3 runs are taken).
    var itemSeconds = 8
    /// The same catalogue on PostgreSQL (a `postgresql://` URL): the `backends` and
    /// `concurrency` sections run only with it.
    var postgres: String?
    /// Simulated sessions of the concurrency run, and how long it lasts.
    var sessions = 50
    var concurrencySeconds = 60
    var organizationPrefix: String?
    var staffStudent: String?

    init(arguments: [String]) throws {
        func value(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        func number(_ name: String) throws -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), number > 0 else { throw UsageError("\(name) takes a whole number above 0") }
            return number
        }
        guard let catalogue = value("--db") else { throw UsageError("--db is required") }
        self.catalogue = catalogue
        tern = value("--tern")
        runs = try number("--runs") ?? runs
        slowRuns = try number("--slow-runs") ?? slowRuns
        importRows = try number("--import-rows") ?? importRows
        soakHours = try number("--soak-hours") ?? soakHours
        itemSeconds = try number("--item-seconds") ?? itemSeconds
        if let list = value("--only") {
            let names = Set(list.split(separator: ",").map(String.init))
            if let unknown = names.first(where: { !Self.sections.contains($0) }) { throw UsageError("unknown section \(unknown)") }
            only = names
        }
        dataDirectory = value("--data") ?? (catalogue as NSString).deletingLastPathComponent
        if dataDirectory.isEmpty { dataDirectory = "." }
        student = value("--student") ?? student
        postgres = value("--postgres")
        sessions = try number("--sessions") ?? sessions
        concurrencySeconds = try number("--concurrency-seconds") ?? concurrencySeconds
        organizationPrefix = value("--org-prefix")
        staffStudent = value("--staff-student")
    }

    func runs(_ section: String) -> Bool {
        if (section == "backends" || section == "concurrency") && postgres == nil { return false }
        guard let only else { return section != "kiosk" }
        return only.contains(section)
    }

    func dataPath(_ name: String) -> String { (dataDirectory as NSString).appendingPathComponent(name) }
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
