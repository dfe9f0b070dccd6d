import Foundation
import Testing

/// Issue 17, point 1, exactly as the issue tried it, on a real setgid install with throwaway
/// accounts: a staff member backs up, rewrites the backup with `sqlite3` (triggers dropped,
/// their audit rows deleted, their history re-attributed to a student, an email changed, one
/// trigger recreated) and restores it. The restore is refused and nothing changes.
@Suite(.serialized, .enabled(if: OSAccounts.isRoot, "needs root to create accounts and install setgid"))
struct RestoreAttackTests {
    @Test func aRewrittenBackupIsRefusedAndTheAuditTrailSurvives() throws {
        let host = try SharedHostTests.Host()
        // The attacker is an admin, the strongest staff role, with a private folder of their own.
        let admin = try host.accounts.user("tad")
        try OSAccounts.system("/usr/bin/sqlite3", [host.catalogue, "INSERT INTO staff(username, name, role) VALUES ('\(admin)', 'Admin A', 'admin')"])
        _ = try TernProcess.run(program: host.tern, ["check"])
        let folder = host.scratch.path("home-\(admin)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try OSAccounts.system("/bin/chown", ["\(admin):\(admin)", folder])
        try OSAccounts.system("/bin/chmod", ["0700", folder])

        // Something of theirs to hide: a move on a student's application.
        let application = try host.sqlite("SELECT id FROM applications WHERE status = 'submitted' ORDER BY id LIMIT 1")
        let moved = try TernProcess.run(as: admin, program: host.tern, ["applications", "move", application, "under_review"])
        #expect(moved.status == 0, "\(moved.stderr)")
        let backup = folder + "/b.sqlite"
        let backedUp = try TernProcess.run(as: admin, program: host.tern, ["backup", backup])
        #expect(backedUp.status == 0, "\(backedUp.stderr)")
        #expect(try host.sqlite("SELECT actor_username FROM audit_log WHERE action = 'backup'") == admin, "the backup is audited under the real account")

        let student = host.studentA
        let rewrite = try TernProcess.run(as: admin, program: "/usr/bin/sqlite3", [backup, """
            DROP TRIGGER audit_log_no_delete;
            DROP TRIGGER application_events_no_update;
            DELETE FROM audit_log WHERE actor_username = '\(admin)';
            UPDATE application_events SET actor_role = 'student', actor_username = '\(student)' WHERE actor_username = '\(admin)';
            UPDATE students SET email = 'evil@example.com' WHERE username = '\(student)';
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """])
        #expect(rewrite.status == 0, "\(rewrite.stderr)")

        let auditBefore = try host.sqlite("SELECT count(*) FROM audit_log")
        let restored = try TernProcess.run(as: admin, program: host.tern, ["restore", backup])
        #expect(restored.status == 1)
        #expect(restored.stdout.isEmpty)
        #expect(restored.stderr == "tern: \(backup) is not a sound backup (schema objects: trigger application_events_no_update is missing); nothing was restored\n")
        // Forcing does not help a backup that is not what Tern wrote.
        let forced = try TernProcess.run(as: admin, program: host.tern, ["restore", backup, "--force-older"])
        #expect(forced.status == 1)
        #expect(forced.stderr.contains("is not a sound backup"))

        // Nothing changed: the audit rows are all there, the move is still the admin's, the
        // email is the student's own, every trigger is in place, and check says so.
        #expect(try host.sqlite("SELECT count(*) FROM audit_log") == auditBefore)
        #expect(try host.sqlite("SELECT actor_username FROM application_events WHERE application_id = \(application) AND to_status = 'under_review'") == admin)
        #expect(try host.sqlite("SELECT email FROM students WHERE username = '\(student)'") == "a@example.edu")
        let check = try TernProcess.run(program: host.tern, ["check"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("schema objects: ok"))
        #expect(check.stdout.contains("chains: ok"))

        // A fresh, untouched backup restores plainly, and the restore's own row survives it.
        let clean = folder + "/clean.sqlite"
        #expect(try TernProcess.run(as: admin, program: host.tern, ["backup", clean]).status == 0)
        let plain = try TernProcess.run(as: admin, program: host.tern, ["restore", clean])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try host.sqlite("SELECT actor_username FROM audit_log WHERE action = 'restore'") == admin)
        #expect(try host.sqlite("SELECT count(*) FROM audit_log WHERE action = 'restore' AND detail LIKE '%dropped 0 audit rows and 0 history events%'") == "1")
        // The head log beside the catalogue is the owner's, in the group, not the user's.
        let log = try FileManager.default.attributesOfItem(atPath: host.catalogue + "-heads")
        #expect(log[.ownerAccountName] as? String == "root")
        #expect(log[.groupOwnerAccountName] as? String == host.group)
        #expect((log[.posixPermissions] as? Int) == 0o660)
    }
}
