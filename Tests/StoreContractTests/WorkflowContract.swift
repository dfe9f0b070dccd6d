import Foundation
import Testing
import StoreFixtures
import TernStore

/// The rest of what the screens ask of a store: bulk moves all or nothing with their undo,
/// review decisions against the version seen, a student's own actions, and disclosures. Every
/// back end gives the same answers.
@Suite struct WorkflowContract {
    private func session(_ store: any CatalogueStore, _ operation: TernStore.Operation = .triageConsole) async throws -> TriageSession {
        try await store.triageSession(for: try await store.authorize(operation, account: Demo.admin, actingFor: nil))
    }

    private func queue(_ store: any CatalogueStore, _ status: ApplicationStatus, session: TriageSession) async throws -> [TriageRow] {
        try await store.triageQueue(TriageFilter(statuses: [status]), after: nil, order: .oldestFirst, limit: 100,
                                    offerWaitDays: nil, viewer: session.username, now: Demo.now).rows
    }

    @Test(arguments: BackEnd.all)
    func aBulkMoveWithOneIllegalRowMovesNoneAndALegalOneIsUndone(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await session(store)
        let submitted = try await queue(store, .submitted, session: session)
        let completed = try #require(try await queue(store, .completed, session: session).first)
        #expect(submitted.count >= 2)
        let legal = submitted.prefix(2).map { ApplicationVersion(id: $0.id, version: $0.version) }
        await #expect(throws: CatalogueError.self) {
            _ = try await store.bulkMove(legal + [ApplicationVersion(id: completed.id, version: completed.version)], to: .underReview,
                                         session: session, reason: nil, note: nil, now: Demo.now)
        }
        for row in submitted.prefix(2) { #expect(try await store.application(row.id, as: session.actor).status == .submitted) }

        let action = try await store.bulkMove(legal, to: .rejected, session: session, reason: .positionFilled,
                                              note: MoveNote("we filled it", visibility: .forNote(movingTo: .rejected)), now: Demo.now)
        #expect(action.applications.count == 2 && action.status == .rejected)
        for row in submitted.prefix(2) {
            let moved = try await store.application(row.id, as: session.actor)
            #expect(moved.status == .rejected && moved.version == row.version + 1)
        }
        let undone = try await store.undoLast(session: session, now: Demo.now)
        #expect(Set(undone.map(\.id)) == Set(legal.map(\.id)))
        for row in submitted.prefix(2) { #expect(try await store.application(row.id, as: session.actor).status == .submitted) }
    }

    @Test(arguments: BackEnd.all)
    func aReviewDecisionFromAStaleVersionIsRefusedAndTheFreshOneListsThePosting(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await session(store, .reviewPostings)
        let pending = try #require(try await store.postings(approval: .pending, limit: nil).first { $0.organizationApproval != .declined })
        await #expect(throws: CatalogueError.self) {
            try await store.approve([pending.ref], versions: [pending.ref: pending.version - 1], note: nil, by: session.actor, now: Demo.now)
        }
        #expect(try await store.postings(approval: .pending, limit: nil).contains { $0.ref == pending.ref })
        try await store.approve([pending.ref], versions: [pending.ref: pending.version], note: nil, by: session.actor, now: Demo.now)
        let id = try #require(try await store.opportunity(ref: pending.ref)?.id)
        #expect(try await store.approval(ofListing: id) == .approved)
        #expect(try await store.decisions(forListing: pending.ref).last?.decision == .approved)
    }

    @Test(arguments: BackEnd.all)
    func aStudentAppliesOnceWithdrawsAndReopens(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let open = try await store.opportunities(matching: OpportunityQuery(), after: nil, limit: 200, today: Demo.today)
        var chosen: OpportunitySummary?
        for listing in open where chosen == nil {
            if try await store.refusalToApply(as: "demo", to: listing.id, now: Demo.now) == nil { chosen = listing }
        }
        let listing = try #require(chosen)
        let applied = try await store.apply(as: "demo", to: listing.id, coverNote: "I can do this well.", portfolioLink: nil,
                                            hoursOffered: 5, now: Demo.now)
        #expect(applied.status == .submitted)
        #expect(try await store.refusalToApply(as: "demo", to: listing.id, now: Demo.now) != nil)
        #expect(try await store.applications(ofStudent: "demo").contains { $0.id == applied.id })

        let student = Actor(role: .student, username: "demo")
        let withdrawn = try await store.move(applied.id, to: .withdrawn, by: student, expectedVersion: applied.version, note: nil, now: Demo.now)
        #expect(try await store.reopenableApplications(ofStudent: "demo", now: Demo.now).contains(applied.id))
        let reopened = try await store.reopen(applied.id, by: "demo", expectedVersion: withdrawn.version, now: Demo.now)
        #expect(reopened.status == .submitted)
    }

    @Test(arguments: BackEnd.all)
    func savedListingsSavedSearchesAndUpdatesAreTheStudentsOwn(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let listing = try #require(try await store.opportunities(matching: OpportunityQuery(), after: nil, limit: 1, today: Demo.today).first)
        try await store.setSaved(listing.id, true, by: "demo", now: Demo.now)
        #expect(try await store.isSaved(listing.id, by: "demo"))
        #expect(try await !store.isSaved(listing.id, by: "aokafor"))
        try await store.setSaved(listing.id, false, by: "demo", now: Demo.now)
        #expect(try await !store.isSaved(listing.id, by: "demo"))

        let saved = try await store.saveSearch(named: "design work", query: OpportunityQuery(fields: [.design]), for: "demo", now: Demo.now)
        #expect(try await store.savedSearches(of: "demo", today: Demo.today).map(\.name).contains("design work"))
        #expect(try await store.savedSearches(of: "aokafor", today: Demo.today).allSatisfy { $0.id != saved.id })
        try await store.deleteSavedSearch(saved.id, by: "demo")
        #expect(try await store.savedSearches(of: "demo", today: Demo.today).allSatisfy { $0.id != saved.id })

        #expect(try await store.updates(of: "demo", today: Demo.today, now: Demo.now).contains { $0.isUnread })
        try await store.markUpdatesRead(of: "demo", upTo: Demo.now)
        #expect(try await store.updates(of: "demo", today: Demo.today, now: Demo.now).allSatisfy { !$0.isUnread })
    }

    @Test(arguments: BackEnd.all)
    func readingAStudentsRecordIsADisclosureTheStudentSees(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await session(store, .readStudentRecord)
        let before = try await store.disclosures(ofStudent: "aokafor", limit: 1_000).count
        let record = try await store.studentRecord("aokafor", session: session, now: Demo.now)
        #expect(record.student.username == "aokafor")
        let after = try await store.disclosures(ofStudent: "aokafor", limit: 1_000)
        #expect(after.count == before + 1)
        // Named as the staff list names them (data/demo/staff.json: shaddad is Sara Haddad, an admin).
        #expect(after.contains { $0.name == "Sara Haddad" && $0.role == "admin" })
    }
}
