import Foundation
import TernCatalogue

/// The same search, in the same run and on the same data, as whole processes: `tern search pyth
/// --limit 50`, the same page through the `sqlite3` shell, and `grep -iE '\bpyth'` and
/// `fzf --filter pyth` over the visible listings exported as text lines (title, organization,
/// skills and brief: what tern's words search). Outputs go to a scratch file, not /dev/null:
/// GNU grep stops at its first match when its output is /dev/null.
struct CompareBench {
    let options: Options
    let report: Report
    let tern: String

    /// tern's whole-process p50 divided by each tool's: below 1, tern is faster.
    private(set) var ratios: [String: Double] = [:]

    mutating func run() throws {
        report.section("Side by side: the same search as whole processes")
        let environment = Spawn.environment()
        let output = Spawn.scratchHome + "/output.txt"
        let streams = Spawn.Streams.files(stdin: "/dev/null", stdout: output, stderr: "/dev/null")
        let today = CalendarDay(Date()).description

        let ternSamples = try measure([tern, "search", "pyth", "--limit", "50", "--db", options.catalogue], streams: streams,
                                      environment: environment, runs: options.runs)
        report.add("tern search pyth --limit 50", ternSamples, key: "compare.tern", note: "\(lines(output) - 1) rows")

        guard let sqlite3 = Spawn.resolve("sqlite3") else {
            report.note("  sqlite3 is not installed (make bench-deps): no side-by-side figures")
            return
        }
        // The page tern shows: visible listings matching every term as a prefix, deadline order.
        let page = """
            SELECT o.id, o.ref, o.title, org.name, o.field, o.hours, o.deadline, o.compensation_kind, o.location_kind
            FROM opportunities o JOIN organizations org ON org.id = o.organization_id
            WHERE o.approval = 'approved' AND o.status = 'open' AND o.deadline >= '\(today)'
              AND o.id IN (SELECT rowid FROM opportunity_search WHERE opportunity_search MATCH '"pyth"*')
            ORDER BY o.deadline, o.id LIMIT 50
            """
        let sqliteSamples = try measure([sqlite3, "-readonly", options.catalogue, page], streams: streams,
                                        environment: environment, runs: options.runs)
        report.add("sqlite3 -readonly: the same page (FTS5 MATCH 'pyth*')", sqliteSamples, key: "compare.sqlite3",
                   note: "\(lines(output)) rows")
        ratios["sqlite3"] = ternSamples.p50 / sqliteSamples.p50

        let text = try exportedListings(sqlite3: sqlite3, today: today, environment: environment)
        if let grep = Spawn.resolve("grep") {
            let samples = try measure([grep, "-iE", "\\bpyth", text], streams: streams, environment: environment, runs: options.slowRuns)
            report.add("grep -iE '\\bpyth' listings.txt", samples, key: "compare.grep", note: "\(lines(output)) lines matched")
            ratios["grep"] = ternSamples.p50 / samples.p50
        }
        if let fzf = Spawn.resolve("fzf") {
            // Fuzzy, as asked: p…y…t…h anywhere in a line, which nearly every line has, all of
            // them scored and sorted (seconds a run: at most three). The exact form matches what
            // grep and tern match, for comparison.
            let input = Spawn.Streams.files(stdin: text, stdout: output, stderr: "/dev/null")
            let samples = try measure([fzf, "--filter", "pyth"], streams: input, environment: environment, runs: min(3, options.slowRuns))
            report.add("fzf --filter pyth < listings.txt", samples, key: "compare.fzf", note: "\(lines(output)) lines matched")
            ratios["fzf"] = ternSamples.p50 / samples.p50
            let exact = try measure([fzf, "--exact", "--filter", "pyth"], streams: input, environment: environment, runs: options.slowRuns)
            report.add("fzf --exact --filter pyth < listings.txt", exact, key: "compare.fzf.exact", note: "\(lines(output)) lines matched")
        } else {
            report.note("  fzf is not installed (make bench-deps): no fzf figure")
        }
        try? FileManager.default.removeItem(atPath: output)
    }

    /// Spawn-to-exit times of `arguments`, after one warm-up run.
    func measure(_ arguments: [String], streams: Spawn.Streams, environment: [String: String], runs: Int) throws -> Samples {
        let prepared = Spawn.Prepared(arguments, streams: streams, environment: environment)
        var samples = Samples()
        for run in 0...runs {
            let started = Stopwatch.now()
            let status = Spawn.wait(try prepared.start())
            let ms = Stopwatch.milliseconds(since: started)
            // grep says 1 when nothing matched: still a finished search.
            guard status == 0 || (status == 1 && arguments[0].hasSuffix("grep")) else {
                throw Spawn.Failed(description: "\(arguments.prefix(3).joined(separator: " ")) … ended with status \(status)")
            }
            if run > 0 { samples.append(ms) }
        }
        return samples
    }

    /// The visible listings as text, one line each, read from the catalogue by the sqlite3 shell
    /// (read-only) and kept in the data directory; made again when missing or older than the
    /// catalogue, or made on another day (deadlines pass).
    func exportedListings(sqlite3: String, today: String, environment: [String: String]) throws -> String {
        let path = options.dataPath("listings.txt")
        let stamp = path + ".day"
        let made = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
        let changed = (try? FileManager.default.attributesOfItem(atPath: options.catalogue)[.modificationDate] as? Date) ?? nil
        let day = try? String(contentsOfFile: stamp, encoding: .utf8)
        if let made, let changed, made > changed, day == today { return path }
        let export = """
            SELECT replace(replace(s.title || ' · ' || s.organization || ' · ' || coalesce(s.skills, '') || ' · ' || coalesce(s.brief, ''),
                                   char(10), ' '), char(13), ' ')
            FROM opportunities o JOIN opportunity_search s ON s.rowid = o.id
            WHERE o.approval = 'approved' AND o.status = 'open' AND o.deadline >= '\(today)'
            ORDER BY o.deadline, o.id
            """
        let temporary = path + ".tmp-\(getpid())"
        let run = try Spawn.run([sqlite3, "-readonly", options.catalogue, export],
                                streams: .files(stdin: "/dev/null", stdout: temporary, stderr: "/dev/null"), environment: environment)
        guard run.status == 0, rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw Spawn.Failed(description: "cannot export the listings as text (sqlite3 status \(run.status))")
        }
        try today.write(toFile: stamp, atomically: true, encoding: .utf8)
        report.note(String(format: "  exported %d listings as text lines to %@ in %.1f s (once; kept for later runs)",
                           lines(path), path, run.milliseconds / 1000))
        return path
    }

    /// Lines in a file (rows a run printed), read a megabyte at a time.
    func lines(_ path: String) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        var count = 0
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { bytes in for byte in bytes where byte == 10 { count += 1 } }
        }
        return count
    }
}
