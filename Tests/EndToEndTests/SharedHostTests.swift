import Foundation
import Testing

/// A shared host done properly, with real accounts (root only; skipped otherwise): tern is
/// installed setgid to a group no user belongs to, the catalogue is 0660 root:group in a 2770
/// directory, and tern is the only door to it.
@Suite(.serialized, .enabled(if: OSAccounts.isRoot, "needs root to create accounts and install setgid"))
struct SharedHostTests {
    /// An installation under a scratch PREFIX, made by the Makefile's own install rule.
    final class Host {
        let scratch: Scratch
        let accounts = OSAccounts()
        let group: String
        let tern: String
        let catalogue: String
        let studentA: String, studentB: String, staff: String

        init() throws {
            scratch = try Scratch()
            group = try accounts.group()
            studentA = try accounts.user("tta")
            studentB = try accounts.user("ttb")
            staff = try accounts.user("tts")
            let prefix = scratch.path("prefix")
            let srv = scratch.path("srv")
            catalogue = srv + "/catalogue.sqlite"
            try OSAccounts.system("/usr/bin/make", ["-s", "-C", TernProcess.repositoryRoot.path, "install-files",
                                                   "PREFIX=\(prefix)", "TERN_GROUP=\(group)", "BINARY=\(try TernProcess.binary)",
                                                   "SHARED_CATALOGUE=\(catalogue)"])
            tern = prefix + "/bin/tern"
            try FileManager.default.createDirectory(atPath: srv, withIntermediateDirectories: false)
            try OSAccounts.system("/bin/chown", ["root:\(group)", srv])
            try OSAccounts.system("/bin/chmod", ["2770", srv])
            // The administrator (root, the catalogue's owner) creates it and adds the students.
            let created = try TernProcess.run(program: tern, ["init", "--demo"])
            guard created.status == 0 else { throw OSAccounts.Failed(description: "init: \(created.stderr)") }
            let students = scratch.path("students.csv")
            try "username,name,email\n\(studentA),Student A,a@example.edu\n\(studentB),Student B,b@example.edu\n"
                .write(toFile: students, atomically: true, encoding: .utf8)
            let imported = try TernProcess.run(program: tern, ["import", students])
            guard imported.status == 0 else { throw OSAccounts.Failed(description: "import: \(imported.stderr)") }
            // An admin: the tests below import and act for students as staff.
            try OSAccounts.system("/usr/bin/sqlite3", [catalogue, "INSERT INTO staff(username, name, role) VALUES ('\(staff)', 'Staff S', 'admin')"])
            // sqlite3 leaves no -wal behind; the owner's tern check makes it again, as the
            // refusal a user would see tells the administrator to do.
            _ = try TernProcess.run(program: tern, ["check"])
        }

        func sqlite(_ sql: String) throws -> String {
            try OSAccounts.system("/usr/bin/sqlite3", ["-readonly", catalogue, sql]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    static func mode(_ path: String) throws -> (mode: Int, group: String) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (try #require(attributes[.posixPermissions] as? Int), try #require(attributes[.groupOwnerAccountName] as? String))
    }

    @Test func theInstalledBinaryIsSetgidAndTheCatalogueBelongsToTheGroupOnly() throws {
        let host = try Host()
        let binary = try Self.mode(host.tern)
        #expect(binary.mode == 0o2755 && binary.group == host.group)
        let file = try Self.mode(host.catalogue)
        #expect(file.mode == 0o660 && file.group == host.group)
        for companion in ["-wal", "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: host.catalogue + companion)
            #expect(attributes[.ownerAccountName] as? String == "root", "\(companion) must be the owner's")
        }
        let config = try String(contentsOfFile: host.scratch.path("prefix/etc/tern/tern.toml"), encoding: .utf8)
        #expect(config == "catalogue = \"\(host.catalogue)\"\n")
    }

    @Test func aStudentCannotOpenTheFileWithSQLiteButAppliesAsThemselfThroughTern() throws {
        let host = try Host()
        let direct = try TernProcess.run(as: host.studentA, program: "/usr/bin/sqlite3", [host.catalogue, "SELECT name, email FROM students"])
        #expect(direct.status != 0)
        #expect(!direct.stdout.contains("@"))
        let applied = try TernProcess.run(as: host.studentA, program: host.tern, ["apply", "atlas-local-seo-cleanup", "--hours", "5", "--note", "hello"])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try host.sqlite("""
            SELECT e.actor_role || ':' || e.actor_username FROM application_events e JOIN applications a ON a.id = e.application_id
            JOIN students s ON s.id = a.student_id WHERE s.username = '\(host.studentA)'
            """) == "student:\(host.studentA)")
        // $USER and LOGNAME say nothing about who you are.
        let pretending = try TernProcess.run(as: host.studentA, program: host.tern, ["portfolio"], environment: ["USER": host.studentB, "LOGNAME": host.studentB])
        #expect(pretending.status == 0, "\(pretending.stderr)")
        #expect(pretending.stdout.contains("Student A") && !pretending.stdout.contains("Student B"))
    }

    @Test func aStudentCannotActAsAnotherStudentOrDoStaffWork() throws {
        let host = try Host()
        let b = host.studentB
        let refusals: [[String]] = [
            ["apply", "atlas-local-seo-cleanup", "--hours", "5", "--user", b],
            ["portfolio", "--user", b],
            ["search", "--sort", "match", "--user", b],
            ["export", "--what", "students"],
            ["export", "--what", "applications"],
            ["import", host.scratch.path("students.csv")],
            ["backup", "/tmp/\(OSAccounts.name("ttbackup")).sqlite"],
            ["settings", "--home-currency", "EUR"],
        ]
        for arguments in refusals {
            let result = try TernProcess.run(as: host.studentA, program: host.tern, arguments)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.hasPrefix("tern: not permitted: ") && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try host.sqlite("SELECT count(*) FROM applications a JOIN students s ON s.id = a.student_id WHERE s.username = '\(b)'") == "0")
    }

    @Test func anInstalledTernTakesItsCatalogueOnlyFromTheSystemConfiguration() throws {
        let host = try Host()
        let elsewhere = host.scratch.path("elsewhere.sqlite")
        let withOption = try TernProcess.run(as: host.studentA, program: host.tern, ["search", "--db", elsewhere])
        #expect(withOption.status == 1)
        #expect(withOption.stderr == "tern: this tern is installed for a shared catalogue; --db and TERN_DB are not accepted\n")
        let withEnvironment = try TernProcess.run(as: host.studentA, program: host.tern, ["search"], environment: ["TERN_DB": elsewhere])
        #expect(withEnvironment.status == 1)
        #expect(!FileManager.default.fileExists(atPath: elsewhere))
        let search = try TernProcess.run(as: host.studentA, program: host.tern, ["search", "design", "--limit", "3"])
        #expect(search.status == 0, "\(search.stderr)")
        // Only the directory's owner may create the shared catalogue.
        try FileManager.default.removeItem(atPath: host.catalogue + "-shm")
        let init_ = try TernProcess.run(as: host.studentA, program: host.tern, ["init"])
        #expect(init_.status == 1)
        // A user's process never makes the -wal or -shm it would own.
        let missing = try TernProcess.run(as: host.studentA, program: host.tern, ["search", "design"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("-shm file is missing"))
        #expect(!FileManager.default.fileExists(atPath: host.catalogue + "-shm"))
    }

    @Test func staffActForAStudentUnderTheirOwnNameAndUserFilesAreOpenedWithUserRights() throws {
        let host = try Host()
        let portfolio = try TernProcess.run(as: host.staff, program: host.tern, ["portfolio", "--user", host.studentA])
        #expect(portfolio.status == 0, "\(portfolio.stderr)")
        #expect(try host.sqlite("""
            SELECT actor_username || ':' || actor_role || ':' || action FROM audit_log
            WHERE student_id = (SELECT id FROM students WHERE username = '\(host.studentA)')
            """) == "\(host.staff):staff:act_as_student")
        // A file only the tern group may read is not readable through tern's group rights.
        let groupOnly = host.scratch.path("group-only.csv")
        try "username,name,email\nzz,Z,z@example.edu\n".write(toFile: groupOnly, atomically: true, encoding: .utf8)
        try OSAccounts.system("/bin/chown", ["root:\(host.group)", groupOnly])
        try OSAccounts.system("/bin/chmod", ["0640", groupOnly])
        let smuggled = try TernProcess.run(as: host.staff, program: host.tern, ["import", groupOnly])
        #expect(smuggled.status == 1)
        #expect(smuggled.stderr == "tern: cannot read \(groupOnly)\n")
        // Nor is the group's directory writable through them: the portfolio is the user's file.
        let intoShared = try TernProcess.run(as: host.studentA, program: host.tern, ["portfolio", "--output", host.scratch.path("srv/p.md")])
        #expect(intoShared.status == 1)
        #expect(!FileManager.default.fileExists(atPath: host.scratch.path("srv/p.md")))
    }
}
