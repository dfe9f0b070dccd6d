import Foundation

/// Runs the real `tern` binary (built by `make test`, passed in `TERN_BINARY`) as a child
/// process with a pinned environment, capturing its output.
struct TernProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: String {
        get throws {
            if let path = ProcessInfo.processInfo.environment["TERN_BINARY"], FileManager.default.isExecutableFile(atPath: path) {
                return path
            }
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            for candidate in [".build/release/tern", ".build/debug/tern"] {
                let path = root.appendingPathComponent(candidate).path
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
            throw Missing()
        }
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "no tern binary: run `make test`, or set TERN_BINARY" }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func start(program: String? = nil, _ arguments: [String], stdout: Pipe, stderr: Pipe, environment extra: [String: String] = [:],
                      stdin: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try program ?? binary)
        process.arguments = arguments
        process.environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": NSTemporaryDirectory(),
            "TERN_DATA_DIR": repositoryRoot.appendingPathComponent("data").path,
        ].merging(extra) { $1 }
        process.standardInput = stdin ?? FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return process
    }

    /// `input`, when given, is the child's standard input (then closed).
    static func run(program: String? = nil, _ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Outcome {
        let out = Pipe(), err = Pipe(), inPipe = input.map { _ in Pipe() }
        let process = try start(program: program, arguments, stdout: out, stderr: err, environment: environment, stdin: inPipe)
        if let inPipe, let input {
            try inPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try inPipe.fileHandleForWriting.close()
        }
        // Read before waiting so a large output can't fill the pipe and stall the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A temporary directory for one test's catalogue and files.
final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tern-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
