import Foundation

/// Reading the catalogue of listings: pages of a query (keyset or offset), counts and positions
/// that agree with those pages, and single listings. Every back end gives the same answers for
/// the same rows; the store contract tests hold each one to it.
///
/// A screen never calls a store on its loop: it returns an effect, and the effect's task awaits
/// the store (the SQLite store does its work synchronously inside; PostgreSQL's client is async).
///
/// ```swift
/// let page = try await listings.opportunities(matching: query, after: nil, limit: 40, today: today)
/// ```
public protocol ListingStore: Sendable {
    /// One page of listings matching `query`, in its order, starting after `cursor`.
    /// Costs the page, not the catalogue: keyset queries over indexes.
    ///
    /// ```swift
    /// let first = try catalogue.opportunities(matching: query, limit: 40)
    /// let next = try catalogue.opportunities(matching: query, after: first.last?.cursor, limit: 40)
    /// ```
    func opportunities(matching query: OpportunityQuery, after cursor: OpportunityCursor?, limit: Int, today: CalendarDay) async throws -> [OpportunitySummary]

    /// A page starting at row `offset` without a cursor, for jumps far from any loaded page
    /// (`G` to the end). Costs the rows skipped; prefer the cursor form when continuing.
    func opportunities(matching query: OpportunityQuery, offset: Int, limit: Int, today: CalendarDay) async throws -> [OpportunitySummary]

    /// How many listings match; asked separately from the page so a page never waits on it.
    func countOpportunities(matching query: OpportunityQuery, today: CalendarDay) async throws -> Int

    /// Where the listing `id` stands in `query`'s result: ``ListingPosition/at(_:)`` its index
    /// (0 for the first row), counted through the order's index however deep the row is;
    /// ``ListingPosition/absent`` when the result does not hold it; ``ListingPosition/unknown``
    /// for the ranked orders (relevance with words, For you), which have no stable key to count
    /// by. Lists use it to keep the selection on a record when other rows come and go.
    ///
    /// ```swift
    /// if case .at(let row) = try catalogue.position(of: selected.id, matching: query) { select(row) }
    /// ```
    func position(of id: Int64, matching query: OpportunityQuery, today: CalendarDay) async throws -> ListingPosition

    /// The whole listing, with deliverables and skills.
    func opportunity(id: Int64) async throws -> Opportunity?

    func opportunity(ref: String) async throws -> Opportunity?

    /// Spots already taken on a listing: offers accepted and work under way or done.
    func spotsTaken(on opportunityID: Int64) async throws -> Int

    /// The catalogue's home currency: ``OpportunitySort/pay`` ranks listings paying in it first,
    /// by pay per estimated hour, and every other currency after it. `USD` until staff change it.
    ///
    /// ```swift
    /// let home = try catalogue.homeCurrency()   // "USD"
    /// ```
    func homeCurrency() async throws -> String

    /// The organization that posted a listing, for the detail pane.
    func organization(named name: String) async throws -> Organization?

    /// Where one listing stands in staff review; nil when there is no such listing. Students see
    /// a listing's detail only while it is approved, unless they applied to it.
    ///
    /// ```swift
    /// try catalogue.approval(ofListing: 42)   // .declined
    /// ```
    func approval(ofListing id: Int64) async throws -> Approval?

    /// Where a student applies for the listing `ref`: the catalogue's apply link with the ref in
    /// it, or nil when staff set none.
    func applyLink(for ref: String) async throws -> String?
}
