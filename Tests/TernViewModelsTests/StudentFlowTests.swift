import Foundation
import Testing
import TernCatalogue
import TernStore
@testable import TernViewModels

/// The student's actions through the view models, over a real catalogue file and no terminal.
@Suite struct StudentFlowTests {
    static func session(_ demo: DemoCatalogue_, _ user: String = "demo") throws -> StudentSession {
        try StudentSession.resolve(catalogue: demo.catalogue, requested: user, login: nil)
    }

    @Test func aSearchsFirstPageAndCountFillTheListingPages() async throws {
        let demo = try DemoCatalogue_()
        let today = CalendarDay(Date())
        let result = await ListingSearch.firstPage(of: OpportunityQuery(words: "pyt"), in: demo.catalogue, today: today)
        #expect(result.query.words == "pyt" && result.failure == nil)
        var listings = ListingPages()
        listings.adopt(result)
        let expected = try demo.catalogue.opportunities(matching: OpportunityQuery(words: "pyt"), limit: 100, today: today)
        #expect(!expected.isEmpty)
        #expect(listings.held(0..<expected.count)?.map(\.id) == expected.map(\.id))
        #expect(listings.count == (try demo.catalogue.countOpportunities(matching: OpportunityQuery(words: "pyt"), today: today)))
        #expect(listings.query.words == "pyt")
        #expect(listings.missingPages(in: 0..<expected.count).isEmpty)
    }

    /// A search its runner cancelled (a newer keystroke) stops before reading and says so.
    @Test func aCancelledSearchStopsAndSaysSo() async throws {
        let demo = try DemoCatalogue_()
        let search = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await ListingSearch.firstPage(of: OpportunityQuery(words: "writ"), in: demo.catalogue, today: CalendarDay(Date()))
        }
        let result = await search.value
        #expect(result.failure == "\(CatalogueError.cancelled)")
        #expect(result.firstPage.isEmpty)
    }

    @Test func aFullFirstPageArrivesBeforeItsCount() async throws {
        let demo = try DemoCatalogue_()
        let first = await ListingSearch.firstPage(of: OpportunityQuery(), in: demo.catalogue, today: CalendarDay(Date()), pageSize: 10)
        #expect(first.firstPage.count == 10 && first.count == nil)
        let counted = await ListingSearch.counted(first, in: demo.catalogue, today: CalendarDay(Date()))
        #expect(counted.count == (try demo.catalogue.countOpportunities(matching: OpportunityQuery())))
        var listings = ListingPages()
        listings.adopt(first)
        #expect(listings.isCounting && listings.count == 10)
        listings.adopt(counted)
        #expect(!listings.isCounting && listings.count == counted.count)
    }

    static func detail(_ id: Int64, _ demo: DemoCatalogue_, as session: StudentSession, today: CalendarDay = CalendarDay(Date())) async throws -> ListingDetail {
        let student = session.username.map { (username: $0, store: demo.catalogue as any StudentStore) }
        return try #require(try await ListingDetail.load(id, listings: demo.catalogue, student: student, today: today))
    }

    @Test func applyingAfterTheDeadlineIsRefusedWithTheReason() async throws {
        let demo = try DemoCatalogue_()
        let session = try Self.session(demo)
        let listing = try #require(try demo.catalogue.opportunities(matching: OpportunityQuery(), limit: 200)
            .first { try demo.catalogue.application(ofStudent: "demo", to: $0.id) == nil })
        // The same listing, a day after its deadline.
        let late = try #require(ISO8601DateFormatter().date(from: "\(listing.deadline.adding(days: 1))T12:00:00Z"))
        let draft = ApplicationDraft(coverNote: "I can do this.", portfolioLink: "", hoursOffered: "10")
        await #expect(throws: CatalogueError.refused("the application deadline (\(listing.deadline)) has passed")) {
            try await ApplyViewModel.submit(draft, to: listing.id, session: session, store: demo.catalogue, now: late)
        }
        #expect(try demo.catalogue.application(ofStudent: "demo", to: listing.id) == nil)

        let detail = try await Self.detail(listing.id, demo, as: session, today: CalendarDay(late))
        #expect(try await ApplyViewModel.refusal(for: detail, session: session, store: demo.catalogue, now: late)?.contains("has passed") == true)
    }

    @Test func applyingFilesASubmittedApplicationAndRefusesASecond() async throws {
        let demo = try DemoCatalogue_()
        let session = try Self.session(demo)
        let listing = try #require(try demo.catalogue.opportunities(matching: OpportunityQuery(), limit: 200)
            .first { try demo.catalogue.application(ofStudent: "demo", to: $0.id) == nil })
        let store = demo.catalogue
        for bad in [ApplicationDraft(coverNote: "  ", hoursOffered: "5"), ApplicationDraft(coverNote: "Hi", portfolioLink: "ftp://x", hoursOffered: "5"),
                    ApplicationDraft(coverNote: "Hi", hoursOffered: "ten")] {
            await #expect(throws: ApplyViewModel.Invalid.self) { try await ApplyViewModel.submit(bad, to: listing.id, session: session, store: store, now: Date()) }
        }
        var detail = try await Self.detail(listing.id, demo, as: session)
        #expect(try await ApplyViewModel.refusal(for: detail, session: session, store: store, now: Date()) == nil)
        let filed = try await ApplyViewModel.submit(ApplicationDraft(coverNote: "I have done this before.", portfolioLink: "https://me.example", hoursOffered: "8"),
                                                    to: listing.id, session: session, store: store, now: Date())
        #expect(filed.status == .submitted)
        #expect(filed.hoursOffered == 8)
        await #expect(throws: CatalogueError.refused("you have already applied to this listing")) {
            try await ApplyViewModel.submit(ApplicationDraft(coverNote: "Again", hoursOffered: "8"), to: listing.id, session: session, store: store, now: Date())
        }
        // The screen's up-front check speaks the catalogue's own words.
        detail = try await Self.detail(listing.id, demo, as: session)
        #expect(try await ApplyViewModel.refusal(for: detail, session: session, store: store, now: Date()) == "you have already applied to this listing")
        let mine = try await StudentRecords.read(store: store, session: session, today: CalendarDay(Date()), now: Date())
        #expect(mine.applications.contains { $0.id == filed.id && $0.application.status == .submitted })
    }

    @Test func aGuestIsToldWhyTheyCannotApply() async throws {
        let demo = try DemoCatalogue_()
        let listing = try #require(try demo.catalogue.opportunities(matching: OpportunityQuery(), limit: 1).first)
        let detail = try await Self.detail(listing.id, demo, as: .guest)
        let reason = try await ApplyViewModel.refusal(for: detail, session: .guest, store: demo.catalogue, now: Date())
        // How to become known, never `--user NAME` (that is for staff acting for a student).
        #expect(reason?.contains("OS login must match") == true)
        #expect(reason?.contains("--user") == false)
    }

    @Test func withdrawingWritesAnEventTheStudentSees() async throws {
        let demo = try DemoCatalogue_()
        let session = try Self.session(demo)
        let store = demo.catalogue
        var mine = try await StudentRecords.read(store: store, session: session, today: CalendarDay(Date()), now: Date())
        let index = try #require(mine.applications.firstIndex { $0.application.status == .submitted })
        let application = mine.applications[index].application
        #expect(StudentApplicationAction.available(for: .submitted) == [.withdraw])
        try await StudentApplicationAction.withdraw.perform(on: application.id, expectedVersion: application.version, session: session, store: store, now: Date())
        mine = try await StudentRecords.read(store: store, session: session, today: CalendarDay(Date()), now: Date())
        let moved = try #require(mine.applications.first { $0.id == application.id })
        #expect(moved.application.status == .withdrawn)
        let timeline = try await ApplicationsViewModel.timeline(of: application.id, session: session, store: store)
        #expect(timeline.last?.status == .withdrawn)
        #expect(timeline.last?.role == .student)
        // The screen's copy is now stale: acting on it again is a version conflict, not a silent overwrite.
        await #expect(throws: CatalogueError.self) {
            try await StudentApplicationAction.withdraw.perform(on: application.id, expectedVersion: application.version, session: session, store: store, now: Date())
        }
    }

    @Test func anOfferCanBeAcceptedOrDeclinedButNotDelivered() {
        #expect(StudentApplicationAction.available(for: .offered) == [.withdraw, .acceptOffer, .declineOffer])
        #expect(StudentApplicationAction.available(for: .inProgress).contains(.markDelivered))
        #expect(StudentApplicationAction.available(for: .completed).isEmpty)
        #expect(StudentApplicationAction.available(for: .rejected).isEmpty)
    }

    @Test func theLiveRefreshNoticesAnotherConnectionsCommit() async throws {
        let demo = try DemoCatalogue_()
        let watcher = try demo.catalogue.changeFeed()
        _ = try watcher.hasChanged()
        #expect(try watcher.hasChanged() == false)
        // A second connection to the same file, as a staff process would have.
        let staff = try Catalogue(path: demo.catalogue.path)
        let session = try Self.session(demo)
        var mine = try await StudentRecords.read(store: demo.catalogue, session: session, today: CalendarDay(Date()), now: Date())
        let target = try #require(mine.applications.first { $0.application.status == .submitted })
        try staff.move(target.id, to: .underReview, by: Actor(role: .staff, username: "advisor"), expectedVersion: target.application.version)
        #expect(try watcher.hasChanged() == true)
        mine = try await StudentRecords.read(store: demo.catalogue, session: session, today: CalendarDay(Date()), now: Date())
        #expect(mine.applications.first { $0.id == target.id }?.application.status == .underReview)
    }

    @Test func filtersRoundTripThroughTheDraftAndRefuseBadNumbers() throws {
        var query = OpportunityQuery(words: "data")
        query.fields = [.dataAnalysis]
        query.locationKinds = [.remote]
        query.paidOnly = true
        query.maxHours = 20
        var draft = ListingFilters(query)
        #expect(try draft.applied(to: OpportunityQuery(words: "data")) == query)
        draft.maxHours = "lots"
        #expect(throws: ListingFilters.Invalid(field: "Max hours", reason: "enter a whole number from 1 to 400")) {
            try draft.applied(to: query)
        }
        #expect(ListingFilters.chips(query).contains("≤20 h"))
        #expect(ListingFilters.cleared(query) == OpportunityQuery(words: "data"))
    }

    @Test func theForYouAndSavedViewsNarrowTheQueryForTheStudentOnly() {
        let base = OpportunityQuery(words: "x")
        #expect(ListingView.forYou.applied(to: base, username: "demo").matchFor == "demo")
        #expect(ListingView.forYou.applied(to: base, username: "demo").sort == .match)
        #expect(ListingView.saved.applied(to: base, username: "demo").savedBy == "demo")
        #expect(ListingView.saved.applied(to: base, username: nil) == base)
        #expect(ListingView.all.next(signedIn: false) == .all)
    }

    @Test func profileSkillsParseWithLevelsAndRefuseUnknownOnes() throws {
        let draft = ProfileDraft(skills: "Python (advanced), SQL, , Excel (beginner)", interests: [], hoursPerWeek: "10")
        #expect(try draft.parsedSkills() == [StudentSkill(name: "Python", level: .advanced), StudentSkill(name: "SQL", level: .intermediate),
                                             StudentSkill(name: "Excel", level: .beginner)])
        #expect(throws: ProfileDraft.Invalid.self) { try ProfileDraft(skills: "Go (guru)", interests: [], hoursPerWeek: "1").parsedSkills() }
        #expect(throws: ProfileDraft.Invalid.self) { try ProfileDraft(skills: "", interests: [], hoursPerWeek: "99").parsedHours() }
    }
}
