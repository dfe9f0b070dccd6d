import Foundation
import Testing

/// A tern finds its demo catalogue and themes from where its executable is, never from
/// `TERN_DATA_DIR` or argv[0]: installed under a PREFIX (`PREFIX/share/tern`), or built in the
/// source tree. A binary copied on its own has no demo to load and creates nothing trying, and
/// draws with the built-in theme without a warning when no theme was asked for.
@Suite struct InstalledDataTests {
    /// Runs `command` with sh in `directory`, with `PATH` leading to `bin` first and no
    /// `TERN_DATA_DIR`, so tern is found the way a user's shell finds it (argv[0] is `tern`).
    static func shell(_ command: String, in directory: String, bin: String) throws -> TernProcess.Outcome {
        try TernProcess.run(program: "/bin/sh", ["-c", "cd \(PseudoTerminal.shellQuoted(directory)) && \(command)"],
                            environment: ["PATH": "\(bin):/usr/bin:/bin", "TERN_DATA_DIR": ""])
    }

    static func noThemeWarning(program: String, db: String) throws -> (drawn: Bool, warned: Bool) {
        let (shown, status) = try PseudoTerminal.session(program: program, ["--db", db, "--user", "demo", "--exit-after-first-frame"],
                                                         environment: ["COLUMNS": "120", "LINES": "40", "TERN_DATA_DIR": ""])
        return (status == 0 && shown.contains("Listings · "), shown.contains("no such theme") || shown.contains("using the default theme"))
    }

    @Test func anInstalledTernFindsItsDemoAndThemesBesideItsExecutable() throws {
        let scratch = try Scratch()
        let prefix = scratch.path("prefix")
        // A group that does not exist: a personal install, never setgid, even as root.
        try OSAccounts.system("/usr/bin/make", ["-s", "-C", TernProcess.repositoryRoot.path, "install-files", "PREFIX=\(prefix)",
                                               "BINARY=\(try TernProcess.binary)", "TERN_GROUP=\(OSAccounts.name("nogroup"))"])
        let created = try Self.shell("tern init --demo --db c.sqlite", in: scratch.url.path, bin: prefix + "/bin")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains(": 159 listings"), "\(created.stdout)")
        let shown = try Self.noThemeWarning(program: prefix + "/bin/tern", db: scratch.path("c.sqlite"))
        #expect(shown.drawn)
        #expect(!shown.warned)
        // A theme that is only installed, never in a user's config: found under PREFIX/share/tern/themes.
        let (themed, status) = try PseudoTerminal.session(program: prefix + "/bin/tern",
            ["--db", scratch.path("c.sqlite"), "--user", "demo", "--theme", "solarized-dark", "--exit-after-first-frame"],
            environment: ["COLUMNS": "120", "LINES": "40", "TERN_DATA_DIR": ""])
        #expect(status == 0 && !themed.contains("no such theme"))
    }

    @Test func aCopiedBinaryWithNoDemoDataCreatesNothingAndWarnsOfNoTheme() throws {
        let scratch = try Scratch()
        let bin = scratch.path("alone")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: try TernProcess.binary, toPath: bin + "/tern")
        let refused = try Self.shell("tern init --demo --db c.sqlite", in: scratch.url.path, bin: bin)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("tern: cannot find the demo catalogue"), "\(refused.stderr)")
        for file in ["c.sqlite", "c.sqlite-wal", "c.sqlite-shm", "c.sqlite-heads"] {
            #expect(!FileManager.default.fileExists(atPath: scratch.path(file)), "\(file) was left behind")
        }
        // The retry is not told "already exists".
        let empty = try Self.shell("tern init --db c.sqlite", in: scratch.url.path, bin: bin)
        #expect(empty.status == 0, "\(empty.stderr)")
        // Demo data that is found but cannot be loaded: what was created is taken away again.
        try FileManager.default.createDirectory(atPath: scratch.path("broken/demo"), withIntermediateDirectories: true)
        try "[{\"ref\": ".write(toFile: scratch.path("broken/demo/opportunities.json"), atomically: true, encoding: .utf8)
        let broken = try TernProcess.run(["init", "--demo", "--db", scratch.path("b.sqlite")], environment: ["TERN_DATA_DIR": scratch.path("broken")])
        #expect(broken.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix("b.sqlite") } == [])
        let demo = try OutputFailureTests.demo(scratch)
        let shown = try Self.noThemeWarning(program: bin + "/tern", db: demo)
        #expect(shown.drawn)
        #expect(!shown.warned)
    }
}
