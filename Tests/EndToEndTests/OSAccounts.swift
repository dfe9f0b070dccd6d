import Foundation

/// Throwaway OS accounts and a group for tests that need real identities (root only). Each
/// name is random, so parallel tests and earlier runs never collide; `deinit` removes what it
/// made.
final class OSAccounts {
    static var isRoot: Bool { getuid() == 0 }

    private(set) var users: [String] = []
    private(set) var groups: [String] = []

    /// A random name a login may have: starts with a letter, at most 32 characters.
    static func name(_ prefix: String) -> String {
        prefix + String(UUID().uuidString.lowercased().filter(\.isLetter).prefix(6))
    }

    /// A new group with no members.
    func group(_ prefix: String = "ttg") throws -> String {
        let name = Self.name(prefix)
        try Self.system("/usr/sbin/groupadd", [name])
        groups.append(name)
        return name
    }

    /// A new account with its own group, no home directory and no login shell.
    func user(_ prefix: String = "tt") throws -> String {
        let name = Self.name(prefix)
        try Self.system("/usr/sbin/useradd", ["-M", "-U", "-s", "/usr/sbin/nologin", name])
        users.append(name)
        return name
    }

    deinit {
        for user in users { try? Self.system("/usr/sbin/userdel", [user]) }
        for group in groups { try? Self.system("/usr/sbin/groupdel", [group]) }
    }

    struct Failed: Error, CustomStringConvertible { var description: String }

    /// Runs a program to completion; throws with its stderr when it fails.
    @discardableResult
    static func system(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "\(program) \(arguments.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension TernProcess {
    /// Runs `program` (default: the tern binary) as another account: its uid, its group and its
    /// supplementary groups, nothing of root's.
    static func run(as user: String, program: String? = nil, _ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid", user, "--regid", user, "--init-groups", "--", try program ?? binary] + arguments
        process.environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": "/nonexistent", "USER": user, "LOGNAME": user,
            "TERN_DATA_DIR": repositoryRoot.appendingPathComponent("data").path,
        ].merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension OSAccounts {
    /// This process's login name, from the password database.
    static var loginName: String? {
        guard let entry = getpwuid(getuid()) else { return nil }
        return String(cString: entry.pointee.pw_name)
    }
}
