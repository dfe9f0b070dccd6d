import Foundation
import TernStore

/// The student's saved searches, each with how many listings matching it were posted since
/// they last opened it. Plain functions over the store, for a screen's background tasks; the
/// searches read are held in the screen's state.
///
/// ```swift
/// try await SavedSearchesViewModel.save(named: "remote python", query: query, session: session, store: store)
/// let searches = try await SavedSearchesViewModel.read(session: session, store: store, today: today)
/// searches.first?.newCount
/// ```
public enum SavedSearchesViewModel {
    public static func read(session: StudentSession, store: any StudentStore, today: CalendarDay) async throws -> [SavedSearch] {
        guard let username = session.username else { return [] }
        return try await store.savedSearches(of: username, today: today)
    }

    /// Saves (or replaces) the search called `name`.
    @discardableResult
    public static func save(named name: String, query: OpportunityQuery, session: StudentSession, store: any StudentStore,
                            now: Date = Date()) async throws -> SavedSearch {
        guard let username = session.username else { throw CatalogueError.notPermitted("guests cannot save searches") }
        return try await store.saveSearch(named: name, query: query, for: username, now: now)
    }

    /// Opens a saved search: from now on only later listings count as new.
    public static func markOpened(_ search: SavedSearch, session: StudentSession, store: any StudentStore, now: Date = Date()) async throws {
        guard let username = session.username else { throw CatalogueError.notPermitted("guests have no saved searches") }
        try await store.markSeen(savedSearch: search.id, by: username, now: now)
    }

    public static func delete(_ search: SavedSearch, session: StudentSession, store: any StudentStore) async throws {
        guard let username = session.username else { throw CatalogueError.notPermitted("guests have no saved searches") }
        try await store.deleteSavedSearch(search.id, by: username)
    }
}
