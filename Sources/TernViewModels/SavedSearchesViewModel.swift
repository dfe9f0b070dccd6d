import Foundation
import TernCatalogue

/// The student's saved searches, each with how many listings matching it were posted since
/// they last opened it.
///
/// ```swift
/// let saved = SavedSearchesViewModel(catalogue: catalogue, session: session)
/// try saved.save(named: "remote python", query: query)
/// try saved.reload()
/// saved.searches.first?.newCount
/// ```
public final class SavedSearchesViewModel {
    let catalogue: Catalogue
    let session: StudentSession
    private let today: () -> CalendarDay
    public private(set) var searches: [SavedSearch] = []

    public init(catalogue: Catalogue, session: StudentSession, today: @escaping () -> CalendarDay = { CalendarDay(Date()) }) {
        self.catalogue = catalogue
        self.session = session
        self.today = today
    }

    public func reload() throws {
        guard let username = session.username else { searches = []; return }
        searches = try catalogue.savedSearches(of: username, today: today())
    }

    /// Saves (or replaces) the search called `name`.
    @discardableResult
    public func save(named name: String, query: OpportunityQuery, now: Date = Date()) throws -> SavedSearch {
        guard let username = session.username else { throw CatalogueError.notPermitted("guests cannot save searches") }
        let saved = try catalogue.saveSearch(named: name, query: query, for: username, now: now)
        try reload()
        return saved
    }

    /// Opens a saved search: its query, and from now on only later listings count as new.
    public func open(_ search: SavedSearch, now: Date = Date()) throws -> OpportunityQuery {
        guard let username = session.username else { throw CatalogueError.notPermitted("guests have no saved searches") }
        try catalogue.markSeen(savedSearch: search.id, by: username, now: now)
        try reload()
        return search.query
    }

    public func delete(_ search: SavedSearch) throws {
        guard let username = session.username else { throw CatalogueError.notPermitted("guests have no saved searches") }
        try catalogue.deleteSavedSearch(search.id, by: username)
        try reload()
    }
}
