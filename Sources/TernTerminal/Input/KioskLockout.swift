import Foundation

/// The staff prompt's wrong tries, kept in `kiosk-lock.toml` beside `kiosk.toml`, so that
/// killing the kiosk (its wrapper starts it again) or pulling the plug gives a guesser no fresh
/// tries. Two wrong tries are free; the third locks the prompt for a minute, and every further
/// one for twice as long as the last, up to an hour. The right PIN clears it.
///
/// ```toml
/// failures = 4
/// locked_until = 1796212800   # Unix seconds
/// ```
///
/// ```swift
/// var lockout = KioskLockout.load(path: path)
/// lockout.fail(at: now)                       // after a wrong PIN
/// try lockout.save(path: path)
/// lockout.remainingSeconds(at: now)           // 60
/// ```
public struct KioskLockout: Sendable, Equatable {
    public var failures = 0
    public var lockedUntil: Date?

    /// Wrong tries before the first lock, the first lock, and the longest.
    public static let freeTries = 3
    public static let firstLock: TimeInterval = 60
    public static let longestLock: TimeInterval = 3600

    public init(failures: Int = 0, lockedUntil: Date? = nil) {
        self.failures = failures
        self.lockedUntil = lockedUntil
    }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        UserConfig.configDirectory(environment: environment) + "/kiosk-lock.toml"
    }

    /// Wrong tries left before the next lock (0 once the free ones are used).
    public var triesLeft: Int { max(0, Self.freeTries - failures) }

    /// Seconds the prompt stays locked at `now`, rounded up; nil when it is not locked.
    public func remainingSeconds(at now: Date) -> Int? {
        guard let lockedUntil, lockedUntil > now else { return nil }
        return Int(lockedUntil.timeIntervalSince(now).rounded(.up))
    }

    /// A wrong PIN at `now`: from the third on, a lock twice as long as the one before.
    public mutating func fail(at now: Date) {
        failures += 1
        guard failures >= Self.freeTries else { return }
        let doublings = min(failures - Self.freeTries, 16)
        lockedUntil = now.addingTimeInterval(min(Self.longestLock, Self.firstLock * Double(1 << doublings)))
    }

    /// The right PIN: everything forgiven.
    public mutating func succeed() {
        failures = 0
        lockedUntil = nil
    }

    /// Reads the file. A missing one is no wrong tries; one that cannot be read or parsed counts
    /// as the free tries used up (the next wrong one locks), never as a fresh start.
    public static func load(path: String) -> KioskLockout {
        guard FileManager.default.fileExists(atPath: path) else { return KioskLockout() }
        let used = KioskLockout(failures: freeTries - 1)
        guard let text = try? ConfigError.text(of: path), let document = try? ConfigError.document(text, file: path) else { return used }
        var lockout = KioskLockout()
        for entry in document.entries(of: document.root) {
            switch entry.key {
            case "failures":
                guard let count = entry.value.int, count >= 0 else { return used }
                lockout.failures = count
            case "locked_until":
                guard let seconds = entry.value.int else { return used }
                lockout.lockedUntil = Date(timeIntervalSince1970: TimeInterval(seconds))
            default:
                return used
            }
        }
        return lockout
    }

    public var text: String {
        var lines = ["# tern kiosk: wrong staff PINs so far (the right PIN clears this)", "failures = \(failures)"]
        if let lockedUntil { lines.append("locked_until = \(Int(lockedUntil.timeIntervalSince1970.rounded(.up)))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the file whole, owner-only: a new file synced to disk, then renamed over the old,
    /// so a crash or power cut leaves the old count or the new, never half of one.
    public func save(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ConfigError(file: path, message: "cannot be written") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ConfigError(file: path, message: "cannot be written")
        }
    }
}
