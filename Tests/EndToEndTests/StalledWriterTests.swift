import Foundation
import Testing

/// One process cannot stall everyone: an import whose terminal takes nothing still finishes
/// (so it never sits on the write lock), and a writer that waits on a stopped process names
/// it, account and pid.
@Suite(.serialized) struct StalledWriterTests {
    /// `count` listings for `tern import`.
    static func listings(_ count: Int, in scratch: Scratch) throws -> String {
        var csv = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,compensation_amount,currency,location_kind\n"
        for i in 0..<count { csv += "stall-\(i),Stall listing \(i),Org \(i % 50),data_analysis,10,14,2099-06-01,hourly,20,USD,remote\n" }
        let file = scratch.path("listings.csv")
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Polls `condition` every 20 ms for up to `patience` seconds.
    static func eventually(_ patience: TimeInterval = 60, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(patience)
        while Date() < deadline {
            if try condition() { return true }
            usleep(20_000)
        }
        return try condition()
    }

    /// The pid holding SQLite's WAL write lock (byte 120 of the `-shm` file), as `fcntl(F_GETLK)`
    /// reports it. This test process holds no lock of its own there, so closing is harmless.
    static func writeLockHolder(_ db: String) -> pid_t? {
        let descriptor = open(db + "-shm", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var probe = flock()
        probe.l_type = Int16(F_WRLCK)
        probe.l_whence = Int16(SEEK_SET)
        probe.l_start = 120
        probe.l_len = 1
        guard fcntl(descriptor, F_GETLK, &probe) == 0, probe.l_type != Int16(F_UNLCK) else { return nil }
        return probe.l_pid
    }

    /// Collects a pipe's bytes on a thread of its own, so the child never blocks on it.
    final class Drain: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        init(_ pipe: Pipe) {
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    lock.withLock { data.append(chunk) }
                }
            }
        }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }

    @Test func anImportWhoseTerminalIsStoppedStillFinishesAndAnotherWriterGetsIn() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let file = try Self.listings(5_000, in: scratch)
        // A terminal nobody reads, its output stopped as by Ctrl-S and its buffer already full:
        // any write that waits for it would wait for ever.
        // /dev/ptmx by hand: Glibc's posix_openpt and ptsname are not visible to Swift, nor are
        // the ioctl macros (TIOCSPTLCK = _IOW('T', 0x31, int), TIOCGPTN = _IOR('T', 0x30, unsigned)).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(master >= 0)
        defer { close(master) }
        var unlock: Int32 = 0, number: UInt32 = 0
        try #require(ioctl(master, 0x4004_5431, &unlock) == 0 && ioctl(master, 0x8004_5430, &number) == 0)
        let slavePath = "/dev/pts/\(number)"
        let slave = open(slavePath, O_RDWR | O_NOCTTY)
        try #require(slave >= 0)
        defer { close(slave) }
        #expect(tcflow(slave, TCOOFF) == 0)
        let filler = open(slavePath, O_WRONLY | O_NOCTTY | O_NONBLOCK)
        try #require(filler >= 0)
        let block = [UInt8](repeating: UInt8(ascii: "x"), count: 4_096)
        while block.withUnsafeBytes({ write(filler, $0.baseAddress, $0.count) }) > 0 {}
        close(filler)

        let out = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TernProcess.binary)
        process.arguments = ["import", file, "--db", db]
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": NSTemporaryDirectory(), "TERM": "xterm-256color"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        try process.run()
        let importer = process.processIdentifier
        let stdout = Drain(out)

        // Another writer while the import runs, and after it: neither waits on the terminal.
        let applied = try TernProcess.run(["apply", "atlas-local-seo-cleanup", "--hours", "5", "--user", "tnguyen", "--db", db])
        #expect(applied.status == 0, "\(applied.stderr)")
        let finished = Self.eventually { !process.isRunning }
        if !finished { kill(importer, SIGKILL) }
        process.waitUntilExit()
        try #require(finished, "the import waited on its stopped terminal")
        #expect(process.terminationStatus == 0)
        #expect(Self.eventually(5) { stdout.text.contains("5000 new, 0 updated") }, "\(stdout.text)")
    }

    @Test func aWriterWaitingOnAStoppedProcessNamesItsAccountAndPid() throws {
        let scratch = try Scratch()
        let db = try CommandLineTests.seededDemo(scratch)
        let file = try Self.listings(30_000, in: scratch)
        let out = Pipe(), err = Pipe()
        let importing = try TernProcess.start(["import", file, "--db", db], stdout: out, stderr: err)
        let importer = importing.processIdentifier
        let drains = (Drain(out), Drain(err))
        defer {
            kill(importer, SIGCONT)
            importing.waitUntilExit()
            _ = drains
        }
        // Stop the import while it holds the write lock; if it let go just before the signal,
        // let it run on and try again.
        var stopped = false
        while !stopped && importing.isRunning {
            guard Self.eventually(60, { Self.writeLockHolder(db) == importer || !importing.isRunning }), importing.isRunning else { break }
            kill(importer, SIGSTOP)
            if Self.writeLockHolder(db) == importer { stopped = true } else { kill(importer, SIGCONT) }
        }
        try #require(stopped, "the import finished before it could be stopped while writing")

        let waiterOut = Pipe(), waiterErr = Pipe()
        let waiter = try TernProcess.start(["apply", "atlas-local-seo-cleanup", "--hours", "5", "--user", "tnguyen", "--db", db],
                                           stdout: waiterOut, stderr: waiterErr)
        let waiterDrains = (Drain(waiterOut), Drain(waiterErr))
        defer {
            // SIGKILL: a child may inherit a test thread's blocked SIGTERM.
            if waiter.isRunning { kill(waiter.processIdentifier, SIGKILL) }
            waiter.waitUntilExit()
        }
        let me = String(cString: getpwuid(getuid()).pointee.pw_name)
        let named = "waiting for \(me)'s tern (pid \(importer), stopped) to finish writing to the catalogue"
        #expect(Self.eventually(20) { waiterDrains.1.text.contains(named) }, "\(waiterDrains.1.text)")
        #expect(waiterDrains.1.text.contains("kill -CONT \(importer)"))
        _ = waiterDrains.0
    }
}
