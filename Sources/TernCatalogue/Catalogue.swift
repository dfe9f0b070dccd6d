import Foundation
internal import GRDB
internal import GRDBSQLite

/// The shared SQLite catalogue of opportunities and student records, and the only door to it.
/// Every other layer asks it questions in the domain's words; no SQL leaves this module.
///
/// ```swift
/// let catalogue = try Catalogue(path: "/srv/tern/catalogue.sqlite", opening: .existing)
/// let page = try catalogue.opportunities(matching: OpportunityQuery(words: "design"), limit: 20)
/// ```
public final class Catalogue: Sendable {
    /// The file this catalogue lives in.
    public let path: String
    /// Open read-only at the SQLite level: asked for (kiosks, read-only commands), or because
    /// this account may only read the file. No screen bug can write.
    public let isReadOnly: Bool
    /// Who owns the file and who may write it, as it was when opened.
    public let file: CatalogueFile
    let pool: DatabasePool
    /// What SQLite is given: the path, or a `file:` URI for an immutable read-only open.
    let connectionPath: String
    /// Read as an immutable file (read-only, no WAL beside it): other processes' later commits
    /// are not seen; a reader that stays open watches the file and opens it again.
    public var isImmutable: Bool { connectionPath.hasPrefix("file:") }
    let connectionReadOnly: Bool
    /// Set when staff act for a student (`--user`): every write is then audited under the staff
    /// member's name, whatever path it takes through the catalogue.
    let delegation = Delegation()
    /// Set when the catalogue is authorized for staff work: every transaction checks it again.
    let clearance = ClearanceBox()
    /// Where the heads of the hash chains are witnessed after each audited write.
    let headLog: ChainHeadLog
    /// Says what a person should know but is no error (a long wait, a log that could not be written).
    let notice: (@Sendable (String) -> Void)?

    /// How long a writer waits for another process's write transaction before giving up. Imports
    /// hold the lock only while applying validated rows, so waits are short; this is the ceiling.
    public static let busyTimeout: TimeInterval = 30
    /// After this long a wait is worth a word to the person waiting.
    public static let waitNoticeAfter: TimeInterval = 1

    /// What to do when the file is missing.
    public enum Opening: Sendable {
        /// Create it (tests, the interface's first run on the default path).
        case createIfMissing
        /// It must exist: every command given a path (`--db`, `TERN_DB`).
        case existing
        /// It must not exist yet: `tern init`.
        case new
    }

    /// Opens and migrates the catalogue at `path`.
    ///
    /// - `readOnly`: open at the SQLite level read-only; also chosen when this account may not
    ///   write the file. Reading then works on a file the account may only read, and leaves no
    ///   `-wal` or `-shm` file behind.
    /// - `waitNotice`: called once when a write waits on another process for more than a second,
    ///   with a sentence saying what it waits for.
    public init(path: String, readOnly: Bool = false, opening: Opening = .createIfMissing,
                waitNotice: (@Sendable (String) -> Void)? = nil) throws {
        self.path = path
        headLog = ChainHeadLog(catalogue: path)
        notice = waitNotice
        let exists = FileManager.default.fileExists(atPath: path)
        switch (exists, opening) {
        case (false, .existing): throw CatalogueError.missing(path)
        case (false, _) where readOnly: throw CatalogueError.missing(path)
        case (false, _): try CatalogueFile.create(path)
        case (true, .new): throw CatalogueError.refused("\(path) already exists")
        case (true, _): break
        }
        file = try CatalogueFile.inspect(path)
        isReadOnly = readOnly || !file.isWritable
        // A reader that may not write the file must not create `-wal`/`-shm` beside it: SQLite
        // would make them with the file's read-only mode and break every later writer. With no
        // WAL file nobody is writing, so the file can be read as immutable; with one, SQLite
        // reads through a read-only `-shm` and still sees other processes' commits.
        let walExists = FileManager.default.fileExists(atPath: path + "-wal") && FileManager.default.fileExists(atPath: path + "-shm")
        for companion in ["-wal", "-shm"] where walExists && faccessat(AT_FDCWD, path + companion, R_OK, AT_EACCESS) != 0 {
            // SQLite makes these with the catalogue's mode of the day; a later chmod of the
            // catalogue alone leaves them behind.
            throw CatalogueError.notPermitted("you may read \(path) but not its \(companion) file; give it the catalogue's permissions")
        }
        connectionReadOnly = isReadOnly
        connectionPath = isReadOnly && !file.isWritable && !walExists ? Self.immutableURI(path) : path
        do {
            pool = try DatabasePool(path: connectionPath, configuration: Self.configuration(readOnly: isReadOnly, waitNotice: waitNotice, path: path))
        } catch let error as DatabaseError {
            throw Self.describe(error, path: path)
        }
        try migrate()
        // Made by the catalogue's owner only, read-only opens included (`tern check`), like the
        // kept -wal and -shm files.
        ChainHeadLog.create(beside: file)
    }

    static func configuration(readOnly: Bool, waitNotice: (@Sendable (String) -> Void)? = nil, path: String? = nil) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        var holder: (@Sendable () -> WriteLockHolder?)? = nil
        if let path { holder = { WriteLockHolder.find(catalogue: path) } }
        config.busyMode = .callback(Self.busyHandler(notice: waitNotice, holder: holder))
        config.journalMode = readOnly ? .default : .wal
        config.label = "tern"
        config.prepareDatabase { db in
            // Keep `-wal` and `-shm` when the last connection closes. On a shared host they are
            // made once, by the catalogue's owner, and never again by a user's process (which
            // would own them and could write the catalogue through them); and readers that
            // may only read the file always find them.
            var persist: Int32 = 1
            _ = sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, &persist)
            if !readOnly {
                // A kept `-wal` is truncated when the last connection closes, and between
                // checkpoints never stays above a few megabytes.
                try db.execute(sql: "PRAGMA journal_size_limit = 4194304")
            }
        }
        return config
    }

    /// Waits with growing sleeps, says once (after ``waitNoticeAfter``) what it waits for, and
    /// gives up after ``busyTimeout``. SQLite counts the tries, so the elapsed time is derived
    /// from the schedule and the handler keeps no state of its own. `holder` asks the operating
    /// system who holds the write lock, so the notice can name the account and process.
    static func busyHandler(notice: (@Sendable (String) -> Void)?,
                            holder: (@Sendable () -> WriteLockHolder?)? = nil) -> Database.BusyCallback {
        { tries in
            // A screen's write waiting here is a background task; when the person cancels it,
            // the wait ends and the write is refused as cancelled, having changed nothing.
            if Self.inCancelledTask { return false }
            let waited = waitedMilliseconds(afterTries: tries)
            guard Double(waited) < busyTimeout * 1000 else { return false }
            let next = waitedMilliseconds(afterTries: tries + 1) - waited
            if let notice, waited < Int(waitNoticeAfter * 1000), waited + next >= Int(waitNoticeAfter * 1000) {
                notice(waitNotice(holder: holder?()))
            }
            usleep(useconds_t(next * 1000))
            return true
        }
    }

    /// True inside a Swift task that was cancelled (a screen's superseded or cancelled work).
    static var inCancelledTask: Bool { withUnsafeCurrentTask { $0?.isCancelled ?? false } }

    /// What a waiting writer is told: who holds the lock when the system says, and what a
    /// stopped holder needs.
    static func waitNotice(holder: WriteLockHolder?) -> String {
        guard let holder else {
            return "waiting for another process to finish writing to the catalogue (up to \(Int(busyTimeout)) s)…"
        }
        let stopped = holder.isStopped ? "; it is stopped, and only its owner can continue it (kill -CONT \(holder.pid)) or end it" : ""
        return "waiting for \(holder.sentence) to finish writing to the catalogue (up to \(Int(busyTimeout)) s)\(stopped)…"
    }

    private static let sleepSchedule = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50]
    static func waitedMilliseconds(afterTries tries: Int) -> Int {
        let head = sleepSchedule.prefix(tries).reduce(0, +)
        return head + max(0, tries - sleepSchedule.count) * 100
    }

    /// `file:` URI for an immutable read-only open; `%`, `?` and `#` must be escaped in it.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var escaped = ""
        for scalar in absolute.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "file:\(escaped)?mode=ro&immutable=1"
    }

    private func migrate() throws {
        let migrator = CatalogueSchema.migrator
        do {
            let (newer, complete) = try pool.read { db -> (Bool, Bool) in
                let known = try db.tableExists("grdb_migrations")
                let newer = known ? try migrator.hasBeenSuperseded(db) : false
                return (newer, try migrator.hasCompletedMigrations(db))
            }
            if newer { throw CatalogueError.unusable("\(path) was made by a newer Tern; upgrade tern") }
            if isReadOnly {
                guard complete else { throw CatalogueError.unusable("\(path) needs migrating by someone who may write it") }
            } else if !complete {
                try migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw Self.describe(error, path: path)
        }
    }

    /// Reads in a snapshot; concurrent with writers thanks to WAL.
    /// Inside ``cancelling(when:_:)``, stops with ``CatalogueError/cancelled`` once cancelled.
    /// When the catalogue is authorized for staff work, the staff member's role is read again in
    /// the same snapshot first (``Clearance``): `operation`, when given, names work that needs
    /// more than what the catalogue was authorized for.
    func read<T>(for operation: Operation? = nil, _ body: (Database) throws -> T) throws -> T {
        let clearance = clearance.current
        guard let cancellation = ReadCancellation.current else {
            return try translating {
                try pool.read { db in
                    try clearance?.check(db, for: operation)
                    return try body(db)
                }
            }
        }
        return try translating {
            try pool.read { db in
                try clearance?.check(db, for: operation)
                return try cancellation.watching(db) { try body(db) }
            }
        }
    }

    /// Writes in one `BEGIN IMMEDIATE` transaction: all or nothing. A catalogue authorized for
    /// staff work checks the staff member's role first, inside the transaction (``Clearance``),
    /// for `operation` when given.
    func write<T>(for operation: Operation? = nil, _ body: (Database) throws -> T) throws -> T {
        guard !isReadOnly else { throw readOnlyRefusal }
        let acting = delegation.current
        let clearance = clearance.current
        var moved: ChainedRecords.Heads? = nil
        let result = try translating {
            try pool.write { db in
                try clearance?.check(db, for: operation)
                let before = try ChainedRecords.heads(db)
                let result: T
                if let acting {
                    // Events appended on the student's behalf name the staff member (appendEvent
                    // reads this), and the audit row names the application changed.
                    let delegated = DelegatedWrite(acting)
                    result = try DelegatedWrite.$current.withValue(delegated) { try body(db) }
                    let applications = delegated.applications
                    try Self.audit(db, by: acting.staff, role: acting.role, action: "changed_as_student", student: acting.student,
                                   detail: applications.count > 1 ? "applications " + applications.map(String.init).joined(separator: ", ") : nil,
                                   application: applications.first)
                } else {
                    result = try body(db)
                }
                let after = try ChainedRecords.heads(db)
                if after.auditID != before.auditID { moved = after }
                return result
            }
        }
        if let moved { witness(.write, moved) }
        return result
    }

    /// Appends the chains' heads to the head log, after the commit (never while holding the lock).
    func witness(_ reason: ChainHeadLog.Reason, _ heads: ChainedRecords.Heads) {
        do {
            try headLog.append(reason, heads, at: Timestamp.string(Date()))
        } catch {
            notice?("warning: \(error)")
        }
    }

    var readOnlyRefusal: CatalogueError {
        file.isWritable ? .notPermitted("this catalogue is open read-only")
            : .notPermitted("you may only read \(path)")
    }

    /// SQLite's own refusals become typed catalogue errors in Tern's words: a person never sees
    /// SQLite's messages. Our own triggers' messages (RAISE in the schema) are Tern's words.
    func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            if error.extendedResultCode == .SQLITE_READONLY || error.extendedResultCode == .SQLITE_READONLY_DBMOVED {
                throw readOnlyRefusal
            }
            throw Self.describe(error, path: path)
        }
    }

    /// One clear sentence for an SQLite error, naming the file where it helps.
    static func describe(_ error: DatabaseError, path: String) -> CatalogueError {
        let message = error.message ?? ""
        switch error.resultCode {
        case .SQLITE_CONSTRAINT:
            if error.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER {
                // Raised by the schema's own triggers, in our words.
                return .invalid(message)
            }
            switch error.extendedResultCode {
            case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: return .invalid("that record already exists")
            case .SQLITE_CONSTRAINT_FOREIGNKEY: return .invalid("that refers to a record that does not exist")
            case .SQLITE_CONSTRAINT_NOTNULL: return .invalid("a required value is missing")
            default: return .invalid("the catalogue refused a value that breaks its rules")
            }
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            if inCancelledTask { return .cancelled }
            let holder = WriteLockHolder.find(catalogue: path).map(\.sentence) ?? "another process"
            return .busy("\(holder) kept the catalogue locked for more than \(Int(busyTimeout)) s; try again")
        case .SQLITE_READONLY:
            return .notPermitted("you may only read \(path)")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .unusable("cannot open \(path) (check that it exists and that you may read it)")
        case .SQLITE_NOTADB:
            return .unusable("\(path) is not a Tern catalogue")
        case .SQLITE_CORRUPT:
            return .unusable("\(path) is damaged; run tern check, and restore a backup with tern restore")
        case .SQLITE_FULL:
            return .unusable("the disk holding \(path) is full")
        case .SQLITE_IOERR:
            return .unusable("cannot read or write \(path) (input/output error)")
        case .SQLITE_NOMEM:
            return .unusable("out of memory")
        default:
            return .unusable("unexpected catalogue error (code \(error.extendedResultCode.rawValue)) on \(path)")
        }
    }

    /// Closes the connections (tests and `tern restore` want the file free).
    public func close() throws {
        try pool.close()
    }
}

/// Who is acting for whom in this process, once ``Catalogue/authorize(_:account:actingFor:)``
/// has allowed it.
final class Delegation: @unchecked Sendable {
    struct Acting { var staff: String; var role: String; var student: String }
    private let lock = NSLock()
    private var value: Acting?

    var current: Acting? {
        lock.lock(); defer { lock.unlock() }
        return value
    }

    func set(_ acting: Acting) {
        lock.lock(); defer { lock.unlock() }
        value = acting
    }
}
