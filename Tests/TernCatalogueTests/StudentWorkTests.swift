import Foundation
import GRDB
import Testing
@testable import TernCatalogue

@Suite struct ProfileTests {
    let fixture: CatalogueFixture

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
    }

    @Test func updatingTheProfileReplacesSkillsInterestsAndHoursAndBumpsTheVersion() throws {
        let before = try #require(try fixture.catalogue.student(username: "ana"))
        let skillCount = try fixture.catalogue.skillNames().count
        let updated = try fixture.catalogue.updateProfile(
            of: "ana", skills: [StudentSkill(name: " python ", level: .expert), StudentSkill(name: "Figma", level: .beginner),
                                StudentSkill(name: "PYTHON", level: .beginner)],
            interests: [.design, .design, .writing], hoursPerWeek: 15, expectedVersion: before.version)
        // "python" is the catalogue's existing "Python", not a second skill; the first spelling's level wins.
        #expect(updated.skills == [StudentSkill(name: "Figma", level: .beginner), StudentSkill(name: "Python", level: .expert)])
        #expect(updated.interests == [.design, .writing])
        #expect(updated.hoursPerWeek == 15)
        #expect(updated.version == before.version + 1)
        #expect(try fixture.catalogue.skillNames().count == skillCount + 1)
        #expect(try fixture.catalogue.student(username: "ana") == updated)
    }

    @Test func theSecondOfTwoEditorsGetsAVersionConflictAndChangesNothing() throws {
        let first = try #require(try fixture.catalogue.student(username: "ana"))
        let second = first
        let saved = try fixture.catalogue.updateProfile(of: "ana", skills: first.skills, interests: [.research], hoursPerWeek: 5,
                                                        expectedVersion: first.version)
        #expect(throws: CatalogueError.versionConflict(expected: second.version, current: second.version + 1)) {
            try fixture.catalogue.updateProfile(of: "ana", skills: [], interests: [.hr], hoursPerWeek: 40, expectedVersion: second.version)
        }
        #expect(try fixture.catalogue.student(username: "ana") == saved)
    }

    @Test func impossibleHoursAndBlankOrLongSkillsAreInvalidAndChangeNothing() throws {
        let me = try #require(try fixture.catalogue.student(username: "ana"))
        let update = { (skills: [StudentSkill], hours: Int) in
            try fixture.catalogue.updateProfile(of: "ana", skills: skills, interests: [], hoursPerWeek: hours, expectedVersion: me.version)
        }
        #expect(throws: CatalogueError.invalid("hours per week must be 0 to 80")) { try update([], 81) }
        #expect(throws: CatalogueError.invalid("hours per week must be 0 to 80")) { try update([], -1) }
        #expect(throws: CatalogueError.invalid("a skill needs a name")) { try update([StudentSkill(name: "  ", level: .expert)], 5) }
        #expect(throws: CatalogueError.self) { try update([StudentSkill(name: String(repeating: "x", count: 61), level: .expert)], 5) }
        #expect(try fixture.catalogue.student(username: "ana") == me)
        #expect(try update([], 80).hoursPerWeek == 80)
    }

    @Test func updatingAProfileThatDoesNotExistIsRefused() throws {
        #expect(throws: CatalogueError.refused("no student profile for guest; ask the career center to create one")) {
            try fixture.catalogue.updateProfile(of: "guest", skills: [], interests: [], hoursPerWeek: 5, expectedVersion: 1)
        }
    }
}

@Suite struct RatingTests {
    let fixture: CatalogueFixture

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "done"], ["ref": "doing"]])
        try fixture.addStudent("ana")
    }

    @Test func aStudentRatesTheOrganizationOfCompletedWorkWithBlanksStoredAsNothing() throws {
        let app = try fixture.application(of: "ana", to: "done", at: .completed)
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let review = try fixture.catalogue.rateOrganization(application: app.id, by: "ana", rating: 4, strengths: "  Clear brief ",
                                                            improvements: "   ", comment: "", now: now)
        #expect(review == Feedback(applicationID: app.id, direction: .studentToOrganization, rating: 4, strengths: "Clear brief",
                                   improvements: nil, comment: nil, skillsDemonstrated: [], createdAt: Timestamp.string(now)))
        #expect(try fixture.catalogue.feedback(on: app.id, as: Actor(role: .student, username: "ana")) == [review])
    }

    @Test func ratingBeforeTheWorkIsCompletedIsRefused() throws {
        let app = try fixture.application(of: "ana", to: "doing", at: .delivered)
        #expect(throws: CatalogueError.refused("you can rate the organization once the work is completed")) {
            try fixture.catalogue.rateOrganization(application: app.id, by: "ana", rating: 5)
        }
        #expect(try fixture.record(of: app.id).2.isEmpty)
    }

    @Test func ratingTheSameWorkTwiceIsRefusedAndKeepsTheFirstRating() throws {
        let app = try fixture.application(of: "ana", to: "done", at: .completed)
        let first = try fixture.catalogue.rateOrganization(application: app.id, by: "ana", rating: 2, comment: "Slow replies")
        #expect(throws: CatalogueError.refused("you have already rated this organization for this micro-internship")) {
            try fixture.catalogue.rateOrganization(application: app.id, by: "ana", rating: 5)
        }
        #expect(try fixture.record(of: app.id).2 == [first])
    }

    @Test func aRatingOutsideOneToFiveIsInvalid() throws {
        let app = try fixture.application(of: "ana", to: "done", at: .completed)
        for rating in [0, 6, -1] {
            #expect(throws: CatalogueError.invalid("a rating is 1 to 5 stars")) {
                try fixture.catalogue.rateOrganization(application: app.id, by: "ana", rating: rating)
            }
        }
        #expect(try fixture.record(of: app.id).2.isEmpty)
    }
}

@Suite struct DeliveryTests {
    let fixture: CatalogueFixture
    /// After the moves the fixture makes at the real now, so the delivery is the latest event.
    let now = Date().addingTimeInterval(3_600)

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "work"]])
        try fixture.addStudent("ana")
    }

    @Test func deliveringMovesTheApplicationStoresTheLinkAndTellsTheOrganization() throws {
        let app = try fixture.application(of: "ana", to: "work", at: .inProgress)
        let delivered = try fixture.catalogue.deliver(app.id, by: "ana", link: "  https://drive.example/report  ",
                                                      expectedVersion: app.version, now: now)
        #expect(delivered.status == .delivered)
        #expect(delivered.deliverableLink == "https://drive.example/report")
        #expect(delivered.version == app.version + 1)
        #expect(try fixture.catalogue.applications(ofStudent: "ana").first?.application == delivered)
        let last = try #require(try fixture.catalogue.events(of: app.id, as: Actor(role: .student, username: "ana")).last)
        #expect(last.note == "Deliverable: https://drive.example/report")
        #expect(last.fromStatus == .inProgress && last.toStatus == .delivered)
        #expect(last.actorRole == .student && last.actorUsername == "ana" && last.visibility == .shared)
        #expect(last.at == Timestamp.string(now))
    }

    @Test func aDeliveryWithoutAWebLinkIsRefusedAndChangesNothing() throws {
        let app = try fixture.application(of: "ana", to: "work", at: .inProgress)
        let before = try fixture.record(of: app.id)
        for link in ["", "   ", "drive.example/report", "ftp://files.example/x", "https://", "file:///home/ana/report.pdf"] {
            #expect(throws: CatalogueError.invalid("the deliverable link must start with http:// or https://"), "\(link)") {
                try fixture.catalogue.deliver(app.id, by: "ana", link: link, expectedVersion: app.version)
            }
        }
        let after = try fixture.record(of: app.id)
        #expect(after.0 == before.0)
        #expect(after.1 == before.1)
    }

    @Test func deliveringTwiceOrFromAStaleVersionIsRefusedLikeAnyMove() throws {
        let app = try fixture.application(of: "ana", to: "work", at: .inProgress)
        let delivered = try fixture.catalogue.deliver(app.id, by: "ana", link: "http://x.example", expectedVersion: app.version)
        #expect(throws: CatalogueError.versionConflict(expected: app.version, current: delivered.version)) {
            try fixture.catalogue.deliver(app.id, by: "ana", link: "http://y.example", expectedVersion: app.version)
        }
        #expect(throws: CatalogueError.illegalTransition(from: .delivered, to: .delivered)) {
            try fixture.catalogue.deliver(app.id, by: "ana", link: "http://y.example", expectedVersion: delivered.version)
        }
        #expect(try fixture.catalogue.application(app.id, as: CatalogueFixture.advisor).deliverableLink == "http://x.example")
    }

    @Test func workSentBackForRevisionKeepsItsLinkUntilItIsDeliveredAgain() throws {
        let app = try fixture.application(of: "ana", to: "work", at: .inProgress)
        let delivered = try fixture.catalogue.deliver(app.id, by: "ana", link: "https://v1.example", expectedVersion: app.version)
        let revising = try fixture.catalogue.move(app.id, to: .inProgress, by: CatalogueFixture.advisor, expectedVersion: delivered.version)
        #expect(revising.deliverableLink == "https://v1.example")
        let again = try fixture.catalogue.deliver(app.id, by: "ana", link: "https://v2.example", expectedVersion: revising.version)
        #expect(again.deliverableLink == "https://v2.example")
    }

    @Test func deliveringWorkNotYetStartedIsAnIllegalTransition() throws {
        let app = try fixture.application(of: "ana", to: "work", at: .accepted)
        #expect(throws: CatalogueError.illegalTransition(from: .accepted, to: .delivered)) {
            try fixture.catalogue.deliver(app.id, by: "ana", link: "https://x.example", expectedVersion: app.version)
        }
        #expect(try fixture.catalogue.application(app.id, as: CatalogueFixture.advisor).deliverableLink == nil)
    }
}
