import Foundation
import Testing

/// Output never fails silently (issue 17, point 6): a full disk or a closed stream is one line
/// on stderr and exit 1; a reader that went away ends tern quietly by SIGPIPE, as coreutils
/// does; a full disk is named in Tern's words, and it is the disk that is full.
@Suite struct OutputFailureTests {
    /// The demo catalogue, in a scratch directory.
    static func demo(_ scratch: Scratch) throws -> String {
        let db = scratch.path("catalogue.sqlite")
        let created = try TernProcess.run(["init", "--demo", "--db", db])
        guard created.status == 0 else { throw OSAccounts.Failed(description: "init: \(created.stderr)") }
        return db
    }

    /// Every command the issue found crashing or exiting 0 with an empty file.
    static func writers(_ db: String) -> [[String]] {
        [["export"], ["export", "--what", "students"], ["search", "--json"], ["search"], ["report"], ["report", "--format", "csv"],
         ["applications", "list", "--json"], ["applications", "list"], ["audit"], ["postings", "list"],
         ["portfolio", "--user", "demo"], ["--help"]].map { $0 + ($0 == ["--help"] ? [] : ["--db", db]) }
    }

    @Test func everyCommandToAFullDiskSaysSoAndFails() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        for command in Self.writers(db) {
            let run = try Redirected.run(command, stdout: .file("/dev/full"))
            #expect(run.signal == nil && run.status == 1, "\(command): status \(String(describing: run.status)), signal \(String(describing: run.signal))")
            #expect(run.stderr == "tern: cannot write to standard output: the disk holding it is full\n", "\(command)")
        }
    }

    @Test func everyCommandWithStdoutClosedSaysSoAndFails() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        for command in Self.writers(db) {
            let run = try Redirected.run(command, stdout: .closed)
            #expect(run.signal == nil && run.status == 1, "\(command): status \(String(describing: run.status)), signal \(String(describing: run.signal))")
            #expect(run.stderr == "tern: cannot write to standard output: it is closed\n", "\(command)")
        }
    }

    /// `tern search x | head -1`: the reader has gone. Killed by SIGPIPE without a word (shells
    /// show status 141), whether the parent left SIGPIPE at its default or ignored it.
    @Test func aReaderThatWentAwayEndsTernQuietlyBySIGPIPE() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        for command in Self.writers(db) {
            for ignoring in [false, true] {
                let run = try Redirected.run(command, stdout: .brokenPipe, ignoringSIGPIPE: ignoring)
                #expect(run.signal == SIGPIPE, "\(command), SIGPIPE ignored: \(ignoring): status \(String(describing: run.status)), signal \(String(describing: run.signal))")
                #expect(run.stderr == "", "\(command)")
            }
        }
    }

    /// `2>&-`: nothing can be said, and nothing crashes; a failure still exits 1, a success 0
    /// with its output.
    @Test func withStderrClosedTernNeitherCrashesNorWritesElsewhere() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        let out = scratch.path("out")
        let refused = try Redirected.run(["apply", "no-such-listing", "--hours", "5", "--user", "demo", "--db", db], stdout: .file(out), stderrClosed: true)
        #expect(refused.signal == nil && refused.status == 1)
        #expect(refused.stdout == "")
        let applied = try Redirected.run(["apply", "atlas-local-seo-cleanup", "--hours", "5", "--user", "demo", "--db", db], stdout: .file(out), stderrClosed: true)
        #expect(applied.signal == nil && applied.status == 0)
        #expect(applied.stdout.hasPrefix("applied to "))
        // The catalogue took no error line in place of stderr.
        #expect(try TernProcess.run(["check", "--db", db]).status == 0)
    }

    /// The same on a shared host, where glibc itself puts /dev/null on a closed descriptor of
    /// a setgid program: a student's `tern apply … 2>&-` neither crashes nor loses its result.
    @Test(.enabled(if: OSAccounts.isRoot, "needs root to install setgid and make accounts"))
    func aStudentOnASetgidInstallMayCloseStderr() throws {
        let host = try SharedHostTests.Host()
        let out = host.scratch.path("out")
        let asStudent = ["--reuid", host.studentA, "--regid", host.studentA, "--init-groups", "--", host.tern]
        let applied = try Redirected.run(program: "/usr/bin/setpriv", asStudent + ["apply", "atlas-local-seo-cleanup", "--hours", "5"],
                                         stdout: .file(out), stderrClosed: true, environment: ["HOME": "/nonexistent"])
        #expect(applied.signal == nil && applied.status == 0)
        #expect(applied.stdout.hasPrefix("applied to "))
        let again = try Redirected.run(program: "/usr/bin/setpriv", asStudent + ["apply", "atlas-local-seo-cleanup", "--hours", "5"],
                                       stdout: .file(out), stderrClosed: true, environment: ["HOME": "/nonexistent"])
        #expect(again.signal == nil && again.status == 1)
    }

    /// A small tmpfs mounted for one test (root only), to be filled to the last block;
    /// unmounted when done.
    final class FullDisk {
        let mountPoint: String
        private var mounted = false

        init(_ scratch: Scratch, size: String = "256k") throws {
            mountPoint = scratch.path("full")
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
            try OSAccounts.system("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", mountPoint])
            mounted = true
        }

        /// Fills what is left, so that the next block written fails with ENOSPC.
        func fill() {
            let fd = open(mountPoint + "/filler", O_WRONLY | O_CREAT | O_APPEND, 0o600)
            defer { close(fd) }
            let block = [UInt8](repeating: 0, count: 4096)
            while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        }

        deinit { if mounted { _ = try? OSAccounts.system("/bin/umount", [mountPoint]) } }
    }

    static var mayMount: Bool { OSAccounts.isRoot }

    @Test(.enabled(if: mayMount, "mounting a small tmpfs needs root"))
    func aBackupOrPortfolioToAFullDiskNamesThatDiskNotTheCatalogues() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        let disk = try FullDisk(scratch)
        disk.fill()
        let backup = disk.mountPoint + "/backup.sqlite"
        let backedUp = try TernProcess.run(["backup", backup, "--db", db])
        #expect(backedUp.status == 1)
        #expect(backedUp.stderr.contains("the disk holding \(backup) is full"), "\(backedUp.stderr)")
        #expect(!backedUp.stderr.contains(db))
        #expect(!FileManager.default.fileExists(atPath: backup), "a failed backup leaves nothing behind")
        let portfolio = disk.mountPoint + "/portfolio.md"
        let written = try TernProcess.run(["portfolio", "--user", "demo", "--output", portfolio, "--db", db])
        #expect(written.status == 1)
        #expect(written.stderr == "tern: cannot write \(portfolio): the disk holding it is full\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.mountPoint) == ["filler"], "no half-written file is left")
    }

    /// The import fills the disk itself: more listings than its page cache holds, so SQLite
    /// writes the `-wal` while rows are still being inserted (the bulk-insert path).
    @Test(.enabled(if: mayMount, "mounting a small tmpfs needs root"))
    func anImportOntoAFullDiskSaysSoInTernsWords() throws {
        let scratch = try Scratch()
        let source = scratch.path("synthetic.sqlite")
        let built = try TernProcess.run(["init", "--synthetic", "30000", "--db", source])
        #expect(built.status == 0, "\(built.stderr)")
        let listings = scratch.path("listings.csv")
        let exported = try Redirected.run(["export", "--db", source], stdout: .file(listings))
        #expect(exported.status == 0, "\(exported.stderr)")
        let disk = try FullDisk(scratch, size: "4m")
        let db = disk.mountPoint + "/catalogue.sqlite"
        let created = try TernProcess.run(["init", "--db", db])
        #expect(created.status == 0, "\(created.stderr)")
        let imported = try TernProcess.run(["import", listings, "--db", db])
        #expect(imported.status == 1)
        #expect(imported.stderr == "tern: the disk holding \(db) is full\n")
        #expect(try TernProcess.run(["search", "--json", "--db", db]).stdout == "[]\n", "all or nothing")
    }
}
