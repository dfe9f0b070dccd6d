import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// Issue 18, point 5: what counts as an update for a student, and marking them read.
@Suite struct UpdatesTests {
    let fixture: CatalogueFixture
    let staff = Actor(role: .staff, username: "rpatel")
    let today = CalendarDay(Date())
    var catalogue: Catalogue { fixture.catalogue }

    init() throws {
        fixture = try CatalogueFixture()
        // listing-0 closes in two weeks; listing-1 in two days; listing-2 will be taken down.
        try fixture.addListings([[:], ["deadline": CalendarDay(Date()).adding(days: 2).description], [:]])
        try fixture.addStudent("ana")
        try fixture.addStudent("ben")
    }

    func kinds(_ username: String = "ana") throws -> [StudentUpdate.Kind] {
        try catalogue.updates(of: username, today: today).map(\.kind)
    }

    @Test func aStatusMoveBySomeoneElseIsAnUpdateWithItsReasonTheStudentsOwnIsNot() throws {
        let app = try catalogue.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "hi", hoursOffered: 5)
        #expect(try kinds().isEmpty)
        let reviewed = try catalogue.move(app.id, to: .underReview, by: staff, expectedVersion: app.version)
        _ = try catalogue.move(reviewed.id, to: .rejected, by: staff, expectedVersion: reviewed.version, note: "spots filled")
        let updates = try catalogue.updates(of: "ana", today: today)
        #expect(updates.map(\.status) == [.rejected, .underReview])
        #expect(updates.first?.headline == "Listing 0: rejected (spots filled)")
        #expect(updates.allSatisfy { $0.isUnread })
        #expect(try kinds("ben").isEmpty)
    }

    @Test func aStaffOnlyNoteIsNoUpdate() throws {
        let app = try catalogue.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "hi", hoursOffered: 5)
        try catalogue.addNote(app.id, by: staff, note: "weak portfolio", visibility: .staff)
        try catalogue.addNote(app.id, by: staff, note: "called them", visibility: .shared)
        #expect(try kinds().isEmpty)
    }

    @Test func anOfferAndFeedbackReceivedAreUpdates() throws {
        let completed = try fixture.application(of: "ana", to: "listing-0", at: .completed)
        try catalogue.write { db in
            try db.execute(sql: "INSERT INTO feedback(application_id, direction, rating, created_at) VALUES (?, 'organization_to_student', 4, ?)",
                           arguments: [completed.id, Timestamp.string(Date().addingTimeInterval(1))])
        }
        let updates = try catalogue.updates(of: "ana", today: today)
        #expect(updates.first?.kind == .feedback)
        #expect(updates.first?.headline == "Listing 0: feedback received, 4 of 5 stars")
        #expect(updates.contains { $0.kind == .offer && $0.headline == "Listing 0: you have an offer" })
    }

    @Test func savedListingsClosingWithinThreeDaysOrTakenDownAreUpdates() throws {
        for ref in ["listing-0", "listing-1", "listing-2"] { try catalogue.setSaved(try fixture.listingID(ref), true, by: "ana") }
        try catalogue.decline("listing-2", reason: .upfrontCost, by: staff)
        let updates = try catalogue.updates(of: "ana", today: today)
        #expect(Set(updates.map(\.kind)) == [.closingSoon, .takenDown])
        #expect(updates.first { $0.kind == .closingSoon }?.subject == "Listing 1")
        #expect(updates.first { $0.kind == .closingSoon }?.headline == "Listing 1: saved listing closes in 2 days, \(today.adding(days: 2))")
        #expect(updates.first { $0.kind == .takenDown }?.headline == "Listing 2: saved listing taken down (by the career center)")
        #expect(try kinds("ben").isEmpty)
    }

    @Test func aSavedSearchWithNewMatchesIsAnUpdateUntilItIsOpened() throws {
        let search = try catalogue.saveSearch(named: "design", query: OpportunityQuery(), for: "ana", now: Date().addingTimeInterval(-3600))
        try fixture.addListings([[:], [:], [:], [:]].enumerated().map { ["ref": "new-\($0.offset)"] })
        let update = try #require(try catalogue.updates(of: "ana", today: today).first { $0.kind == .newMatches })
        #expect(update.subject == "design" && update.isUnread && (update.count ?? 0) > 0)
        try catalogue.markSeen(savedSearch: search.id, by: "ana")
        #expect(try !kinds().contains(.newMatches))
    }

    @Test func markingReadMakesEverythingUpToThenReadAndLaterChangesUnread() throws {
        let app = try catalogue.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "hi", hoursOffered: 5)
        let start = Date()
        let reviewed = try catalogue.move(app.id, to: .underReview, by: staff, expectedVersion: app.version, now: start)
        try catalogue.markUpdatesRead(of: "ana", upTo: start.addingTimeInterval(1))
        #expect(try catalogue.updates(of: "ana", today: today, now: start.addingTimeInterval(1)).allSatisfy { !$0.isUnread })
        _ = try catalogue.move(reviewed.id, to: .shortlisted, by: staff, expectedVersion: reviewed.version, now: start.addingTimeInterval(2))
        let updates = try catalogue.updates(of: "ana", today: today, now: start.addingTimeInterval(2))
        #expect(updates.map(\.isUnread) == [true, false])
        // The marker never moves back: a late, older mark leaves the newer update read.
        try catalogue.markUpdatesRead(of: "ana", upTo: start.addingTimeInterval(3))
        try catalogue.markUpdatesRead(of: "ana", upTo: start)
        #expect(try catalogue.updates(of: "ana", today: today, now: start.addingTimeInterval(3)).allSatisfy { !$0.isUnread })
    }
}
