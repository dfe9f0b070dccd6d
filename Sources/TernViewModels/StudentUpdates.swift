import Foundation
import TernStore

/// The student's Updates as one read: what changed for them, newest first, and how much of it
/// is unread. Built off the loop thread (a background task) and on the command line alike.
///
/// ```swift
/// let updates = try await StudentUpdates.read(store: store, session: session, today: today, now: Date())
/// print("\(updates.unread) unread")
/// ```
public struct StudentUpdates: Sendable, Equatable {
    public var items: [StudentUpdate]

    public init(items: [StudentUpdate] = []) { self.items = items }

    public var unread: Int { items.lazy.filter(\.isUnread).count }

    /// The unread updates not in `earlier`: what arrived while the screen was open.
    public func arrived(since earlier: StudentUpdates) -> [StudentUpdate] {
        let known = Set(earlier.items.map(Self.identity))
        return items.filter { $0.isUnread && !known.contains(Self.identity($0)) }
    }

    /// Reads them; a guest has none.
    public static func read(store: any StudentStore, session: StudentSession, today: CalendarDay, now: Date) async throws -> StudentUpdates {
        guard let username = session.username else { return StudentUpdates() }
        return StudentUpdates(items: try await store.updates(of: username, today: today, now: now))
    }

    /// Marks everything up to `now` seen, then reads them again.
    public static func markRead(store: any StudentStore, session: StudentSession, today: CalendarDay, now: Date) async throws -> StudentUpdates {
        guard let username = session.username else { return StudentUpdates() }
        try await store.markUpdatesRead(of: username, upTo: now)
        return try await read(store: store, session: session, today: today, now: now)
    }

    /// The same update read twice compares equal whether or not it has been read since; a new
    /// match count on a saved search is a new update.
    private static func identity(_ update: StudentUpdate) -> String {
        [update.kind.rawValue, update.at, update.subject, "\(update.listingID ?? 0)", "\(update.applicationID ?? 0)",
         "\(update.savedSearchID ?? 0)", "\(update.count ?? 0)"].joined(separator: "|")
    }
}
