import Foundation
import Testing
import StoreFixtures
import TernStore

/// Every method of ``StudentStore``, as every back end must answer it: a student's profile and
/// fit, applying, moving, delivering and reopening, feedback and the portfolio, saved listings
/// and searches, updates and disclosures. Expectations come from the demo (data/demo) or from
/// what the test itself wrote; refusals are compared whole, words included.
@Suite struct StudentContract {
    private static let nobody = "nobody"
    private static let noProfile = CatalogueError.refused("no student profile for nobody; ask the career center to create one")
    private static let staff = Actor(role: .staff, username: "rpatel")

    /// The first open listing `username` may apply to.
    private func applicable(_ store: any CatalogueStore, for username: String) async throws -> OpportunitySummary {
        let open = try await store.opportunities(matching: OpportunityQuery(), after: nil, limit: 200, today: Demo.today)
        for listing in open where try await store.refusalToApply(as: username, to: listing.id, now: Demo.now) == nil {
            return listing
        }
        throw CatalogueError.missing("an open listing \(username) may apply to")
    }

    /// The student's application in `status` (on the listing `ref`, when given), from the demo.
    private func application(_ store: any CatalogueStore, of username: String, in status: ApplicationStatus,
                             ref: String? = nil) async throws -> ApplicationOverview {
        let mine = try await store.applications(ofStudent: username)
        return try #require(mine.first { $0.application.status == status && (ref == nil || $0.opportunity.ref == ref) },
                            "the demo gives \(username) an application in \(status)")
    }

    // MARK: Profile and fit

    @Test(arguments: BackEnd.all)
    func aProfileIsUpdatedAgainstTheVersionSeenAndReadBackAsStored(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let me = try #require(try await store.student(username: "demo"))
        #expect(me.username == "demo" && me.name == "Demo Student" && me.hoursPerWeek == 12)   // data/demo/students.json
        #expect(me.skills.contains(StudentSkill(name: "Copywriting", level: .advanced)))
        #expect(me.portfolioLinks == ["https://demo-student.example/portfolio", "https://medium.example/@demostudent"])
        #expect(try await store.student(username: Self.nobody) == nil)

        // A skill the catalogue knows, typed in another case, is stored in the catalogue's spelling.
        let mine = Set(me.skills.map { $0.name.lowercased() })
        var known: String?
        for listing in try await store.opportunities(matching: OpportunityQuery(), after: nil, limit: 50, today: Demo.today) where known == nil {
            known = try await store.opportunity(id: listing.id)?.skills.first { name in
                !mine.contains(name.lowercased()) && name.unicodeScalars.allSatisfy(\.isASCII)
            }
        }
        let spelling = try #require(known)
        let skills = me.skills + [StudentSkill(name: "  \(spelling.uppercased()) ", level: .expert),
                                  StudentSkill(name: "Zine Layout", level: .beginner),
                                  StudentSkill(name: me.skills[0].name.lowercased(), level: .expert)]
        let updated = try await store.updateProfile(of: "demo", skills: skills, interests: [.marketing, .design, .marketing],
                                                    hoursPerWeek: 9, expectedVersion: me.version, now: Demo.now)
        #expect(updated.version == me.version + 1 && updated.hoursPerWeek == 9)
        #expect(updated.interests == [.design, .marketing])
        #expect(Set(updated.skills) == Set(me.skills + [StudentSkill(name: spelling, level: .expert),
                                                        StudentSkill(name: "Zine Layout", level: .beginner)]))
        #expect(updated.skills.map { $0.name.lowercased() } == updated.skills.map { $0.name.lowercased() }.sorted())
        #expect(try await store.student(username: "demo") == updated)

        await #expect(throws: CatalogueError.versionConflict(expected: me.version, current: me.version + 1)) {
            _ = try await store.updateProfile(of: "demo", skills: [], interests: [], hoursPerWeek: 5, expectedVersion: me.version, now: Demo.now)
        }
        await #expect(throws: CatalogueError.invalid("hours per week must be 0 to 80")) {
            _ = try await store.updateProfile(of: "demo", skills: [], interests: [], hoursPerWeek: 81, expectedVersion: updated.version, now: Demo.now)
        }
        await #expect(throws: CatalogueError.invalid("a skill needs a name")) {
            _ = try await store.updateProfile(of: "demo", skills: [StudentSkill(name: " ", level: .beginner)], interests: [],
                                              hoursPerWeek: 5, expectedVersion: updated.version, now: Demo.now)
        }
        await #expect(throws: Self.noProfile) {
            _ = try await store.updateProfile(of: Self.nobody, skills: [], interests: [], hoursPerWeek: 5, expectedVersion: 1, now: Demo.now)
        }
        #expect(try await store.student(username: "demo") == updated)
    }

    @Test(arguments: BackEnd.all)
    func aListingsFitIsItsSkillsInterestAndHoursAgainstTheProfile(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let me = try #require(try await store.student(username: "demo"))
        let mine = Set(me.skills.map { $0.name.lowercased() })
        var fits: [ListingFit] = []
        for listing in try await store.opportunities(matching: OpportunityQuery(), after: nil, limit: 25, today: Demo.today) {
            let full = try #require(try await store.opportunity(id: listing.id))
            let fit = try #require(try await store.fit(of: listing.id, for: "demo"))
            #expect(fit.listingSkills == full.skills)
            #expect(fit.matchedSkills == full.skills.filter { mine.contains($0.lowercased()) })
            #expect(fit.inInterests == me.interests.contains(full.field))
            #expect(fit.weeklyHours == ListingFit.weeklyHours(hours: full.hours, durationDays: full.durationDays))
            #expect(fit.hoursPerWeek == me.hoursPerWeek)
            fits.append(fit)
        }
        #expect(fits.contains { !$0.matchedSkills.isEmpty } && fits.contains { $0.inInterests })
        let anyListing = try #require(try await store.opportunities(matching: OpportunityQuery(), after: nil, limit: 1, today: Demo.today).first)
        #expect(try await store.fit(of: anyListing.id, for: Self.nobody) == nil)
        #expect(try await store.fit(of: 9_999_999, for: "demo") == nil)
    }

    // MARK: Applying and moving

    @Test(arguments: BackEnd.all)
    func anApplicationIsFiledOnceAndRefusedInTheStudentsWords(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let listing = try await applicable(store, for: "aokafor")
        await #expect(throws: CatalogueError.invalid("hours offered must be at least 1")) {
            _ = try await store.apply(as: "aokafor", to: listing.id, coverNote: "Hi", portfolioLink: nil, hoursOffered: 0, now: Demo.now)
        }
        await #expect(throws: Self.noProfile) {
            _ = try await store.apply(as: Self.nobody, to: listing.id, coverNote: "Hi", portfolioLink: nil, hoursOffered: 3, now: Demo.now)
        }
        await #expect(throws: CatalogueError.notFound("listing 9999999")) {
            _ = try await store.apply(as: "aokafor", to: 9_999_999, coverNote: "Hi", portfolioLink: nil, hoursOffered: 3, now: Demo.now)
        }
        #expect(try await store.refusalToApply(as: Self.nobody, to: listing.id, now: Demo.now)
                == "no student profile for nobody; ask the career center to create one")
        await #expect(throws: CatalogueError.notFound("listing 9999999")) {
            _ = try await store.refusalToApply(as: "aokafor", to: 9_999_999, now: Demo.now)
        }
        #expect(try await store.application(ofStudent: "aokafor", to: listing.id) == nil)

        // Now, after the demo was seeded: the new application is the student's newest activity.
        let applied = try await store.apply(as: "aokafor", to: listing.id, coverNote: "I have done this before.",
                                            portfolioLink: "https://aokafor.example", hoursOffered: 6, now: Date())
        #expect(applied.status == .submitted && applied.opportunityId == listing.id && applied.hoursOffered == 6)
        #expect(applied.coverNote == "I have done this before." && applied.portfolioLink == "https://aokafor.example")
        #expect(try await store.application(ofStudent: "aokafor", to: listing.id) == applied)
        #expect(try await store.application(applied.id, as: Actor(role: .student, username: "aokafor")) == applied)
        #expect(try await store.application(applied.id, as: Self.staff) == applied)
        await #expect(throws: CatalogueError.notFound("application \(applied.id)")) {
            _ = try await store.application(applied.id, as: Actor(role: .student, username: "mchen"))
        }
        let mine = try await store.applications(ofStudent: "aokafor")
        #expect(mine.first?.application == applied, "newest activity first")
        #expect(mine.first?.opportunity.ref == listing.ref && mine.first?.opportunity.title == listing.title)
        #expect(try await store.applications(ofStudent: Self.nobody).isEmpty)

        let history = try await store.events(of: applied.id, as: Actor(role: .student, username: "aokafor"))
        #expect(history.count == 1)
        #expect(history.first?.fromStatus == nil && history.first?.toStatus == .submitted)
        #expect(history.first?.actorRole == .student && history.first?.actorUsername == "aokafor" && history.first?.at == applied.createdAt)
        await #expect(throws: CatalogueError.notFound("application \(applied.id)")) {
            _ = try await store.events(of: applied.id, as: Actor(role: .student, username: "mchen"))
        }

        await #expect(throws: CatalogueError.refused("you have already applied to this listing")) {
            _ = try await store.apply(as: "aokafor", to: listing.id, coverNote: "Again", portfolioLink: nil, hoursOffered: 3, now: Demo.now)
        }
        #expect(try await store.refusalToApply(as: "aokafor", to: listing.id, now: Demo.now) == "you have already applied to this listing")

        let listed = try await store.opportunities(matching: OpportunityQuery(includeClosed: true), after: nil, limit: 1_000, today: Demo.today)
        let closed = try #require(listed.first { $0.status != .open }, "the demo has closed listings")
        #expect(try await store.refusalToApply(as: "aokafor", to: closed.id, now: Demo.now)
                == "this listing is \(closed.status.rawValue) and takes no applications")
        let later = Demo.now.addingTimeInterval(Double(Demo.today.days(until: listing.deadline) + 2) * 86_400)
        #expect(try await store.refusalToApply(as: "mchen", to: listing.id, now: later)
                == "the application deadline (\(listing.deadline)) has passed")
    }

    @Test(arguments: BackEnd.all)
    func aWithdrawalIsReopenedOnceOnlyByItsStudent(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let student = Actor(role: .student, username: "demo")
        let listing = try await applicable(store, for: "demo")
        let applied = try await store.apply(as: "demo", to: listing.id, coverNote: "Yes please.", portfolioLink: nil, hoursOffered: 4, now: Demo.now)
        await #expect(throws: CatalogueError.notPermitted("a student cannot move an application to under_review")) {
            _ = try await store.move(applied.id, to: .underReview, by: student, expectedVersion: applied.version, note: nil, now: Demo.now)
        }
        #expect(try await store.refusalToReopen(applied.id, as: "demo", now: Demo.now)
                == "only a withdrawn application can be reopened; this one is submitted")
        #expect(try await !store.reopenableApplications(ofStudent: "demo", now: Demo.now).contains(applied.id))

        let withdrawn = try await store.move(applied.id, to: .withdrawn, by: student, expectedVersion: applied.version, note: "found another", now: Demo.now)
        #expect(withdrawn.status == .withdrawn && withdrawn.version == applied.version + 1)
        #expect(try await store.refusalToApply(as: "demo", to: listing.id, now: Demo.now)
                == "you withdrew your application to this listing; reopen it instead")
        #expect(try await store.refusalToReopen(applied.id, as: "demo", now: Demo.now) == nil)
        #expect(try await store.reopenableApplications(ofStudent: "demo", now: Demo.now).contains(applied.id))
        await #expect(throws: CatalogueError.notFound("application \(applied.id)")) {
            _ = try await store.refusalToReopen(applied.id, as: "mchen", now: Demo.now)
        }
        await #expect(throws: CatalogueError.versionConflict(expected: applied.version, current: withdrawn.version)) {
            _ = try await store.reopen(applied.id, by: "demo", expectedVersion: applied.version, now: Demo.now)
        }

        let reopened = try await store.reopen(applied.id, by: "demo", expectedVersion: withdrawn.version, now: Demo.now)
        #expect(reopened.status == .submitted && reopened.version == withdrawn.version + 1)
        let history = try await store.events(of: applied.id, as: student)
        #expect(history.map(\.toStatus) == [.submitted, .withdrawn, .submitted])
        #expect(history[1].note == "found another")

        let again = try await store.move(applied.id, to: .withdrawn, by: student, expectedVersion: reopened.version, note: nil, now: Demo.now)
        let once = "you withdrew this application after reopening it once; it cannot be reopened again"
        #expect(try await store.refusalToReopen(applied.id, as: "demo", now: Demo.now) == once)
        #expect(try await !store.reopenableApplications(ofStudent: "demo", now: Demo.now).contains(applied.id))
        await #expect(throws: CatalogueError.refused(once)) {
            _ = try await store.reopen(applied.id, by: "demo", expectedVersion: again.version, now: Demo.now)
        }
        #expect(try await store.application(applied.id, as: student) == again)
        #expect(try await store.reopenableApplications(ofStudent: Self.nobody, now: Demo.now).isEmpty)
    }

    @Test(arguments: BackEnd.all)
    func deliveredWorkKeepsItsLinkWhichMayBeCorrectedUntilConfirmed(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let working = try await application(store, of: "tnguyen", in: .inProgress).application   // data/demo: psychlab-sleep-lit-review
        let student = Actor(role: .student, username: "tnguyen")
        await #expect(throws: CatalogueError.invalid("the deliverable link must start with http:// or https://")) {
            _ = try await store.deliver(working.id, by: "tnguyen", link: "drive.example/report", expectedVersion: working.version, now: Demo.now)
        }
        await #expect(throws: CatalogueError.notFound("application \(working.id)")) {
            _ = try await store.deliver(working.id, by: "mchen", link: "https://drive.example/report", expectedVersion: working.version, now: Demo.now)
        }
        let delivered = try await store.deliver(working.id, by: "tnguyen", link: "  https://drive.example/report ",
                                                expectedVersion: working.version, now: Demo.now)
        #expect(delivered.status == .delivered && delivered.version == working.version + 1)
        #expect(delivered.deliverableLink == "https://drive.example/report")
        let handedIn = try #require(try await store.events(of: working.id, as: student).last)
        #expect(handedIn.toStatus == .delivered && handedIn.note == "Deliverable: https://drive.example/report")

        await #expect(throws: CatalogueError.versionConflict(expected: working.version, current: delivered.version)) {
            _ = try await store.correctDeliverableLink(working.id, by: "tnguyen", link: "https://drive.example/v2",
                                                       expectedVersion: working.version, now: Demo.now)
        }
        let corrected = try await store.correctDeliverableLink(working.id, by: "tnguyen", link: "https://drive.example/v2",
                                                               expectedVersion: delivered.version, now: Demo.now)
        #expect(corrected.status == .delivered && corrected.version == delivered.version + 1)
        #expect(corrected.deliverableLink == "https://drive.example/v2")
        let correction = try #require(try await store.events(of: working.id, as: student).last)
        #expect(correction.toStatus == nil && correction.note == "Deliverable link corrected: https://drive.example/v2")

        let confirmed = try await store.move(working.id, to: .completed, by: Self.staff, expectedVersion: corrected.version, note: nil, now: Demo.now)
        await #expect(throws: CatalogueError.refused("the link can be corrected only while the delivery waits for the organization; this application is completed")) {
            _ = try await store.correctDeliverableLink(working.id, by: "tnguyen", link: "https://drive.example/v3",
                                                       expectedVersion: confirmed.version, now: Demo.now)
        }
        #expect(try await store.application(working.id, as: student).deliverableLink == "https://drive.example/v2")
    }

    // MARK: Feedback and portfolio

    /// data/demo/applications.json: jgarcia completed copperline-email-winback, rated both ways.
    private struct DemoFeedback: Decodable {
        struct Side: Decodable { var rating: Int?; var comment: String?; var skills_demonstrated: [String]? }
        var student: String
        var opportunity: String
        var org_feedback: Side?
        var student_feedback: Side?
    }

    private func demoFeedback(of student: String, on ref: String) throws -> DemoFeedback {
        let data = try Data(contentsOf: DemoData.directory.appendingPathComponent("applications.json"))
        let all = try JSONDecoder().decode([DemoFeedback].self, from: data)
        return try #require(all.first { $0.student == student && $0.opportunity == ref })
    }

    @Test(arguments: BackEnd.all)
    func feedbackIsReadAsGivenAndAStudentRatesTheOrganizationOnce(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let given = try demoFeedback(of: "jgarcia", on: "copperline-email-winback")
        let done = try await application(store, of: "jgarcia", in: .completed, ref: given.opportunity).application
        let jgarcia = Actor(role: .student, username: "jgarcia")
        let feedback = try await store.feedback(on: done.id, as: jgarcia)
        #expect(feedback.map(\.direction) == [.organizationToStudent, .studentToOrganization])
        #expect(try await store.feedback(on: done.id, as: Self.staff) == feedback)
        let fromOrganization = try #require(feedback.first)
        #expect(fromOrganization.rating == given.org_feedback?.rating)
        #expect(fromOrganization.skillsDemonstrated == (given.org_feedback?.skills_demonstrated ?? []).sorted { $0.lowercased() < $1.lowercased() })
        #expect(feedback.last?.rating == given.student_feedback?.rating && feedback.last?.comment == given.student_feedback?.comment)
        #expect(feedback.last?.skillsDemonstrated == [])
        await #expect(throws: CatalogueError.notFound("application \(done.id)")) {
            _ = try await store.feedback(on: done.id, as: Actor(role: .student, username: "mchen"))
        }
        await #expect(throws: CatalogueError.refused("you have already rated this organization for this micro-internship")) {
            _ = try await store.rateOrganization(application: done.id, by: "jgarcia", rating: 4, strengths: nil, improvements: nil,
                                                 comment: nil, now: Demo.now)
        }

        let waiting = try await application(store, of: "tmensah", in: .delivered).application
        await #expect(throws: CatalogueError.refused("you can rate the organization once the work is completed")) {
            _ = try await store.rateOrganization(application: waiting.id, by: "tmensah", rating: 4, strengths: nil, improvements: nil,
                                                 comment: nil, now: Demo.now)
        }
        _ = try await store.move(waiting.id, to: .completed, by: Self.staff, expectedVersion: waiting.version, note: nil, now: Demo.now)
        await #expect(throws: CatalogueError.invalid("a rating is 1 to 5 stars")) {
            _ = try await store.rateOrganization(application: waiting.id, by: "tmensah", rating: 6, strengths: nil, improvements: nil,
                                                 comment: nil, now: Demo.now)
        }
        await #expect(throws: CatalogueError.notFound("application \(waiting.id)")) {
            _ = try await store.rateOrganization(application: waiting.id, by: "jgarcia", rating: 4, strengths: nil, improvements: nil,
                                                 comment: nil, now: Demo.now)
        }
        let rated = try await store.rateOrganization(application: waiting.id, by: "tmensah", rating: 4, strengths: "  Quick answers ",
                                                     improvements: "   ", comment: "Clear brief.", now: Demo.now)
        #expect(rated.direction == .studentToOrganization && rated.rating == 4 && rated.strengths == "Quick answers")
        #expect(rated.improvements == nil && rated.comment == "Clear brief." && rated.skillsDemonstrated == [])
        #expect(try await store.feedback(on: waiting.id, as: Actor(role: .student, username: "tmensah")).last == rated)
        await #expect(throws: CatalogueError.refused("you have already rated this organization for this micro-internship")) {
            _ = try await store.rateOrganization(application: waiting.id, by: "tmensah", rating: 5, strengths: nil, improvements: nil,
                                                 comment: nil, now: Demo.now)
        }
    }

    @Test(arguments: BackEnd.all)
    func aPortfolioHoldsCompletedWorkWithBothSidesWords(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let given = try demoFeedback(of: "jgarcia", on: "copperline-email-winback")
        let done = try await application(store, of: "jgarcia", in: .completed, ref: given.opportunity).application
        let jgarcia = Actor(role: .student, username: "jgarcia")
        let portfolio = try await store.portfolio(ofStudent: "jgarcia")
        let completed = try await store.applications(ofStudent: "jgarcia").filter { $0.application.status == .completed }
        #expect(Set(portfolio.map(\.applicationID)) == Set(completed.map(\.id)))
        let dates = portfolio.compactMap(\.completedOn)
        #expect(dates == dates.sorted(by: >))

        let entry = try #require(portfolio.first { $0.applicationID == done.id })
        #expect(entry.opportunity == (try await store.opportunity(id: done.opportunityId)))
        #expect(entry.deliverableLink == done.deliverableLink)
        let feedback = try await store.feedback(on: done.id, as: jgarcia)
        #expect(entry.fromOrganization == feedback.first { $0.direction == .organizationToStudent })
        #expect(entry.fromStudent == feedback.first { $0.direction == .studentToOrganization })
        #expect(entry.skillsGained == entry.fromOrganization?.skillsDemonstrated && !entry.skillsGained.isEmpty)
        let history = try await store.events(of: done.id, as: jgarcia)
        let day = { (stamp: String?) in stamp.flatMap { Timestamp.date($0) }.map { CalendarDay($0) } }
        #expect(entry.completedOn == day(history.last { $0.toStatus == .completed }?.at))
        #expect(entry.startedOn == day(history.first { $0.toStatus == .accepted || $0.toStatus == .inProgress }?.at))
        #expect(try await store.portfolio(ofStudent: Self.nobody).isEmpty)
    }

    // MARK: Saved listings and searches

    @Test(arguments: BackEnd.all)
    func aListingIsSavedOnceAndOnlyAListedOneCanBe(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let listing = try #require(try await store.opportunities(matching: OpportunityQuery(), after: nil, limit: 1, today: Demo.today).first)
        await #expect(throws: CatalogueError.notFound("listing 9999999")) { try await store.setSaved(9_999_999, true, by: "mchen", now: Demo.now) }
        await #expect(throws: Self.noProfile) { try await store.setSaved(listing.id, true, by: Self.nobody, now: Demo.now) }
        let before = try await store.isSaved(listing.id, by: "mchen")
        try await store.setSaved(listing.id, !before, by: "mchen", now: Demo.now)
        try await store.setSaved(listing.id, !before, by: "mchen", now: Demo.now)
        #expect(try await store.isSaved(listing.id, by: "mchen") == !before)
        let saved = try await store.opportunities(matching: OpportunityQuery(savedBy: "mchen"), after: nil, limit: 1_000, today: Demo.today)
        #expect(saved.contains { $0.id == listing.id } == !before)
        try await store.setSaved(listing.id, true, by: "mchen", now: Demo.now)
        try await store.setSaved(listing.id, false, by: "mchen", now: Demo.now)
        try await store.setSaved(listing.id, false, by: "mchen", now: Demo.now)
        #expect(try await !store.isSaved(listing.id, by: "mchen"))
        #expect(try await !store.isSaved(listing.id, by: Self.nobody))
    }

    @Test(arguments: BackEnd.all)
    func aSavedSearchIsNamedOnceCountsWhatIsNewAndIsTheStudentsOwn(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let longAgo = Date().addingTimeInterval(-400 * 86_400)
        let query = OpportunityQuery(fields: [.design])
        await #expect(throws: CatalogueError.invalid("a saved search needs a name of 1 to \(StoredText.savedSearchName.limit) characters")) {
            _ = try await store.saveSearch(named: "   ", query: query, for: "demo", now: longAgo)
        }
        await #expect(throws: Self.noProfile) { _ = try await store.saveSearch(named: "x", query: query, for: Self.nobody, now: longAgo) }

        let saved = try await store.saveSearch(named: "  Design work ", query: query, for: "demo", now: longAgo)
        #expect(saved.name == "Design work" && saved.query == query && saved.lastSeenAt == Timestamp.string(longAgo))
        #expect(saved.createdAt == saved.lastSeenAt)
        var since = query
        since.postedAfter = saved.lastSeenAt
        let new = try await store.countOpportunities(matching: since, today: Demo.today)
        #expect(new > 0, "the demo's design listings were posted in the last 400 days")
        let listed = try #require(try await store.savedSearches(of: "demo", today: Demo.today).first { $0.id == saved.id })
        #expect(listed.newCount == new && listed.name == "Design work")

        let wider = OpportunityQuery(fields: [.design, .writing])
        let replaced = try await store.saveSearch(named: "design WORK", query: wider, for: "demo", now: longAgo)
        #expect(replaced.id == saved.id && replaced.name == "design WORK" && replaced.query == wider)
        let second = try await store.saveSearch(named: "Anything", query: OpportunityQuery(), for: "demo", now: longAgo)
        let mine = try await store.savedSearches(of: "demo", today: Demo.today).filter { [second.id, saved.id].contains($0.id) }
        #expect(mine.map(\.id) == [second.id, saved.id], "by name, whatever the case")

        let updates = try await store.updates(of: "demo", today: Demo.today, now: Demo.now)
        let matches = try #require(updates.first { $0.kind == .newMatches && $0.savedSearchID == saved.id })
        #expect(matches.subject == "design WORK" && matches.count == mine.last?.newCount && matches.at == saved.lastSeenAt)

        await #expect(throws: CatalogueError.notFound("saved search \(saved.id)")) {
            try await store.markSeen(savedSearch: saved.id, by: "aokafor", now: Demo.now)
        }
        try await store.markSeen(savedSearch: saved.id, by: "demo", now: Date().addingTimeInterval(86_400))
        #expect(try await store.savedSearches(of: "demo", today: Demo.today).first { $0.id == saved.id }?.newCount == 0)
        #expect(try await store.savedSearches(of: "aokafor", today: Demo.today).allSatisfy { $0.id != saved.id })
        #expect(try await store.savedSearches(of: Self.nobody, today: Demo.today).isEmpty)

        await #expect(throws: CatalogueError.notFound("saved search \(saved.id)")) { try await store.deleteSavedSearch(saved.id, by: "aokafor") }
        try await store.deleteSavedSearch(saved.id, by: "demo")
        await #expect(throws: CatalogueError.notFound("saved search \(saved.id)")) { try await store.deleteSavedSearch(saved.id, by: "demo") }
        let left = try await store.savedSearches(of: "demo", today: Demo.today).map(\.id)
        #expect(left.contains(second.id) && !left.contains(saved.id))
    }

    // MARK: Updates and disclosures

    @Test(arguments: BackEnd.all)
    func updatesListOthersMovesAndTheSeenMarkerOnlyMovesForward(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let listing = try await applicable(store, for: "demo")
        // Stamped in one second: the moves keep the order they were made in.
        let now = Date()
        let applied = try await store.apply(as: "demo", to: listing.id, coverNote: "Me!", portfolioLink: nil, hoursOffered: 4, now: now)
        let reviewing = try await store.move(applied.id, to: .underReview, by: Self.staff, expectedVersion: applied.version,
                                             note: "reading it now", now: now)
        let shortlisted = try await store.move(applied.id, to: .shortlisted, by: Self.staff, expectedVersion: reviewing.version, note: nil, now: now)
        _ = try await store.move(applied.id, to: .offered, by: Self.staff, expectedVersion: shortlisted.version, note: "", now: now)

        let updates = try await store.updates(of: "demo", today: Demo.today, now: Demo.now)
        let mine = updates.filter { $0.applicationID == applied.id }
        #expect(mine.map(\.kind) == [.offer, .status, .status], "newest first; the student's own submission is not news")
        #expect(mine.map(\.status) == [.offered, .shortlisted, .underReview])
        #expect(mine.map(\.reason) == [nil, nil, "reading it now"])
        #expect(mine.allSatisfy { $0.subject == listing.title && $0.listingID == listing.id && $0.isUnread })
        #expect(zip(updates, updates.dropFirst()).allSatisfy { $0.at >= $1.at })

        try await store.markUpdatesRead(of: "demo", upTo: Date().addingTimeInterval(3_600))
        #expect(try await store.updates(of: "demo", today: Demo.today, now: Demo.now).allSatisfy { !$0.isUnread })
        try await store.markUpdatesRead(of: "demo", upTo: Date().addingTimeInterval(-40 * 86_400))
        let after = try await store.updates(of: "demo", today: Demo.today, now: Demo.now)
        #expect(after.allSatisfy { !$0.isUnread } && after.map(\.at) == updates.map(\.at))
        await #expect(throws: Self.noProfile) { try await store.markUpdatesRead(of: Self.nobody, upTo: Demo.now) }
        #expect(try await store.updates(of: Self.nobody, today: Demo.today, now: Demo.now).isEmpty)
    }

    @Test(arguments: BackEnd.all)
    func disclosuresNameWhoSawTheStudentsRecordsNewestFirst(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let access = try await store.authorize(.readStudentRecord, account: Demo.admin, actingFor: nil)
        let before = try await store.disclosures(ofStudent: "tnguyen", limit: 1_000)
        try await store.recordDisclosure(.viewedStudentRecord, by: access.principal, student: "tnguyen", detail: "on the console", application: nil)
        try await store.recordDisclosure(.exportedStudents, by: access.principal, student: nil, detail: "50 students to a file", application: nil)
        let after = try await store.disclosures(ofStudent: "tnguyen", limit: 1_000)
        #expect(after.count == before.count + 2)
        let export = try #require(after.first), read = try #require(after.dropFirst().first)
        #expect(export.what == "your profile, in an export of every student" && export.detail == "50 students to a file")
        #expect(read.what == "your full record (profile, applications, notes, feedback)" && read.detail == "on the console")
        // data/demo/staff.json: shaddad is Sara Haddad, an admin.
        #expect(read.name == "Sara Haddad" && read.role == "admin" && read.applicationID == nil)
        #expect(try await store.disclosures(ofStudent: "tnguyen", limit: 1) == [export])
        #expect(try await store.disclosures(ofStudent: "aokafor", limit: 1_000).first == export, "an export of every student is everyone's")
        #expect(try await store.disclosures(ofStudent: Self.nobody, limit: 1_000).isEmpty)
    }
}
