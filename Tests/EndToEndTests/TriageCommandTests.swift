import Foundation
import Testing

/// `tern applications`, `tern audit` and `tern report` as a staff member (the catalogue's owner)
/// and as someone who is not staff.
@Suite struct TriageCommandTests {
    func jsonArray(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    func submittedApplication(_ db: String) throws -> (id: Int, version: Int) {
        let listed = try TernProcess.run(["applications", "list", "--status", "submitted", "--json", "--db", db])
        #expect(listed.status == 0, "\(listed.stderr)")
        let first = try #require(try jsonArray(listed.stdout).first)
        return (try #require(first["id"] as? Int), try #require(first["version"] as? Int))
    }

    @Test func twoStaffMovingTheSameApplicationAtOnceExactlyOneWinsAndTheOtherIsTold() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let (id, version) = try submittedApplication(db)
        let moves = [["under_review"], ["rejected", "--reason", "skills-mismatch"]]
        let pipes = moves.map { _ in (Pipe(), Pipe()) }
        // Both read the same version; both start before either finishes.
        let processes = try zip(moves, pipes).map { move, pipe in
            try TernProcess.start(["applications", "move", "\(id)"] + move + ["--expect-version", "\(version)", "--db", db],
                                  stdout: pipe.0, stderr: pipe.1)
        }
        let errors = pipes.map { String(decoding: $0.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        _ = pipes.map { $0.0.fileHandleForReading.readDataToEndOfFile() }
        processes.forEach { $0.waitUntilExit() }
        let statuses = processes.map(\.terminationStatus)
        #expect(statuses.sorted() == [0, 1], "\(errors)")
        let loser = try #require(statuses.firstIndex(of: 1))
        let winner = 1 - loser
        let now = winner == 0 ? "under_review" : "rejected"
        #expect(errors[loser] == "tern: application \(id) was changed by someone else since you opened it; it is now \(now)\n")
        let after = try jsonArray(try TernProcess.run(["applications", "list", "--status", now, "--json", "--db", db]).stdout)
        #expect(after.contains { $0["id"] as? Int == id && $0["version"] as? Int == version + 1 })
    }

    @Test func decliningAListingWithWorkUnderWayListsItInTheTakenDownQueue() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let working = try #require(try jsonArray(try TernProcess.run(["applications", "list", "--status", "in_progress", "--json", "--db", db]).stdout).first)
        let ref = try #require(working["opportunity"] as? String), id = try #require(working["id"] as? Int)
        #expect(try jsonArray(try TernProcess.run(["applications", "list", "--taken-down", "--json", "--db", db]).stdout).isEmpty)
        let declined = try TernProcess.run(["postings", "decline", ref, "--reason", "upfront_cost", "--db", db])
        #expect(declined.status == 0, "\(declined.stderr)")
        #expect(declined.stdout.hasPrefix("declined \(ref): upfront cost to the student") && declined.stdout.contains("with work under way: is:taken-down"))
        let queue = try jsonArray(try TernProcess.run(["applications", "list", "--taken-down", "--json", "--db", db]).stdout)
        #expect(queue.contains { $0["id"] as? Int == id && $0["status"] as? String == "in_progress" })
        #expect(queue.allSatisfy { ["accepted", "in_progress", "delivered"].contains($0["status"] as? String ?? "") })
        let limited = try jsonArray(try TernProcess.run(["applications", "list", "--limit", "is:taken-down", "--json", "--db", db]).stdout)
        #expect(limited.map { $0["id"] as? Int } == queue.map { $0["id"] as? Int })
    }

    @Test func aNegativePayFloorIsRefusedSayingSoNotAsAMissingValue() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let negative = try TernProcess.run(["settings", "--pay-floor", "-5", "--db", db])
        #expect(negative.status != 0)
        #expect(negative.stderr.contains("--pay-floor cannot be negative (-5); give 0 or more, such as 15 or 17.50"), "\(negative.stderr)")
        #expect(!negative.stderr.contains("Missing value"))
        let words = try TernProcess.run(["settings", "--pay-floor", "lots", "--db", db])
        #expect(words.status != 0 && words.stderr.contains("--pay-floor takes an amount such as 15 or 17.50, not lots"), "\(words.stderr)")
        let hours = try TernProcess.run(["settings", "--unpaid-max-hours", "-2", "--db", db])
        #expect(hours.status != 0 && hours.stderr.contains("--unpaid-max-hours cannot be negative (-2)"), "\(hours.stderr)")
        let fine = try TernProcess.run(["settings", "--pay-floor", "17.50", "--db", db])
        #expect(fine.status == 0 && fine.stdout.contains("pay-floor = 17.50"), "\(fine.stdout) \(fine.stderr)")
    }

    @Test func aStaffOnlyNoteGivenWithAMoveNeverReachesTheStudentsPortfolio() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let refs = try jsonArray(try TernProcess.run(["search", "--json", "--limit", "40", "--db", db]).stdout).compactMap { $0["ref"] as? String }
        var applied: Int?
        for ref in refs where applied == nil {
            let result = try TernProcess.run(["apply", ref, "--hours", "5", "--user", "demo", "--db", db])
            if result.status == 0, let id = result.stdout.split(separator: " ").firstIndex(of: "application") {
                applied = Int(result.stdout.split(separator: " ")[id + 1].trimmingCharacters(in: .punctuationCharacters))
            }
        }
        let id = try #require(applied)
        for status in ["under_review", "shortlisted", "offered", "accepted", "in_progress", "delivered"] {
            let moved = try TernProcess.run(["applications", "move", "\(id)", status, "--db", db])
            #expect(moved.status == 0, "\(moved.stderr)")
        }
        let done = try TernProcess.run(["applications", "move", "\(id)", "completed", "--note", "STAFF-SECRET unreliable", "--staff-only", "--db", db])
        #expect(done.status == 0 && done.stdout == "application \(id): now completed (version 8)\n", "\(done.stderr)")
        for format in ["markdown", "json-resume"] {
            let portfolio = try TernProcess.run(["portfolio", "--user", "demo", "--format", format, "--db", db])
            #expect(portfolio.status == 0, "\(portfolio.stderr)")
            #expect(portfolio.stdout.components(separatedBy: "\n").count > 10)
            #expect(!portfolio.stdout.contains("STAFF-SECRET"))
        }
        // Staff see it, with who wrote it.
        let audit = try TernProcess.run(["audit", "--student", "demo", "--json", "--db", db])
        let note = try #require(try jsonArray(audit.stdout).first { $0["action"] as? String == "staff_note" })
        #expect(note["detail"] as? String == "STAFF-SECRET unreliable" && note["application"] as? Int == id)
    }

    /// Issue 19, point 7: a note with a rejection or an offer explains it and is shared unless
    /// --staff-only; any other note is for staff unless --shared (staff-only notes are the ones
    /// the audit trail lists as staff_note).
    @Test func aNoteIsSharedOnlyWithADecisionTheStudentSeesUnlessSaidOtherwise() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let submitted = try jsonArray(try TernProcess.run(["applications", "list", "--status", "submitted", "--json", "--db", db]).stdout)
        let (first, second) = (submitted[0]["id"] as! Int, submitted[1]["id"] as! Int)
        func staffNotes(_ id: Int) throws -> [String] {
            let student = try #require(submitted.first { $0["id"] as? Int == id }?["student"] as? String)
            let audit = try TernProcess.run(["audit", "--student", student, "--json", "--db", db])
            return try jsonArray(audit.stdout).filter { $0["action"] as? String == "staff_note" && $0["application"] as? Int == id }
                .compactMap { $0["detail"] as? String }
        }
        let moves: [([String], String, Bool)] = [
            (["\(first)", "under_review", "--note", "REVIEW-NOTE"], "REVIEW-NOTE", true),
            (["\(first)", "shortlisted", "--note", "SHORTLIST-SHARED", "--shared"], "SHORTLIST-SHARED", false),
            (["\(first)", "offered", "--note", "OFFER-NOTE"], "OFFER-NOTE", false),
            (["\(second)", "rejected", "--reason", "position-filled", "--note", "REJECT-NOTE"], "REJECT-NOTE", false),
        ]
        for (arguments, note, staffOnly) in moves {
            let moved = try TernProcess.run(["applications", "move"] + arguments + ["--db", db])
            #expect(moved.status == 0, "\(moved.stderr)")
            let id = Int(arguments[0])!
            #expect(try staffNotes(id).contains(note) == staffOnly, "\(note)")
        }
        let both = try TernProcess.run(["applications", "move", "\(first)", "accepted", "--note", "x", "--shared", "--staff-only", "--db", db])
        #expect(both.status == 2 && both.stderr.contains("--shared and --staff-only exclude each other"))
    }

    @Test func aBulkMoveWithOneIllegalRowMovesNothingAndARejectionNeedsAReason() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let submitted = try jsonArray(try TernProcess.run(["applications", "list", "--status", "submitted", "--json", "--db", db]).stdout)
        let completed = try jsonArray(try TernProcess.run(["applications", "list", "--status", "completed", "--json", "--db", db]).stdout)
        let ids = [submitted[0]["id"] as! Int, submitted[1]["id"] as! Int, completed[0]["id"] as! Int]
        let refused = try TernProcess.run(["applications", "move"] + ids.map(String.init) + ["under_review", "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr == "tern: application \(ids[2]) cannot move from completed to under_review; nothing was moved\n")
        let still = try jsonArray(try TernProcess.run(["applications", "list", "--status", "submitted", "--json", "--db", db]).stdout)
        #expect(still.count == submitted.count)
        let noReason = try TernProcess.run(["applications", "move", "\(ids[0])", "rejected", "--db", db])
        #expect(noReason.status == 1 && noReason.stderr.hasPrefix("tern: rejecting needs a reason"))
        let badPattern = try TernProcess.run(["applications", "list", "--limit", "colour:red", "--db", db])
        #expect(badPattern.status == 1 && badPattern.stderr.hasPrefix("tern: \"colour:red\": unknown term colour"))
        let report = try TernProcess.run(["report", "--format", "csv", "--db", db])
        #expect(report.status == 0 && report.stdout.hasPrefix("section,key,value\r\napplications per status,submitted,"))
        // The demo declines one listing for more information.
        #expect(report.stdout.contains("postings per decision and reason,declined needs_more_information,1\r\n"), "\(report.stdout)")
    }

    @Test func theReportShowsTwelveWeeksOfApplicationsAndDecisionsInEveryFormat() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let json = try TernProcess.run(["report", "--format", "json", "--db", db])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let applications = try #require(object["applications_per_week"] as? [Int])
        let decisions = try #require(object["decisions_per_week"] as? [Int])
        #expect(applications.count == 12 && decisions.count == 12 && (object["week_starts"] as? [String])?.count == 12)
        #expect(applications.reduce(0, +) > 0 && decisions.reduce(0, +) > 0, "the demo's history is recent")
        // The sections that were there before are all still there.
        #expect(object["applications_per_status"] != nil && object["postings_per_decision_and_reason"] != nil)

        let csv = try TernProcess.run(["report", "--format", "csv", "--db", db])
        let lines = csv.stdout.components(separatedBy: "\r\n")
        let weekly = lines.filter { $0.hasPrefix("applications per week,") }.map { $0.components(separatedBy: ",") }
        #expect(weekly.map { Int($0[2]) } == applications.map { $0 })
        #expect(lines.filter { $0.hasPrefix("decisions per week,") }.compactMap { Int($0.components(separatedBy: ",")[2]) } == decisions)
        // The weeks come last: what was there before reads as it did.
        #expect(lines.firstIndex { $0.hasPrefix("applications per week,") }! > lines.lastIndex { $0.hasPrefix("postings per decision") }!)

        let table = try TernProcess.run(["report", "--db", db])
        let rows = table.stdout.components(separatedBy: "\n")
        let spark = try #require(rows.first { $0.hasPrefix("  applications ") })
        let glyphs = spark.dropFirst(15).prefix(12)
        #expect(glyphs.count == 12 && glyphs.allSatisfy { " ▁▂▃▄▅▆▇█".contains($0) }, "\(spark)")
        #expect(spark.hasSuffix("  \(applications.reduce(0, +)) in all, at most \(applications.max()!) a week"))
        #expect(rows.contains { $0.hasPrefix("  decisions    ") })
    }

    @Test(.enabled(if: OSAccounts.isRoot, "needs another account"))
    func someoneWhoIsNotStaffIsRefusedEveryTriageCommand() throws {
        let scratch = try Scratch()
        let accounts = OSAccounts()
        let other = try accounts.user("ttr")
        let db = try CommandLineTests.seededDemo(scratch)
        for file in [db, db + "-wal", db + "-shm"] { #expect(chmod(file, 0o644) == 0) }
        let commands: [([String], String)] = [
            (["applications", "list"], "list applications for triage"),
            (["applications", "move", "1", "under_review"], "move applications (alone or in bulk) and add notes"),
            (["audit"], "read the audit trail"),
            (["report"], "report on placements"),
            (["triage"], "open the staff console (tern triage)"),
            // Listing staff is refused as listing, not as adding and removing (issue 18).
            (["staff", "list"], "list staff and their roles"),
        ]
        for (command, summary) in commands {
            let result = try TernProcess.run(as: other, command + ["--db", db])
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasSuffix("tern: not permitted: \(summary) is for staff; \(other) is not staff\n"), "\(result.stderr)")
        }
    }
}
