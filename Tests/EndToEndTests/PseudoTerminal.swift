import Foundation

/// Runs the `tern` binary with its stdout and stderr on a pseudo-terminal, through util-linux
/// `script`, and captures what the terminal received. That is the only way to see what tern
/// does when it knows a person is watching (`isatty` is true).
enum PseudoTerminal {
    /// What the terminal received. The terminal turns each "\n" into "\r\n" itself (`onlcr`);
    /// nothing else is added (`script -q` prints no banner).
    static func run(_ arguments: [String]) throws -> String {
        try session(arguments).output
    }

    /// What the terminal received and tern's exit status. `environment` adds to the pinned one
    /// (`COLUMNS` and `LINES` size a full-screen command: the pseudo-terminal has no size of its
    /// own here). After `patience` seconds the `script` this started is sent SIGTERM (by its
    /// pid), which hangs up tern's terminal: a broken test fails instead of hanging.
    static func session(program: String? = nil, _ arguments: [String], environment: [String: String] = [:],
                        patience: TimeInterval = 60) throws -> (output: String, status: Int32) {
        let command = try ([program ?? TernProcess.binary] + arguments).map(shellQuoted).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // -q: no banner; -e: tern's exit status; -c: the command; /dev/null: no typescript file.
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": NSTemporaryDirectory(), "SHELL": "/bin/sh",
            "TERM": "xterm-256color", "TERN_DATA_DIR": TernProcess.repositoryRoot.appendingPathComponent("data").path,
        ].merging(environment) { $1 }
        let out = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let script = process.processIdentifier
        let guardTimer = DispatchSource.makeTimerSource(queue: .global())
        guardTimer.schedule(deadline: .now() + patience)
        guardTimer.setEventHandler { kill(script, SIGTERM) }
        guardTimer.resume()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guardTimer.cancel()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }

    /// `text` as one word for /bin/sh.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
