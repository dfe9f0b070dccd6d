import Foundation
import GRDB
import Testing
@testable import TernCatalogue

@Suite struct ApplicationStatusTests {
    static let pairs: [(ApplicationStatus, ApplicationStatus)] =
        ApplicationStatus.allCases.flatMap { from in ApplicationStatus.allCases.map { (from, $0) } }

    /// A role allowed to make a legal move (the student for their own decisions, the system to expire).
    static func actor(for next: ApplicationStatus, from previous: ApplicationStatus) -> Actor {
        for role in [ActorRole.organization, .staff, .student, .system]
        where ApplicationStatus.mayMove(from: previous, to: next, as: role) {
            return role == .student ? Actor(role: .student, username: "ana") : role == .system ? .system : Actor(role: role, username: "rpatel")
        }
        return Actor(role: .staff, username: "rpatel")
    }

    @Test func everyPairOfStatusesIsLegalExactlyWhenTheStateMachineSaysSo() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        try fixture.addListings(Self.pairs.indices.map { ["ref": "pair-\($0)"] })
        for (index, (from, to)) in Self.pairs.enumerated() {
            var app = try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("pair-\(index)"), coverNote: "", hoursOffered: 5)
            for step in from.pathFromSubmitted.dropFirst() {
                app = try fixture.catalogue.move(app.id, to: step, by: Self.actor(for: step, from: app.status),
                                                 expectedVersion: app.version, note: "because")
            }
            #expect(app.status == from)
            let attempt = Result {
                try fixture.catalogue.move(app.id, to: to, by: Self.actor(for: to, from: from), expectedVersion: app.version, note: "because")
            }
            if from.canMove(to: to) {
                let moved = try attempt.get()
                #expect(moved.status == to, "\(from) → \(to)")
                #expect(moved.version == app.version + 1)
            } else {
                #expect(throws: CatalogueError.illegalTransition(from: from, to: to), "\(from) → \(to) should be refused") { try attempt.get() }
            }
        }
    }

    @Test func theDatabaseRefusesAnIllegalMoveEvenFromRawSQL() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        try fixture.addListings([[:]])
        let app = try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "", hoursOffered: 5)
        #expect(throws: CatalogueError.self) {
            try fixture.catalogue.write { try $0.execute(sql: "UPDATE applications SET status = 'completed' WHERE id = ?", arguments: [app.id]) }
        }
        #expect(try fixture.catalogue.application(app.id, as: .system).status == .submitted)
    }

    @Test func studentsCannotMakeStaffDecisions() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        try fixture.addListings([[:]])
        let app = try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "", hoursOffered: 5)
        #expect(throws: CatalogueError.notPermitted("a student cannot move an application to under_review")) {
            try fixture.catalogue.move(app.id, to: .underReview, by: Actor(role: .student, username: "ana"), expectedVersion: app.version)
        }
    }

    @Test func aStudentCannotReachAnotherStudentsApplication() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        try fixture.addStudent("ben")
        try fixture.addListings([[:]])
        let app = try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "", hoursOffered: 5)
        let ben = Actor(role: .student, username: "ben")
        #expect(throws: CatalogueError.notFound("application \(app.id)")) { try fixture.catalogue.application(app.id, as: ben) }
        #expect(throws: CatalogueError.notFound("application \(app.id)")) {
            try fixture.catalogue.move(app.id, to: .withdrawn, by: ben, expectedVersion: app.version)
        }
        #expect(throws: CatalogueError.notFound("application \(app.id)")) { try fixture.catalogue.events(of: app.id, as: ben) }
    }

    @Test func aRejectionNeedsAReasonAndKeepsIt() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        try fixture.addListings([[:]])
        let app = try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "", hoursOffered: 5)
        let staff = Actor(role: .staff, username: "rpatel")
        #expect(throws: CatalogueError.invalid("a rejection needs a reason")) {
            try fixture.catalogue.move(app.id, to: .rejected, by: staff, expectedVersion: app.version)
        }
        let rejected = try fixture.catalogue.move(app.id, to: .rejected, by: staff, expectedVersion: app.version, note: "Needs Figma")
        #expect(rejected.statusReason == "Needs Figma")
        let events = try fixture.catalogue.events(of: app.id, as: Actor(role: .student, username: "ana"))
        #expect(events.map(\.toStatus) == [.submitted, .rejected])
    }

    @Test func twoEditorsOfTheSameApplicationCannotBothWinFromAStaleVersion() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        try fixture.addListings([[:]])
        let app = try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "", hoursOffered: 5)
        // Two separate connections, as two staff terminals would have.
        let first = try Catalogue(path: fixture.path)
        let second = try Catalogue(path: fixture.path)
        let staffA = Actor(role: .staff, username: "rpatel"), staffB = Actor(role: .staff, username: "mlee")
        let results = [
            Result { try first.move(app.id, to: .underReview, by: staffA, expectedVersion: app.version) },
            Result { try second.move(app.id, to: .rejected, by: staffB, expectedVersion: app.version, note: "Full") },
        ]
        #expect(results.filter { (try? $0.get()) != nil }.count == 1)
        #expect(throws: CatalogueError.versionConflict(expected: app.version, current: app.version + 1)) { try results[1].get() }
        #expect(try fixture.catalogue.application(app.id, as: .system).status == .underReview)
    }

    @Test func applyingIsRefusedWithAReasonAStudentCanActOn() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        let yesterday = CalendarDay(Date()).adding(days: -1).description
        try fixture.addListings([["ref": "past", "deadline": yesterday], ["ref": "closed", "status": "closed"], ["ref": "fine"]])
        #expect(throws: CatalogueError.refused("the application deadline (\(yesterday)) has passed")) {
            try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("past"), coverNote: "", hoursOffered: 5)
        }
        #expect(throws: CatalogueError.refused("this listing is closed and takes no applications")) {
            try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("closed"), coverNote: "", hoursOffered: 5)
        }
        try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("fine"), coverNote: "", hoursOffered: 5)
        #expect(throws: CatalogueError.refused("you have already applied to this listing")) {
            try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("fine"), coverNote: "", hoursOffered: 5)
        }
        #expect(throws: CatalogueError.refused("no student profile for ghost; ask the career center to create one")) {
            try fixture.catalogue.apply(as: "ghost", to: try fixture.listingID("fine"), coverNote: "", hoursOffered: 5)
        }
    }

    @Test func feedbackIsOnlyAcceptedForCompletedWork() throws {
        let fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        try fixture.addListings([[:]])
        let app = try fixture.catalogue.apply(as: "ana", to: try fixture.listingID("listing-0"), coverNote: "", hoursOffered: 5)
        #expect(throws: CatalogueError.self) {
            try fixture.catalogue.write {
                try Catalogue.insertFeedback($0, application: app.id, direction: .organizationToStudent, rating: 5, strengths: "x",
                                             improvements: nil, comment: nil, skills: [], at: "2026-01-01T00:00:00Z")
            }
        }
    }
}
