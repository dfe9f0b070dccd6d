import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// Listings close at their deadline, and what still waits on them expires, by the system.
@Suite struct ExpiryTests {
    @Test func pastTheDeadlineListingsCloseAndPendingApplicationsExpireOnceEach() throws {
        let fixture = try CatalogueFixture()
        let today = CalendarDay(Date())
        try fixture.addListings([["ref": "due", "deadline": today.adding(days: 2).description],
                                 ["ref": "later", "deadline": today.adding(days: 30).description]])
        try fixture.addStudent("ana")
        try fixture.addStudent("ben")
        let due = try fixture.listingID("due"), later = try fixture.listingID("later")
        let waiting = try fixture.catalogue.apply(as: "ana", to: due, coverNote: "", portfolioLink: nil, hoursOffered: 5)
        let withdrawn = try fixture.catalogue.apply(as: "ben", to: due, coverNote: "", portfolioLink: nil, hoursOffered: 5)
        try fixture.catalogue.write { try $0.execute(sql: "UPDATE applications SET status = 'withdrawn' WHERE id = ?", arguments: [withdrawn.id]) }
        let elsewhere = try fixture.catalogue.apply(as: "ana", to: later, coverNote: "", portfolioLink: nil, hoursOffered: 5)

        // On the deadline day itself the listing is still open.
        #expect(try fixture.catalogue.closeExpired(now: Date().addingTimeInterval(2 * 86_400)) == ExpirySummary())
        let threeDaysOn = Date().addingTimeInterval(3 * 86_400)
        #expect(try fixture.catalogue.closeExpired(now: threeDaysOn) == ExpirySummary(listingsClosed: 1, applicationsExpired: 1))
        #expect(try fixture.catalogue.opportunity(id: due)?.status == .closed)
        #expect(try fixture.catalogue.opportunity(id: later)?.status == .open)
        let statuses = try fixture.catalogue.read { db in
            try [waiting.id, withdrawn.id, elsewhere.id].map { try String.fetchOne(db, sql: "SELECT status FROM applications WHERE id = ?", arguments: [$0]) }
        }
        #expect(statuses == ["expired", "withdrawn", "submitted"])
        let events = try fixture.catalogue.read { db in
            try Row.fetchAll(db, sql: "SELECT actor_role, actor_username, from_status, to_status FROM application_events WHERE to_status = 'expired'")
        }
        #expect(events.count == 1)
        let event = try #require(events.first)
        let who: [String] = [event["actor_role"], event["actor_username"], event["from_status"]]
        #expect(who == ["system", "system", "submitted"])
        // Idempotent: nothing more to do, nothing more written.
        #expect(try fixture.catalogue.closeExpired(now: threeDaysOn) == ExpirySummary())
        #expect(try fixture.catalogue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM application_events WHERE to_status = 'expired'") } == 1)
    }
}
