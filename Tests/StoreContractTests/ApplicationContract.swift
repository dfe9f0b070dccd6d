import Foundation
import Testing
import StoreFixtures
import TernStore

/// The application state machine, versions, visibility and roles, as every back end must keep
/// them. The rules live in Swift and in each database; these tests see only the store.
@Suite struct ApplicationContract {
    /// An advisor's console session, authorized by the store.
    private func advisorSession(_ store: any CatalogueStore) async throws -> TriageSession {
        let access = try await store.authorize(.moveApplications, account: Demo.advisor, actingFor: nil)
        return try await store.triageSession(for: access)
    }

    private func firstApplication(_ store: any CatalogueStore, in status: ApplicationStatus, session: TriageSession) async throws -> TriageRow {
        let page = try await store.triageQueue(TriageFilter(statuses: [status]), after: nil, order: .oldestFirst, limit: 1,
                                               offerWaitDays: nil, viewer: session.username, now: Demo.now)
        return try #require(page.rows.first, "the demo has an application in \(status)")
    }

    @Test(arguments: BackEnd.all)
    func onlyTheStateMachinesMovesAreTakenAndARefusedOneChangesNothing(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await advisorSession(store)
        let row = try await firstApplication(store, in: .submitted, session: session)
        for next in ApplicationStatus.allCases where next != .submitted && !ApplicationStatus.submitted.canMove(to: next) {
            await #expect(throws: CatalogueError.illegalTransition(from: .submitted, to: next)) {
                _ = try await store.move(row.id, to: next, by: session.actor, expectedVersion: row.version, note: nil, now: Demo.now)
            }
        }
        let unchanged = try await store.application(row.id, as: session.actor)
        #expect(unchanged.status == .submitted && unchanged.version == row.version)

        let moved = try await store.move(row.id, to: .underReview, by: session.actor, expectedVersion: row.version, note: nil, now: Demo.now)
        #expect(moved.status == .underReview && moved.version == row.version + 1)
        let events = try await store.events(of: row.id, as: session.actor)
        #expect(events.last?.fromStatus == .submitted && events.last?.toStatus == .underReview)
    }

    @Test(arguments: BackEnd.all)
    func aMoveFromAStaleVersionIsRefusedWithBothVersions(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await advisorSession(store)
        let row = try await firstApplication(store, in: .submitted, session: session)
        _ = try await store.move(row.id, to: .underReview, by: session.actor, expectedVersion: row.version, note: nil, now: Demo.now)
        await #expect(throws: CatalogueError.versionConflict(expected: row.version, current: row.version + 1)) {
            _ = try await store.move(row.id, to: .rejected, by: session.actor, expectedVersion: row.version, note: nil, now: Demo.now)
        }
        #expect(try await store.application(row.id, as: session.actor).status == .underReview)
    }

    @Test(arguments: BackEnd.all)
    func aStaffOnlyNoteIsNeverShownToTheStudentAndAStudentSeesOnlyTheirOwn(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let session = try await advisorSession(store)
        let row = try await firstApplication(store, in: .submitted, session: session)
        try await store.addNote(row.id, by: session.actor, note: "check references first", visibility: .staff, now: Demo.now)
        try await store.addNote(row.id, by: session.actor, note: "thanks, we are reading it", visibility: .shared, now: Demo.now)

        let student = Actor(role: .student, username: row.studentUsername)
        let theirs = try await store.events(of: row.id, as: student).compactMap(\.note)
        #expect(theirs.contains("thanks, we are reading it") && !theirs.contains("check references first"))
        let staffs = try await store.events(of: row.id, as: session.actor).compactMap(\.note)
        #expect(staffs.contains("check references first"))

        let mine = try await store.applications(ofStudent: row.studentUsername)
        #expect(mine.contains { $0.id == row.id })
        let someoneElse = Actor(role: .student, username: row.studentUsername == "aokafor" ? "mchen" : "aokafor")
        await #expect(throws: CatalogueError.self) { _ = try await store.application(row.id, as: someoneElse) }
        await #expect(throws: CatalogueError.self) {
            try await store.addNote(row.id, by: student, note: "a secret", visibility: .staff, now: Demo.now)
        }
    }

    @Test(arguments: BackEnd.all)
    func aListingAwaitingReviewIsNotListedForStudents(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        _ = try await store.authorize(.reviewPostings, account: Demo.advisor, actingFor: nil)
        let pending = try await store.postings(approval: .pending, limit: nil)
        #expect(!pending.isEmpty, "the demo has listings awaiting review")
        let listed = Set(try await store.opportunities(matching: OpportunityQuery(includeClosed: true), after: nil, limit: 1_000,
                                                       today: Demo.today).map(\.ref))
        for posting in pending { #expect(!listed.contains(posting.ref), "\(posting.ref) is pending yet listed") }
    }

    @Test(arguments: BackEnd.all)
    func rolesAreTheStoresToCheck(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        await #expect(throws: CatalogueError.notPermitted("only admins may back up the catalogue; rpatel is an advisor")) {
            _ = try await store.authorize(.backup, account: Demo.advisor, actingFor: nil)
        }
        #expect(try await store.authorize(.backup, account: Demo.admin, actingFor: nil).principal.role == .admin)
        for operation in TernStore.Operation.allCases where operation.role == .advisor {
            _ = try await store.authorize(operation, account: Demo.advisor, actingFor: nil)
        }
    }
}
