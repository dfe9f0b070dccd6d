import Foundation
import Testing
@testable import TernCatalogue

/// To a student, another student's applications and saved searches do not exist: every door
/// answers "not found" and nothing behind it changes.
@Suite struct PrivacyTests {
    let fixture: CatalogueFixture
    let ana = Actor(role: .student, username: "ana")

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "done"], ["ref": "doing"]])
        try fixture.addStudent("ana")
        try fixture.addStudent("ben")
    }

    @Test func anotherStudentsApplicationIsNotFoundByAnyStudentAction() throws {
        let completed = try fixture.application(of: "ben", to: "done", at: .completed)
        let working = try fixture.application(of: "ben", to: "doing", at: .inProgress)
        let before = [try fixture.record(of: completed.id), try fixture.record(of: working.id)]
        let catalogue = fixture.catalogue
        for app in [completed, working] {
            let notFound = CatalogueError.notFound("application \(app.id)")
            #expect(throws: notFound) { try catalogue.move(app.id, to: .withdrawn, by: ana, expectedVersion: app.version) }
            #expect(throws: notFound) { try catalogue.deliver(app.id, by: "ana", link: "https://x.example", expectedVersion: app.version) }
            #expect(throws: notFound) { try catalogue.rateOrganization(application: app.id, by: "ana", rating: 1, comment: "forged") }
            #expect(throws: notFound) { try catalogue.events(of: app.id, as: ana) }
            #expect(throws: notFound) { try catalogue.feedback(on: app.id, as: ana) }
            #expect(throws: notFound) { try catalogue.application(app.id, as: ana) }
            #expect(throws: notFound) { try catalogue.addNote(app.id, by: ana, note: "forged", visibility: .shared) }
        }
        let after = [try fixture.record(of: completed.id), try fixture.record(of: working.id)]
        for (old, new) in zip(before, after) {
            #expect(old.0 == new.0)
            #expect(old.1 == new.1)
            #expect(old.2 == new.2)
        }
    }

    @Test func anotherStudentsSavedSearchIsNotFoundAndUnchanged() throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let bens = try fixture.catalogue.saveSearch(named: "Design", query: OpportunityQuery(fields: [.design]), for: "ben", now: start)
        let notFound = CatalogueError.notFound("saved search \(bens.id)")
        #expect(throws: notFound) { try fixture.catalogue.markSeen(savedSearch: bens.id, by: "ana", now: start.addingTimeInterval(60)) }
        #expect(throws: notFound) { try fixture.catalogue.deleteSavedSearch(bens.id, by: "ana") }
        #expect(throws: notFound) { try fixture.catalogue.deleteSavedSearch(bens.id, by: "guest") }
        #expect(try fixture.catalogue.savedSearches(of: "ana", today: CalendarDay(start)).isEmpty)
        #expect(try fixture.catalogue.savedSearches(of: "ben", today: CalendarDay(start)) == [bens])
    }

    @Test func savingAListingSavesItForThatStudentOnly() throws {
        let id = try fixture.listingID("done")
        try fixture.catalogue.setSaved(id, true, by: "ben")
        #expect(try fixture.catalogue.isSaved(id, by: "ana") == false)
        #expect(try fixture.catalogue.savedCount(of: "ana") == 0)
        try fixture.catalogue.setSaved(id, false, by: "ana")
        #expect(try fixture.catalogue.isSaved(id, by: "ben"))
    }
}
