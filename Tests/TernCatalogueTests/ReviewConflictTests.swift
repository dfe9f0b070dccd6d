import Foundation
import Testing
@testable import TernCatalogue

/// No lost updates in reviews: a decision carries the version it was made on, and one made on a
/// posting or organization that changed since is refused, saying who changed it and when.
@Suite struct ReviewConflictTests {
    let fixture: CatalogueFixture
    var catalogue: Catalogue { fixture.catalogue }
    let rosa = Actor(role: .staff, username: "rpatel")
    let dan = Actor(role: .staff, username: "dmorales")
    let ref = "kestrel-review-campaign"

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.catalogue.seedDemo(from: SeedTests.demoDirectory)
    }

    func posting(_ ref: String) throws -> PostingReview {
        try #require(try catalogue.postings().first { $0.ref == ref })
    }

    @Test func aDeclineOnAPostingApprovedMeanwhileIsRefusedSayingByWhomAndWhen() throws {
        let seen = try posting(ref)  // Rosa opens the decline form
        let approvedAt = Date(timeIntervalSince1970: 1_800_000_000)
        try catalogue.approve([ref], by: dan, now: approvedAt)  // Dan approves meanwhile
        let conflict = ReviewConflict(subject: ref, change: "approved", by: "dmorales", at: Timestamp.string(approvedAt), isYours: false)
        #expect(throws: CatalogueError.reviewChanged(conflict)) {
            try catalogue.decline(ref, reason: .location, expectedVersion: seen.version, by: rosa)
        }
        #expect(try posting(ref).approval == .approved)
        #expect(conflict.description == "\(ref) was approved by dmorales \(ReviewConflict.clock(Timestamp.string(approvedAt))); look again")
        // Decided again on what is there now, it goes through.
        try catalogue.decline(ref, reason: .location, expectedVersion: try posting(ref).version, by: rosa)
        #expect(try posting(ref).approval == .declined)
    }

    @Test func aConflictWithYourOwnEarlierDecisionIsReportedAsYours() throws {
        let seen = try posting(ref)
        try catalogue.approve([ref], versions: [ref: seen.version], by: rosa)
        // The same decision sent again from a second window, on what that window saw.
        do {
            try catalogue.approve([ref], versions: [ref: seen.version], by: rosa)
            Issue.record("a second approval on the old version went through")
        } catch CatalogueError.reviewChanged(let conflict) {
            #expect(conflict.isYours && conflict.by == "rpatel" && conflict.change == "approved")
            #expect(conflict.description.hasPrefix("you approved \(ref) "))
            #expect(!conflict.description.contains("someone else"))
        }
    }

    @Test func anEditOrACloseIsNamedToo() throws {
        let seen = try posting(ref)
        let listing = try #require(try catalogue.opportunity(ref: ref))
        _ = try catalogue.closeListing(ref: ref, expectedVersion: listing.version, by: dan)
        do {
            try catalogue.approve([ref, "fernhill-book-club-growth"], versions: [ref: seen.version], by: rosa)
            Issue.record("approved a listing closed meanwhile")
        } catch CatalogueError.reviewChanged(let conflict) {
            #expect(conflict.change == "closed" && conflict.by == "dmorales" && !conflict.isYours)
        }
        // All or nothing: the other listing still waits.
        #expect(try posting("fernhill-book-club-growth").approval == .pending)
    }

    @Test func anOrganizationDecisionOnAChangedOrganizationIsRefused() throws {
        let seen = try #require(try catalogue.organizations(approval: .pending).first { $0.name == "Quillstone Learning" })
        try catalogue.approveOrganization(seen.name, expectedVersion: seen.version, by: dan)
        #expect(throws: CatalogueError.self) {
            try catalogue.declineOrganization(seen.name, reason: .location, expectedVersion: seen.version, by: rosa)
        }
        do {
            try catalogue.trustOrganization(seen.name, expectedVersion: seen.version, by: dan)
            Issue.record("trusted an organization on an old version")
        } catch CatalogueError.reviewChanged(let conflict) {
            #expect(conflict.subject == "Quillstone Learning" && conflict.change == "approved" && conflict.isYours)
        }
        #expect(try catalogue.organizations().first { $0.name == seen.name }?.approval == .approved)
        #expect(try catalogue.organizations().first { $0.name == seen.name }?.version == seen.version + 1)
    }

    @Test func theTimeOfAChangeIsShownOnTheClockOrWithItsDay() throws {
        var parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        parts.hour = 14
        parts.minute = 2
        let today = try #require(Calendar.current.date(from: parts))
        #expect(ReviewConflict.clock(Timestamp.string(today), now: today) == "at 14:02")
        let before = today.addingTimeInterval(-3 * 86_400)
        #expect(ReviewConflict.clock(Timestamp.string(before), now: today) == "on \(CalendarDay(before).description) at 14:02")
    }
}
