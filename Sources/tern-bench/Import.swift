import Foundation
import TernCatalogue
import TernPostgres

/// `tern import` of new listings as a whole process: rows per second and peak resident memory
/// (VmHWM, read while it runs), each run into a freshly made empty catalogue of its own (never the benchmark's).
struct ImportBench {
    let options: Options
    let report: Report
    let tern: String

    func run() throws {
        let rows = options.importRows
        report.section("Import: tern import of \(rows) new listings (CSV, 500 organizations, 40-word briefs)")
        let file = options.dataPath("import-\(rows).csv")
        try ImportFile.make(path: file, rows: rows)
        let target = options.dataPath("import-target.sqlite")
        let environment = Spawn.environment()
        var perSecond = Samples(), took = Samples(), peak = Samples()
        for _ in 0..<options.slowRuns {
            removeCatalogue(target)
            let made = try Spawn.run([tern, "init", "--db", target], environment: environment)
            guard made.status == 0 else { report.note("  tern init failed (status \(made.status))"); return }
            let errors = options.dataPath("import-stderr.txt")
            let run = try Spawn.run([tern, "import", file, "--db", target],
                                    streams: .files(stdin: "/dev/null", stdout: "/dev/null", stderr: errors), environment: environment,
                                    watchingPeak: true)
            guard run.status == 0 else {
                let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
                report.note("  tern import failed (status \(run.status)): \(said.prefix(300))")
                return
            }
            try? FileManager.default.removeItem(atPath: errors)
            took.append(run.milliseconds)
            perSecond.append(Double(rows) / (run.milliseconds / 1000))
            if let resident = run.peakResidentMegabytes { peak.append(resident) }
        }
        removeCatalogue(target)
        report.add("tern import: whole process", took, key: "import.ms")
        report.add("tern import: rows per second", perSecond, key: "import.rate", unit: "rows/s")
        report.add("tern import: peak resident memory (VmHWM)", peak, key: "import.rss", unit: "MB")
        if let postgres = options.postgres {
            do { try runOnPostgres(postgres, file: file, rows: rows) } catch { report.note("  PostgreSQL import: \(error)") }
        }
    }

    /// The same file into PostgreSQL, each run into a freshly migrated database of its own beside
    /// the benchmark's (`<database>_import` on the same server, dropped after). Twice: as the file
    /// comes (its 500 organizations are new, so every listing waits for review and has no words
    /// yet), and into a catalogue where those organizations are trusted and have no listings, so
    /// the listings arrive approved (those no review flag stops) and their words are written in
    /// the import's transaction: the word table's cost, which the first case does not pay.
    func runOnPostgres(_ url: String, file: String, rows: Int) throws {
        let location = try PostgresLocation(parsing: url)
        guard case .socket(let directory, _) = location.endpoint else {
            report.note("  PostgreSQL import: measured on a local socket only (\(url) is over TCP)")
            return
        }
        let database = location.database + "_import"
        let target = "postgresql:///\(database)?host=\(directory)"
        let environment = Spawn.environment()
        func psql(_ sql: String, in db: String) throws {
            let run = try Spawn.run(["/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", directory, "-d", db, "-c", sql],
                                    environment: environment)
            guard run.status == 0 else { throw Spawn.Failed(description: "psql failed (status \(run.status)): \(sql)") }
        }
        func fresh() throws {
            try psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", in: "postgres")
            try psql("CREATE DATABASE \(database)", in: "postgres")
            let made = try Spawn.run([tern, "migrate", "--db", target], environment: environment)
            guard made.status == 0 else { throw Spawn.Failed(description: "tern migrate --db \(target) failed (status \(made.status))") }
        }
        func timedImport() throws -> Double? {
            let errors = options.dataPath("import-stderr.txt")
            let run = try Spawn.run([tern, "import", file, "--db", target],
                                    streams: .files(stdin: "/dev/null", stdout: "/dev/null", stderr: errors), environment: environment)
            guard run.status == 0 else {
                let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
                report.note("  tern import into PostgreSQL failed (status \(run.status)): \(said.prefix(300))")
                return nil
            }
            try? FileManager.default.removeItem(atPath: errors)
            return run.milliseconds
        }
        defer { try? psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", in: "postgres") }

        var pending = Samples(), pendingRate = Samples()
        for _ in 0..<options.slowRuns {
            try fresh()
            guard let ms = try timedImport() else { return }
            pending.append(ms)
            pendingRate.append(Double(rows) / (ms / 1000))
        }
        report.add("PostgreSQL: tern import, new organizations (pending)", pending, key: "pg.import.ms")
        report.add("PostgreSQL: rows per second", pendingRate, key: "pg.import.rate", unit: "rows/s")

        var approved = Samples(), approvedRate = Samples()
        var words = ""
        for _ in 0..<max(1, options.slowRuns / 2) {
            try fresh()
            guard try timedImport() != nil else { return }
            try psql("DELETE FROM opportunities", in: database)
            try psql("UPDATE organizations SET trusted = true, approval = 'approved'", in: database)
            try psql("VACUUM ANALYZE", in: database)
            guard let ms = try timedImport() else { return }
            approved.append(ms)
            approvedRate.append(Double(rows) / (ms / 1000))
            let counted = try Spawn.run(["/usr/bin/psql", "-X", "-q", "-At", "-h", directory, "-d", database, "-o", options.dataPath("import-words.txt"),
                                         "-c", "SELECT count(DISTINCT listing_id) || ' approved listings, ' || count(*) || ' words' FROM listing_words"],
                                        environment: environment)
            if counted.status == 0 {
                words = ((try? String(contentsOfFile: options.dataPath("import-words.txt"), encoding: .utf8)) ?? "")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            try? FileManager.default.removeItem(atPath: options.dataPath("import-words.txt"))
        }
        report.add("PostgreSQL: tern import, trusted organizations", approved, key: "pg.import.trusted.ms", note: words)
        report.add("PostgreSQL: rows per second (trusted)", approvedRate, key: "pg.import.trusted.rate", unit: "rows/s")
    }

    /// The import's scratch catalogue: this benchmark's own file, made and removed by it.
    func removeCatalogue(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A deterministic opportunities CSV (`ref,title,organization,field,brief,hours,duration_days,
/// deadline,compensation_kind,compensation_amount,currency,location_kind`): the same rows on
/// every machine, every value valid, remote listings (so no city), 500 organizations, briefs of
/// 40 words. Made once and kept (it is an input, like the catalogue).
enum ImportFile {
    static let fields = ["marketing", "software", "data_analysis", "design", "writing", "research", "social_media",
                         "hr", "finance", "sales", "nonprofit", "data_entry", "product", "education"]
    static let kinds = ["fixed_fee", "hourly", "stipend", "academic_credit", "certificate", "unpaid"]
    static let currencies = ["USD", "EUR", "GBP", "CAD"]
    static let words = ("campus research team students project data report design survey outreach community "
        + "analysis social media content writing review planning events volunteers budget website "
        + "newsletter interviews library archive museum garden kitchen bakery studio gallery theatre "
        + "lab clinic startup software testing documentation support training workshop video audio "
        + "photography marketing sales partners donors grants schedule").split(separator: " ").map(String.init)
    static let adjectives = "Junior Senior Remote Part-time Summer Winter Weekend Evening Student Campus".split(separator: " ").map(String.init)
    static let roles = "Assistant Analyst Designer Writer Researcher Coordinator Developer Tutor Editor Intern".split(separator: " ").map(String.init)
    static let names = "Maple Cedar Birch Harbor River Summit Lantern Orchard Meadow Granite".split(separator: " ").map(String.init)
    static let suffixes = "Works Labs Studio Collective Foundation Partners Society Bakery Press Group".split(separator: " ").map(String.init)

    /// The same file on every machine: the numbers come from SplitMix64 with a fixed seed.
    static func make(path: String, rows: Int) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        var numbers = SplitMix64(seed: 12)
        let organizations = (0..<500).map { "\(names[$0 % 10]) \(suffixes[($0 / 10) % 10]) \($0)" }
        var text = "ref,title,organization,field,brief,hours,duration_days,deadline,compensation_kind,compensation_amount,currency,location_kind\n"
        text.reserveCapacity(rows * 400)
        for n in 0..<rows {
            let kind = kinds[n % kinds.count]
            let paid = ["fixed_fee", "hourly", "stipend"].contains(kind)
            let brief = (0..<40).map { _ in numbers.pick(words) }.joined(separator: " ")
            // No value holds a comma, a quote or a line end, so none needs quoting.
            let fields: [String] = [
                String(format: "imp-%06d", n),
                "\(numbers.pick(adjectives)) \(numbers.pick(roles)) for \(numbers.pick(words)) \(n)",
                organizations[n % organizations.count],
                Self.fields[n % Self.fields.count],
                brief.prefix(1).uppercased() + brief.dropFirst() + ".",
                String(numbers.int(1...400)),
                String(numbers.int(1...365)),
                String(format: "2027-%02d-%02d", numbers.int(1...12), numbers.int(1...28)),
                kind,
                paid ? String(format: "%d.%02d", numbers.int(10...5000), numbers.int(0...99)) : "",
                paid ? numbers.pick(currencies) : "",
                "remote",
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        let temporary = path + ".tmp-\(getpid())"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, path) == 0 else { throw Spawn.Failed(description: "cannot write \(path)") }
    }
}
