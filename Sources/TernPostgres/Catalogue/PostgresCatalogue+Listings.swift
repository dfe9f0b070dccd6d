import Foundation
import TernStore

/// ``ListingStore`` on PostgreSQL: the listings connection's (``PostgresListings``).
extension PostgresCatalogue {
    public func opportunities(matching query: OpportunityQuery, after cursor: OpportunityCursor?, limit: Int,
                              today: CalendarDay) async throws -> [OpportunitySummary] {
        try await listings.opportunities(matching: query, after: cursor, limit: limit, today: today)
    }

    public func opportunities(matching query: OpportunityQuery, offset: Int, limit: Int, today: CalendarDay) async throws -> [OpportunitySummary] {
        try await listings.opportunities(matching: query, offset: offset, limit: limit, today: today)
    }

    public func countOpportunities(matching query: OpportunityQuery, today: CalendarDay) async throws -> Int {
        try await listings.countOpportunities(matching: query, today: today)
    }

    public func position(of id: Int64, matching query: OpportunityQuery, today: CalendarDay) async throws -> ListingPosition {
        try await listings.position(of: id, matching: query, today: today)
    }

    public func opportunity(id: Int64) async throws -> Opportunity? { try await listings.opportunity(id: id) }
    public func opportunity(ref: String) async throws -> Opportunity? { try await listings.opportunity(ref: ref) }
    public func spotsTaken(on opportunityID: Int64) async throws -> Int { try await listings.spotsTaken(on: opportunityID) }
    public func homeCurrency() async throws -> String { try await listings.homeCurrency() }
    public func organization(named name: String) async throws -> Organization? { try await listings.organization(named: name) }
    public func approval(ofListing id: Int64) async throws -> Approval? { try await listings.approval(ofListing: id) }
    public func applyLink(for ref: String) async throws -> String? { try await listings.applyLink(for: ref) }
}
