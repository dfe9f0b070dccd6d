import Foundation
import Testing
import TernCatalogue
import TernStore
import StoreFixtures
@testable import TernViewModels

/// A real catalogue file with the demo data, for view models to read: the store contract's
/// fixture (StoreFixtures), seeded now.
final class DemoCatalogue_ {
    private let demo: SQLiteDemo
    var directory: URL { demo.directory }
    var catalogue: Catalogue { demo.catalogue }

    init() throws { demo = try SQLiteDemo() }
}

/// The pages of a search, as a screen reads them in the background and holds them in its state.
@Suite struct ListingPagesTests {
    static let today = CalendarDay(Date())

    /// Reads the pages `range` touches that are not held yet, as the screen's page tasks do.
    static func fill(_ listings: inout ListingPages, _ range: Range<Int>, from store: any ListingStore) async throws {
        for page in listings.missingPages(in: range) {
            let rows = try await ListingSearch.page(page, of: listings.query, after: listings.row(before: page), in: store, today: today)
            listings.insert(rows, at: page, for: listings.query)
        }
    }

    static func search(_ query: OpportunityQuery, in store: any ListingStore) async -> ListingSearch.Result {
        let first = await ListingSearch.firstPage(of: query, in: store, today: today)
        return first.count == nil ? await ListingSearch.counted(first, in: store, today: today) : first
    }

    @Test func rowsAcrossPageBoundariesMatchOneStraightQuery() async throws {
        let demo = try DemoCatalogue_()
        var listings = ListingPages()
        listings.adopt(await Self.search(OpportunityQuery(), in: demo.catalogue))
        #expect(listings.count >= 120)
        let straight = try demo.catalogue.opportunities(matching: OpportunityQuery(), limit: 1000).map(\.id)
        try await Self.fill(&listings, 95..<130, from: demo.catalogue)
        let windowed = try #require(listings.held(95..<130)).map(\.id)
        #expect(windowed == Array(straight[95..<130]))
        let end = (listings.count - 5)..<(listings.count + 50)
        try await Self.fill(&listings, end, from: demo.catalogue)
        #expect(listings.held(end)?.count == 5)
        #expect(listings.held(5000..<5010)?.isEmpty == true)
    }

    @Test func aNewQueryRecountsAndRefetches() async throws {
        let demo = try DemoCatalogue_()
        var listings = ListingPages()
        listings.adopt(await Self.search(OpportunityQuery(), in: demo.catalogue))
        listings.adopt(await Self.search(OpportunityQuery(words: "pyth"), in: demo.catalogue))
        #expect(listings.count > 0)
        #expect(listings.count < 120)
        let first = try #require(listings.held(0..<1)?.first)
        let detail = try #require(try demo.catalogue.opportunity(id: first.id))
        let text = ([detail.title, detail.brief, detail.organization] + detail.skills).joined(separator: " ").lowercased()
        #expect(text.contains("pyth"))
    }
}

@Suite struct StudentViewModelTests {
    static let today = CalendarDay(Date())

    @Test func anUnknownLoginBrowsesAsAGuestWithNoApplications() async throws {
        let demo = try DemoCatalogue_()
        let session = try StudentSession.resolve(catalogue: demo.catalogue, requested: nil, login: "nobody-here")
        #expect(session.isGuest)
        let mine = try await StudentRecords.read(store: demo.catalogue, session: session, today: Self.today, now: Date())
        #expect(mine.applications.isEmpty)
    }

    @Test func theDemoStudentSeesTheirApplicationsAndATimelineWithoutStaffNotesOrNames() async throws {
        let demo = try DemoCatalogue_()
        let session = try StudentSession.resolve(catalogue: demo.catalogue, requested: "demo")
        #expect(session.displayName == "Demo Student")
        let mine = try await StudentRecords.read(store: demo.catalogue, session: session, today: Self.today, now: Date())
        #expect(mine.applications.count >= 5)
        for overview in mine.applications {
            let timeline = try await ApplicationsViewModel.timeline(of: overview.id, session: session, store: demo.catalogue)
            #expect(timeline.first?.status == .submitted)
            #expect(timeline.last(where: { $0.status != nil })?.status == overview.application.status)
        }
        #expect(mine.feedback.contains { $0.fromOrganization != nil })
    }

    @Test func theDetailShowsTheStudentsOwnStatusAndACountdown() async throws {
        let demo = try DemoCatalogue_()
        let session = try StudentSession.resolve(catalogue: demo.catalogue, requested: "demo")
        let mine = try await StudentRecords.read(store: demo.catalogue, session: session, today: Self.today, now: Date())
        let applied = try #require(mine.applications.first)
        let student = (username: "demo", store: demo.catalogue as any StudentStore)
        let detail = try await ListingDetail.load(applied.opportunity.id, listings: demo.catalogue, student: student, today: Self.today)
        #expect(detail?.myApplication?.id == applied.id)
        #expect(try await ListingDetail.load(-1, listings: demo.catalogue, student: student, today: Self.today) == nil)
    }

    @Test(arguments: [(0, "closes today"), (1, "1 day left"), (9, "9 days left"), (-1, "deadline passed yesterday"), (-4, "deadline passed 4 days ago")])
    func deadlineCountdownReadsNaturally(days: Int, text: String) throws {
        let opportunity = Opportunity(ref: "x", title: "x", organization: "x", field: .design, brief: "", deliverables: [], skills: [],
                                      hours: 5, durationDays: 5, schedule: .flexible, deadline: CalendarDay("2026-01-10")!,
                                      compensationKind: .unpaid, compensation: nil, locationKind: .remote, city: nil, spots: 1,
                                      status: .open, postedAt: "2026-01-01T00:00:00Z")
        let detail = ListingDetail(opportunity: opportunity, organization: nil, myApplication: nil, daysLeft: days, spotsLeft: 1)
        #expect(detail.deadlineCountdown == text)
        #expect(detail.isAcceptingApplications == (days >= 0))
    }
}

@Suite struct ListingSelectionByRecordTests {
    /// A list keeps its selection on a record by asking where the record is now, however far it
    /// moved: never by scanning rows from the top, and never only near where it was.
    @Test func aListingFarFromItsOldRowIsFoundWithoutLoadingThePagesBetween() async throws {
        let demo = try DemoCatalogue_()
        let deadline = CalendarDay(Date()).adding(days: 200).description
        var csv = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind\n"
        for n in 0..<600 { csv += "far-\(n),Far listing \(n),Acme,design,10,5,\(deadline),unpaid,remote\n" }
        _ = try demo.catalogue.importApproved(Data(csv.utf8), format: .csv)
        let today = CalendarDay(Date())
        var listings = ListingPages()
        listings.adopt(await ListingPagesTests.search(OpportunityQuery(), in: demo.catalogue))
        let straight = try demo.catalogue.opportunities(matching: OpportunityQuery(), limit: 1000).map(\.id)
        #expect(straight.count > 5 * ListingPages.pageSize, "the record must lie beyond the pages near the old row")
        let far = straight.count - 5
        let found = try await ListingSearch.locate(straight[far], near: 0, in: listings.query, count: listings.count, store: demo.catalogue, today: today)
        #expect(found?.index == far)
        #expect(found?.page == far / ListingPages.pageSize)
        // A record that left the result is not found, and no page is loaded to learn that.
        let closed = try #require(try demo.catalogue.opportunities(matching: OpportunityQuery(includeClosed: true), limit: 1000)
            .first { $0.status != .open }?.id)
        #expect(try await ListingSearch.locate(closed, near: 0, in: listings.query, count: listings.count, store: demo.catalogue, today: today) == nil)
    }
}
