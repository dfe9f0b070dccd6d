import Foundation

/// A search a student named and kept, with how many listings appeared for it since they last
/// looked. The query is stored whole, as JSON.
///
/// ```swift
/// let searches = try catalogue.savedSearches(of: "aokafor", today: CalendarDay(Date()))
/// searches.first?.name       // "Remote design"
/// searches.first?.newCount   // 2
/// ```
public struct SavedSearch: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var name: String
    public var query: OpportunityQuery
    /// When the student last opened it; listings posted after this are new.
    public var lastSeenAt: String
    public var createdAt: String
    /// Listings matching ``query`` today that were posted after ``lastSeenAt``.
    public var newCount: Int

    public init(id: Int64, name: String, query: OpportunityQuery, lastSeenAt: String, createdAt: String, newCount: Int) {
        self.id = id
        self.name = name
        self.query = query
        self.lastSeenAt = lastSeenAt
        self.createdAt = createdAt
        self.newCount = newCount
    }
}
