import Foundation
import Testing

/// Issue 18, point 5: `tern updates` is the Updates list for a login message; it marks nothing
/// read unless given `--mark-read`.
@Suite struct UpdatesCommandTests {
    func array(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func updatesAsJSONMarkNothingReadUntilAskedTo() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let first = try TernProcess.run(["updates", "--user", "demo", "--json", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        let updates = try array(first.stdout)
        #expect(!updates.isEmpty)
        #expect(updates.allSatisfy { $0["unread"] as? Bool == true })
        #expect(Set(updates.compactMap { $0["kind"] as? String }).isSuperset(of: ["status", "offer", "feedback"]))
        let offer = try #require(updates.first { $0["kind"] as? String == "offer" })
        #expect(offer["headline"] as? String == "Instagram audit and 30-day content plan: you have an offer")
        #expect(offer.keys.contains("respond_by"))

        // Listing them again changed nothing; --mark-read lists them, then marks them read.
        let again = try TernProcess.run(["updates", "--user", "demo", "--json", "--db", db])
        #expect(try array(again.stdout).count == updates.count)
        #expect(try array(again.stdout).allSatisfy { $0["unread"] as? Bool == true })
        let marking = try TernProcess.run(["updates", "--user", "demo", "--mark-read", "--db", db])
        #expect(marking.status == 0, "\(marking.stderr)")
        #expect(marking.stdout.hasPrefix("Tern: \(updates.count) unread updates\n"))
        #expect(marking.stdout.contains("new  "))

        let after = try TernProcess.run(["updates", "--user", "demo", "--json", "--db", db])
        #expect(try array(after.stdout).count == updates.count)
        #expect(try array(after.stdout).allSatisfy { $0["unread"] as? Bool == false })
        // With nothing unread the login message stays quiet.
        let quiet = try TernProcess.run(["updates", "--user", "demo", "--db", db])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
    }

    @Test func someoneWithNoStudentRecordIsToldUpdatesAreAStudentsOwn() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let login = try #require(OSAccounts.loginName)
        let refused = try TernProcess.run(["updates", "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr == "tern: not permitted: read what changed on your own applications and saved listings (tern updates) needs a student profile, and \(login) has none\n")
    }
}
