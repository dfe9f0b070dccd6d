import Foundation
import Testing
import StoreFixtures
import TernStore

/// Review on every back end (``ReviewStore``): the queues, decisions on listings and
/// organizations against the version the reviewer saw, the staff forms that create, edit, close
/// and archive listings, and the expiry pass. Expectations come from the demo data
/// (data/demo) or from what the test itself wrote; a listing made public by a decision is found
/// by a word search, and one taken down is not (on PostgreSQL, schema v3's word table).
@Suite struct ReviewContract {
    private static let admin = Actor(role: .staff, username: "shaddad")

    private func reviewer(_ store: any CatalogueStore, _ account: Account = Demo.admin,
                          _ operation: TernStore.Operation = .reviewPostings) async throws -> Actor {
        let access = try await store.authorize(operation, account: account, actingFor: nil)
        return Actor(role: .staff, username: try #require(access.principal.account.login))
    }

    private func listed(_ store: any CatalogueStore, _ words: String, includeClosed: Bool = false) async throws -> [String] {
        try await store.opportunities(matching: OpportunityQuery(words: words, includeClosed: includeClosed), after: nil,
                                      limit: 200, today: Demo.today).map(\.ref)
    }

    private func refused(_ error: CatalogueError, _ body: () async throws -> Void) async {
        await #expect(throws: error) { try await body() }
    }

    // MARK: Queues

    @Test(arguments: BackEnd.all)
    func theReviewQueuesListTheDemosPendingPostingsAndOrganizations(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        _ = try await reviewer(store)
        let demo = try DemoFacts()

        let pending = try await store.postings(approval: .pending, limit: nil)
        #expect(Set(pending.map(\.ref)) == demo.refs(approval: "pending"))
        #expect(pending.allSatisfy { $0.approval == .pending })
        let declined = try await store.postings(approval: .declined, limit: nil)
        #expect(Set(declined.map(\.ref)) == demo.refs(approval: "declined"))

        let all = try await store.postings(approval: nil, limit: nil)
        #expect(all.count == demo.listings.count)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.postedAt >= $1.postedAt }, "newest first")
        #expect(try await store.postings(approval: nil, limit: 4) == Array(all.prefix(4)))
        #expect(try await store.postings(approval: .approved, limit: 0).isEmpty)
        for posting in pending + declined {
            #expect(try await store.flags(forListing: posting.ref) == posting.flags)
            #expect(try await store.decisions(forListing: posting.ref).last == posting.lastDecision)
        }

        let organizations = try await store.organizations(approval: nil)
        #expect(organizations.count == demo.organizations.count)
        // By name as SQLite's NOCASE orders it: ASCII letters folded, then byte order.
        let folded = { (name: String) in Array(name.utf8).map { (65...90).contains($0) ? $0 + 32 : $0 } }
        #expect(organizations.map(\.name) == organizations.map(\.name).sorted { folded($0).lexicographicallyPrecedes(folded($1)) })
        let waiting = try await store.organizations(approval: .pending)
        #expect(Set(waiting.map(\.name)) == demo.organizationNames(approval: "pending"))
        for organization in waiting {
            #expect(organization.pendingListings == pending.filter { $0.organization == organization.name }.count)
            #expect(organization.approval == .pending && !organization.trusted)
        }
        #expect(organizations.reduce(0) { $0 + $1.pendingListings } == pending.count)

        await refused(.notFound("no listing with the ref no-such-listing")) { _ = try await store.flags(forListing: "no-such-listing") }
        await refused(.notFound("no listing with the ref no-such-listing")) { _ = try await store.decisions(forListing: "no-such-listing") }
        await refused(.notFound("no organization named No Such Studio")) { _ = try await store.decisions(forOrganization: "No Such Studio") }
    }

    // MARK: Listings

    @Test(arguments: BackEnd.all)
    func approvingANewOrganizationsFirstListingApprovesBothAndListsIt(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let actor = try await reviewer(store)
        let first = try #require(try await store.postings(approval: .pending, limit: nil).first { $0.organizationApproval == .pending })
        #expect(try await !listed(store, first.title).contains(first.ref))

        let other = try #require(try await store.postings(approval: .pending, limit: nil).first { $0.ref != first.ref })
        do {
            try await store.approve([other.ref], versions: [other.ref: other.version - 1], note: nil, by: actor, now: Demo.now)
            Issue.record("a stale version was approved")
        } catch CatalogueError.reviewChanged(let conflict) {
            #expect(conflict.subject == other.ref)
        }
        await refused(.invalid("name at least one listing to approve")) {
            try await store.approve([], versions: [:], note: nil, by: actor, now: Demo.now)
        }
        await refused(.notFound("no listing with the ref no-such-listing")) {
            try await store.approve([first.ref, "no-such-listing"], versions: [:], note: nil, by: actor, now: Demo.now)
        }
        #expect(try await store.approval(ofListing: try #require(try await store.opportunity(ref: first.ref)?.id)) == .pending,
                "all or none: the first was not approved either")

        try await store.approve([first.ref], versions: [first.ref: first.version], note: "checked the brief", by: actor, now: Demo.now)
        #expect(try await listed(store, first.title).contains(first.ref), "approved, it is found by its words")
        let organization = try #require(try await store.organizations(approval: nil).first { $0.name == first.organization })
        #expect(organization.approval == .approved)
        let stamp = Timestamp.string(Demo.now)
        #expect(try await store.decisions(forOrganization: first.organization).suffix(2) == [
            PostingDecision(organization: first.organization, decision: .approved, note: "approved with its first listing \(first.ref)",
                            actor: actor, at: stamp),
            PostingDecision(organization: first.organization, ref: first.ref, decision: .approved, note: "checked the brief",
                            actor: actor, at: stamp),
        ])
        #expect(try await store.decisions(forListing: first.ref).last?.note == "checked the brief")
        let approved = try #require(try await store.postings(approval: .approved, limit: nil).first { $0.ref == first.ref })
        #expect(approved.version == first.version + 1 && approved.lastDecision?.decision == .approved)

        await refused(.refused("\(first.ref) is already approved")) {
            try await store.approve([first.ref], versions: [:], note: nil, by: actor, now: Demo.now)
        }
        do {
            try await store.approve([first.ref], versions: [first.ref: first.version], note: nil, by: actor, now: Demo.now)
            Issue.record("a stale version was approved")
        } catch CatalogueError.reviewChanged(let conflict) {
            #expect(conflict == ReviewConflict(subject: first.ref, change: "approved", by: actor.username, at: stamp, isYours: true))
        }
    }

    @Test(arguments: BackEnd.all)
    func decliningTakesAListingDownAndItIsResubmittedOnce(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let actor = try await reviewer(store)
        let demo = try DemoFacts()
        let ref = try #require(demo.publicOpenRefs.max { demo.waiting(on: [$0]) < demo.waiting(on: [$1]) })
        let listing = try #require(try await store.opportunity(ref: ref))
        let id = try #require(listing.id)
        #expect(try await listed(store, listing.title).contains(ref))

        await refused(.invalid("the reason other needs a note saying what")) {
            _ = try await store.decline(ref, reason: .other, note: "  ", expectedVersion: nil, by: actor, now: Demo.now)
        }
        let summary = try await store.decline(ref, reason: .upfrontCost, note: "asks for a paid kit", expectedVersion: listing.version,
                                              by: actor, now: Demo.now)
        #expect(summary == TakeDownSummary(applicationsExpired: demo.waiting(on: [ref]), workUnderWay: demo.underWay(on: ref)))
        #expect(summary.applicationsExpired > 0)
        #expect(try await store.approval(ofListing: id) == .declined)
        #expect(try await !listed(store, listing.title, includeClosed: true).contains(ref), "taken down, it is not found")
        await refused(.refused("\(ref) is already declined")) {
            _ = try await store.decline(ref, reason: .location, note: nil, expectedVersion: nil, by: actor, now: Demo.now)
        }
        await refused(.refused("\(ref) was declined; it must be resubmitted before it can be approved")) {
            try await store.approve([ref], versions: [:], note: nil, by: actor, now: Demo.now)
        }
        let stamp = Timestamp.string(Demo.now)
        await refused(.reviewChanged(ReviewConflict(subject: ref, change: "declined", by: actor.username, at: stamp, isYours: true))) {
            try await store.resubmit(ref, note: nil, expectedVersion: listing.version, by: actor, now: Demo.now)
        }

        try await store.resubmit(ref, note: "kit now provided", expectedVersion: listing.version + 1, by: actor, now: Demo.now)
        let back = try #require(try await store.postings(approval: .pending, limit: nil).first { $0.ref == ref })
        #expect(back.resubmitted && back.version == listing.version + 2)
        await refused(.refused("only a declined listing can be resubmitted; \(ref) is pending")) {
            try await store.resubmit(ref, note: nil, expectedVersion: nil, by: actor, now: Demo.now)
        }
        let again = try await store.decline(ref, reason: .other, note: "still a paid kit", expectedVersion: nil, by: actor, now: Demo.now)
        #expect(again == TakeDownSummary(applicationsExpired: 0, workUnderWay: demo.underWay(on: ref)))
        await refused(.refused("\(ref) has already been resubmitted once; post it as a new listing")) {
            try await store.resubmit(ref, note: nil, expectedVersion: nil, by: actor, now: Demo.now)
        }
        let decisions = try await store.decisions(forListing: ref)
        #expect(decisions.suffix(3).map(\.decision) == [.declined, .resubmitted, .declined])
        #expect(decisions.suffix(3).map(\.reason) == [.upfrontCost, nil, .other])
        #expect(decisions.suffix(3).map(\.note) == ["asks for a paid kit", "kit now provided", "still a paid kit"])
        #expect(decisions.allSatisfy { $0.organization == listing.organization && $0.ref == ref })
    }

    // MARK: Organizations

    @Test(arguments: BackEnd.all)
    func anOrganizationIsDeclinedWithItsPendingListingsThenApprovedAndTrustedOnce(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let actor = try await reviewer(store, Demo.admin, .trustOrganizations)
        let organization = try #require(try await store.organizations(approval: .pending).first { $0.pendingListings > 0 })
        let name = organization.name
        let pendingRefs = try await store.postings(approval: .pending, limit: nil).filter { $0.organization == name }.map(\.ref)
        let stamp = Timestamp.string(Demo.now)

        await refused(.notFound("no organization named No Such Studio")) {
            try await store.approveOrganization("No Such Studio", note: nil, expectedVersion: nil, by: actor, now: Demo.now)
        }
        await refused(.invalid("the reason other needs a note saying what")) {
            try await store.declineOrganization(name, reason: .other, note: nil, expectedVersion: nil, by: actor, now: Demo.now)
        }
        try await store.declineOrganization(name.uppercased(), reason: .notARealProject, note: "no such company",
                                            expectedVersion: organization.version, by: actor, now: Demo.now)
        let declined = Set(try await store.postings(approval: .declined, limit: nil).map(\.ref))
        #expect(Set(pendingRefs).isSubset(of: declined))
        #expect(try await store.organizations(approval: .declined).map(\.name) == [name])
        let history = try await store.decisions(forOrganization: name)
        #expect(history.count == 1 + pendingRefs.count && history.first?.ref == nil)
        #expect(Set(history.compactMap(\.ref)) == Set(pendingRefs))
        #expect(history.allSatisfy { $0.decision == .declined && $0.reason == .notARealProject && $0.actor == actor && $0.at == stamp })
        await refused(.refused("\(name) is already declined")) {
            try await store.declineOrganization(name, reason: .location, note: nil, expectedVersion: nil, by: actor, now: Demo.now)
        }
        await refused(.refused("\(name) was declined; approve it before trusting it")) {
            try await store.trustOrganization(name, note: nil, expectedVersion: nil, by: actor, now: Demo.now)
        }
        let listing = try #require(pendingRefs.first)
        try await store.resubmit(listing, note: "a real company after all", expectedVersion: nil, by: actor, now: Demo.now)
        await refused(.refused("\(listing) belongs to \(name), which was declined")) {
            try await store.approve([listing], versions: [:], note: nil, by: actor, now: Demo.now)
        }

        await refused(.reviewChanged(ReviewConflict(subject: name, change: "declined", by: actor.username, at: stamp, isYours: true))) {
            try await store.approveOrganization(name, note: nil, expectedVersion: organization.version, by: actor, now: Demo.now)
        }
        try await store.approveOrganization(name, note: "called them", expectedVersion: organization.version + 1, by: actor, now: Demo.now)
        await refused(.refused("\(name) is already approved")) {
            try await store.approveOrganization(name, note: nil, expectedVersion: nil, by: actor, now: Demo.now)
        }
        try await store.trustOrganization(name, note: "known to the office", expectedVersion: organization.version + 2, by: actor, now: Demo.now)
        let trusted = try #require(try await store.organizations(approval: .approved).first { $0.name == name })
        #expect(trusted.trusted && trusted.version == organization.version + 3 && trusted.pendingListings == 1)
        await refused(.refused("\(name) is already trusted")) {
            try await store.trustOrganization(name, note: nil, expectedVersion: nil, by: actor, now: Demo.now)
        }
        #expect(try await store.decisions(forOrganization: name).suffix(2).map(\.decision) == [.approved, .trusted])
        #expect(try await store.decisions(forOrganization: name).last?.note == "known to the office")
    }

    @Test(arguments: BackEnd.all)
    func trustingAnOrganizationIsAnAdminsAndItsNewListingsArriveApprovedUnlessFlagged(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let advisor = try await reviewer(store, Demo.advisor)
        let name = try #require(try await store.organizations(approval: .approved).first { !$0.trusted }).name
        await refused(.notPermitted("only \(StaffRole.admin.plural) may \(TernStore.Operation.trustOrganizations.summary); rpatel is \(StaffRole.advisor.withArticle)")) {
            try await store.trustOrganization(name, note: nil, expectedVersion: nil, by: advisor, now: Demo.now)
        }
        let admin = try await reviewer(store, Demo.admin, .trustOrganizations)
        try await store.trustOrganization(name, note: nil, expectedVersion: nil, by: admin, now: Demo.now)

        let deadline = Demo.today.adding(days: 20)
        let paid = ListingDraft(title: "Quokka census dashboard", organization: name, field: .dataAnalysis, brief: "Count the quokkas.",
                                deliverables: ["A dashboard", "A short memo"], skills: ["Tableau", "Quokka Counting"],
                                hours: 10, durationDays: 14, deadline: deadline, compensationKind: .fixedFee,
                                compensation: Money(cents: 50_000, currency: try await store.homeCurrency()))
        let created = try await store.createListing(paid, by: admin, now: Demo.now)
        #expect(created.version == 1 && created.status == .open && created.organization == name)
        #expect(created.deliverables == ["A dashboard", "A short memo"] && created.skills == ["Quokka Counting", "Tableau"])
        #expect(try await store.opportunity(ref: created.ref) == created)
        #expect(try await store.approval(ofListing: try #require(created.id)) == .approved)
        #expect(try await store.decisions(forListing: created.ref) == [
            PostingDecision(organization: name, ref: created.ref, decision: .approved, note: "trusted organization", actor: .system,
                            at: Timestamp.string(Demo.now)),
        ])
        #expect(try await listed(store, "quokka census").contains(created.ref), "approved on arrival, it is found by its words")
        #expect(try await listed(store, "quokka count").contains(created.ref), "and by its skills'")

        var unpaid = paid
        unpaid.title = "Quokka census, unpaid"
        unpaid.compensationKind = .unpaid
        unpaid.compensation = nil
        unpaid.hours = 40
        let flagged = try await store.createListing(unpaid, by: admin, now: Demo.now)
        #expect(flagged.version == 1)
        #expect(try await store.approval(ofListing: try #require(flagged.id)) == .pending)
        #expect(try await store.flags(forListing: flagged.ref) == [.unpaidOverHours(hours: 40, limit: 10)])
        #expect(try await store.decisions(forListing: flagged.ref).isEmpty)
        #expect(try await !listed(store, "quokka census").contains(flagged.ref))

        var taken = paid
        taken.ref = created.ref
        await #expect(throws: ListingDraftError(.ref, .refTaken(created.ref))) {
            _ = try await store.createListing(taken, by: admin, now: Demo.now)
        }
        await refused(.notPermitted("only staff create listings")) {
            _ = try await store.createListing(paid, by: Actor(role: .student, username: "demo"), now: Demo.now)
        }
    }

    @Test(arguments: BackEnd.all)
    func aListingOfANewOrganizationWaitsAndItsTwinIsFlagged(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let admin = try await reviewer(store)
        let draft = ListingDraft(title: "Wombat survey", organization: "Tern Contract Studio", field: .research, hours: 5,
                                 durationDays: 7, deadline: Demo.today.adding(days: 10), compensationKind: .certificate)
        let first = try await store.createListing(draft, by: admin, now: Demo.now)
        let second = try await store.createListing(draft, by: admin, now: Demo.now)
        #expect(first.ref != second.ref)
        let studio = try #require(try await store.organizations(approval: .pending).first { $0.name == "Tern Contract Studio" })
        #expect(studio.pendingListings == 2 && !studio.trusted)
        #expect(try await store.flags(forListing: second.ref) == [.duplicateTitle(otherRef: first.ref)])
        #expect(try await store.flags(forListing: first.ref) == [.duplicateTitle(otherRef: second.ref)])
        #expect(try await !listed(store, "wombat").contains(first.ref))
        try await store.approve([first.ref, second.ref], versions: [:], note: nil, by: admin, now: Demo.now)
        #expect(Set(try await listed(store, "wombat")) == [first.ref, second.ref])
        #expect(try await store.decisions(forOrganization: "tern contract studio").count == 3)
    }

    // MARK: Staff forms

    @Test(arguments: BackEnd.all)
    func aStaffEditIsSavedOnceFoundByItsNewWordsAndAStaleFormIsRefused(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let admin = try await reviewer(store)
        let demo = try DemoFacts()
        let ref = try #require(demo.publicOpenRefs.sorted().first)
        let before = try #require(try await store.opportunity(ref: ref))
        var draft = ListingDraft(before)
        draft.title = "Zanzibar \(before.title)"
        draft.skills = before.skills + ["Basketweaving"]
        let saved = try await store.updateListing(ref: ref, draft, expectedVersion: before.version, by: admin, now: Demo.now)
        #expect(saved.version == before.version + 1 && saved.title == draft.title && saved.skills.contains("Basketweaving"))
        #expect(saved.postedAt == before.postedAt && saved.status == .open)
        #expect(try await store.opportunity(ref: ref) == saved)
        #expect(try await listed(store, "zanzibar").contains(ref))
        #expect(try await listed(store, "basketweav").contains(ref))
        #expect(try await store.updateListing(ref: ref, ListingDraft(saved), expectedVersion: saved.version, by: admin, now: Demo.now) == saved,
                "an edit that changes nothing keeps the version")

        await refused(.listingChangedSinceOpened(ref: ref, now: .open)) {
            _ = try await store.updateListing(ref: ref, draft, expectedVersion: before.version, by: admin, now: Demo.now)
        }
        var renamed = draft
        renamed.ref = ref + "-2"
        await #expect(throws: ListingDraftError(.ref, .refChanged(from: ref))) {
            _ = try await store.updateListing(ref: ref, renamed, expectedVersion: saved.version, by: admin, now: Demo.now)
        }
        await refused(.notPermitted("only staff edit listings")) {
            _ = try await store.updateListing(ref: ref, draft, expectedVersion: saved.version, by: .system, now: Demo.now)
        }
        do {
            _ = try await store.decline(ref, reason: .location, note: nil, expectedVersion: before.version, by: admin, now: Demo.now)
            Issue.record("a stale version was declined")
        } catch CatalogueError.reviewChanged(let conflict) {
            #expect(conflict.subject == ref && conflict.change == "edited" && conflict.by == admin.username && conflict.isYours)
        }
    }

    @Test(arguments: BackEnd.all)
    func aListingIsClosedByHandThenArchivedOnce(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let admin = try await reviewer(store)
        let demo = try DemoFacts()
        let ref = try #require(demo.publicOpenRefs.max { demo.waiting(on: [$0]) < demo.waiting(on: [$1]) })
        let listing = try #require(try await store.opportunity(ref: ref))

        await refused(.notPermitted("only staff close listings")) {
            _ = try await store.closeListing(ref: ref, expectedVersion: listing.version, by: Actor(role: .student, username: "demo"), now: Demo.now)
        }
        await refused(.refused("\(ref) is open; close it first, so that the applications waiting on it expire")) {
            try await store.archiveListing(ref: ref, expectedVersion: listing.version, by: admin, now: Demo.now)
        }
        let closed = try await store.closeListing(ref: ref, expectedVersion: listing.version, by: admin, now: Demo.now)
        #expect(closed == ExpirySummary(listingsClosed: 1, applicationsExpired: demo.waiting(on: [ref])))
        #expect(closed.applicationsExpired > 0)
        #expect(try await !listed(store, listing.title).contains(ref))
        #expect(try await listed(store, listing.title, includeClosed: true).contains(ref), "closed, it is still found with the closed ones")
        let now = try #require(try await store.opportunity(ref: ref))
        #expect(now.status == .closed && now.version == listing.version + 1)
        await refused(.listingChangedSinceOpened(ref: ref, now: .closed)) {
            _ = try await store.closeListing(ref: ref, expectedVersion: listing.version, by: admin, now: Demo.now)
        }
        await refused(.refused("\(ref) is closed; only an open listing can be closed")) {
            _ = try await store.closeListing(ref: ref, expectedVersion: now.version, by: admin, now: Demo.now)
        }
        await refused(.notFound("no listing with the ref no-such-listing")) {
            try await store.archiveListing(ref: "no-such-listing", expectedVersion: 1, by: admin, now: Demo.now)
        }
        try await store.archiveListing(ref: ref, expectedVersion: now.version, by: admin, now: Demo.now)
        let archived = try #require(try await store.opportunity(ref: ref))
        #expect(archived.status == .archived && archived.version == now.version + 1)
        await refused(.refused("\(ref) is already archived")) {
            try await store.archiveListing(ref: ref, expectedVersion: archived.version, by: admin, now: Demo.now)
        }
        await refused(.refused("\(ref) is archived; an archived listing is not edited")) {
            _ = try await store.updateListing(ref: ref, ListingDraft(archived), expectedVersion: archived.version, by: admin, now: Demo.now)
        }
        do {
            _ = try await store.decline(ref, reason: .location, note: nil, expectedVersion: listing.version, by: admin, now: Demo.now)
            Issue.record("a stale version was declined")
        } catch CatalogueError.reviewChanged(let conflict) {
            #expect(conflict.subject == ref && conflict.change == "archived" && conflict.by == admin.username)
        }
    }

    @Test(arguments: BackEnd.all)
    func theExpiryPassClosesEveryListingPastItsDeadlineOnce(backEnd: BackEnd) async throws {
        let opened = try await backEnd.openDemo()
        defer { withExtendedLifetime(opened) {} }
        let store = opened.store
        let demo = try DemoFacts()
        let due = demo.openRefs(deadlineBefore: 0)
        #expect(!due.isEmpty, "the demo has open listings past their deadline")
        #expect(try await store.closeExpired(now: Demo.now) == ExpirySummary(listingsClosed: due.count, applicationsExpired: demo.waiting(on: due)))
        #expect(try await store.closeExpired(now: Demo.now) == ExpirySummary())
        for ref in due { #expect(try await store.opportunity(ref: ref)?.status == .closed) }

        let later = Demo.now.addingTimeInterval(400 * 86_400)
        let rest = demo.openRefs(deadlineBefore: 400).subtracting(due)
        #expect(try await store.closeExpired(now: later) == ExpirySummary(listingsClosed: rest.count, applicationsExpired: demo.waiting(on: rest)))
        #expect(try await store.countOpportunities(matching: OpportunityQuery(), today: Demo.today) == 0)
        #expect(try await store.closeExpired(now: later) == ExpirySummary())
    }
}

/// What data/demo says, read the way the seed reads it: listings with their status, approval
/// and deadline; each application's status is the last step of its history.
private struct DemoFacts {
    struct Listing { var ref: String; var organization: String; var status: String; var approval: String; var deadlineInDays: Int }
    var listings: [Listing] = []
    var organizations: [(name: String, approval: String)] = []
    var applications: [(listing: String, status: String)] = []

    init() throws {
        func load(_ name: String) throws -> [[String: Any]] {
            let data = try Data(contentsOf: DemoData.directory.appendingPathComponent(name))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        }
        for entry in try load("opportunities.json") {
            listings.append(Listing(ref: try #require(entry["ref"] as? String), organization: try #require(entry["organization"] as? String),
                                    status: try #require(entry["status"] as? String), approval: entry["approval"] as? String ?? "approved",
                                    deadlineInDays: try #require(entry["deadline_in_days"] as? Int)))
        }
        for entry in try load("organizations.json") {
            organizations.append((try #require(entry["name"] as? String), entry["approval"] as? String ?? "approved"))
        }
        for entry in try load("applications.json") {
            let history = try #require(entry["history"] as? [[String: Any]])
            applications.append((try #require(entry["opportunity"] as? String), try #require(history.compactMap { $0["to"] as? String }.last)))
        }
    }

    func refs(approval: String) -> Set<String> { Set(listings.filter { $0.approval == approval }.map(\.ref)) }
    func organizationNames(approval: String) -> Set<String> { Set(organizations.filter { $0.approval == approval }.map(\.name)) }

    /// Open, approved listings of approved organizations, within their deadline: what students list.
    var publicOpenRefs: [String] {
        let declined = Set(organizations.filter { $0.approval != "approved" }.map(\.name))
        return listings.filter { $0.status == "open" && $0.approval == "approved" && $0.deadlineInDays >= 0 && !declined.contains($0.organization) }
            .map(\.ref)
    }

    func openRefs(deadlineBefore days: Int) -> Set<String> {
        Set(listings.filter { $0.status == "open" && $0.deadlineInDays < days }.map(\.ref))
    }

    /// Applications the system may expire on these listings.
    func waiting(on refs: some Sequence<String>) -> Int {
        let refs = Set(refs)
        return applications.filter { refs.contains($0.listing) && ["submitted", "under_review", "shortlisted", "offered"].contains($0.status) }.count
    }

    func underWay(on ref: String) -> Int {
        applications.filter { $0.listing == ref && ["accepted", "in_progress", "delivered"].contains($0.status) }.count
    }
}
