import Foundation
import Testing
import TernCatalogue

@Suite struct PortfolioCommandTests {
    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The demo's day `days` ago, as the binary (TZ=UTC) reckons it.
    func day(daysAgo days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(-Double(days) * 86_400))
    }

    @Test func aDemoStudentsJSONResumeIsValidJSONWithTheirCompletedWork() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let result = try TernProcess.run(["portfolio", "--user", "demo", "--format", "json-resume", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let resume = try object(result.stdout)
        #expect(resume["$schema"] as? String == "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json")
        #expect((resume["basics"] as? [String: Any])?["name"] as? String == "Demo Student")
        // The demo student completed one micro-internship: accepted 29 days ago, completed 7 days ago.
        let projects = try #require(resume["projects"] as? [[String: Any]])
        #expect(projects.count == 1)
        #expect(projects.first?["entity"] as? String == "Lakeshore Writing Center")
        #expect(projects.first?["startDate"] as? String == day(daysAgo: 29))
        #expect(projects.first?["endDate"] as? String == day(daysAgo: 7))
        #expect(projects.first?["keywords"] as? [String] == ["Editing", "Technical Writing"])
    }

    @Test func markdownIsTheDefault() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let result = try TernProcess.run(["portfolio", "--user", "demo", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# Demo Student\n"))
        #expect(result.stdout.contains("\n## Micro-internships\n"))
        #expect(result.stdout.contains("\n### "))
        #expect(result.stdout.contains("\n> ★ 4/5 from Lakeshore Writing Center\n"))
    }

    /// Who you are is your OS account: its login picks the student, whatever $USER says.
    @Test(.enabled(if: OSAccounts.isRoot, "needs another account"))
    func theOSLoginPicksTheStudent() throws {
        let scratch = try Scratch()
        let accounts = OSAccounts()
        let student = try accounts.user("ttp")
        let db = try CommandLineTests.seededDemo(scratch)
        let students = scratch.path("students.csv")
        try "username,name,email\n\(student),Pat Example,pat@example.edu\n".write(toFile: students, atomically: true, encoding: .utf8)
        #expect(try TernProcess.run(["import", students, "--db", db]).status == 0)
        // The student may read and write the file (their own personal catalogue, say).
        for file in [db, db + "-wal", db + "-shm", scratch.url.path] { try OSAccounts.system("/bin/chown", [student, file]) }
        defer { try? OSAccounts.system("/bin/chown", ["root", scratch.url.path]) }
        let result = try TernProcess.run(as: student, ["portfolio", "--db", db], environment: ["USER": "demo", "LOGNAME": "demo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# Pat Example\n"))
    }

    @Test func aLoginWithNoStudentProfileExitsOneWithOneLine() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let unknown = try TernProcess.run(["portfolio", "--user", "nobody", "--db", db])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr == "tern: no student has the username nobody\n")
        // Who you are is the OS account: $USER naming a student changes nothing.
        let login = try #require(Account.current().login)
        let fromLogin = try TernProcess.run(["portfolio", "--db", db], environment: ["USER": "tnguyen", "LOGNAME": "tnguyen"])
        #expect(fromLogin.status == 1)
        #expect(fromLogin.stdout.isEmpty)
        #expect(fromLogin.stderr == "tern: not permitted: export your own portfolio needs a student profile, and \(login) has none\n")
        // A name is echoed back, never obeyed by the terminal.
        let hostile = try TernProcess.run(["portfolio", "--user", "x\u{1B}[2J\u{202E}", "--db", db])
        #expect(hostile.status == 1)
        #expect(hostile.stderr == "tern: no student has the username x^[[2J\\u{202E}\n")
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let result = try TernProcess.run(["portfolio", "--user", "demo", "--format", "pdf", "--db", "/nonexistent/x.sqlite"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--format takes json-resume or markdown"))
        #expect(result.stdout.isEmpty)
    }

    @Test func outputGoesToTheFileWholeAndNothingIsLeftBeside() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let directory = scratch.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("resume.json").path
        try "stale".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try TernProcess.run(["portfolio", "--user", "demo", "--format", "json-resume", "--output", file, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect((try object(written)["projects"] as? [Any])?.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["resume.json"])

        let nowhere = try TernProcess.run(["portfolio", "--user", "demo", "--output", scratch.path("missing/dir/p.md"), "--db", db])
        #expect(nowhere.status == 1)
        #expect(nowhere.stderr.hasPrefix("tern: cannot write \(scratch.path("missing/dir/p.md"))"))
    }
}
