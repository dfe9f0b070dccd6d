import Foundation
import Testing
import StoreFixtures
import TernStore

/// Pages of listings, however they are walked, are the whole result once and in order; counts
/// and positions agree with them. A screen shows a page and a count side by side, so a back end
/// that disagrees with itself shows a wrong number or loses a row between pages.
@Suite struct ListingPagingContract {
    static let keysetSorts: [OpportunitySort] = [.deadline, .newest, .hours, .pay]

    @Test(arguments: BackEnd.all, keysetSorts)
    func keysetPagesJoinToTheWholeResultAndTheCountAgrees(backEnd: BackEnd, sort: OpportunitySort) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        try await expectPagesAgree(opened.store, query: OpportunityQuery(sort: sort))
    }

    @Test(arguments: BackEnd.all)
    func aSearchRankedByRelevancePagesWithoutLosingOrRepeatingARow(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        try await expectPagesAgree(opened.store, query: OpportunityQuery(words: "design", sort: .relevance))
        try await expectPagesAgree(opened.store, query: OpportunityQuery(fields: [.software], sort: .deadline))
    }

    @Test(arguments: BackEnd.all)
    func offsetPagesAreTheKeysetPages(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let query = OpportunityQuery(sort: .newest)
        let whole = try await store.opportunities(matching: query, after: nil, limit: 1_000, today: Demo.today).map(\.id)
        var byOffset: [Int64] = []
        while true {
            let page = try await store.opportunities(matching: query, offset: byOffset.count, limit: 11, today: Demo.today)
            byOffset += page.map(\.id)
            if page.count < 11 { break }
        }
        #expect(byOffset == whole)
    }

    private func expectPagesAgree(_ store: any CatalogueStore, query: OpportunityQuery) async throws {
        let whole = try await store.opportunities(matching: query, after: nil, limit: 1_000, today: Demo.today)
        #expect(whole.count > 7, "the demo must give more than one page for \(query.sort)")
        var walked: [OpportunitySummary] = []
        var cursor: OpportunityCursor?
        while true {
            let page = try await store.opportunities(matching: query, after: cursor, limit: 7, today: Demo.today)
            walked += page
            guard page.count == 7, let last = page.last else { break }
            cursor = last.cursor
        }
        #expect(walked.map(\.id) == whole.map(\.id))
        #expect(Set(walked.map(\.id)).count == walked.count, "a row came back twice")
        #expect(try await store.countOpportunities(matching: query, today: Demo.today) == whole.count)
        // A ranked order (relevance with words) has no stable key to count by: it says so.
        let ranked = query.sort == .relevance && !query.words.isEmpty
        for index in [0, whole.count / 2, whole.count - 1] {
            #expect(try await store.position(of: whole[index].id, matching: query, today: Demo.today) == (ranked ? .unknown : .at(index)))
        }
    }
}
