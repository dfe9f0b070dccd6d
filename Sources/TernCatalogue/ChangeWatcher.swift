import Foundation
internal import GRDB

/// The SQLite change feed: SQLite bumps `PRAGMA data_version` for one connection whenever any
/// other connection, in this process or another, commits. GRDB's ValueObservation does not see
/// other processes' commits, which is why this polls.
///
/// A writable catalogue asks its own writer connection, through which every one of its commits
/// goes: that connection's version moves only for someone else's commit, so a screen is not told
/// of its own writes (which it has read back already). A read-only catalogue (the kiosk) has no
/// commits of its own; the pool rotates its readers, so the feed keeps a connection of its own.
///
/// ```swift
/// let feed = try DataVersionChangeFeed(catalogue: catalogue)
/// ```
public final class DataVersionChangeFeed: ChangeFeed, @unchecked Sendable {
    // One connection, used from one polling thread at a time; DatabaseQueue serializes access.
    private let queue: DatabaseQueue?
    /// The catalogue's pool, whose single writer connection is asked (writable catalogues).
    private let writer: DatabasePool?
    private var lastVersion: Int?
    private let path: String
    private let isImmutable: Bool
    /// The file as it was when the feed started: what a replaced or rewritten file differs from.
    private let startingStamp: FileStamp?

    public convenience init(catalogue: Catalogue) throws {
        do {
            try self.init(connectionPath: catalogue.connectionPath, path: catalogue.path, isImmutable: catalogue.isImmutable,
                          writer: catalogue.isReadOnly ? nil : catalogue.pool)
        } catch let error as DatabaseError {
            throw Catalogue.describe(error, path: catalogue.path)
        }
    }

    init(connectionPath: String, path: String, isImmutable: Bool, writer: DatabasePool? = nil) throws {
        queue = writer == nil ? try DatabaseQueue(path: connectionPath, configuration: Catalogue.configuration(readOnly: true)) : nil
        self.writer = writer
        self.path = path
        self.isImmutable = isImmutable
        startingStamp = FileStamp(path)
    }

    /// Besides commits, the file itself: replaced (as `mv new old` does, or a restore), gone, or
    /// written while it was read as immutable with no WAL. The open connection would go on
    /// reading the old file, whose data version never moves again, so the reader must reopen.
    public func change() throws -> CatalogueChange {
        let stamp = FileStamp(path)
        if stamp == nil || stamp?.hasWAL != startingStamp?.hasWAL { return .reopen }
        if stamp?.device != startingStamp?.device || stamp?.inode != startingStamp?.inode { return .reopen }
        if try hasChanged() { return .data }
        // An immutable read sees no commits at all; a changed file is the only sign.
        if isImmutable, stamp != startingStamp { return .reopen }
        return .none
    }

    public func hasChanged() throws -> Bool {
        let ask: (Database) throws -> Int = { try Int.fetchOne($0, sql: SQLiteDialect.dataVersion) ?? 0 }
        let version = try writer.map { try $0.writeWithoutTransaction(ask) } ?? queue.map { try $0.read(ask) } ?? 0
        defer { lastVersion = version }
        guard let lastVersion else { return false }
        return version != lastVersion
    }
}

extension Catalogue {
    /// This catalogue's change feed; see ``ChangeFeed``.
    ///
    /// ```swift
    /// let loop = Loop(screen: screen, backend: backend, changeFeed: try catalogue.changeFeed())
    /// ```
    public func changeFeed() throws -> any ChangeFeed {
        try DataVersionChangeFeed(catalogue: self)
    }
}

/// A file's identity (device and inode: what a rename over it changes), size, modification time
/// and whether its WAL exists (what changes when a catalogue read as immutable is written by
/// someone else).
struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int
    var hasWAL: Bool

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        hasWAL = FileManager.default.fileExists(atPath: path + "-wal")
    }
}
