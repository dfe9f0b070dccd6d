import Foundation
import Testing

/// On a real shared host with throwaway accounts: every disclosure and staff change is in the
/// audit log under the real account, with how many records and to where; a student reads the
/// disclosures of their own records with `tern audit --mine`, and nobody else's.
@Suite(.serialized, .enabled(if: OSAccounts.isRoot, "needs root to create accounts and install setgid"))
struct DisclosureAuditTests {
    @Test func disclosuresAreAuditedUnderTheRealAccountAndStudentsSeeTheirOwn() throws {
        let host = try SharedHostTests.Host()
        let out = host.scratch.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o777])
        let file = out + "/students.csv"

        // An export to a file, as the staff member, through the shell's redirection.
        let exported = try TernProcess.run(as: host.staff, program: "/bin/sh", ["-c", "'\(host.tern)' export --what students > '\(file)'"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let students = try host.sqlite("SELECT count(*) FROM students")
        #expect(try host.sqlite("SELECT actor_username, actor_role, detail FROM audit_log WHERE action = 'exported_students'")
                == "\(host.staff)|admin|\(students) students as csv to file \(file)")
        // The whole export reached the file after its row was written.
        #expect(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count == Int(students)! + 1)

        // A list narrowed to one student, to a pipe.
        let listed = try TernProcess.run(as: host.staff, program: host.tern, ["applications", "list", "--student", host.studentA])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(try host.sqlite("""
            SELECT l.actor_username, s.username, l.detail FROM audit_log l JOIN students s ON s.id = l.student_id
            WHERE l.action = 'listed_student_applications'
            """) == "\(host.staff)|\(host.studentA)|0 applications to pipe")
        // So is the audit trail narrowed to one student; the whole trail is not.
        let trailOfA = try TernProcess.run(as: host.staff, program: host.tern, ["audit", "--student", host.studentA])
        #expect(trailOfA.status == 0, "\(trailOfA.stderr)")
        #expect(try host.sqlite("""
            SELECT l.actor_username, s.username FROM audit_log l JOIN students s ON s.id = l.student_id
            WHERE l.action = 'listed_student_audit_trail'
            """) == "\(host.staff)|\(host.studentA)")
        #expect(try TernProcess.run(as: host.staff, program: host.tern, ["audit"]).status == 0)
        #expect(try host.sqlite("SELECT count(*) FROM audit_log WHERE action = 'listed_student_audit_trail'") == "1")
        // A queue page is not a disclosure.
        let queue = try TernProcess.run(as: host.staff, program: host.tern, ["applications", "list"])
        #expect(queue.status == 0)
        #expect(try host.sqlite("SELECT count(*) FROM audit_log WHERE action = 'listed_student_applications'") == "1")

        // Staff applying for a student: the staff member on the student's behalf, with the application.
        let applied = try TernProcess.run(as: host.staff, program: host.tern, ["apply", "atlas-local-seo-cleanup", "--hours", "5", "--user", host.studentA])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try host.sqlite("""
            SELECT e.actor_role, e.actor_username, e.on_behalf_of FROM application_events e
            JOIN applications a ON a.id = e.application_id JOIN students s ON s.id = a.student_id WHERE s.username = '\(host.studentA)'
            """) == "staff|\(host.staff)|\(host.studentA)")
        #expect(try host.sqlite("""
            SELECT count(*) FROM audit_log l JOIN applications a ON a.id = l.application_id
            WHERE l.action = 'changed_as_student' AND l.actor_username = '\(host.staff)'
            """) == "1")

        // Settings: one row naming the change.
        let settings = try TernProcess.run(as: host.staff, program: host.tern, ["settings", "--unpaid-max-hours", "12"])
        #expect(settings.status == 0, "\(settings.stderr)")
        #expect(try host.sqlite("SELECT actor_username, detail FROM audit_log WHERE action = 'changed_settings'")
                .hasPrefix("\(host.staff)|unpaid-max-hours "))
        // The administrator's import when the host was set up, under root, the file's owner.
        #expect(try host.sqlite("SELECT actor_username, actor_role FROM audit_log WHERE action = 'imported'") == "root|owner")

        // Each student reads their own disclosures, and only their own.
        let mineA = try TernProcess.run(as: host.studentA, program: host.tern, ["audit", "--mine"])
        #expect(mineA.status == 0, "\(mineA.stderr)")
        for expected in ["admin Staff S", "your profile, in an export of every student", "the list of your applications",
                         "the audit trail of your records", "your account: acted for you"] {
            #expect(mineA.stdout.contains(expected), "\(expected) missing from: \(mineA.stdout)")
        }
        let mineB = try TernProcess.run(as: host.studentB, program: host.tern, ["audit", "--mine", "--json"])
        #expect(mineB.status == 0, "\(mineB.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(mineB.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["what"] as? String } == ["your profile, in an export of every student"])
        #expect(rows.first?["name"] as? String == "Staff S" && rows.first?["role"] as? String == "admin")
        // The whole trail stays staff work.
        let trail = try TernProcess.run(as: host.studentB, program: host.tern, ["audit"])
        #expect(trail.status == 1)
    }
}
