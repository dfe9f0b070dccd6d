import Foundation
import Testing

/// Imports hold the write lock only while they write, so several at once, with readers
/// alongside, all get their turn well inside the busy timeout.
@Suite struct ImportLockTests {
    static let writers = 5, rows = 2_000

    /// `rows` listings with refs `prefix-N`; skills shared between files, some new to the catalogue.
    static func listings(prefix: String) -> String {
        var csv = "ref,title,organization,field,brief,deliverables,skills,hours,duration_days,deadline,compensation_kind,compensation_amount,currency,location_kind\n"
        for n in 0..<rows {
            csv += "\(prefix)-\(n),Listing \(n) from \(prefix),Org \(n % 40) \(prefix),research,"
                + "\"A brief long enough to index, number \(n): clean the survey data and write it up.\",Report|Slides,"
                + "Python|SQL|Shared skill \(n % 25),10,5,2099-01-01,fixed_fee,250,USD,remote\n"
        }
        return csv
    }

    /// Every ref in the catalogue, from an export.
    static func refs(in db: String) throws -> [String] {
        let export = try TernProcess.run(["export", "--what", "opportunities", "--format", "csv", "--db", db])
        return export.stdout.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
    }

    @Test func fiveConcurrentImportsAndASearchingReaderAllSucceedWithEveryRow() throws {
        let scratch = try Scratch()
        let db = scratch.path("shared.sqlite")
        let seeded = try TernProcess.run(["init", "--demo", "--db", db])
        try #require(seeded.status == 0, "seed: \(seeded.stderr)")
        let before = try Self.refs(in: db).count
        var imports: [(process: Process, stdout: Pipe, stderr: Pipe)] = []
        for writer in 0..<Self.writers {
            let file = scratch.path("w\(writer).csv")
            try Self.listings(prefix: "w\(writer)").write(toFile: file, atomically: true, encoding: .utf8)
            let out = Pipe(), err = Pipe()
            imports.append((try TernProcess.start(["import", file, "--db", db], stdout: out, stderr: err), out, err))
        }
        // A reader searching again and again for as long as the imports run.
        var searches: [TernProcess.Outcome] = []
        repeat {
            searches.append(try TernProcess.run(["search", "python", "--limit", "20", "--db", db]))
        } while imports.contains { $0.process.isRunning }
        for (process, out, err) in imports {
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(process.arguments ?? []): \(stderr)")
            #expect(stdout.contains("\(Self.rows) new, 0 updated"), "\(stdout)")
            #expect(!stderr.contains("database is locked") && !stderr.contains("SQLite"), "\(stderr)")
        }
        for search in searches {
            #expect(search.status == 0 && search.stderr.isEmpty, "search: \(search.stderr)")
        }
        let refs = try Self.refs(in: db)
        #expect(refs.count == before + Self.writers * Self.rows)
        for writer in 0..<Self.writers {
            #expect(Set(refs.filter { $0.hasPrefix("w\(writer)-") }).count == Self.rows, "writer \(writer) lost rows")
        }
        #expect(try TernProcess.run(["check", "--db", db]).status == 0)
    }
}
