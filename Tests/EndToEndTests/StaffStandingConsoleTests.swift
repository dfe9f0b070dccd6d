import Foundation
import Testing

/// A staff member's console, open in a real terminal as their own OS account, when an admin
/// removes them from the staff list: it stops at once and offers only to quit.
@Suite(.serialized) struct StaffStandingConsoleTests {
    @Test(.enabled(if: OSAccounts.isRoot, "needs another account"))
    func aConsoleOpenWhenItsStaffMemberIsRemovedSaysSoAndOnlyQuits() throws {
        let scratch = try Scratch()
        let accounts = OSAccounts()
        let advisor = try accounts.user("tts")
        let db = try CommandLineTests.seededDemo(scratch)
        // Shared with the advisor's group, as a career office shares it; readable by nobody else.
        #expect(chmod(scratch.url.path, 0o755) == 0)
        for file in [db, db + "-wal", db + "-shm"] {
            try OSAccounts.system("/bin/chown", ["root:\(advisor)", file])
            #expect(chmod(file, 0o660) == 0)
        }
        #expect(try TernProcess.run(["staff", "add", advisor, "--name", "Ada Visor", "--db", db]).status == 0)

        let binary = try TernProcess.binary
        let console = try TmuxSession(
            command: "setpriv --reuid \(advisor) --regid \(advisor) --init-groups -- '\(binary)' triage --db '\(db)'; echo EXIT=$?",
            width: 130, height: 40, environment: ["HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent"])
        _ = try console.waitFor(text: "Applications (")

        let removed = try TernProcess.run(["staff", "remove", advisor, "--db", db])
        #expect(removed.status == 0, "\(removed.stderr)")
        // The removal is another process's commit: the console notices it, or its next key does.
        try console.send("2")
        let screen = try console.waitFor(text: "You are no longer staff")
        #expect(screen.contains("\(advisor) was removed from the staff list") && screen.contains("q quit"))
        #expect(!screen.contains("Postings ·") && !screen.contains("Applications ("))
        try console.send("s", "y", "Enter")
        #expect(try console.screen().contains("You are no longer staff"))
        try console.send("q")
        _ = try console.waitFor(text: "EXIT=0")
        // Nothing was done under the advisor's name after the removal.
        let audit = try TernProcess.run(["audit", "--actor", advisor, "--json", "--db", db])
        #expect(audit.status == 0 && audit.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(audit.stdout)")
    }
}
