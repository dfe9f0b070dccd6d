import Foundation
import Testing
import TernCatalogue
@testable import TernViewModels

/// A real catalogue file with the demo data, for view models to read.
final class DemoCatalogue_ {
    let directory: URL
    let catalogue: Catalogue

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-vm-\(UUID().uuidString)")
        catalogue = try Catalogue(path: directory.appendingPathComponent("c.sqlite").path)
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/demo")
        try catalogue.seedDemo(from: demo)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

@Suite struct ListingsViewModelTests {
    @Test func rowsAcrossPageBoundariesMatchOneStraightQuery() throws {
        let demo = try DemoCatalogue_()
        let listings = ListingsViewModel(catalogue: demo.catalogue)
        try listings.reload()
        #expect(listings.count >= 120)
        let straight = try demo.catalogue.opportunities(matching: OpportunityQuery(), limit: 1000).map(\.id)
        let windowed = try listings.rows(in: 95..<130).map(\.id)
        #expect(windowed == Array(straight[95..<130]))
        #expect(try listings.rows(in: (listings.count - 5)..<(listings.count + 50)).count == 5)
        #expect(try listings.rows(in: 5000..<5010).isEmpty)
    }

    @Test func aNewQueryRecountsAndRefetches() throws {
        let demo = try DemoCatalogue_()
        let listings = ListingsViewModel(catalogue: demo.catalogue)
        try listings.setQuery(OpportunityQuery(words: "pyth"))
        #expect(listings.count > 0)
        #expect(listings.count < 120)
        let first = try #require(try listings.row(at: 0))
        let detail = try #require(try demo.catalogue.opportunity(id: first.id))
        let text = ([detail.title, detail.brief, detail.organization] + detail.skills).joined(separator: " ").lowercased()
        #expect(text.contains("pyth"))
    }
}

@Suite struct StudentViewModelTests {
    @Test func anUnknownLoginBrowsesAsAGuestWithNoApplications() throws {
        let demo = try DemoCatalogue_()
        let session = try StudentSession.resolve(catalogue: demo.catalogue, requested: nil, login: "nobody-here")
        #expect(session.isGuest)
        let mine = ApplicationsViewModel(catalogue: demo.catalogue, session: session)
        try mine.reload()
        #expect(mine.applications.isEmpty)
    }

    @Test func theDemoStudentSeesTheirApplicationsAndATimelineWithoutStaffNotesOrNames() throws {
        let demo = try DemoCatalogue_()
        let session = try StudentSession.resolve(catalogue: demo.catalogue, requested: "demo")
        #expect(session.displayName == "Demo Student")
        let mine = ApplicationsViewModel(catalogue: demo.catalogue, session: session)
        try mine.reload()
        #expect(mine.applications.count >= 5)
        for index in mine.applications.indices {
            try mine.select(index)
            #expect(mine.timeline.first?.status == .submitted)
            #expect(mine.timeline.last(where: { $0.status != nil })?.status == mine.applications[index].application.status)
        }
        let feedback = FeedbackViewModel(catalogue: demo.catalogue, session: session)
        try feedback.reload()
        #expect(feedback.items.contains { $0.fromOrganization != nil })
    }

    @Test func theDetailShowsTheStudentsOwnStatusAndACountdown() throws {
        let demo = try DemoCatalogue_()
        let session = try StudentSession.resolve(catalogue: demo.catalogue, requested: "demo")
        let mine = ApplicationsViewModel(catalogue: demo.catalogue, session: session)
        try mine.reload()
        let applied = try #require(mine.applications.first)
        let detail = DetailViewModel(catalogue: demo.catalogue, session: session)
        try detail.show(applied.opportunity.id)
        #expect(detail.detail?.myApplication?.id == applied.id)
        try detail.show(nil)
        #expect(detail.detail == nil)
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
    @Test func aListingFarFromItsOldRowIsFoundWithoutLoadingThePagesBetween() throws {
        let demo = try DemoCatalogue_()
        let deadline = CalendarDay(Date()).adding(days: 200).description
        var csv = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind\n"
        for n in 0..<600 { csv += "far-\(n),Far listing \(n),Acme,design,10,5,\(deadline),unpaid,remote\n" }
        _ = try demo.catalogue.importApproved(Data(csv.utf8), format: .csv)
        let listings = ListingsViewModel(catalogue: demo.catalogue)
        try listings.reload()
        _ = try listings.rows(in: 0..<40)
        let straight = try demo.catalogue.opportunities(matching: OpportunityQuery(), limit: 1000).map(\.id)
        #expect(straight.count > 5 * ListingsViewModel.pageSize, "the record must lie beyond the pages near the old row")
        let far = straight.count - 5
        #expect(try listings.index(of: straight[far], near: 0) == far)
        // A record that left the result is not found, and no page is loaded to learn that.
        let closed = try #require(try demo.catalogue.opportunities(matching: OpportunityQuery(includeClosed: true), limit: 1000)
            .first { $0.status != .open }?.id)
        #expect(try listings.index(of: closed, near: 0) == nil)
    }
}
