import Foundation
internal import GRDB
internal import GRDBSQLite

/// Reads that stop early once their answer is no longer wanted: search-as-you-type supersedes a
/// query with every keystroke, and a one-letter prefix at 1,000,000 listings costs a tenth of a
/// second; the next query should not wait behind it.
///
/// While `body` runs on this thread, every catalogue read it makes asks `isCancelled` every few
/// thousand SQLite steps (a progress handler) and, once it says yes, stops with
/// ``CatalogueError/cancelled``. Nothing is written, so stopping loses nothing. A read made
/// inside a Swift task asks the task's cancellation the same way, with nothing to set up.
///
/// ```swift
/// let page = try Catalogue.cancelling(when: { search.isSuperseded(generation) }) {
///     try catalogue.opportunities(matching: query, limit: 40)
/// }
/// ```
extension Catalogue {
    public static func cancelling<T>(when isCancelled: @escaping @Sendable () -> Bool, _ body: () throws -> T) rethrows -> T {
        let key = ReadCancellation.threadKey
        let previous = Thread.current.threadDictionary[key]
        Thread.current.threadDictionary[key] = ReadCancellation(isCancelled: isCancelled)
        defer { Thread.current.threadDictionary[key] = previous }
        return try body()
    }
}

/// The check a thread's reads make; see ``Catalogue/cancelling(when:_:)``.
final class ReadCancellation: @unchecked Sendable {
    static let threadKey = "tern.read-cancellation"
    /// SQLite virtual-machine steps between checks: a few microseconds of work each.
    static let stepsBetweenChecks: Int32 = 4_000

    let isCancelled: @Sendable () -> Bool
    init(isCancelled: @escaping @Sendable () -> Bool) { self.isCancelled = isCancelled }

    /// The thread's check; else, inside a Swift task (a screen's background work awaiting the
    /// store), the task's cancellation: a superseded search is cancelled by its runner.
    static var current: ReadCancellation? {
        if let explicit = Thread.current.threadDictionary[threadKey] as? ReadCancellation { return explicit }
        return withUnsafeCurrentTask { $0 == nil } ? nil : taskCancellation
    }

    private static let taskCancellation = ReadCancellation { withUnsafeCurrentTask { $0?.isCancelled ?? false } }

    /// Runs `body` with the progress handler installed on `db`, removed afterwards (the
    /// connection goes back to the pool and serves others).
    func watching<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        if isCancelled() { throw CatalogueError.cancelled }
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(db.sqliteConnection, Self.stepsBetweenChecks, { context in
            guard let context else { return 0 }
            return Unmanaged<ReadCancellation>.fromOpaque(context).takeUnretainedValue().isCancelled() ? 1 : 0
        }, context)
        defer { sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil) }
        do {
            return try withExtendedLifetime(self) { try body() }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw CatalogueError.cancelled
        }
    }
}
