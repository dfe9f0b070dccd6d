import Foundation
import Testing

/// The README's kiosk login-shell wrapper, exactly as written there, on a shared (setgid)
/// install: a login to the kiosk account lands in the kiosk, browsing the shared catalogue.
/// The commands are read from README.md, so the two cannot drift apart.
@Suite(.enabled(if: OSAccounts.isRoot, "needs root to install setgid and make a kiosk account"))
struct KioskLoginShellTests {
    /// The `sh` block of the README's kiosk set-up, step 3 (the login-shell wrapper).
    static func readmeWrapperCommands() throws -> [String] {
        let readme = try String(contentsOf: TernProcess.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let step = try #require(readme.range(of: "Make it the account's login shell"))
        let open = try #require(readme.range(of: "```sh\n", range: step.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "```", range: open.upperBound..<readme.endIndex))
        return readme[open.upperBound..<close.lowerBound].split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func theReadmesWrapperStartsTheKioskOnASetgidInstall() throws {
        let host = try SharedHostTests.Host()
        let kiosk = try host.accounts.user("ttk")
        let home = host.scratch.path("kiosk-home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        try OSAccounts.system("/bin/chown", ["\(kiosk):\(kiosk)", home])
        try OSAccounts.system("/usr/sbin/usermod", ["-d", home, kiosk])
        // The kiosk account sets its PIN (two lines on stdin, as a script would).
        try OSAccounts.system("/bin/sh", ["-c", "printf '730518\\n730518\\n' | HOME='\(home)' setpriv --reuid \(kiosk) --regid \(kiosk) --init-groups '\(host.tern)' kiosk --set-pin"])

        // The README's commands, with its paths moved into this installation and the scratch
        // directory (the real /etc/shells is left alone), and its account name replaced.
        let wrapper = host.scratch.path("tern-kiosk")
        let commands = try Self.readmeWrapperCommands()
        #expect(commands.count == 4, "\(commands)")
        for command in commands {
            let local = command
                .replacingOccurrences(of: "/usr/local/bin/tern-kiosk", with: wrapper)
                .replacingOccurrences(of: "/usr/local/bin/tern", with: host.tern)
                .replacingOccurrences(of: "/etc/shells", with: host.scratch.path("shells"))
                .replacingOccurrences(of: "labkiosk", with: kiosk)
            try OSAccounts.system("/bin/sh", ["-c", local])
        }
        #expect(FileManager.default.isExecutableFile(atPath: wrapper))

        // A login as the kiosk account: its login shell is the wrapper.
        let tmux = try TmuxSession(command: "su -l \(kiosk); echo EXIT=$?", width: 120, height: 40)
        let screen = try tmux.waitFor("the kiosk browsing the shared catalogue", seconds: 20) { KioskConsoleTests.browsing($0) }
        #expect(!screen.contains("not accepted"))
        #expect(KioskConsoleTests.count(screen) ?? 0 > 0, "\(screen)")
    }
}
