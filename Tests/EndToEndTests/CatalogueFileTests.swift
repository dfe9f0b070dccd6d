import Foundation
import Testing

/// The catalogue as a file on a multi-user host: its modes, read-only access, restores, and
/// what a person sees when something is wrong with it (never SQLite's own words).
@Suite struct CatalogueFileTests {
    static func demo(_ scratch: Scratch, _ name: String = "demo.sqlite") throws -> String {
        let db = scratch.path(name)
        let created = try TernProcess.run(["init", "--demo", "--db", db])
        #expect(created.status == 0, "\(created.stderr)")
        return db
    }

    static func count(_ db: String, _ sql: String) throws -> String {
        try OSAccounts.system("/usr/bin/sqlite3", ["-readonly", db, sql]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func listing(_ scratch: Scratch, ref: String) throws -> String {
        let file = scratch.path("\(ref).csv")
        try "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind\n\(ref),Added later,Acme,design,10,5,2099-01-01,unpaid,remote\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A process holding the write lock (an open IMMEDIATE transaction) until `release()`.
    final class WriteLockHolder {
        let process = Process()
        let input = Pipe()
        init(_ db: String) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [db]
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE; INSERT INTO skills(name) VALUES ('held-lock'); SELECT 1;\n".utf8))
            // Wait until the lock is really held: a writer with no patience is refused.
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                let probe = try? OSAccounts.system("/usr/bin/sqlite3", [db, "BEGIN IMMEDIATE; ROLLBACK;"])
                if probe == nil { return }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        /// Ends the transaction and the process by command, not by closing its input: a process
        /// spawned meanwhile by another test (a tmux server) may have inherited the pipe, and then
        /// no end of input would ever come.
        func release() {
            input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try? input.fileHandleForWriting.close()
        }
        deinit { if process.isRunning { release() } }
    }

    @Test func aNewCatalogueIsPrivateAndOneInASharedSetgidDirectoryIsGroupWritable() throws {
        let scratch = try Scratch()
        let personal = try Self.demo(scratch)
        #expect(try FileManager.default.attributesOfItem(atPath: personal)[.posixPermissions] as? Int == 0o600)
        let shared = scratch.path("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        #expect(chmod(shared, 0o2770) == 0)
        let created = try TernProcess.run(["init", "--db", shared + "/catalogue.sqlite"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: shared + "/catalogue.sqlite")[.posixPermissions] as? Int == 0o660)
        // The default catalogue's new directory is private too.
        let data = scratch.path("xdg")
        let first = try TernProcess.run(["init"], environment: ["XDG_DATA_HOME": data])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: data + "/tern")[.posixPermissions] as? Int == 0o700)
    }

    @Test func aWorldWritableCatalogueOrDirectoryIsRefusedAndAWorldReadableOneWarned() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        #expect(chmod(db, 0o666) == 0)
        let writable = try TernProcess.run(["search", "design", "--db", db])
        #expect(writable.status == 1)
        #expect(writable.stderr == "tern: \(db) may be written by every account; refusing it (chmod o-w it, and check it was not tampered with)\n")
        #expect(chmod(db, 0o644) == 0)
        let readable = try TernProcess.run(["search", "design", "--limit", "1", "--db", db])
        #expect(readable.status == 0)
        #expect(readable.stderr == "tern: warning: \(db) is readable by every account on this host; chmod o-r it to keep student records private\n")
        #expect(chmod(db, 0o600) == 0)
        #expect(chmod(scratch.url.path, 0o777) == 0)
        defer { _ = chmod(scratch.url.path, 0o755) }
        let directory = try TernProcess.run(["search", "design", "--db", db])
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("may be written by every account, so anyone could replace the catalogue"))
    }

    @Test(.enabled(if: OSAccounts.isRoot, "needs another account"))
    func aCatalogueThisAccountMayOnlyReadIsSearchedAndLeavesNothingBehind() throws {
        let scratch = try Scratch()
        let accounts = OSAccounts()
        let reader = try accounts.user("ttr")
        let db = try Self.demo(scratch)
        func files() throws -> Set<String> { Set(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)) }

        // Another account's catalogue, readable by this one, with and without its -wal and -shm.
        for companion in ["", "-wal", "-shm"] { _ = chmod(db + companion, 0o644) }
        let before = try files()
        let withCompanions = try TernProcess.run(as: reader, ["search", "design", "--limit", "2", "--json", "--db", db])
        #expect(withCompanions.status == 0, "\(withCompanions.stderr)")
        #expect(withCompanions.stdout.contains("\"title\""))
        #expect(try files() == before)
        try FileManager.default.removeItem(atPath: db + "-wal")
        try FileManager.default.removeItem(atPath: db + "-shm")
        let bare = try files()
        let withoutCompanions = try TernProcess.run(as: reader, ["search", "design", "--limit", "2", "--json", "--db", db])
        #expect(withoutCompanions.status == 0, "\(withoutCompanions.stderr)")
        #expect(try files() == bare, "nothing may be left beside a file this account may only read")
        let write = try TernProcess.run(as: reader, ["apply", "atlas-local-seo-cleanup", "--hours", "5", "--db", db])
        #expect(write.status == 1)

        // The account's own catalogue made 0444: read, nothing left, and writable again after chmod.
        for companion in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: db + companion) {
            try OSAccounts.system("/bin/chown", [reader, db + companion])
        }
        #expect(chmod(db, 0o444) == 0)
        let ownReadOnly = try TernProcess.run(as: reader, ["search", "design", "--limit", "2", "--db", db])
        #expect(ownReadOnly.status == 0, "\(ownReadOnly.stderr)")
        #expect(try files() == bare)
        let exported = try TernProcess.run(as: reader, ["export", "--db", db])
        #expect(exported.status == 0, "the owner may export their own catalogue: \(exported.stderr)")
        #expect(chmod(db, 0o600) == 0)
        try OSAccounts.system("/bin/chown", [reader, scratch.url.path])
        defer { try? OSAccounts.system("/bin/chown", ["root", scratch.url.path]) }
        let imported = try TernProcess.run(as: reader, ["import", try Self.listing(scratch, ref: "after-chmod"), "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    @Test(.enabled(if: OSAccounts.isRoot, "needs another account"))
    func onlyStaffAndTheOwnerOfAPersonalCatalogueMayActForAStudent() throws {
        let scratch = try Scratch()
        let accounts = OSAccounts()
        let other = try accounts.user("tto")
        let db = try Self.demo(scratch)
        #expect(chmod(db, 0o644) == 0)
        let companions = try TernProcess.run(as: other, ["search", "x", "--db", db])
        #expect(companions.stderr == "tern: not permitted: you may read \(db) but not its -wal file; give it the catalogue's permissions\n")
        for companion in ["-wal", "-shm"] { #expect(chmod(db + companion, 0o644) == 0) }
        let notOwner = try TernProcess.run(as: other, ["portfolio", "--user", "tnguyen", "--db", db])
        #expect(notOwner.status == 1)
        #expect(notOwner.stdout.isEmpty)
        #expect(notOwner.stderr.hasSuffix("tern: not permitted: --user is for staff acting for a student; you are \(other)\n"))
        // The full-screen interface checks the same, before it takes the terminal.
        let tmux = try TmuxSession(command: "setpriv --reuid \(other) --regid \(other) --init-groups -- '\(try TernProcess.binary)' --user tnguyen --db '\(db)'; echo EXIT=$?")
        let screen = try tmux.waitFor(text: "EXIT=1")
        #expect(screen.contains("tern: not permitted: --user is for staff acting for a student; you are \(other)"))
        let export = try TernProcess.run(as: other, ["export", "--what", "students", "--db", db])
        #expect(export.status == 1)
        #expect(!export.stdout.contains("@"))
        // The owner of a personal catalogue may (demos, development); of a group-shared one, not.
        let owner = try TernProcess.run(["portfolio", "--user", "tnguyen", "--db", db])
        #expect(owner.status == 0, "\(owner.stderr)")
        #expect(chmod(db, 0o660) == 0)
        let sharedOwner = try TernProcess.run(["portfolio", "--user", "tnguyen", "--db", db])
        #expect(sharedOwner.status == 1)
        #expect(sharedOwner.stderr.contains("--user is for staff"))
    }

    @Test func actingForAStudentIsAudited() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        let before = try Self.count(db, "SELECT count(*) FROM audit_log")
        let applied = try TernProcess.run(["apply", "atlas-local-seo-cleanup", "--hours", "6", "--user", "tnguyen", "--db", db])
        #expect(applied.status == 0, "\(applied.stderr)")
        let login = try #require(OSAccounts.loginName)
        let rows = try Self.count(db, """
            SELECT actor_username || ':' || action FROM audit_log a JOIN students s ON s.id = a.student_id
            WHERE s.username = 'tnguyen' AND a.id > \(before) ORDER BY a.id
            """)
        #expect(rows == "\(login):act_as_student\n\(login):changed_as_student")
    }

    @Test func checkFailsOnACatalogueMadeByANewerTernWithoutAnExtraLine() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        try OSAccounts.system("/usr/bin/sqlite3", [db, "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')"])
        let result = try TernProcess.run(["check", "--db", db])
        #expect(result.status == 1)
        #expect(result.stdout == "catalogue: \(db) was made by a newer Tern; upgrade tern\n")
        #expect(result.stderr.isEmpty)
        // Damage is reported the same way: report lines, no bare "tern: " line.
        let garbage = scratch.path("garbage.sqlite")
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: garbage))
        #expect(chmod(garbage, 0o600) == 0)
        let damaged = try TernProcess.run(["check", "--db", garbage])
        #expect(damaged.status == 1)
        #expect(damaged.stdout == "catalogue: \(garbage) is not a Tern catalogue\n")
        #expect(damaged.stderr.isEmpty)
        let search = try TernProcess.run(["search", "x", "--db", garbage])
        #expect(search.stderr == "tern: \(garbage) is not a Tern catalogue\n")
    }

    @Test func restoreBringsBackABackupThroughTheBackupAPIAndRefusesWhileAWriterIsBusy() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        let backup = scratch.path("backup.sqlite")
        #expect(try TernProcess.run(["backup", backup, "--db", db]).status == 0)
        let listings = try Self.count(db, "SELECT count(*) FROM opportunities")
        #expect(try TernProcess.run(["import", try Self.listing(scratch, ref: "added-after-backup"), "--db", db]).status == 0)
        #expect(try Self.count(db, "SELECT count(*) FROM opportunities") != listings)

        let holder = try WriteLockHolder(db)
        let refused = try TernProcess.run(["restore", backup, "--db", db])
        holder.release()
        #expect(refused.status == 1)
        #expect(refused.stderr == "tern: another process is writing to the catalogue; nothing was restored, try again when it has finished\n")
        #expect(try Self.count(db, "SELECT count(*) FROM opportunities WHERE ref = 'added-after-backup'") == "1")

        // The import after the backup is in the audit log, so the backup is older: an admin's
        // --force-older restores it.
        let restored = try TernProcess.run(["restore", backup, "--force-older", "--db", db])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try Self.count(db, "SELECT count(*) FROM opportunities") == listings)
        #expect(try TernProcess.run(["check", "--db", db]).status == 0)
        // Not a backup: refused before anything is written.
        let notABackup = try TernProcess.run(["restore", try Self.listing(scratch, ref: "x"), "--db", db])
        #expect(notABackup.status == 1)
        #expect(notABackup.stderr.contains("is not a Tern catalogue"))
    }

    @Test func aWriterThatWaitsSaysWhatItWaitsForAndThenSucceeds() throws {
        let scratch = try Scratch()
        let db = try Self.demo(scratch)
        let holder = try WriteLockHolder(db)
        let out = Pipe(), err = Pipe()
        let importing = try TernProcess.start(["import", try Self.listing(scratch, ref: "waited"), "--db", db], stdout: out, stderr: err)
        Thread.sleep(forTimeInterval: 1.6)
        holder.release()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = out.fileHandleForReading.readDataToEndOfFile()
        importing.waitUntilExit()
        #expect(importing.terminationStatus == 0, "\(stderr)")
        // The operating system names the process holding the write lock: the account and pid.
        let login = try #require(OSAccounts.loginName)
        #expect(stderr == "tern: waiting for \(login)'s sqlite3 (pid \(holder.process.processIdentifier)) to finish writing to the catalogue (up to 30 s)…\n")
    }
}
