import Foundation
import Testing
@testable import TernCatalogue

/// The staff triage domain, on real catalogue files: queue, limit patterns, bulk moves, undo,
/// claims, staff-only notes, the student record and organization decisions entered by staff.
@Suite struct TriageTests {
    static let ritu = TriageSession(username: "rpatel", name: "Ritu Patel", id: "ritu-1")
    static let sam = TriageSession(username: "sokafor", name: "Sam Okafor", id: "sam-1")

    /// Three students, two listings (one design at Acme, one writing at Birch), applications submitted.
    func fixture() throws -> CatalogueFixture {
        let fixture = try CatalogueFixture()
        try fixture.addListings([
            ["ref": "logo", "title": "Logo refresh", "field": "design", "organization": "Acme Studio"],
            ["ref": "blog", "title": "Blog posts", "field": "writing", "organization": "Birch Press"],
        ])
        for student in ["tnguyen", "ypetrova", "aokafor"] { try fixture.addStudent(student) }
        return fixture
    }

    func targets(_ applications: [Application]) -> [ApplicationVersion] {
        applications.map { ApplicationVersion(id: $0.id, version: $0.version) }
    }

    // MARK: moves

    @Test func everyStaffMoveOfTheStateMachineIsABulkMoveOfOne() throws {
        let fixture = try fixture()
        var application = try fixture.application(of: "tnguyen", to: "logo", at: .submitted)
        for next in CatalogueFixture.mainPath {
            application = try #require(try fixture.catalogue.bulkMove(targets([application]), to: next, session: Self.ritu).applications.first)
            #expect(application.status == next)
        }
        for (status, reason) in [(ApplicationStatus.submitted, RejectionReason.skillsMismatch), (.underReview, .deadlinePassed), (.shortlisted, .other("no portfolio link"))] {
            let student = ["ypetrova", "aokafor", "tnguyen"][[ApplicationStatus.submitted, .underReview, .shortlisted].firstIndex(of: status)!]
            let ref = student == "tnguyen" ? "blog" : "logo"
            let open = try fixture.application(of: student, to: ref, at: status)
            let rejected = try fixture.catalogue.bulkMove(targets([open]), to: .rejected, session: Self.ritu, reason: reason)
            #expect(rejected.applications.first?.statusReason == reason.text)
        }
        // Staff never expire an application; the system does.
        let other = try fixture.catalogue.apply(as: "aokafor", to: try fixture.listingID("blog"), coverNote: "", hoursOffered: 3)
        #expect(throws: CatalogueError.refused("application \(other.id) cannot move from submitted to expired; nothing was moved")) {
            try fixture.catalogue.bulkMove(targets([other]), to: .expired, session: Self.ritu)
        }
    }

    @Test func oneIllegalRowRefusesTheWholeBulkMove() throws {
        let fixture = try fixture()
        let first = try fixture.application(of: "tnguyen", to: "logo", at: .submitted)
        let second = try fixture.application(of: "ypetrova", to: "logo", at: .submitted)
        let done = try fixture.application(of: "aokafor", to: "logo", at: .completed)
        let before = try [first, second, done].map { try fixture.record(of: $0.id) }
        #expect(throws: CatalogueError.refused("application \(done.id) cannot move from completed to under_review; nothing was moved")) {
            try fixture.catalogue.bulkMove(targets([first, second, done]), to: .underReview, session: Self.ritu)
        }
        let after = try [first, second, done].map { try fixture.record(of: $0.id) }
        #expect(before.map(\.0) == after.map(\.0))
        #expect(before.map(\.1) == after.map(\.1))
        let moved = try fixture.catalogue.bulkMove(targets([first, second]), to: .underReview, session: Self.ritu)
        #expect(moved.applications.map(\.status) == [.underReview, .underReview])
    }

    @Test func aRejectionNeedsAStructuredReasonWhichTheStudentSeesButNotTheStaffOnlyNote() throws {
        let fixture = try fixture()
        let application = try fixture.application(of: "tnguyen", to: "logo", at: .underReview)
        #expect(throws: CatalogueError.self) { try fixture.catalogue.bulkMove(targets([application]), to: .rejected, session: Self.ritu) }
        #expect(throws: CatalogueError.invalid("unknown rejection reason \"bored\"; use skills-mismatch, position-filled, deadline-passed, incomplete-application or other:TEXT")) {
            try RejectionReason(parsing: "bored")
        }
        #expect(try RejectionReason(parsing: "position-filled") == .positionFilled)
        #expect(try RejectionReason(parsing: "other:no portfolio link") == .other("no portfolio link"))
        try fixture.catalogue.bulkMove(targets([application]), to: .rejected, session: Self.ritu, reason: .positionFilled,
                                       note: MoveNote("Weak cover note, do not say", visibility: .staff))
        let studentSide = try fixture.catalogue.events(of: application.id, as: Actor(role: .student, username: "tnguyen"))
        let rejection = try #require(studentSide.last)
        #expect(rejection.toStatus == .rejected && rejection.reasonCode == .positionFilled && rejection.note == "position filled")
        #expect(!studentSide.contains { ($0.note ?? "").contains("Weak cover note") })
        let staffSide = try fixture.catalogue.events(of: application.id, as: Self.ritu.actor)
        #expect(staffSide.contains { $0.note == "Weak cover note, do not say" && $0.visibility == .staff })
    }

    @Test func aMoveFromAStaleVersionSaysSomeoneElseChangedItAndWhereItStands() throws {
        let fixture = try fixture()
        let opened = try fixture.application(of: "tnguyen", to: "logo", at: .submitted)
        try fixture.catalogue.bulkMove(targets([opened]), to: .underReview, session: Self.sam)
        #expect(throws: CatalogueError.changedSinceOpened(application: opened.id, now: .underReview)) {
            try fixture.catalogue.bulkMove(targets([opened]), to: .rejected, session: Self.ritu, reason: .skillsMismatch)
        }
        #expect(CatalogueError.changedSinceOpened(application: 7, now: .underReview).description
                == "application 7 was changed by someone else since you opened it; it is now under_review")
    }

    // MARK: undo

    @Test func undoPutsABulkMoveBackWithNewEvents() throws {
        let fixture = try fixture()
        let apps = try ["tnguyen", "ypetrova"].map { try fixture.application(of: $0, to: "logo", at: .underReview) }
        try fixture.catalogue.bulkMove(targets(apps), to: .rejected, session: Self.ritu, reason: .positionFilled)
        let eventsBefore = try apps.map { try fixture.catalogue.events(of: $0.id, as: Self.ritu.actor).count }
        let restored = try fixture.catalogue.undoLast(session: Self.ritu)
        #expect(restored.map(\.status) == [.underReview, .underReview])
        #expect(restored.allSatisfy { $0.statusReason == nil })
        // History is never deleted: the rejection and its undoing are both there.
        let eventsAfter = try apps.map { try fixture.catalogue.events(of: $0.id, as: Self.ritu.actor) }
        #expect(eventsAfter.map(\.count) == eventsBefore.map { $0 + 1 })
        #expect(eventsAfter.allSatisfy { $0.last?.fromStatus == .rejected && $0.last?.toStatus == .underReview })
        #expect(throws: CatalogueError.refused("nothing to undo in this session")) { try fixture.catalogue.undoLast(session: Self.ritu) }
        // Another session's actions are not this one's to undo.
        try fixture.catalogue.bulkMove(targets(restored), to: .shortlisted, session: Self.sam)
        #expect(throws: CatalogueError.refused("nothing to undo in this session")) { try fixture.catalogue.undoLast(session: Self.ritu) }
    }

    @Test func undoPutsBackTheTimeEachApplicationEnteredItsStateNotTheTimeOfTheUndo() throws {
        let fixture = try fixture()
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        var apps: [Application] = []
        // Under review since 10, 9 and 8 days before the bulk reject.
        for (student, daysAgo) in [("tnguyen", 10.0), ("ypetrova", 9.0), ("aokafor", 8.0)] {
            let submitted = try fixture.catalogue.apply(as: student, to: try fixture.listingID("logo"), coverNote: "Hello", hoursOffered: 5)
            apps.append(try fixture.catalogue.bulkMove(targets([submitted]), to: .underReview, session: Self.sam,
                                                        now: start.addingTimeInterval(-daysAgo * 86_400)).applications[0])
        }
        try fixture.catalogue.bulkMove(targets(apps), to: .rejected, session: Self.ritu, reason: .positionFilled, now: start)
        let restored = try fixture.catalogue.undoLast(session: Self.ritu, now: start.addingTimeInterval(60))
        #expect(restored.map(\.updatedAt) == apps.map(\.updatedAt))
        let queue = try fixture.catalogue.triageQueue(TriageFilter(), now: start.addingTimeInterval(120)).rows
        #expect(queue.map(\.id) == apps.map(\.id))
        #expect(queue.map(\.waitingDays) == [10, 9, 8])
        // The history keeps the undo at the time it was made.
        let undone = try #require(try fixture.catalogue.events(of: apps[0].id, as: Self.ritu.actor).first { $0.fromStatus == .rejected })
        #expect(undone.toStatus == .underReview && undone.at == Timestamp.string(start.addingTimeInterval(60)))
    }

    @Test func aMoveRecordedBeforeV10IsUndoneToTheTimeItsHistoryGives() throws {
        let fixture = try fixture()
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        let submitted = try fixture.catalogue.apply(as: "tnguyen", to: try fixture.listingID("logo"), coverNote: "Hello", hoursOffered: 5)
        let reviewed = try fixture.catalogue.bulkMove(targets([submitted]), to: .underReview, session: Self.sam,
                                                      now: start.addingTimeInterval(-6 * 86_400)).applications[0]
        try fixture.catalogue.bulkMove(targets([reviewed]), to: .rejected, session: Self.ritu, reason: .positionFilled, now: start)
        // As a catalogue migrated from before v10-staff holds it: no time kept with the move.
        try fixture.catalogue.write { try $0.execute(sql: "UPDATE triage_action_rows SET from_updated_at = NULL") }
        let restored = try fixture.catalogue.undoLast(session: Self.ritu, now: start.addingTimeInterval(60))
        #expect(restored.first?.updatedAt == reviewed.updatedAt)
    }

    @Test func undoIsRefusedOnceSomeoneElseChangedOneOfTheRows() throws {
        let fixture = try fixture()
        let apps = try ["tnguyen", "ypetrova"].map { try fixture.application(of: $0, to: "logo", at: .submitted) }
        let action = try fixture.catalogue.bulkMove(targets(apps), to: .underReview, session: Self.ritu)
        let second = action.applications[1]
        try fixture.catalogue.bulkMove(targets([second]), to: .shortlisted, session: Self.sam)
        #expect(throws: CatalogueError.refused("cannot undo: application \(second.id) was changed since (it is now shortlisted); nothing was undone")) {
            try fixture.catalogue.undoLast(session: Self.ritu)
        }
        #expect(try fixture.catalogue.application(apps[0].id, as: Self.ritu.actor).status == .underReview)
    }

    // MARK: claims

    @Test func aClaimShowsToOtherStaffUntilItExpires() throws {
        let fixture = try fixture()
        let application = try fixture.application(of: "tnguyen", to: "logo", at: .submitted)
        let opened = Date()
        #expect(try fixture.catalogue.claim(application.id, session: Self.ritu, now: opened).staffName == "Ritu Patel")
        // Sam opening it meanwhile does not take it over.
        #expect(try fixture.catalogue.claim(application.id, session: Self.sam, now: opened.addingTimeInterval(60)).staffName == "Ritu Patel")
        let samSees = try fixture.catalogue.triageQueue(TriageFilter(), viewer: Self.sam.username, now: opened.addingTimeInterval(60))
        #expect(samSees.rows.first { $0.id == application.id }?.claimedBy == "Ritu Patel")
        let rituSees = try fixture.catalogue.triageQueue(TriageFilter(), viewer: Self.ritu.username, now: opened.addingTimeInterval(60))
        #expect(rituSees.rows.first { $0.id == application.id }?.claimedBy == nil)
        let later = opened.addingTimeInterval(Catalogue.claimDuration + 1)
        #expect(try fixture.catalogue.claim(on: application.id, now: later) == nil)
        #expect(try fixture.catalogue.triageQueue(TriageFilter(), viewer: Self.sam.username, now: later).rows.first?.claimedBy == nil)
        #expect(try fixture.catalogue.claim(application.id, session: Self.sam, now: later).staffName == "Sam Okafor")
    }

    // MARK: queue and patterns

    @Test func theQueueListsWhatNeedsActionOldestFirstInKeysetPages() throws {
        let fixture = try fixture()
        let submitted = try fixture.application(of: "tnguyen", to: "logo", at: .submitted)
        let review = try fixture.application(of: "ypetrova", to: "logo", at: .underReview)
        let offered = try fixture.application(of: "aokafor", to: "logo", at: .offered)
        _ = try fixture.application(of: "tnguyen", to: "blog", at: .shortlisted)
        let now = Date().addingTimeInterval(3 * 86_400)
        let soon = try fixture.catalogue.triageQueue(TriageFilter(), offerWaitDays: 7, now: now)
        // A shortlisted one waits on nobody in particular; an offer only after 7 days unanswered.
        #expect(Set(soon.rows.map(\.id)) == [submitted.id, review.id])
        #expect(soon.rows.allSatisfy { $0.waitingDays == 3 })
        let later = Date().addingTimeInterval(8 * 86_400)
        let all = try fixture.catalogue.triageQueue(TriageFilter(), offerWaitDays: 7, now: later).rows
        #expect(Set(all.map(\.id)) == [submitted.id, review.id, offered.id])
        #expect(all.map { [$0.updatedAt, String($0.id)] } == all.map { [$0.updatedAt, String($0.id)] }.sorted { ($0[0], Int($0[1])!) < ($1[0], Int($1[1])!) })
        var paged: [Int64] = []
        var cursor: TriageCursor?
        repeat {
            let page = try fixture.catalogue.triageQueue(TriageFilter(), after: cursor, limit: 1, offerWaitDays: 7, now: later)
            paged += page.rows.map(\.id)
            cursor = page.next
        } while cursor != nil
        #expect(paged == all.map(\.id))
        #expect(try fixture.catalogue.triageCounts(offerWaitDays: 7, now: later) == [.submitted: 1, .underReview: 1, .delivered: 0, .offered: 1])
    }

    @Test func aLimitPatternParsesIntoATypedQuery() throws {
        let filter = try TriageFilter(pattern: "status:submitted field:design age>7d organization:acme student:tnguyen logo \"blue mark\"")
        #expect(filter == TriageFilter(statuses: [.submitted], fields: [.design], olderThanDays: 7, organization: "acme",
                                       student: "tnguyen", words: ["logo", "blue mark"]))
        #expect(try TriageFilter(pattern: "age<3d status:under-review") == TriageFilter(statuses: [.underReview], youngerThanDays: 3))
        #expect(throws: CatalogueError.invalid("\"colour:red\": unknown term colour; use status:, field:, age>Nd, age<Nd, organization:, student:, opportunity:, is:taken-down or plain words")) {
            try TriageFilter(pattern: "status:submitted colour:red")
        }
        #expect(throws: CatalogueError.self) { try TriageFilter(pattern: "status:sumbitted") }
        #expect(throws: CatalogueError.invalid("\"age>seven\": age takes a number of days, as in age>7d")) { try TriageFilter(pattern: "age>seven") }
        #expect(throws: CatalogueError.invalid("a quote in the pattern is never closed")) { try TriageFilter(pattern: "\"open") }
    }

    @Test func aLimitPatternNarrowsTheQueue() throws {
        let fixture = try fixture()
        let mine = try fixture.application(of: "tnguyen", to: "logo", at: .submitted)
        _ = try fixture.application(of: "ypetrova", to: "logo", at: .submitted)
        let writing = try fixture.application(of: "tnguyen", to: "blog", at: .underReview)
        let later = Date().addingTimeInterval(10 * 86_400)
        func ids(_ pattern: String, now: Date = later) throws -> Set<Int64> {
            Set(try fixture.catalogue.triageQueue(try TriageFilter(pattern: pattern), now: now).rows.map(\.id))
        }
        #expect(try ids("student:tnguyen field:design") == [mine.id])
        #expect(try ids("organization:birch") == [writing.id])
        #expect(try ids("status:under_review") == [writing.id])
        #expect(try ids("blog") == [writing.id])
        #expect(try ids("age>7d student:tnguyen") == [mine.id, writing.id])
        #expect(try ids("age>7d", now: Date()) == [])
        #expect(try ids("opportunity:blog") == [writing.id])
        // Saved views are per staff member.
        try fixture.catalogue.saveTriageView("design", pattern: "field:design", session: Self.ritu)
        #expect(try fixture.catalogue.triageViews(session: Self.ritu) == [TriageView(name: "design", pattern: "field:design")])
        #expect(try fixture.catalogue.triageViews(session: Self.sam).isEmpty)
        #expect(throws: CatalogueError.self) { try fixture.catalogue.saveTriageView("bad", pattern: "colour:red", session: Self.ritu) }
    }

    // MARK: notes, records, organizations

    @Test func aStaffOnlyNoteNeverReachesTheStudent() throws {
        let fixture = try fixture()
        let application = try fixture.application(of: "tnguyen", to: "logo", at: .completed)
        try fixture.catalogue.addNote(application.id, by: Self.ritu.actor, note: "STAFF-ONLY: flaky", visibility: .staff)
        let student = Actor(role: .student, username: "tnguyen")
        #expect(!(try fixture.catalogue.events(of: application.id, as: student)).contains { $0.visibility == .staff })
        #expect(!"\(try fixture.catalogue.portfolio(ofStudent: "tnguyen"))".contains("STAFF-ONLY"))
        let record = try fixture.catalogue.studentRecord("tnguyen", session: Self.ritu)
        #expect(record.staffNotes.map(\.note) == ["STAFF-ONLY: flaky"])
    }

    @Test func readingAStudentRecordIsAudited() throws {
        let fixture = try fixture()
        _ = try fixture.application(of: "tnguyen", to: "logo", at: .underReview)
        let record = try fixture.catalogue.studentRecord("tnguyen", session: Self.ritu)
        #expect(record.student.username == "tnguyen" && record.applications.count == 1)
        #expect(record.applications[0].events.map(\.toStatus) == [.submitted, .underReview])
        #expect(try fixture.catalogue.auditEntries(aboutStudent: "tnguyen").map { "\($0.actor):\($0.action)" } == ["rpatel:viewed_student_record"])
        let trail = try fixture.catalogue.auditTrail(student: "tnguyen")
        // Entries in the same second have no order between the log and the history.
        #expect(trail.map(\.action).sorted() == ["moved", "moved", "viewed_student_record"])
        #expect(try fixture.catalogue.auditTrail(actor: "rpatel").map(\.action) == ["viewed_student_record"])
    }

    @Test func anOrganizationsDecisionEnteredByStaffIsTheOrganizationsEventNamingTheStaffMember() throws {
        let fixture = try fixture()
        let shortlisted = try fixture.application(of: "tnguyen", to: "logo", at: .shortlisted)
        let offered = try fixture.catalogue.recordForOrganization(shortlisted.id, to: .offered, expectedVersion: shortlisted.version, session: Self.ritu)
        #expect(offered.status == .offered)
        let staffSide = try #require(try fixture.catalogue.events(of: offered.id, as: Self.ritu.actor).last)
        #expect(staffSide.actorRole == .organization && staffSide.actorUsername == "Acme Studio" && staffSide.enteredBy == "rpatel")
        let studentSide = try #require(try fixture.catalogue.events(of: offered.id, as: Actor(role: .student, username: "tnguyen")).last)
        #expect(studentSide.actorRole == .organization && studentSide.enteredBy == nil)
        // An organization cannot accept its own offer, whoever types it in.
        #expect(throws: CatalogueError.self) {
            try fixture.catalogue.recordForOrganization(offered.id, to: .accepted, expectedVersion: offered.version, session: Self.ritu)
        }
        let delivered = try fixture.application(of: "ypetrova", to: "logo", at: .delivered)
        try fixture.catalogue.recordForOrganization(delivered.id, to: .completed, expectedVersion: delivered.version, session: Self.ritu)
        let feedback = try fixture.catalogue.recordOrganizationFeedback(delivered.id, rating: 4, strengths: "Clean vectors",
                                                                       improvements: "Ask earlier", session: Self.ritu)
        #expect(try fixture.catalogue.feedback(on: delivered.id, as: Actor(role: .student, username: "ypetrova")) == [feedback])
        #expect(try fixture.catalogue.auditTrail(actor: "rpatel").map(\.actorRole).contains("staff for organization"))
    }
}
