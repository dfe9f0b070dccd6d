import Foundation
import TernCatalogue

/// Which listings the student has applied to and which they saved, for the marks on listing
/// rows. Both sets are the student's own and small (a student applies to and saves dozens, not
/// thousands), so they are held whole and rows are marked without a query each.
///
/// ```swift
/// let marks = ListingMarks(catalogue: catalogue, session: session)
/// try marks.reload()
/// marks.saved.contains(listing.id)
/// ```
public final class ListingMarks {
    let catalogue: Catalogue
    let session: StudentSession
    public private(set) var applied: Set<Int64> = []
    public private(set) var saved: Set<Int64> = []
    /// Listings the student applied to and then withdrew from (not in ``applied``).
    public private(set) var withdrawn: Set<Int64> = []

    public init(catalogue: Catalogue, session: StudentSession) {
        self.catalogue = catalogue
        self.session = session
    }

    public func reload() throws {
        guard let username = session.username else {
            applied = []
            saved = []
            withdrawn = []
            return
        }
        let mine = try catalogue.applications(ofStudent: username)
        // A withdrawal is not an application in play: its row must not wear the ✓.
        applied = Set(mine.filter { $0.application.status != .withdrawn }.map(\.opportunity.id))
        withdrawn = Set(mine.filter { $0.application.status == .withdrawn }.map(\.opportunity.id))
        var query = OpportunityQuery(includeClosed: true, savedBy: username)
        query.sort = .newest
        var found: Set<Int64> = []
        var cursor: OpportunityCursor?
        let page = 200
        while true {
            let rows = try catalogue.opportunities(matching: query, after: cursor, limit: page)
            found.formUnion(rows.map(\.id))
            guard rows.count == page, let last = rows.last else { break }
            cursor = last.cursor
        }
        saved = found
    }

    /// Records a save or unsave made on this screen, without a reload.
    public func setSaved(_ id: Int64, _ isSaved: Bool) {
        if isSaved { saved.insert(id) } else { saved.remove(id) }
    }
}
