import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// Listings that staff create, edit, close and archive in forms (issue 10): checked like an
/// import, reviewed like an import, guarded against two people saving the same listing.
@Suite struct ListingFormTests {
    let fixture: CatalogueFixture
    let staff = Actor(role: .staff, username: "rpatel")
    let reviewer = Actor(role: .staff, username: "mchen")

    init() throws { fixture = try CatalogueFixture() }

    static func draft(_ title: String = "Logo refresh", organization: String = "Acme Studio", cents: Int = 30_000,
                      hours: Int = 10) -> ListingDraft {
        ListingDraft(title: title, organization: organization, field: .design, brief: "A fresh logo for the shop.",
                     deliverables: ["Three sketches", "Final files"], skills: ["Figma", "Illustrator"], hours: hours,
                     durationDays: 14, deadline: CalendarDay(Date()).adding(days: 20), compensationKind: .fixedFee,
                     compensation: Money(cents: cents, currency: "USD"))
    }

    func visible(_ words: String = "") throws -> [String] {
        try fixture.catalogue.opportunities(matching: OpportunityQuery(words: words), limit: 100).map(\.ref)
    }

    func byPay() throws -> [String] {
        try fixture.catalogue.opportunities(matching: OpportunityQuery(sort: .pay), limit: 100).map(\.ref)
    }

    /// What every table a listing touches holds, to prove a refused write changed nothing.
    func snapshot() throws -> [String] {
        try fixture.catalogue.read { db in
            try ["opportunities", "organizations", "skills", "opportunity_skills", "opportunity_deliverables",
                 "opportunity_search", "applications", "application_events", "audit_log", "posting_decisions"].map { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description).sorted().joined(separator: "\n")
            }
        }
    }

    @Test func aCreatedListingWaitsForReviewAndStudentsCannotSeeItUntilApproved() throws {
        let created = try fixture.catalogue.createListing(Self.draft(), by: staff)
        #expect(created.ref == "acme-studio-logo-refresh" && created.version == 1 && created.status == .open)
        #expect(created.deliverables == ["Three sketches", "Final files"] && created.skills == ["Figma", "Illustrator"])
        #expect(try fixture.catalogue.postings(approval: .pending).map(\.ref) == [created.ref])
        #expect(try fixture.catalogue.organizations(approval: .pending).map(\.name) == ["Acme Studio"])
        #expect(try visible().isEmpty && visible("logo").isEmpty)
        let audit = try fixture.catalogue.auditEntries(action: "create_listing")
        #expect(audit.map(\.actor) == ["rpatel"] && audit.map(\.detail) == [created.ref])

        try fixture.catalogue.approve([created.ref], by: reviewer)
        #expect(try visible("logo") == [created.ref])
        // A second listing with the same names gets the next free ref.
        #expect(try fixture.catalogue.createListing(Self.draft(), by: staff).ref == "acme-studio-logo-refresh-2")
    }

    @Test func aTrustedOrganizationsListingIsApprovedOnArrivalAsAnImportWouldBe() throws {
        let first = try fixture.catalogue.createListing(Self.draft(), by: staff)
        try fixture.catalogue.approve([first.ref], by: reviewer)
        try fixture.catalogue.trustOrganization("Acme Studio", by: reviewer)
        let second = try fixture.catalogue.createListing(Self.draft("Poster series"), by: staff)
        #expect(try visible().sorted() == [first.ref, second.ref].sorted())
        #expect(try fixture.catalogue.decisions(forListing: second.ref).map(\.actor) == [Actor.system])
        // Another organization, named the same way in another case, is still Acme: no new one.
        let third = try fixture.catalogue.createListing(Self.draft("Banner", organization: "ACME STUDIO"), by: staff)
        #expect(try visible().contains(third.ref))
        #expect(try fixture.catalogue.organizations().map(\.name) == ["Acme Studio"])
    }

    @Test func textOverItsLimitIsRefusedNamingTheFieldAsTheImportRefusesIt() throws {
        var long = Self.draft()
        long.title = String(repeating: "é", count: 201)
        #expect(throws: ListingDraftError(.title, .unstorable(.tooLong(count: 201, limit: 200)))) { try long.validate() }
        var nul = Self.draft()
        nul.deliverables = ["fine", "before\u{0}after"]
        #expect(throws: ListingDraftError(.deliverables, .unstorableItem(index: 1, .nul(scalarOffset: 6)))) { try nul.validate() }
        var city = Self.draft()
        city.locationKind = .hybrid
        city.city = "  "
        #expect(throws: ListingDraftError(.city, .cityRequired(.hybrid))) { try city.validate() }
        var twice = Self.draft()
        twice.skills = ["Figma", "figma"]
        #expect(throws: ListingDraftError(.skills, .duplicateSkill("figma"))) { try twice.validate() }

        let before = try snapshot()
        #expect(throws: ListingDraftError(.title, .unstorable(.tooLong(count: 201, limit: 200)))) {
            try fixture.catalogue.createListing(long, by: staff)
        }
        #expect(try snapshot() == before)
        // The same values in an import file are refused with the same words, under the column's name.
        for (draft, column) in [(long, "title"), (nul, "deliverables"), (city, "city"), (twice, "skills")] {
            let error = try #require(draft.validationError)
            let row: [String: Any] = [
                "ref": "x", "title": draft.title, "organization": draft.organization, "field": "design",
                "deliverables": draft.deliverables, "skills": draft.skills, "hours": draft.hours, "duration_days": draft.durationDays,
                "deadline": draft.deadline.description, "compensation_kind": "fixed_fee", "compensation_amount": 300,
                "currency": "USD", "location_kind": draft.locationKind.rawValue, "city": draft.city ?? NSNull(),
            ]
            do {
                _ = try fixture.catalogue.importFile(try JSONSerialization.data(withJSONObject: [row]), format: .json)
                Issue.record("the import accepted what the form refused: \(column)")
            } catch let refused as ImportError {
                #expect(refused.message == "\(column): \(error.message)")
            }
        }
        #expect(try snapshot() == before)
    }

    @Test func aStaleVersionIsRefusedAndNothingChanges() throws {
        let opened = try fixture.catalogue.createListing(Self.draft(), by: staff)
        var mine = ListingDraft(opened), theirs = ListingDraft(opened)
        theirs.title = "Logo refresh, second round"
        let saved = try fixture.catalogue.updateListing(ref: opened.ref, theirs, expectedVersion: opened.version, by: reviewer)
        #expect(saved.version == opened.version + 1 && saved.title == "Logo refresh, second round")
        let before = try snapshot()
        mine.hours = 40
        #expect(throws: CatalogueError.listingChangedSinceOpened(ref: opened.ref, now: .open)) {
            try fixture.catalogue.updateListing(ref: opened.ref, mine, expectedVersion: opened.version, by: staff)
        }
        #expect(throws: CatalogueError.listingChangedSinceOpened(ref: opened.ref, now: .open)) {
            try fixture.catalogue.closeListing(ref: opened.ref, expectedVersion: opened.version, by: staff)
        }
        #expect(try snapshot() == before)
        #expect(CatalogueError.listingChangedSinceOpened(ref: "acme", now: .open).description
            == "listing acme was changed by someone else since you opened it; it is now open: reopen it to see their changes")
        // Saving what is already stored keeps the version: nobody's open form goes stale for nothing.
        #expect(try fixture.catalogue.updateListing(ref: opened.ref, theirs, expectedVersion: saved.version, by: staff).version == saved.version)
        #expect(try fixture.catalogue.auditEntries(action: "edit_listing").map(\.actor) == ["mchen"])
    }

    @Test func anEditKeepsItsRefAndApprovalAndANewRefMustBeFree() throws {
        let listing = try fixture.catalogue.createListing(Self.draft(), by: staff)
        try fixture.catalogue.approve([listing.ref], by: reviewer)
        let approved = try #require(try fixture.catalogue.opportunity(ref: listing.ref))
        var renamed = ListingDraft(approved)
        renamed.ref = "something-else"
        #expect(throws: ListingDraftError(.ref, .refChanged(from: listing.ref))) {
            try fixture.catalogue.updateListing(ref: listing.ref, renamed, expectedVersion: approved.version, by: staff)
        }
        var edited = ListingDraft(approved)
        edited.brief = "A fresh logo and a letterhead."
        _ = try fixture.catalogue.updateListing(ref: listing.ref, edited, expectedVersion: approved.version, by: staff)
        #expect(try visible() == [listing.ref])
        var taken = Self.draft("Another")
        taken.ref = listing.ref
        #expect(throws: ListingDraftError(.ref, .refTaken(listing.ref))) { try fixture.catalogue.createListing(taken, by: staff) }
        #expect(throws: CatalogueError.notPermitted("only staff create listings")) {
            try fixture.catalogue.createListing(Self.draft(), by: Actor(role: .student, username: "ana"))
        }
    }

    @Test func closingExpiresTheApplicationsStillWaitingWithAnEventEach() throws {
        let listing = try fixture.catalogue.createListing(Self.draft(), by: staff)
        try fixture.catalogue.approve([listing.ref], by: reviewer)
        let id = try #require(listing.id)
        var applications: [Application] = []
        for student in ["ana", "ben", "cai"] {
            try fixture.addStudent(student)
            applications.append(try fixture.catalogue.apply(as: student, to: id, coverNote: "", portfolioLink: nil, hoursOffered: 5))
        }
        let reviewed = try fixture.catalogue.move(applications[1].id, to: .underReview, by: reviewer, expectedVersion: applications[1].version)
        _ = try fixture.catalogue.move(applications[2].id, to: .withdrawn, by: Actor(role: .student, username: "cai"),
                                       expectedVersion: applications[2].version)
        let opened = try #require(try fixture.catalogue.opportunity(ref: listing.ref))

        let done = try fixture.catalogue.closeListing(ref: listing.ref, expectedVersion: opened.version, by: staff)
        #expect(done == ExpirySummary(listingsClosed: 1, applicationsExpired: 2))
        #expect(try fixture.catalogue.opportunity(ref: listing.ref)?.status == .closed)
        #expect(try visible().isEmpty)
        let events = try fixture.catalogue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT application_id, actor_role, from_status, entered_by, note FROM application_events
                WHERE to_status = 'expired' ORDER BY application_id
                """)
        }
        #expect(events.map { $0["application_id"] as Int64 } == [applications[0].id, reviewed.id])
        #expect(events.map { $0["from_status"] as String } == ["submitted", "under_review"])
        #expect(events.allSatisfy { ($0["actor_role"] as String) == "system" && ($0["entered_by"] as String) == "rpatel" && ($0["note"] as String) == "the listing was closed" })
        #expect(try fixture.catalogue.auditEntries(action: "close_listing").map(\.detail) == ["\(listing.ref): 2 waiting applications expired"])
        let closed = try #require(try fixture.catalogue.opportunity(ref: listing.ref))
        #expect(throws: CatalogueError.refused("\(listing.ref) is closed; only an open listing can be closed")) {
            try fixture.catalogue.closeListing(ref: listing.ref, expectedVersion: closed.version, by: staff)
        }
    }

    @Test func onlyAClosedListingIsArchivedAndThenItIsNotEdited() throws {
        let listing = try fixture.catalogue.createListing(Self.draft(), by: staff)
        #expect(throws: CatalogueError.refused("\(listing.ref) is open; close it first, so that the applications waiting on it expire")) {
            try fixture.catalogue.archiveListing(ref: listing.ref, expectedVersion: listing.version, by: staff)
        }
        try fixture.catalogue.closeListing(ref: listing.ref, expectedVersion: listing.version, by: staff)
        let closed = try #require(try fixture.catalogue.opportunity(ref: listing.ref))
        try fixture.catalogue.archiveListing(ref: listing.ref, expectedVersion: closed.version, by: staff)
        let archived = try #require(try fixture.catalogue.opportunity(ref: listing.ref))
        #expect(archived.status == .archived && archived.version == closed.version + 1)
        #expect(try fixture.catalogue.auditEntries(action: "archive_listing").map(\.actor) == ["rpatel"])
        #expect(throws: CatalogueError.refused("\(listing.ref) is archived; an archived listing is not edited")) {
            try fixture.catalogue.updateListing(ref: listing.ref, Self.draft("New"), expectedVersion: archived.version, by: staff)
        }
        #expect(throws: CatalogueError.refused("\(listing.ref) is already archived")) {
            try fixture.catalogue.archiveListing(ref: listing.ref, expectedVersion: archived.version, by: staff)
        }
    }

    @Test func searchFindsTheEditedTitleAndSkillsAndNotTheOldOnes() throws {
        let listing = try fixture.catalogue.createListing(Self.draft("Watercolour poster"), by: staff)
        try fixture.catalogue.approve([listing.ref], by: reviewer)
        #expect(try visible("watercolour") == [listing.ref] && visible("illustrator") == [listing.ref])
        let opened = try #require(try fixture.catalogue.opportunity(ref: listing.ref))
        var draft = ListingDraft(opened)
        draft.title = "Linocut poster"
        draft.skills = ["Printmaking"]
        draft.organization = "Brightleaf Press"
        _ = try fixture.catalogue.updateListing(ref: listing.ref, draft, expectedVersion: opened.version, by: staff)
        #expect(try visible("linocut") == [listing.ref] && visible("printmaking") == [listing.ref] && visible("brightleaf") == [listing.ref])
        #expect(try visible("watercolour").isEmpty && visible("illustrator").isEmpty && visible("acme").isEmpty)
        // The index holds what a rebuild from the tables would hold.
        let (entry, rebuilt) = try fixture.catalogue.read { db in
            (try Row.fetchOne(db, sql: "SELECT title, organization, skills, brief FROM opportunity_search WHERE rowid = ?", arguments: [listing.id]),
             try Row.fetchOne(db, sql: """
                SELECT o.title, org.name, (SELECT group_concat(s.name, ' ') FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
                                           WHERE os.opportunity_id = o.id), o.brief
                FROM opportunities o JOIN organizations org ON org.id = o.organization_id WHERE o.id = ?
                """, arguments: [listing.id]))
        }
        #expect(entry.map { Array($0.databaseValues) } == rebuilt.map { Array($0.databaseValues) })
    }

    @Test func thePayOrderFollowsAnEditAsItFollowsAnImport() throws {
        try fixture.addListings([["ref": "usd-20h", "compensation_kind": "hourly", "compensation_amount": 20, "currency": "USD"]])
        let listing = try fixture.catalogue.createListing(Self.draft(cents: 10_000, hours: 10), by: staff)  // USD 10 an hour
        try fixture.catalogue.approve([listing.ref], by: reviewer)
        #expect(try byPay() == ["usd-20h", listing.ref])
        let opened = try #require(try fixture.catalogue.opportunity(ref: listing.ref))
        var draft = ListingDraft(opened)
        draft.hours = 2  // USD 50 an hour
        let saved = try fixture.catalogue.updateListing(ref: listing.ref, draft, expectedVersion: opened.version, by: staff)
        #expect(try byPay() == [listing.ref, "usd-20h"])
        draft.compensationKind = .unpaid
        draft.compensation = nil
        _ = try fixture.catalogue.updateListing(ref: listing.ref, draft, expectedVersion: saved.version, by: staff)
        #expect(try byPay() == ["usd-20h", listing.ref])
        // The stored rank is exactly the import's for the same values.
        let ranks = try fixture.catalogue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT pay_rank, \(PayRank.sql(hourly: "hourly_cents", currency: "currency", kind: "compensation_kind", home: PayRank.storedHomeCurrency))
                FROM opportunities WHERE ref = ?
                """, arguments: [listing.ref])
        }
        #expect(ranks.map { $0[0] as Int64 } == ranks.map { $0[1] as Int64 })
    }

    @Test func madeRefsAreASCIIWhateverTheNamesAreWrittenIn() {
        #expect(ListingRef.base(organization: "Café Olé", title: "Menu design!") == "cafe-ole-menu-design")
        #expect(ListingRef.base(organization: "東京大学", title: "翻訳") == "listing")
        let long = ListingRef.base(organization: String(repeating: "a", count: 300), title: "x")
        #expect(long.count == ListingRef.baseLimit && ListingRules.refProblem(long + "-12") == nil)
    }
}

extension ListingDraft {
    /// The first problem ``validate()`` finds, for comparing with an import's words.
    var validationError: ListingDraftError? {
        do { try validate(); return nil } catch { return error }
    }
}
