import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// Staff review of listings and organizations (issue 10): what students see, who decides, and
/// what is kept of each decision.
@Suite struct PostingApprovalTests {
    let fixture: CatalogueFixture
    let reviewer = Actor(role: .staff, username: "rpatel")

    init() throws { fixture = try CatalogueFixture() }

    /// Imports listings exactly as `tern import` does: no approval afterwards.
    func importListings(_ rows: [[String: Any]], now: Date = Date()) throws {
        let today = CalendarDay(Date())
        let full = rows.enumerated().map { index, listing -> [String: Any] in
            var record: [String: Any] = [
                "ref": "listing-\(index)", "title": "Listing \(index)", "organization": "Acme Studio", "field": "design",
                "hours": 10, "duration_days": 7, "deadline": today.adding(days: 14).description,
                "compensation_kind": "fixed_fee", "compensation_amount": 200, "currency": "USD", "location_kind": "remote",
            ]
            record.merge(listing) { $1 }
            return record
        }
        _ = try fixture.catalogue.importFile(try JSONSerialization.data(withJSONObject: full), format: .json, now: now)
    }

    func visible() throws -> [String] {
        try fixture.catalogue.opportunities(matching: OpportunityQuery(), limit: 100).map(\.ref).sorted()
    }

    @Test func importedListingsAndOrganizationsWaitForReviewAndStudentsCannotSeeOrApply() throws {
        try fixture.addStudent("ana")
        try importListings([["ref": "a"]])
        #expect(try fixture.catalogue.postings(approval: .pending).map(\.ref) == ["a"])
        #expect(try fixture.catalogue.organizations(approval: .pending).map(\.name) == ["Acme Studio"])
        #expect(try visible().isEmpty)
        let id = try fixture.listingID("a")
        #expect(throws: CatalogueError.notFound("listing \(id)")) { try fixture.catalogue.apply(as: "ana", to: id, coverNote: "", portfolioLink: nil, hoursOffered: 5) }
        #expect(throws: CatalogueError.notFound("listing \(id)")) { try fixture.catalogue.setSaved(id, true, by: "ana") }

        try fixture.catalogue.approve(["a"], note: "looks right", by: reviewer)
        #expect(try visible() == ["a"])
        // The first listing is how a new organization is reviewed: it is approved with it.
        #expect(try fixture.catalogue.organizations(approval: .approved).map(\.name) == ["Acme Studio"])
        let decisions = try fixture.catalogue.decisions(forOrganization: "Acme Studio")
        #expect(decisions.map(\.decision) == [.approved, .approved] && decisions.map(\.ref) == [nil, "a"])
        #expect(decisions.last?.note == "looks right" && decisions.last?.actor == reviewer)
        #expect(try fixture.catalogue.auditEntries(action: "approve_listing").map(\.detail) == ["a"])
        _ = try fixture.catalogue.apply(as: "ana", to: id, coverNote: "", portfolioLink: nil, hoursOffered: 5)
    }

    @Test func bulkApprovalIsAllOrNothing() throws {
        try importListings([["ref": "a"], ["ref": "b"], ["ref": "c"]])
        try fixture.catalogue.approve(["c"], by: reviewer)
        #expect(throws: CatalogueError.refused("c is already approved")) { try fixture.catalogue.approve(["a", "b", "c"], by: reviewer) }
        #expect(try visible() == ["c"])
        try fixture.catalogue.approve(["a", "b"], by: reviewer)
        #expect(try visible() == ["a", "b", "c"])
    }

    @Test func aTrustedOrganizationsLaterListingsAreApprovedOnArrivalButNotOthers() throws {
        try importListings([["ref": "first"], ["ref": "other", "organization": "Elsewhere Ltd"]])
        try fixture.catalogue.trustOrganization("Acme Studio", by: reviewer)
        // Trust does not approve what was already waiting.
        #expect(try visible().isEmpty)
        // A title of its own: a duplicate title is a flag, and a flagged listing waits even from a trusted organization.
        try importListings([["ref": "second", "title": "Second project"], ["ref": "third", "organization": "Elsewhere Ltd"]])
        #expect(try visible() == ["second"])
        #expect(try fixture.catalogue.decisions(forListing: "second").map(\.actor) == [Actor(role: .system, username: "system")])
        // Re-importing keeps each listing's approval as it was.
        try importListings([["ref": "second", "title": "Changed"], ["ref": "third", "title": "Changed too", "organization": "Elsewhere Ltd"]])
        #expect(try visible() == ["second"])
    }

    @Test func aDeclineNeedsAReasonAndOtherNeedsANote() throws {
        try importListings([["ref": "a"]])
        #expect(throws: CatalogueError.invalid("the reason other needs a note saying what")) {
            try fixture.catalogue.decline("a", reason: .other, note: "  ", by: reviewer)
        }
        try fixture.catalogue.decline("a", reason: .upfrontCost, note: "asks for a $40 kit", by: reviewer)
        let decision = try #require(try fixture.catalogue.postings(approval: .declined).first?.lastDecision)
        #expect(decision.reason == .upfrontCost && decision.note == "asks for a $40 kit" && decision.actor == reviewer)
        #expect(throws: CatalogueError.refused("a was declined; it must be resubmitted before it can be approved")) {
            try fixture.catalogue.approve(["a"], by: reviewer)
        }
        // The database itself refuses a decline without a reason, whoever writes.
        #expect(throws: (any Error).self) {
            try fixture.catalogue.write { try $0.execute(sql: "INSERT INTO posting_decisions(organization_id, decision, actor_role, actor_username, at) VALUES (1, 'declined', 'staff', 'x', '2026-01-01T00:00:00Z')") }
        }
    }

    @Test func declingAnApprovedListingTakesItOffTheBoard() throws {
        try importListings([["ref": "a"]])
        try fixture.catalogue.approve(["a"], by: reviewer)
        try fixture.catalogue.decline("a", reason: .thirdPartyRecruiter, by: reviewer)
        #expect(try visible().isEmpty)
    }

    @Test func aDeclinedListingMayBeResubmittedOnce() throws {
        try importListings([["ref": "a"]])
        #expect(throws: CatalogueError.refused("only a declined listing can be resubmitted; a is pending")) { try fixture.catalogue.resubmit("a", by: reviewer) }
        try fixture.catalogue.decline("a", reason: .needsMoreInformation, by: reviewer)
        try fixture.catalogue.resubmit("a", note: "brief expanded", by: reviewer)
        #expect(try fixture.catalogue.postings(approval: .pending).map(\.resubmitted) == [true])
        try fixture.catalogue.decline("a", reason: .needsMoreInformation, note: "still vague", by: reviewer)
        #expect(throws: CatalogueError.refused("a has already been resubmitted once; post it as a new listing")) {
            try fixture.catalogue.resubmit("a", by: reviewer)
        }
        #expect(try fixture.catalogue.decisions(forListing: "a").map(\.decision) == [.declined, .resubmitted, .declined])
    }

    @Test func decliningAnOrganizationDeclinesItsWaitingListingsAndRefusesTheRest() throws {
        try importListings([["ref": "a"], ["ref": "b"]])
        try fixture.catalogue.declineOrganization("Acme Studio", reason: .residentialAddress, note: "a flat", by: reviewer)
        #expect(try fixture.catalogue.postings(approval: .declined).map(\.ref).sorted() == ["a", "b"])
        try importListings([["ref": "c"]])
        #expect(throws: CatalogueError.refused("c belongs to Acme Studio, which was declined")) { try fixture.catalogue.approve(["c"], by: reviewer) }
        #expect(throws: CatalogueError.refused("Acme Studio was declined; approve it before trusting it")) {
            try fixture.catalogue.trustOrganization("Acme Studio", by: reviewer)
        }
    }

    @Test func flagsPointAtWhatAReviewerShouldCheck() throws {
        try importListings([
            ["ref": "cheap", "hours": 20, "compensation_amount": 100],                      // 5.00 an hour
            ["ref": "fair", "hours": 10, "compensation_amount": 300],                       // 30.00 an hour
            ["ref": "yen", "hours": 10, "compensation_amount": 100, "currency": "JPY"],     // never compared
            ["ref": "long-unpaid", "compensation_kind": "unpaid", "hours": 40, "compensation_amount": NSNull(), "currency": NSNull()],
            ["ref": "short-unpaid", "compensation_kind": "unpaid", "hours": 4, "compensation_amount": NSNull(), "currency": NSNull()],
            ["ref": "twin", "title": "Listing 1"],
        ])
        try fixture.catalogue.setReviewSettings(ReviewSettings(payFloorCents: 1_500, unpaidMaxHours: 10))
        #expect(try fixture.catalogue.flags(forListing: "cheap") == [.belowPayFloor(hourlyCents: 500, floorCents: 1_500, currency: "USD")])
        #expect(try fixture.catalogue.flags(forListing: "fair") == [.duplicateTitle(otherRef: "twin")])
        #expect(try fixture.catalogue.flags(forListing: "yen").isEmpty)
        #expect(try fixture.catalogue.flags(forListing: "long-unpaid") == [.unpaidOverHours(hours: 40, limit: 10)])
        #expect(try fixture.catalogue.flags(forListing: "short-unpaid").isEmpty)
        // The floor is a catalogue setting: lowered, the cheap listing passes.
        try fixture.catalogue.setReviewSettings(ReviewSettings(payFloorCents: 400, unpaidMaxHours: 10))
        #expect(try fixture.catalogue.flags(forListing: "cheap").isEmpty)
        try fixture.catalogue.write {
            try $0.execute(sql: "UPDATE organizations SET website = 'https://www.acme.example', contact_email = 'jobs@recruit-fast.example'")
        }
        #expect(try fixture.catalogue.flags(forListing: "cheap") == [.contactDomainMismatch(email: "jobs@recruit-fast.example", website: "https://www.acme.example")])
        try fixture.catalogue.write { try $0.execute(sql: "UPDATE organizations SET contact_email = 'hr@mail.acme.example'") }
        #expect(try fixture.catalogue.flags(forListing: "cheap").isEmpty)
    }

    @Test func staffAreAddedAndRemovedWithAnAuditTrail() throws {
        let owner = Actor(role: .staff, username: "root")
        try fixture.catalogue.addStaff(username: "rpatel", name: "Ritu Patel", role: .admin, by: owner)
        #expect(try fixture.catalogue.principal(for: Account(uid: 4_000_200, login: "rpatel")).staffRole == .admin)
        #expect(throws: CatalogueError.refused("rpatel is already staff")) { try fixture.catalogue.addStaff(username: "rpatel", by: owner) }
        #expect(throws: CatalogueError.self) { try fixture.catalogue.addStaff(username: "two words", by: owner) }
        // The last admin stays; with a second one, the first may go.
        #expect(throws: CatalogueError.refused("rpatel is the last admin and cannot be removed; make another admin first (tern staff role NAME admin)")) {
            try fixture.catalogue.removeStaff(username: "rpatel", by: reviewer)
        }
        try fixture.catalogue.addStaff(username: "mchen", name: "Mei Chen", role: .admin, by: owner)
        try fixture.catalogue.removeStaff(username: "rpatel", by: reviewer)
        #expect(try fixture.catalogue.principal(for: Account(uid: 4_000_200, login: "rpatel")).isStaff == false)
        #expect(try fixture.catalogue.auditEntries(action: "add_staff").map(\.actor) == ["root", "root"])
        #expect(try fixture.catalogue.auditEntries(action: "remove_staff").map(\.detail) == ["rpatel"])
    }

    @Test func theDemoHasListingsAndAnOrganizationWaitingAndOneDeclinedWithItsReason() throws {
        try fixture.catalogue.seedDemo(from: SeedTests.demoDirectory)
        let pending = try fixture.catalogue.postings(approval: .pending).map(\.ref)
        #expect(Set(pending) == ["fernhill-book-club-growth", "kestrel-review-campaign", "quillstone-launch-survey"])
        #expect(try fixture.catalogue.organizations(approval: .pending).map(\.name) == ["Quillstone Learning"])
        let declined = try #require(try fixture.catalogue.postings(approval: .declined).first)
        #expect(declined.ref == "loopcart-green-claims-audit" && declined.lastDecision?.reason == .needsMoreInformation)
        let visible = try fixture.catalogue.opportunities(matching: OpportunityQuery(), limit: 500).map(\.ref)
        #expect(!visible.contains { pending.contains($0) || $0 == declined.ref })
        // The pending organization's contact email is not at its website's domain.
        #expect(try fixture.catalogue.flags(forListing: "quillstone-launch-survey").contains(
            .contactDomainMismatch(email: "founders@quillstone-mail.example", website: "https://quillstone.example")))
    }
}
