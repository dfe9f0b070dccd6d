import Foundation
import Testing

/// The campus setup, end to end: a PostgreSQL server of the test's own, the demo migrated in,
/// and real OS accounts, each connecting as its own role by peer authentication. A student
/// applies from the student screen; an advisor's move from the staff console reaches the
/// student's open screen by LISTEN/NOTIFY; the server restarts under both screens, which say
/// they are reconnecting and come back by themselves; the kiosk browses and survives it too.
@Suite(.serialized, .enabled(if: OSAccounts.isRoot && FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/initdb"),
                             "needs root (real OS accounts) and PostgreSQL 15"))
struct CampusScreensTests {
    /// A PostgreSQL server of this test's own (scripts/test-postgres), so restarting it
    /// touches no other test. Stopped and removed when it goes.
    final class Server {
        let directory: String
        init() throws {
            directory = try CleanSpawn.check(Self.script, ["start"]).trimmingCharacters(in: .whitespacesAndNewlines)
            // Every local account may reach the socket; peer authentication decides who it is.
            try OSAccounts.system("/bin/chmod", ["0755", directory])
        }
        /// Stops the server until ``resume()``: connections are cut, as in a real restart.
        func pause() throws { try CleanSpawn.check(Self.script, ["pause", directory]) }
        func resume() throws { try CleanSpawn.check(Self.script, ["resume", directory]) }
        func psql(_ database: String, _ sql: String) throws -> String {
            try OSAccounts.system("/usr/lib/postgresql/15/bin/psql", ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", directory, "-d", database, "-c", sql])
                .trimmingCharacters(in: .newlines)
        }
        deinit { _ = try? CleanSpawn.run(Self.script, ["stop", directory]) }
        static var script: String { TernProcess.repositoryRoot.appendingPathComponent("scripts/test-postgres").path }
    }

    /// `tern` as `user` in a terminal of its own.
    static func screen(as user: String, _ arguments: String, url: String, width: Int = 120, height: Int = 40) throws -> TmuxSession {
        try TmuxSession(command: "/usr/bin/setpriv --reuid \(user) --regid \(user) --init-groups -- \(try TernProcess.binary) \(arguments)",
                        width: width, height: height,
                        environment: ["TERN_DB": url, "HOME": "/nonexistent", "USER": user, "LOGNAME": user,
                                      "TERN_DATA_DIR": TernProcess.repositoryRoot.appendingPathComponent("data").path])
    }

    @Test func aStudentAndAnAdvisorWorkOnOneServerAndBothSurviveARestart() throws {
        let server = try Server()
        let accounts = OSAccounts()
        let student = try accounts.user(), advisor = try accounts.user()
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        _ = try server.psql("postgres", "CREATE DATABASE tern")
        let url = "postgresql:///tern?host=\(server.directory)"
        let migrated = try TernProcess.run(["migrate", "--db", db, "--to", url])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        // Their records, and their accounts made as `tern accounts sync` makes them.
        _ = try server.psql("tern", """
            INSERT INTO students (username, name, email, created_at, hours_per_week)
            VALUES ('\(student)', 'Test Student', 's@example.edu', '2026-09-01T09:00:00Z', 20);
            INSERT INTO staff (username, name, role) VALUES ('\(advisor)', 'Test Advisor', 'advisor');
            SELECT tern_account_grant('\(student)', 'tern_student'), tern_account_grant('\(advisor)', 'tern_advisor');
            """)

        let studentScreen = try Self.screen(as: student, "", url: url)
        try studentScreen.waitFor(text: "signed in as Test Student", seconds: 30)
        try studentScreen.send("a")
        try studentScreen.waitFor(text: "Cover note")
        try studentScreen.send("-l", "I can do this well and on time.")
        try studentScreen.send("C-s")
        try studentScreen.waitFor(text: "application sent", seconds: 20)
        try studentScreen.waitFor(text: "My applications (1)")
        // The server kept it under the student's own name, as the student's role wrote it.
        #expect(try server.psql("tern", """
            SELECT a.status || ' ' || e.actor_username FROM applications a JOIN students s ON s.id = a.student_id
            JOIN application_events e ON e.application_id = a.id WHERE s.username = '\(student)'
            """) == "submitted \(student)")

        let console = try Self.screen(as: advisor, "triage", url: url, width: 140, height: 44)
        try console.waitFor(text: "signed in as Test Advisor", seconds: 30)
        try console.send("l")
        try console.send("-l", "student:\(student)")
        try console.send("Enter")
        try console.waitFor(text: "Applications (1)")
        try console.send("r")
        try console.waitFor(text: "now under review", seconds: 20)
        // Another connection's commit reaches the student's open screen by itself.
        try studentScreen.waitFor(text: "Under review", seconds: 20)

        // The server goes away under both: each says so and keeps what it shows and what was typed.
        try studentScreen.send("/")
        try studentScreen.send("-l", "forecast")
        try server.pause()
        try studentScreen.waitFor(text: "reconnecting to the catalogue", seconds: 20)
        try console.waitFor(text: "reconnecting to the catalogue", seconds: 20)
        try studentScreen.send("-l", " spring")
        try studentScreen.waitFor(text: "forecast spring")
        #expect(try console.screen().contains("Applications (1)"))
        // Back: both read again by themselves, and work.
        try server.resume()
        try studentScreen.waitFor("the student's screen back, the search applied", seconds: 30) {
            !$0.contains("reconnecting") && $0.contains("Forecast spring repair demand")
        }
        try console.waitFor("the console back", seconds: 30) { !$0.contains("reconnecting") }
        try console.send("l")
        try console.send("C-u")
        try console.send("Enter")
        try console.waitFor("the whole queue read after the restart", seconds: 30) { !$0.contains("Applications (1)") && $0.contains("Applications (") }
        _ = accounts
    }


    @Test func aKioskAccountBrowsesOnlyApprovedOpenListingsAndComesBackAfterTheServerWasAway() throws {
        let server = try Server()
        let accounts = OSAccounts()
        let kiosk = try accounts.user()
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        _ = try server.psql("postgres", "CREATE DATABASE tern")
        let url = "postgresql:///tern?host=\(server.directory)"
        #expect(try TernProcess.run(["migrate", "--db", db, "--to", url]).status == 0)
        _ = try server.psql("tern", "SELECT tern_account_grant('\(kiosk)', 'tern_kiosk')")
        // Listed: open, approved and not past its deadline (what no expiry pass has closed yet).
        let open = try server.psql("tern", """
            SELECT count(*) FROM opportunities WHERE status = 'open' AND approval = 'approved'
            AND deadline >= ((now() AT TIME ZONE 'UTC')::date)::text
            """)
        let all = try server.psql("tern", "SELECT count(*) FROM opportunities")
        #expect(open != all, "the demo has listings the kiosk must not show")

        // The kiosk account's own configuration, its PIN set as it would set it.
        let config = scratch.path("kiosk-config")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try OSAccounts.system("/bin/chown", ["-R", "\(kiosk):\(kiosk)", config])
        try OSAccounts.system("/bin/chmod", ["0755", scratch.url.path])
        let environment = ["XDG_CONFIG_HOME": config, "HOME": "/nonexistent", "USER": kiosk, "LOGNAME": kiosk, "TERN_DB": url,
                           "TERN_DATA_DIR": TernProcess.repositoryRoot.appendingPathComponent("data").path]
        let setPIN = try TernProcess.run(program: "/bin/sh", ["-c", "printf '730518\\n730518\\n' | /usr/bin/setpriv --reuid \(kiosk) --regid \(kiosk) --init-groups -- \"$0\" kiosk --set-pin", try TernProcess.binary],
                                         environment: environment)
        #expect(setPIN.status == 0, "\(setPIN.stderr)")

        let screen = try TmuxSession(command: "/usr/bin/setpriv --reuid \(kiosk) --regid \(kiosk) --init-groups -- \(try TernProcess.binary) kiosk",
                                     environment: environment)
        // Every approved open listing, and nothing else: the kiosk's role reads only its views.
        try screen.waitFor(text: "\(open) open listings", seconds: 30)

        try server.pause()
        try screen.waitFor(text: "Listings are being updated.", seconds: 30)
        try server.resume()
        try screen.waitFor(text: "\(open) open listings", seconds: 30)
        _ = accounts
    }
}
