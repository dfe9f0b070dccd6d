import Foundation
import Testing

/// `tern postings`, `tern organizations`, `tern staff` and `tern expire` on the real binary.
@Suite struct PostingsCommandTests {
    static func demo(_ scratch: Scratch) throws -> String {
        let db = scratch.path("demo.sqlite")
        let created = try TernProcess.run(["init", "--demo", "--db", db])
        try #require(created.status == 0, "\(created.stderr)")
        return db
    }

    static func refs(_ outcome: TernProcess.Outcome) throws -> [String] {
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        return rows.compactMap { $0["ref"] as? String }
    }

    @Test func aDeclinedListingLeavesAStudentsSearchAndAnImportedOneWaitsForApproval() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        // The owner of a personal catalogue does staff work and may search as a student.
        let before = try Self.refs(try TernProcess.run(["search", "--json", "--limit", "500", "--db", db]))
        let target = try #require(before.first)
        let declined = try TernProcess.run(["postings", "decline", target, "--reason", "upfront_cost", "--note", "asks for a paid kit", "--db", db])
        #expect(declined.status == 0, "\(declined.stderr)")
        let after = try Self.refs(try TernProcess.run(["search", "--json", "--limit", "500", "--db", db]))
        #expect(!after.contains(target) && after.count == before.count - 1)
        let listed = try TernProcess.run(["postings", "list", "--status", "declined", "--json", "--db", db])
        #expect(try Self.refs(listed).contains(target))
        #expect(listed.stdout.contains("\"decline_reason\": \"upfront_cost\""))

        let file = scratch.path("new.csv")
        try "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind\nfresh-1,Fresh listing,Brand New Org,design,10,5,2099-01-01,unpaid,remote\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try TernProcess.run(["import", file, "--db", db]).status == 0)
        #expect(try TernProcess.run(["search", "--organization", "Brand New", "--json", "--db", db]).stdout.contains("fresh-1") == false)
        #expect(try Self.refs(try TernProcess.run(["postings", "list", "--status", "pending", "--json", "--db", db])).contains("fresh-1"))
        let approved = try TernProcess.run(["postings", "approve", "fresh-1", "--db", db])
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(try Self.refs(try TernProcess.run(["search", "--organization", "Brand New", "--json", "--db", db])) == ["fresh-1"])
        let unknownReason = try TernProcess.run(["postings", "decline", "fresh-1", "--reason", "vibes", "--db", db])
        #expect(unknownReason.status == 2)
    }

    @Test func expireClosesListingsPastTheirDeadlineAndIsIdempotent() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        // `init` wrote the demo's open listings whose deadline has passed; any writing command
        // (here `expire` itself) closes them.
        let first = try TernProcess.run(["expire", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("closed 3 listings"))
        #expect(try TernProcess.run(["expire", "--db", db]).stdout == "closed 0 listings, expired 0 applications\n")
    }

    @Test(.enabled(if: OSAccounts.isRoot, "needs another account"))
    func someoneWhoIsNotStaffIsRefusedEveryNewCommand() throws {
        let scratch = try Scratch()
        let accounts = OSAccounts()
        let stranger = try accounts.user("ttp")
        let db = try Self.demo(scratch)
        for companion in ["", "-wal", "-shm"] { _ = chmod(db + companion, 0o644) }
        _ = chmod(scratch.url.path, 0o755)
        let commands: [[String]] = [
            ["postings", "list"], ["postings", "approve", "x"], ["postings", "decline", "x", "--reason", "location"],
            ["postings", "resubmit", "x"], ["organizations", "list"], ["organizations", "approve", "X"],
            ["organizations", "decline", "X", "--reason", "other", "--note", "n"], ["organizations", "trust", "X"],
            ["staff", "list"], ["staff", "add", stranger], ["staff", "remove", "rpatel"], ["expire"],
        ]
        for command in commands {
            let result = try TernProcess.run(as: stranger, command + ["--db", db])
            #expect(result.status == 1, "\(command)")
            // The file is world-readable here, which earns a warning line first; the refusal is the last line.
            let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
            #expect(last.hasPrefix("tern: not permitted: ") && last.hasSuffix("is for staff; \(stranger) is not staff"), "\(command): \(result.stderr)")
        }
        // The file's owner adds them; then they may review.
        #expect(try TernProcess.run(["staff", "add", stranger, "--name", "Pat Tester", "--db", db]).status == 0)
        #expect(try TernProcess.run(as: stranger, ["postings", "list", "--status", "pending", "--db", db]).status == 0)
        // As an advisor: trusting, staff work and expiring are an admin's, and the refusal says so.
        for command in [["organizations", "trust", "X"], ["staff", "list"], ["staff", "role", "rpatel", "admin"], ["expire"], ["audit"]] {
            let result = try TernProcess.run(as: stranger, command + ["--db", db])
            let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
            #expect(result.status == 1 && last.hasPrefix("tern: not permitted: only admins may ") && last.hasSuffix("; \(stranger) is an advisor"),
                    "\(command): \(result.stderr)")
        }
        let promoted = try TernProcess.run(["staff", "role", stranger, "admin", "--db", db])
        #expect(promoted.status == 0 && promoted.stdout == "\(stranger) is now an admin\n", "\(promoted.stderr)")
        #expect(try TernProcess.run(as: stranger, ["staff", "list", "--db", db]).status == 0)
    }

    @Test func staffRolesChangeByCommandAndTheLastAdminStays() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        #expect(try TernProcess.run(["staff", "role", "jfischer", "advisor", "--db", db]).status == 0)
        let last = try TernProcess.run(["staff", "remove", "shaddad", "--db", db])
        #expect(last.status == 1)
        #expect(last.stderr == "tern: shaddad is the last admin and cannot be removed; make another admin first (tern staff role NAME admin)\n")
        let demote = try TernProcess.run(["staff", "role", "shaddad", "advisor", "--db", db])
        #expect(demote.status == 1 && demote.stderr.contains("shaddad is the last admin and cannot be made an advisor"))
        #expect(try TernProcess.run(["staff", "role", "shaddad", "owner", "--db", db]).status == 2)
        let student = try TernProcess.run(["staff", "add", "tnguyen", "--db", db])
        #expect(student.status == 1 && student.stderr.contains("tnguyen is also a student") && student.stderr.contains("--also-student"))
        #expect(try TernProcess.run(["staff", "add", "tnguyen", "--also-student", "--db", db]).stdout == "added tnguyen as an advisor\n")
        let hidden = try TernProcess.run(["staff", "add", "rp\u{202E}atel", "--db", db])
        #expect(hidden.status == 1 && hidden.stderr.contains("an invisible or direction-changing character"))
        #expect(!hidden.stderr.contains("\u{202E}"))
        let audit = try TernProcess.run(["audit", "--json", "--db", db])
        #expect(audit.stdout.contains("change_staff_role") && audit.stdout.contains("jfischer: admin → advisor"))
    }

    @Test func aDecisionOnAPostingThatChangedSinceItWasReadIsRefused() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        let ref = "kestrel-review-campaign"
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(TernProcess.run(["postings", "list", "--json", "--db", db]).stdout.utf8)) as? [[String: Any]])
        let version = try #require(listed.first { $0["ref"] as? String == ref }?["version"] as? Int)
        #expect(try TernProcess.run(["postings", "approve", ref, "--expect-version", "\(version)", "--db", db]).status == 0)
        let staleListing = try TernProcess.run(["postings", "decline", ref, "--reason", "location", "--expect-version", "\(version)", "--db", db])
        #expect(staleListing.status == 1)
        // Root approved it: the refusal says it was you.
        #expect(staleListing.stderr.hasPrefix("tern: you approved \(ref) at ") && staleListing.stderr.hasSuffix("; look again\n"), "\(staleListing.stderr)")
        #expect(try TernProcess.run(["postings", "approve", ref, "fernhill-book-club-growth", "--expect-version", "1", "--db", db]).status == 2)
        let organization = "Quillstone Learning"
        #expect(try TernProcess.run(["organizations", "approve", organization, "--expect-version", "1", "--db", db]).status == 0)
        let stale = try TernProcess.run(["organizations", "decline", organization, "--reason", "location", "--expect-version", "1", "--db", db])
        #expect(stale.status == 1 && stale.stderr.hasPrefix("tern: you approved \(organization) at "), "\(stale.stderr)")
    }
}
