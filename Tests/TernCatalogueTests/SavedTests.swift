import Foundation
import Testing
@testable import TernCatalogue

@Suite struct SavedListingTests {
    let fixture: CatalogueFixture

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "a"], ["ref": "b"], ["ref": "c"], ["ref": "closed", "status": "closed"],
                                 ["ref": "draft", "status": "draft"]])
        try fixture.addStudent("ana")
        try fixture.addStudent("ben")
    }

    @Test func savingTwiceKeepsOneAndUnsavingTwiceForgetsIt() throws {
        let id = try fixture.listingID("a")
        try fixture.catalogue.setSaved(id, true, by: "ana")
        try fixture.catalogue.setSaved(id, true, by: "ana")
        #expect(try fixture.catalogue.isSaved(id, by: "ana"))
        #expect(try fixture.catalogue.savedCount(of: "ana") == 1)
        #expect(try fixture.catalogue.isSaved(id, by: "ben") == false)
        try fixture.catalogue.setSaved(id, false, by: "ana")
        try fixture.catalogue.setSaved(id, false, by: "ana")
        #expect(try fixture.catalogue.isSaved(id, by: "ana") == false)
        #expect(try fixture.catalogue.savedCount(of: "ana") == 0)
    }

    @Test func theSavedByFilterListsOnlyThatStudentsSavedListingsAndCountAgrees() throws {
        for ref in ["a", "c", "closed"] { try fixture.catalogue.setSaved(try fixture.listingID(ref), true, by: "ana") }
        try fixture.catalogue.setSaved(try fixture.listingID("b"), true, by: "ben")
        let open = OpportunityQuery(savedBy: "ana")
        #expect(Set(try fixture.catalogue.opportunities(matching: open, limit: 50).map(\.ref)) == ["a", "c"])
        #expect(try fixture.catalogue.countOpportunities(matching: open) == 2)
        let all = OpportunityQuery(includeClosed: true, savedBy: "ana")
        #expect(Set(try fixture.catalogue.opportunities(matching: all, limit: 50).map(\.ref)) == ["a", "c", "closed"])
        #expect(try fixture.catalogue.countOpportunities(matching: all) == 3)
        #expect(try fixture.catalogue.savedCount(of: "ana") == 3)
        #expect(try fixture.catalogue.opportunities(matching: OpportunityQuery(savedBy: "ben"), limit: 50).map(\.ref) == ["b"])
        #expect(try fixture.catalogue.countOpportunities(matching: OpportunityQuery(savedBy: "nobody")) == 0)
        #expect(!open.hasNoFilters)
    }

    @Test func savingAsAGuestIsRefusedAndADraftOrMissingListingIsNotFound() throws {
        #expect(throws: CatalogueError.refused("no student profile for guest; ask the career center to create one")) {
            try fixture.catalogue.setSaved(try fixture.listingID("a"), true, by: "guest")
        }
        let draft = try fixture.listingID("draft")
        #expect(throws: CatalogueError.notFound("listing \(draft)")) { try fixture.catalogue.setSaved(draft, true, by: "ana") }
        #expect(throws: CatalogueError.notFound("listing 999999")) { try fixture.catalogue.setSaved(999_999, true, by: "ana") }
        #expect(try fixture.catalogue.savedCount(of: "ana") == 0)
        #expect(try fixture.catalogue.savedCount(of: "guest") == 0)
    }

    @Test func postedAfterKeepsOnlyLaterListingsAndCountAgrees() throws {
        try fixture.addListings([["ref": "old", "posted_at": "2026-01-01T10:00:00Z"],
                                 ["ref": "new", "posted_at": "2026-01-02T10:00:00Z"]])
        let query = OpportunityQuery(words: "listing", postedAfter: "2026-01-01T10:00:00Z")
        let refs = try fixture.catalogue.opportunities(matching: query, limit: 50).map(\.ref)
        #expect(refs.contains("new"))
        #expect(!refs.contains("old"))
        #expect(try fixture.catalogue.countOpportunities(matching: query) == refs.count)
    }
}

@Suite struct SavedSearchTests {
    let fixture: CatalogueFixture
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "old-design", "field": "design", "posted_at": Timestamp.string(start.addingTimeInterval(-86_400))]])
        try fixture.addStudent("ana")
        try fixture.addStudent("ben")
    }

    func newListing(_ ref: String, field: String, postedAt: Date) -> [String: Any] {
        ["ref": ref, "field": field, "posted_at": Timestamp.string(postedAt)]
    }

    @Test func aListingPostedAfterSavingCountsAsNewUntilTheSearchIsSeen() throws {
        let today = CalendarDay(Date())
        let saved = try fixture.catalogue.saveSearch(named: "Design", query: OpportunityQuery(fields: [.design]), for: "ana", now: start)
        #expect(saved.newCount == 0)
        #expect(saved.lastSeenAt == Timestamp.string(start))
        try fixture.addListings([newListing("new-design", field: "design", postedAt: start.addingTimeInterval(3_600)),
                                 newListing("new-writing", field: "writing", postedAt: start.addingTimeInterval(3_600))])
        let listed = try fixture.catalogue.savedSearches(of: "ana", today: today)
        #expect(listed.map(\.name) == ["Design"])
        #expect(listed.first?.newCount == 1)
        #expect(listed.first?.query == OpportunityQuery(fields: [.design]))
        try fixture.catalogue.markSeen(savedSearch: saved.id, by: "ana", now: start.addingTimeInterval(7_200))
        #expect(try fixture.catalogue.savedSearches(of: "ana", today: today).first?.newCount == 0)
    }

    @Test func savingUnderAnExistingNameReplacesItsQueryWhateverTheCase() throws {
        let first = try fixture.catalogue.saveSearch(named: "Design", query: OpportunityQuery(fields: [.design]), for: "ana", now: start)
        let second = try fixture.catalogue.saveSearch(named: "  design ", query: OpportunityQuery(words: "poster", sort: .newest),
                                                      for: "ana", now: start.addingTimeInterval(60))
        #expect(second.id == first.id)
        #expect(second.name == "design")
        #expect(second.createdAt == first.createdAt)
        #expect(second.lastSeenAt == Timestamp.string(start.addingTimeInterval(60)))
        let listed = try fixture.catalogue.savedSearches(of: "ana", today: CalendarDay(start))
        #expect(listed.count == 1)
        #expect(listed.first?.query == OpportunityQuery(words: "poster", sort: .newest))
    }

    @Test func savedSearchesAreListedByNameIgnoringCaseAndOnlyToTheirOwner() throws {
        for name in ["remote", "Data", "apple"] {
            try fixture.catalogue.saveSearch(named: name, query: OpportunityQuery(), for: "ana", now: start)
        }
        try fixture.catalogue.saveSearch(named: "Bens", query: OpportunityQuery(), for: "ben", now: start)
        #expect(try fixture.catalogue.savedSearches(of: "ana", today: CalendarDay(start)).map(\.name) == ["apple", "Data", "remote"])
        #expect(try fixture.catalogue.savedSearches(of: "ben", today: CalendarDay(start)).map(\.name) == ["Bens"])
        #expect(try fixture.catalogue.savedSearches(of: "guest", today: CalendarDay(start)).isEmpty)
    }

    @Test func aSavedSearchNeedsANameOfOneToSixtyCharacters() throws {
        let message = CatalogueError.invalid("a saved search needs a name of 1 to 60 characters")
        #expect(throws: message) { try fixture.catalogue.saveSearch(named: "   ", query: OpportunityQuery(), for: "ana") }
        #expect(throws: message) { try fixture.catalogue.saveSearch(named: String(repeating: "é", count: 61), query: OpportunityQuery(), for: "ana") }
        #expect(try fixture.catalogue.saveSearch(named: String(repeating: "é", count: 60), query: OpportunityQuery(), for: "ana").name.count == 60)
        #expect(throws: CatalogueError.refused("no student profile for guest; ask the career center to create one")) {
            try fixture.catalogue.saveSearch(named: "Mine", query: OpportunityQuery(), for: "guest")
        }
    }

    @Test func aDeletedSavedSearchIsGoneAndDeletingAgainIsNotFound() throws {
        let saved = try fixture.catalogue.saveSearch(named: "Design", query: OpportunityQuery(), for: "ana", now: start)
        try fixture.catalogue.deleteSavedSearch(saved.id, by: "ana")
        #expect(try fixture.catalogue.savedSearches(of: "ana", today: CalendarDay(start)).isEmpty)
        #expect(throws: CatalogueError.notFound("saved search \(saved.id)")) { try fixture.catalogue.deleteSavedSearch(saved.id, by: "ana") }
    }

    @Test func aSavedQueryKeepsEveryPartIncludingTheStudentParts() throws {
        let query = OpportunityQuery(words: "data", fields: [.design, .writing], skills: ["Python"], locationKinds: [.remote, .hybrid],
                                     compensationKinds: [.hourly], paidOnly: true, maxHours: 20, maxDurationDays: 14,
                                     deadlineWithinDays: 7, organization: "Acme", includeClosed: true, sort: .match,
                                     savedBy: "ana", postedAfter: "2026-01-01T00:00:00Z", matchFor: "ana")
        try fixture.catalogue.saveSearch(named: "Everything", query: query, for: "ana", now: start)
        #expect(try fixture.catalogue.savedSearches(of: "ana", today: CalendarDay(start)).first?.query == query)
    }
}
