import Foundation
import Testing
import TernStore
import TernTerminal

/// A store that refuses to be called on a screen's loop: every call made while the loop runs an
/// update or a view is recorded as a test failure and refused. Wrapped around the real SQLite
/// catalogue, it proves a screen reads only from its background tasks.
final class LoopGuardedListings: ListingStore, @unchecked Sendable {
    let base: any ListingStore
    private let lock = NSLock()
    private var calls = 0
    /// Calls made so far (from background tasks, when the screen is sound).
    var callCount: Int { lock.withLock { calls } }

    init(_ base: any ListingStore) { self.base = base }

    struct CalledOnTheLoop: Error { var method: String }

    func check(_ method: String = #function) throws {
        lock.withLock { calls += 1 }
        if LoopThread.isCurrent {
            Issue.record("\(method) was called on the loop thread")
            throw CalledOnTheLoop(method: method)
        }
    }

    func opportunities(matching query: OpportunityQuery, after cursor: OpportunityCursor?, limit: Int, today: CalendarDay) async throws -> [OpportunitySummary] {
        try check(); return try await base.opportunities(matching: query, after: cursor, limit: limit, today: today)
    }
    func opportunities(matching query: OpportunityQuery, offset: Int, limit: Int, today: CalendarDay) async throws -> [OpportunitySummary] {
        try check(); return try await base.opportunities(matching: query, offset: offset, limit: limit, today: today)
    }
    func countOpportunities(matching query: OpportunityQuery, today: CalendarDay) async throws -> Int {
        try check(); return try await base.countOpportunities(matching: query, today: today)
    }
    func position(of id: Int64, matching query: OpportunityQuery, today: CalendarDay) async throws -> ListingPosition {
        try check(); return try await base.position(of: id, matching: query, today: today)
    }
    func opportunity(id: Int64) async throws -> Opportunity? { try check(); return try await base.opportunity(id: id) }
    func opportunity(ref: String) async throws -> Opportunity? { try check(); return try await base.opportunity(ref: ref) }
    func spotsTaken(on opportunityID: Int64) async throws -> Int { try check(); return try await base.spotsTaken(on: opportunityID) }
    func homeCurrency() async throws -> String { try check(); return try await base.homeCurrency() }
    func organization(named name: String) async throws -> Organization? { try check(); return try await base.organization(named: name) }
    func approval(ofListing id: Int64) async throws -> Approval? { try check(); return try await base.approval(ofListing: id) }
    func applyLink(for ref: String) async throws -> String? { try check(); return try await base.applyLink(for: ref) }
}

/// The same for a change feed: asking it is a read too.
final class LoopGuardedFeed: ChangeFeed, @unchecked Sendable {
    let base: any ChangeFeed
    init(_ base: any ChangeFeed) { self.base = base }

    func hasChanged() throws -> Bool {
        if LoopThread.isCurrent { Issue.record("the change feed was asked on the loop thread") }
        return try base.hasChanged()
    }

    func change() throws -> CatalogueChange {
        if LoopThread.isCurrent { Issue.record("the change feed was asked on the loop thread") }
        return try base.change()
    }
}
