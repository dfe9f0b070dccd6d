import Foundation

/// A small append-only log beside the catalogue (`catalogue.sqlite-heads`) of the chains' heads:
/// after every write that adds to the audit log, and after each backup and restore, one line
/// with the newest audit row and history event and their hashes.
///
/// It is the witness when the catalogue itself cannot be trusted: a damaged or rewritten live
/// catalogue still leaves its earlier heads here, so a backup can be judged against them. Like
/// the `-wal` file, it is made by the catalogue's owner with the catalogue's mode and only
/// appended to through tern (users of a shared host are not in its group).
///
///     tern-heads-v1 2026-12-07T14:02:11Z write audit=17:9f2c… events=4410:03ab…
///
/// ```swift
/// let log = ChainHeadLog(catalogue: "/srv/tern/catalogue.sqlite")
/// try log.entriesSinceLastRestore()
/// ```
struct ChainHeadLog {
    let path: String

    init(catalogue: String) { path = catalogue + "-heads" }

    enum Reason: String { case write, backup, restore }

    struct Entry: Equatable {
        var at: String
        var reason: Reason
        var heads: ChainedRecords.Heads
    }

    static let header = "tern-heads-v1"

    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Makes the log with the catalogue's mode when it is missing; only the catalogue's owner
    /// does (a user's process would own the file and could rewrite it).
    static func create(beside file: CatalogueFile) {
        let log = ChainHeadLog(catalogue: file.path)
        guard !log.exists, file.ownerUID == getuid() else { return }
        let fd = open(log.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(file.mode & 0o660))
        guard fd >= 0 else { return }
        _ = fchmod(fd, mode_t(file.mode & 0o660))
        close(fd)
    }

    /// Appends one line in a single write (O_APPEND keeps concurrent writers' lines whole).
    /// A missing log is not created here; see ``create(beside:)``.
    func append(_ reason: Reason, _ heads: ChainedRecords.Heads, at: String) throws {
        let line = "\(Self.header) \(at) \(reason.rawValue) audit=\(heads.auditID):\(heads.auditHash) events=\(heads.eventID):\(heads.eventHash)\n"
        let fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return }
            throw CatalogueError.unusable("cannot record the chain heads in \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            let reason = written < 0 ? String(cString: strerror(errno)) : "short write"
            throw CatalogueError.unusable("cannot record the chain heads in \(path): \(reason)")
        }
    }

    /// Every line, oldest first; a line that is not the log's format is damage, named by number.
    func entries() throws -> [Entry] {
        guard exists else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else { throw CatalogueError.unusable("cannot read \(path)") }
        var entries: [Entry] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            guard let entry = Self.parse(String(line)) else {
                throw CatalogueError.unusable("\(path) line \(number + 1) is not a chain-head line; the log was damaged")
            }
            entries.append(entry)
        }
        return entries
    }

    /// The lines a backup must agree with: those since the last restore (inclusive), since a
    /// restore with --force-older starts the chain again from an older head.
    func entriesSinceLastRestore() throws -> [Entry] {
        let all = try entries()
        guard let last = all.lastIndex(where: { $0.reason == .restore }) else { return all }
        return Array(all[last...])
    }

    static func parse(_ line: String) -> Entry? {
        let parts = line.split(separator: " ").map(String.init)
        guard parts.count == 5, parts[0] == header, let reason = Reason(rawValue: parts[2]),
              let audit = pair(parts[3], "audit="), let events = pair(parts[4], "events=") else { return nil }
        return Entry(at: parts[1], reason: reason, heads: .init(auditID: audit.0, auditHash: audit.1, eventID: events.0, eventHash: events.1))
    }

    private static func pair(_ text: String, _ prefix: String) -> (Int64, String)? {
        guard text.hasPrefix(prefix) else { return nil }
        let body = text.dropFirst(prefix.count).split(separator: ":")
        guard body.count == 2, let id = Int64(body[0]), body[1].count == 64 else { return nil }
        return (id, String(body[1]))
    }
}
