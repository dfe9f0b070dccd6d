import Foundation
import TernStore

/// Which listings the student has applied to and which they saved, for the marks on listing
/// rows. Both sets are the student's own and small (a student applies to and saves dozens, not
/// thousands), so they are held whole and rows are marked without a query each. A value: read
/// in the background (``StudentRecords/read(store:session:today:now:)``), kept in the state.
///
/// ```swift
/// let marks = ListingMarks(applications: mine, saved: try await ListingMarks.saved(by: "demo", listings: store, today: today))
/// marks.saved.contains(listing.id)
/// ```
public struct ListingMarks: Sendable, Equatable {
    public var applied: Set<Int64> = []
    public var saved: Set<Int64> = []
    /// Listings the student applied to and then withdrew from (not in ``applied``).
    public var withdrawn: Set<Int64> = []

    public init() {}

    public init(applications: [ApplicationOverview], saved: Set<Int64>) {
        // A withdrawal is not an application in play: its row must not wear the ✓.
        applied = Set(applications.filter { $0.application.status != .withdrawn }.map(\.opportunity.id))
        withdrawn = Set(applications.filter { $0.application.status == .withdrawn }.map(\.opportunity.id))
        self.saved = saved
    }

    /// Every listing `username` saved, closed ones too, read a page at a time.
    public static func saved(by username: String, listings: any ListingStore, today: CalendarDay) async throws -> Set<Int64> {
        var query = OpportunityQuery(includeClosed: true, savedBy: username)
        query.sort = .newest
        var found: Set<Int64> = []
        var cursor: OpportunityCursor?
        let page = 200
        while true {
            let rows = try await listings.opportunities(matching: query, after: cursor, limit: page, today: today)
            found.formUnion(rows.map(\.id))
            guard rows.count == page, let last = rows.last else { break }
            cursor = last.cursor
        }
        return found
    }

    /// Records a save or unsave made on this screen, without a reload.
    public mutating func setSaved(_ id: Int64, _ isSaved: Bool) {
        if isSaved { saved.insert(id) } else { saved.remove(id) }
    }
}
