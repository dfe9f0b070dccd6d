import Foundation
import Testing
@testable import TernCatalogue

@Suite struct PortfolioTests {
    static let staff = Actor(role: .staff, username: "kwong")

    /// Noon UTC on a day of 2026: the same calendar day in every time zone from UTC-11 to UTC+11.
    static func noon(_ day: String) -> Date {
        ISO8601DateFormatter().date(from: "\(day)T12:00:00Z")!
    }

    /// Applies as `student` on `applied` and walks the application along `steps` as staff.
    @discardableResult
    static func application(_ fixture: CatalogueFixture, student: String, listing: String, link: String? = nil,
                            applied: String, steps: [(ApplicationStatus, String)]) throws -> Int64 {
        var application = try fixture.catalogue.apply(as: student, to: try fixture.listingID(listing), coverNote: "Keen.",
                                                      portfolioLink: link, hoursOffered: 10, now: noon(applied))
        for (status, day) in steps {
            // The student hands in the work with its link; everything else is staff.
            if status == .delivered, let link {
                application = try fixture.catalogue.deliver(application.id, by: student, link: link,
                                                            expectedVersion: application.version, now: noon(day))
                continue
            }
            application = try fixture.catalogue.move(application.id, to: status, by: staff,
                                                     expectedVersion: application.version, now: noon(day))
        }
        return application.id
    }

    static let toOffer: [(ApplicationStatus, String)] = [
        (.underReview, "2026-02-01"), (.shortlisted, "2026-02-01"), (.offered, "2026-02-01"),
    ]

    /// Offered on 2026-02-01, accepted `accepted`, started the day after, delivered, completed on `completed`.
    static func completedSteps(accepted: String, started: String, completed: String) -> [(ApplicationStatus, String)] {
        toOffer + [(.accepted, accepted), (.inProgress, started), (.delivered, completed), (.completed, completed)]
    }

    static func catalogue() throws -> CatalogueFixture {
        let fixture = try CatalogueFixture()
        try fixture.addListings(["a", "b", "c", "d", "e", "f"].map {
            ["ref": $0, "title": "Listing \($0)", "deliverables": ["Draft \($0)", "Final \($0)"], "skills": ["Python"]]
        })
        try fixture.addStudent("ana")
        try fixture.addStudent("ben")
        return fixture
    }

    @Test func onlyCompletedMicroInternshipsAppearMostRecentlyCompletedFirst() throws {
        let fixture = try Self.catalogue()
        let earlier = try Self.application(fixture, student: "ana", listing: "a", applied: "2026-01-20",
                                           steps: Self.completedSteps(accepted: "2026-02-02", started: "2026-02-03", completed: "2026-02-20"))
        let later = try Self.application(fixture, student: "ana", listing: "b", applied: "2026-01-20",
                                         steps: Self.completedSteps(accepted: "2026-02-05", started: "2026-02-06", completed: "2026-03-10"))
        try Self.application(fixture, student: "ana", listing: "c", applied: "2026-01-20",
                             steps: Self.toOffer + [(.accepted, "2026-02-02"), (.inProgress, "2026-02-03")])
        try Self.application(fixture, student: "ana", listing: "d", applied: "2026-01-20",
                             steps: Self.toOffer + [(.accepted, "2026-02-02"), (.inProgress, "2026-02-03"), (.delivered, "2026-04-01")])
        try Self.application(fixture, student: "ana", listing: "e", applied: "2026-01-20", steps: [])

        let portfolio = try fixture.catalogue.portfolio(ofStudent: "ana")
        #expect(portfolio.map(\.applicationID) == [later, earlier])
        #expect(portfolio.map(\.opportunity.title) == ["Listing b", "Listing a"])
        #expect(portfolio.first?.opportunity.deliverables == ["Draft b", "Final b"])
    }

    @Test func anotherStudentsWorkNeverAppears() throws {
        let fixture = try Self.catalogue()
        let anas = try Self.application(fixture, student: "ana", listing: "a", applied: "2026-01-20",
                                        steps: Self.completedSteps(accepted: "2026-02-02", started: "2026-02-03", completed: "2026-02-20"))
        let bens = try Self.application(fixture, student: "ben", listing: "a", applied: "2026-01-21",
                                        steps: Self.completedSteps(accepted: "2026-02-02", started: "2026-02-03", completed: "2026-02-21"))
        try fixture.catalogue.write { db in
            try Catalogue.insertFeedback(db, application: bens, direction: .organizationToStudent, rating: 2, strengths: "Ben's",
                                         improvements: nil, comment: nil, skills: ["Secret Skill"], at: "2026-02-22T12:00:00Z")
        }

        let ana = try fixture.catalogue.portfolio(ofStudent: "ana")
        #expect(ana.map(\.applicationID) == [anas])
        #expect(ana.allSatisfy { $0.fromOrganization == nil && $0.skillsGained.isEmpty })
        #expect(try fixture.catalogue.portfolio(ofStudent: "ben").map(\.applicationID) == [bens])
        #expect(try fixture.catalogue.portfolio(ofStudent: "nobody").isEmpty)
        #expect(try fixture.catalogue.portfolio(ofStudent: "' OR 1=1 --").isEmpty)
    }

    @Test func datesComeFromTheHistory() throws {
        let fixture = try Self.catalogue()
        // Sent back for revision once: started stays the first start, completed is the completion.
        try Self.application(fixture, student: "ana", listing: "a", applied: "2026-01-20", steps: Self.toOffer + [
            (.accepted, "2026-02-04"), (.inProgress, "2026-02-06"), (.delivered, "2026-02-15"),
            (.inProgress, "2026-02-16"), (.delivered, "2026-02-25"), (.completed, "2026-02-27"),
        ])
        let entry = try #require(try fixture.catalogue.portfolio(ofStudent: "ana").first)
        #expect(entry.startedOn?.description == "2026-02-04")
        #expect(entry.completedOn?.description == "2026-02-27")
    }

    @Test func feedbackSkillsAndTheDeliverableLinkBelongToTheEntry() throws {
        let fixture = try Self.catalogue()
        let id = try Self.application(fixture, student: "ana", listing: "a", link: "https://ana.example/work", applied: "2026-01-20",
                                      steps: Self.completedSteps(accepted: "2026-02-02", started: "2026-02-03", completed: "2026-02-20"))
        try fixture.catalogue.write { db in
            try Catalogue.insertFeedback(db, application: id, direction: .organizationToStudent, rating: 4, strengths: "Careful work",
                                         improvements: "Ask sooner", comment: nil, skills: ["SQL", "python"], at: "2026-02-21T12:00:00Z")
            try Catalogue.insertFeedback(db, application: id, direction: .studentToOrganization, rating: 5, strengths: nil,
                                         improvements: nil, comment: "Great mentor", skills: [], at: "2026-02-21T12:00:00Z")
        }
        let entry = try #require(try fixture.catalogue.portfolio(ofStudent: "ana").first)
        #expect(entry.deliverableLink == "https://ana.example/work")
        #expect(entry.fromOrganization?.rating == 4)
        #expect(entry.fromOrganization?.strengths == "Careful work")
        #expect(entry.fromStudent?.comment == "Great mentor")
        // "python" names the skill the listing already created as "Python".
        #expect(entry.skillsGained == ["Python", "SQL"])
        #expect(entry.fromStudent?.skillsDemonstrated == [])
        // The same feedback the student's feedback pane reads.
        let pane = try fixture.catalogue.feedback(on: id, as: Actor(role: .student, username: "ana"))
        #expect(pane.first { $0.direction == .organizationToStudent } == entry.fromOrganization)
    }
}
