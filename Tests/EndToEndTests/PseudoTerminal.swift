import Foundation

/// Runs the `tern` binary with its stdout and stderr on a pseudo-terminal, through util-linux
/// `script`, and captures what the terminal received. That is the only way to see what tern
/// does when it knows a person is watching (`isatty` is true).
enum PseudoTerminal {
    /// What the terminal received. The terminal turns each "\n" into "\r\n" itself (`onlcr`);
    /// nothing else is added (`script -q` prints no banner).
    static func run(_ arguments: [String]) throws -> String {
        let command = try ([TernProcess.binary] + arguments).map(shellQuoted).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // -q: no banner; -e: tern's exit status; -c: the command; /dev/null: no typescript file.
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": NSTemporaryDirectory(), "SHELL": "/bin/sh",
            "TERM": "xterm-256color", "TERN_DATA_DIR": TernProcess.repositoryRoot.appendingPathComponent("data").path,
        ]
        let out = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// `text` as one word for /bin/sh.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
