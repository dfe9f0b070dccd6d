import Foundation
import Testing
@testable import TernCatalogue

/// Every write path of the catalogue stores text exactly or refuses it with an invalid-input
/// error naming the field, writing nothing: the same rule as imports.
@Suite struct StoredTextWriteTests {
    let fixture: CatalogueFixture
    static let nul = "before\u{0}after"

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.addStudent("ana")
        try fixture.addListings([["ref": "a"], ["ref": "b"]])
    }

    /// Runs `body`, expecting `CatalogueError.invalid` whose message starts with `field:`, and
    /// that the catalogue's tables are as they were.
    func expectInvalid(naming field: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) throws {
        let before = try fixture.contents()
        do {
            try body()
            Issue.record("\(field): accepted", sourceLocation: sourceLocation)
        } catch CatalogueError.invalid(let message) {
            #expect(message.hasPrefix("\(field): "), "got \(message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(field): \(error)", sourceLocation: sourceLocation)
        }
        #expect(try fixture.contents() == before, "\(field): the catalogue changed", sourceLocation: sourceLocation)
    }

    @Test func applyingRefusesACoverNoteOrLinkItCannotStore() throws {
        let listing = try fixture.listingID("a")
        try expectInvalid(naming: "cover note") {
            try fixture.catalogue.apply(as: "ana", to: listing, coverNote: Self.nul, hoursOffered: 5)
        }
        try expectInvalid(naming: "cover note") {
            try fixture.catalogue.apply(as: "ana", to: listing, coverNote: String(repeating: "x", count: 5_001), hoursOffered: 5)
        }
        try expectInvalid(naming: "portfolio link") {
            try fixture.catalogue.apply(as: "ana", to: listing, coverNote: "Hi", portfolioLink: "https://x.example/\u{0}", hoursOffered: 5)
        }
        let kept = try fixture.catalogue.apply(as: "ana", to: listing, coverNote: String(repeating: "x", count: 5_000), hoursOffered: 5)
        #expect(kept.coverNote.count == 5_000)
    }

    @Test func notesAndRejectionReasonsAreRefusedWhenTheyCannotBeStored() throws {
        let application = try fixture.application(of: "ana", to: "a", at: .underReview)
        let advisor = CatalogueFixture.advisor
        try expectInvalid(naming: "note") {
            try fixture.catalogue.addNote(application.id, by: advisor, note: Self.nul, visibility: .staff)
        }
        try expectInvalid(naming: "note") {
            try fixture.catalogue.move(application.id, to: .shortlisted, by: advisor, expectedVersion: application.version, note: Self.nul)
        }
        try expectInvalid(naming: "reason") {
            try fixture.catalogue.move(application.id, to: .rejected, by: advisor, expectedVersion: application.version,
                                       note: String(repeating: "r", count: 5_001))
        }
    }

    @Test func aDeliverableLinkWithANULIsRefused() throws {
        let application = try fixture.application(of: "ana", to: "a", at: .inProgress)
        try expectInvalid(naming: "deliverable link") {
            try fixture.catalogue.deliver(application.id, by: "ana", link: "https://drive.example/\u{0}report", expectedVersion: application.version)
        }
    }

    @Test func aProfileSkillWithANULIsRefused() throws {
        let me = try #require(try fixture.catalogue.student(username: "ana"))
        try expectInvalid(naming: "skill") {
            try fixture.catalogue.updateProfile(of: "ana", skills: [StudentSkill(name: "Fig\u{0}ma", level: .expert)], interests: [],
                                                hoursPerWeek: 5, expectedVersion: me.version)
        }
    }

    @Test func ratingTextsAreRefusedWhenTheyCannotBeStored() throws {
        let application = try fixture.application(of: "ana", to: "a", at: .completed)
        for (field, strengths, improvements, comment) in [
            ("strengths", Self.nul, "", ""), ("improvements", "", Self.nul, ""), ("comment", "", "", Self.nul),
            ("comment", "", "", String(repeating: "c", count: 5_001)),
        ] {
            try expectInvalid(naming: field) {
                try fixture.catalogue.rateOrganization(application: application.id, by: "ana", rating: 4, strengths: strengths,
                                                       improvements: improvements, comment: comment)
            }
        }
    }

    @Test func savedSearchNamesAndWordsAreRefusedWhenTheyCannotBeStored() throws {
        try expectInvalid(naming: "saved search name") {
            try fixture.catalogue.saveSearch(named: "Remote\u{0}design", query: OpportunityQuery(), for: "ana")
        }
        try expectInvalid(naming: "search words") {
            try fixture.catalogue.saveSearch(named: "Long", query: OpportunityQuery(words: String(repeating: "w ", count: 300)), for: "ana")
        }
    }

    /// Bound as a C string, "ana<NUL>x" would be taken for "ana".
    @Test func aLoginWithANULActsForNobody() throws {
        try expectInvalid(naming: "username") {
            try fixture.catalogue.apply(as: "ana\u{0}x", to: try fixture.listingID("b"), coverNote: "Hi", hoursOffered: 5)
        }
        try expectInvalid(naming: "username") {
            try fixture.catalogue.setSaved(try fixture.listingID("b"), true, by: "ana\u{0}x")
        }
        #expect(try fixture.catalogue.student(username: "ana\u{0}x") == nil)
    }
}

extension CatalogueFixture {
    /// Every row of the tables a student or staff action writes, as text, to prove a refused
    /// action wrote nothing.
    func contents() throws -> [String] {
        try catalogue.read { db in
            try ["applications", "application_events", "feedback", "saved_searches", "saved_opportunities", "students",
                 "student_skills", "skills"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { "\(table): \($0)" }
            }.sorted()
        }
    }
}

import GRDB
