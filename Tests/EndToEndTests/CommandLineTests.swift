import Foundation
import Testing

@Suite struct CommandLineTests {
    static func seededDemo(_ scratch: Scratch) throws -> String {
        let db = scratch.path("demo.sqlite")
        let seeded = try TernProcess.run(["init", "--demo", "--db", db])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        return db
    }

    func jsonArray(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func searchingTheDemoForRemoteDesignPrintsAJSONArrayOfRemoteListings() throws {
        let scratch = try Scratch()
        let db = try Self.seededDemo(scratch)
        let result = try TernProcess.run(["search", "design", "--remote", "--json", "--db", db])
        #expect(result.status == 0)
        let listings = try jsonArray(result.stdout)
        #expect(!listings.isEmpty)
        #expect(listings.allSatisfy { $0["location_kind"] as? String == "remote" && $0["remote"] as? Bool == true })
        #expect(listings.contains { $0["field"] as? String == "design" })
    }

    @Test func theDemoHasAtLeast120OpenListings() throws {
        let scratch = try Scratch()
        let db = try Self.seededDemo(scratch)
        let result = try TernProcess.run(["search", "--limit", "1000", "--json", "--db", db])
        #expect(try jsonArray(result.stdout).count >= 120)
    }

    @Test func aBrokenCSVNamesFileLineAndColumnExitsOneAndImportsNothing() throws {
        let scratch = try Scratch()
        let db = try Self.seededDemo(scratch)
        let file = scratch.path("broken.csv")
        try """
            ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind
            fine-row,Fine,Acme,design,10,5,2099-01-01,unpaid,remote
            broken-row,"Never closed,Acme,design,10,5,2099-01-01,unpaid,remote

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try TernProcess.run(["import", file, "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr == "\(file):3:2: unterminated quoted field\n")
        let export = try TernProcess.run(["export", "--what", "opportunities", "--format", "csv", "--db", db])
        #expect(export.status == 0)
        #expect(!export.stdout.contains("fine-row"))
        #expect(!export.stdout.contains("broken-row"))
    }

    @Test func checkPassesOnAGoodCatalogueAndFailsOnADamagedOne() throws {
        let scratch = try Scratch()
        let db = try Self.seededDemo(scratch)
        let good = try TernProcess.run(["check", "--db", db])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("integrity: ok"))
        // Scribble over the middle of the file, as a bad disk or a stray `dd` would.
        let handle = try #require(FileHandle(forUpdatingAtPath: db))
        let size = try handle.seekToEnd()
        for offset in stride(from: size / 4, to: size * 3 / 4, by: 4096) {
            try handle.seek(toOffset: offset)
            handle.write(Data(repeating: 0xA5, count: 512))
        }
        try handle.close()
        let damaged = try TernProcess.run(["check", "--db", db])
        #expect(damaged.status != 0)
    }

    @Test func usageErrorsExitTwoWithOneLine() throws {
        let bad = try TernProcess.run(["search", "--sort", "bogus", "--db", "/nonexistent/x.sqlite"])
        #expect(bad.status == 2)
        // A closed set parses into its enum: the refusal lists the values (issue 19, point 8).
        #expect(bad.stderr.contains("--sort takes deadline, newest, hours, pay, relevance or match"))
        let unknown = try TernProcess.run(["frobnicate"])
        #expect(unknown.status == 2)
        // Each is one line saying what is wrong (ArgumentParser's usage block is not repeated),
        // and a negative number is a value, not a missing one.
        for (arguments, says) in [(["search", "--limit", "-5"], "--limit takes 1 to 100000"),
                                  (["search", "--sort", "bogus"], "--sort takes deadline, newest, hours, pay, relevance or match"),
                                  (["search", "--field", "bogus"], "--field takes marketing, software"),
                                  (["search", "--bogus"], "Unknown option '--bogus'"),
                                  (["audit", "--count", "-5"], "--count takes 1 to 1000000"),
                                  (["applications", "list", "--count", "-5"], "--count takes 1 to 100000"),
                                  (["frobnicate"], "frobnicate")] {
            let result = try TernProcess.run(arguments + ["--db", "/nonexistent/x.sqlite"])
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix("tern: "), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "not one line: \(result.stderr)")
            #expect(result.stderr.contains(says), "\(result.stderr)")
        }
    }

    @Test func aValueOutsideAnOptionsClosedSetIsOneUsageLineNamingTheSet() throws {
        let statuses = "submitted, under_review, shortlisted, offered, accepted, in_progress, delivered, completed, rejected, withdrawn, offer_declined or expired"
        for (arguments, says) in [(["export", "--what", "bogus"], "--what takes opportunities, applications or students"),
                                  (["export", "--format", "xml"], "--format takes csv or json"),
                                  (["import", "f.csv", "--format", "xml"], "--format takes csv or json"),
                                  (["postings", "list", "--status", "maybe"], "--status takes pending, approved or declined"),
                                  (["staff", "add", "x", "--role", "boss"], "--role takes advisor or admin"),
                                  (["applications", "list", "--status", "limbo\nx"], "--status takes \(statuses)")] {
            let result = try TernProcess.run(arguments + ["--db", "/nonexistent/x.sqlite"])
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == "tern: \(says) (see tern --help)\n", "\(result.stderr)")
        }
    }

    @Test func theInterfaceRefusesToStartWithoutATerminal() throws {
        let scratch = try Scratch()
        let result = try TernProcess.run(["--db", scratch.path("x.sqlite")])
        #expect(result.status == 2)
        // Exactly one line: no stray "tern: " after it.
        #expect(result.stderr == "tern: tern needs an interactive terminal; try `tern search`\n", "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func exportRoundTripsThroughImportIntoAFreshCatalogue() throws {
        let scratch = try Scratch()
        let db = try Self.seededDemo(scratch)
        for format in ["csv", "json"] {
            let exported = try TernProcess.run(["export", "--what", "opportunities", "--format", format, "--db", db])
            let file = scratch.path("listings.\(format)")
            try exported.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            let fresh = scratch.path("fresh-\(format).sqlite")
            _ = try TernProcess.run(["init", "--synthetic", "1", "--db", fresh])
            let imported = try TernProcess.run(["import", file, "--db", fresh])
            #expect(imported.status == 0, "\(imported.stderr)")
            let again = try TernProcess.run(["export", "--what", "opportunities", "--format", format, "--db", fresh])
            if format == "csv" {
                let missing = Set(exported.stdout.split(separator: "\n")).subtracting(again.stdout.split(separator: "\n"))
                #expect(missing.isEmpty, "lines lost in the round trip: \(missing.prefix(3))")
            } else {
                let before = try jsonArray(exported.stdout).map { NSDictionary(dictionary: $0) }
                let after = Set(try jsonArray(again.stdout).map { NSDictionary(dictionary: $0) })
                #expect(before.allSatisfy(after.contains), "records lost in the JSON round trip")
            }
            let search = try TernProcess.run(["postings", "list", "--json", "--db", fresh])
            #expect(try jsonArray(search.stdout).count >= 150)
        }
    }

    @Test func onlyTheInterfaceCreatesTheDefaultCatalogueAndCommandsDoNot() throws {
        let scratch = try Scratch()
        let missing = scratch.path("data/tern/catalogue.sqlite")
        let result = try TernProcess.run(["search", "--limit", "1000", "--json"], environment: ["XDG_DATA_HOME": scratch.path("data")])
        #expect(result.status == 1)
        #expect(result.stderr == "tern: no catalogue at \(missing); create one with tern init [--demo]\n")
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("data")))
    }

    /// A mistyped `--db` used to make a catalogue full of demo data; now nothing but `tern init`
    /// (and the interface's first run on the default path) creates one.
    @Test func everyCommandGivenAMissingCatalogueSaysSoAndCreatesNothing() throws {
        let scratch = try Scratch()
        let typo = scratch.path("typo.sqlite")
        let csv = scratch.path("one.csv")
        try "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind\nx1,T,Acme,design,10,5,2099-01-01,unpaid,remote\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["export"], ["export", "--what", "students"], ["import", csv], ["backup", scratch.path("b.sqlite")],
            ["search", "design"], ["check"], ["seed", "--demo"], ["portfolio"], ["apply", "x1", "--hours", "5"],
            ["restore", scratch.path("b.sqlite")],
        ]
        for command in commands {
            let result = try TernProcess.run(command + ["--db", typo])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr == "tern: no catalogue at \(typo); create one with tern init [--demo]\n", "\(command)")
            #expect(result.stdout.isEmpty, "\(command)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0 != "one.csv" }
        #expect(left.isEmpty, "files left behind: \(left)")
        // tern init creates it, private, and refuses to replace it.
        let created = try TernProcess.run(["init", "--db", typo])
        #expect(created.status == 0, "\(created.stderr)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: typo)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let again = try TernProcess.run(["init", "--demo", "--db", typo])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        // seed fills the empty catalogue it made.
        let seeded = try TernProcess.run(["seed", "--demo", "--db", typo])
        #expect(seeded.status == 0, "\(seeded.stderr)")
    }

    @Test func backupWritesAHealthyPrivateCopy() throws {
        let scratch = try Scratch()
        let db = try Self.seededDemo(scratch)
        let copy = scratch.path("copy.sqlite")
        #expect(try TernProcess.run(["backup", copy, "--db", db]).status == 0)
        #expect(try TernProcess.run(["check", "--db", copy]).status == 0)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int)
        #expect(mode == 0o600, "a backup holds personal data")
        #expect(try TernProcess.run(["backup", copy, "--db", db]).status == 1)
    }

    @Test func backupIntoAMissingDirectoryNamesIt() throws {
        let scratch = try Scratch()
        let db = try Self.seededDemo(scratch)
        let result = try TernProcess.run(["backup", scratch.path("nowhere/copy.sqlite"), "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr == "tern: cannot write the backup to \(scratch.path("nowhere/copy.sqlite")): the directory \(scratch.path("nowhere")) does not exist\n")
    }
}
