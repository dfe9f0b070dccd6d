import Foundation
import Testing

/// Issue 17, point 7: `tern expire` that cannot write says so; applying to a listing a
/// student may not see reads exactly like applying to one that does not exist; a link that is
/// not a web address is refused with its field named.
@Suite struct SmallHolesTests {
    /// Run from cron by staff who may only read the catalogue: nothing closed, and cron hears it.
    @Test(.enabled(if: OSAccounts.isRoot, "needs root to make an account that may only read the catalogue"))
    func expireOnACatalogueItMayOnlyReadFails() throws {
        let scratch = try Scratch()
        let accounts = OSAccounts()
        let reader = try accounts.user("ttr")
        let db = try OutputFailureTests.demo(scratch)
        let added = try TernProcess.run(["staff", "add", reader, "--role", "admin", "--db", db])
        #expect(added.status == 0, "\(added.stderr)")
        // A listing past its deadline, still open, that an expiry would close.
        try OSAccounts.system("/usr/bin/sqlite3", [db, "UPDATE opportunities SET deadline = '2020-01-01' WHERE ref = 'atlas-local-seo-cleanup'"])
        _ = try TernProcess.run(["check", "--db", db])
        for file in [db, db + "-wal", db + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try OSAccounts.system("/bin/chmod", ["0644", file])
        }
        try OSAccounts.system("/bin/chmod", ["0755", scratch.url.path])
        let expired = try TernProcess.run(as: reader, ["expire", "--db", db])
        #expect(expired.status == 1)
        #expect(expired.stderr.contains("tern: not permitted: you may only read \(db); no listing was closed"), "\(expired.stderr)")
        #expect(!expired.stdout.contains("closed 0"))
        #expect(try OSAccounts.system("/usr/bin/sqlite3", ["-readonly", db, "SELECT status FROM opportunities WHERE ref = 'atlas-local-seo-cleanup'"]) == "open\n")
    }

    @Test func applyingToAListingStudentsMayNotSeeReadsLikeAMissingRef() throws {
        let scratch = try Scratch()
        let db = try OutputFailureTests.demo(scratch)
        // Pending review, declined, a draft, and no listing at all.
        for ref in ["fernhill-book-club-growth", "loopcart-green-claims-audit", "psychlab-flanker-task", "no-such-listing"] {
            let applied = try TernProcess.run(["apply", ref, "--hours", "5", "--user", "demo", "--db", db])
            #expect(applied.status == 1)
            #expect(applied.stderr == "tern: no listing with the ref \(ref)\n")
        }
    }

    @Test func aPortfolioLinkThatIsNotAWebAddressIsRefusedByName() throws {
        let scratch = try Scratch()
        let db = try OutputFailureTests.demo(scratch)
        let applied = try TernProcess.run(["apply", "atlas-local-seo-cleanup", "--hours", "5", "--user", "demo",
                                           "--link", "javascript:alert(document.cookie)", "--db", db])
        #expect(applied.status == 1)
        #expect(applied.stderr == "tern: portfolio link: must start with https:// or http://, not \"javascript:\"\n")
    }
}
