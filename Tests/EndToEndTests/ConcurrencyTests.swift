import Foundation
import Testing

/// Several real processes on one catalogue file, as on a shared campus host.
@Suite struct ConcurrencyTests {
    static func listings(prefix: String, count: Int) -> String {
        var csv = "ref,title,organization,field,brief,hours,duration_days,deadline,compensation_kind,location_kind\n"
        for n in 0..<count {
            csv += "\(prefix)-\(n),Listing \(n) from \(prefix),Org \(prefix),research,\"A long enough brief to make the write take a while, number \(n).\",10,5,2099-01-01,unpaid,remote\n"
        }
        return csv
    }

    @Test func writersInSeparateProcessesNeverSeeSQLiteBusy() throws {
        let scratch = try Scratch()
        let db = scratch.path("shared.sqlite")
        #expect(try TernProcess.run(["init", "--synthetic", "200", "--db", db]).status == 0)
        let writers = 4, rows = 1500
        var files: [String] = []
        for writer in 0..<writers {
            let file = scratch.path("w\(writer).csv")
            try Self.listings(prefix: "w\(writer)", count: rows).write(toFile: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        // Each import is one long IMMEDIATE transaction; readers run alongside.
        var running: [(Process, Pipe, Pipe)] = []
        for file in files {
            let out = Pipe(), err = Pipe()
            running.append((try TernProcess.start(["import", file, "--db", db], stdout: out, stderr: err), out, err))
            let rout = Pipe(), rerr = Pipe()
            running.append((try TernProcess.start(["search", "listing", "--limit", "50", "--db", db], stdout: rout, stderr: rerr), rout, rerr))
        }
        for (process, out, err) in running {
            _ = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(process.arguments ?? []): \(stderr)")
            #expect(!stderr.lowercased().contains("busy") && !stderr.lowercased().contains("locked"))
        }
        // Staff see every listing, approved or not (imported ones wait for review).
        let all = try TernProcess.run(["postings", "list", "--json", "--db", db])
        let refs = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]]).compactMap { $0["ref"] as? String }
        for writer in 0..<writers {
            #expect(refs.filter { $0.hasPrefix("w\(writer)-") }.count == rows, "writer \(writer) lost rows")
        }
        #expect(try TernProcess.run(["check", "--db", db]).status == 0)
    }
}
