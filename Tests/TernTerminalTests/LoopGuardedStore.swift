import Foundation
import Testing
import TernStore
import TernTerminal

/// A store that refuses to be called on a screen's loop: every call made while the loop runs an
/// update or a view is recorded as a test failure and refused. Wrapped around the real SQLite
/// catalogue, it proves a screen reads and writes only from its background tasks. (Every
/// method forwards; they are written out because a protocol cannot be forwarded wholesale.)
final class LoopGuardedStore: CatalogueStore, @unchecked Sendable {
    let base: any CatalogueStore
    private let lock = NSLock()
    private var calls = 0
    /// Calls made so far (from background tasks, when the screen is sound).
    var callCount: Int { lock.withLock { calls } }

    init(_ base: any CatalogueStore) { self.base = base }

    struct CalledOnTheLoop: Error { var method: String }

    func check(_ method: String) throws {
        lock.withLock { calls += 1 }
        if LoopThread.isCurrent {
            Issue.record("\(method) was called on the loop thread")
            throw CalledOnTheLoop(method: method)
        }
    }

    func authorize(_ operation: TernStore.Operation, account: Account, actingFor: String?) async throws -> Authorization {
        try check("authorize"); return try await base.authorize(operation, account: account, actingFor: actingFor)
    }
    func checkStanding(for operation: TernStore.Operation) async throws {
        try check("checkStanding"); return try await base.checkStanding(for: operation)
    }
    func recordDisclosure(_ action: AuditedAction, by principal: Principal, student: String?, detail: String?, application: Int64?) async throws {
        try check("recordDisclosure"); return try await base.recordDisclosure(action, by: principal, student: student, detail: detail, application: application)
    }
    func changeFeed() async throws -> any ChangeFeed {
        try check("changeFeed"); return try await base.changeFeed()
    }
    func opportunities(matching query: OpportunityQuery, after cursor: OpportunityCursor?, limit: Int, today: CalendarDay) async throws -> [OpportunitySummary] {
        try check("opportunities"); return try await base.opportunities(matching: query, after: cursor, limit: limit, today: today)
    }
    func opportunities(matching query: OpportunityQuery, offset: Int, limit: Int, today: CalendarDay) async throws -> [OpportunitySummary] {
        try check("opportunities"); return try await base.opportunities(matching: query, offset: offset, limit: limit, today: today)
    }
    func countOpportunities(matching query: OpportunityQuery, today: CalendarDay) async throws -> Int {
        try check("countOpportunities"); return try await base.countOpportunities(matching: query, today: today)
    }
    func position(of id: Int64, matching query: OpportunityQuery, today: CalendarDay) async throws -> ListingPosition {
        try check("position"); return try await base.position(of: id, matching: query, today: today)
    }
    func opportunity(id: Int64) async throws -> Opportunity? {
        try check("opportunity"); return try await base.opportunity(id: id)
    }
    func opportunity(ref: String) async throws -> Opportunity? {
        try check("opportunity"); return try await base.opportunity(ref: ref)
    }
    func spotsTaken(on opportunityID: Int64) async throws -> Int {
        try check("spotsTaken"); return try await base.spotsTaken(on: opportunityID)
    }
    func homeCurrency() async throws -> String {
        try check("homeCurrency"); return try await base.homeCurrency()
    }
    func organization(named name: String) async throws -> Organization? {
        try check("organization"); return try await base.organization(named: name)
    }
    func approval(ofListing id: Int64) async throws -> Approval? {
        try check("approval"); return try await base.approval(ofListing: id)
    }
    func applyLink(for ref: String) async throws -> String? {
        try check("applyLink"); return try await base.applyLink(for: ref)
    }
    func postings(approval: Approval?, limit: Int?) async throws -> [PostingReview] {
        try check("postings"); return try await base.postings(approval: approval, limit: limit)
    }
    func organizations(approval: Approval?) async throws -> [OrganizationReview] {
        try check("organizations"); return try await base.organizations(approval: approval)
    }
    func approve(_ refs: [String], versions: [String: Int], note: String?, by actor: Actor, now: Date) async throws {
        try check("approve"); return try await base.approve(refs, versions: versions, note: note, by: actor, now: now)
    }
    func decline(_ ref: String, reason: DeclineReason, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws -> TakeDownSummary {
        try check("decline"); return try await base.decline(ref, reason: reason, note: note, expectedVersion: expectedVersion, by: actor, now: now)
    }
    func resubmit(_ ref: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        try check("resubmit"); return try await base.resubmit(ref, note: note, expectedVersion: expectedVersion, by: actor, now: now)
    }
    func approveOrganization(_ name: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        try check("approveOrganization"); return try await base.approveOrganization(name, note: note, expectedVersion: expectedVersion, by: actor, now: now)
    }
    func declineOrganization(_ name: String, reason: DeclineReason, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        try check("declineOrganization"); return try await base.declineOrganization(name, reason: reason, note: note, expectedVersion: expectedVersion, by: actor, now: now)
    }
    func trustOrganization(_ name: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        try check("trustOrganization"); return try await base.trustOrganization(name, note: note, expectedVersion: expectedVersion, by: actor, now: now)
    }
    func decisions(forListing ref: String) async throws -> [PostingDecision] {
        try check("decisions"); return try await base.decisions(forListing: ref)
    }
    func decisions(forOrganization name: String) async throws -> [PostingDecision] {
        try check("decisions"); return try await base.decisions(forOrganization: name)
    }
    func flags(forListing ref: String) async throws -> [ListingFlag] {
        try check("flags"); return try await base.flags(forListing: ref)
    }
    func closeListing(ref: String, expectedVersion: Int, by actor: Actor, now: Date) async throws -> ExpirySummary {
        try check("closeListing"); return try await base.closeListing(ref: ref, expectedVersion: expectedVersion, by: actor, now: now)
    }
    func archiveListing(ref: String, expectedVersion: Int, by actor: Actor, now: Date) async throws {
        try check("archiveListing"); return try await base.archiveListing(ref: ref, expectedVersion: expectedVersion, by: actor, now: now)
    }
    func closeExpired(now: Date) async throws -> ExpirySummary {
        try check("closeExpired"); return try await base.closeExpired(now: now)
    }
    func createListing(_ draft: ListingDraft, by actor: Actor, now: Date) async throws -> Opportunity {
        try check("createListing"); return try await base.createListing(draft, by: actor, now: now)
    }
    func updateListing(ref: String, _ draft: ListingDraft, expectedVersion: Int, by actor: Actor, now: Date) async throws -> Opportunity {
        try check("updateListing"); return try await base.updateListing(ref: ref, draft, expectedVersion: expectedVersion, by: actor, now: now)
    }
    func student(username: String) async throws -> Student? {
        try check("student"); return try await base.student(username: username)
    }
    func updateProfile(of username: String, skills: [StudentSkill], interests: [Field], hoursPerWeek: Int, expectedVersion: Int, now: Date) async throws -> Student {
        try check("updateProfile"); return try await base.updateProfile(of: username, skills: skills, interests: interests, hoursPerWeek: hoursPerWeek, expectedVersion: expectedVersion, now: now)
    }
    func fit(of opportunityID: Int64, for username: String) async throws -> ListingFit? {
        try check("fit"); return try await base.fit(of: opportunityID, for: username)
    }
    func applications(ofStudent username: String) async throws -> [ApplicationOverview] {
        try check("applications"); return try await base.applications(ofStudent: username)
    }
    func application(ofStudent username: String, to opportunityID: Int64) async throws -> Application? {
        try check("application"); return try await base.application(ofStudent: username, to: opportunityID)
    }
    func application(_ id: Int64, as actor: Actor) async throws -> Application {
        try check("application"); return try await base.application(id, as: actor)
    }
    func apply(as username: String, to opportunityID: Int64, coverNote: String, portfolioLink: String?, hoursOffered: Int, now: Date) async throws -> Application {
        try check("apply"); return try await base.apply(as: username, to: opportunityID, coverNote: coverNote, portfolioLink: portfolioLink, hoursOffered: hoursOffered, now: now)
    }
    func refusalToApply(as username: String, to opportunityID: Int64, now: Date) async throws -> String? {
        try check("refusalToApply"); return try await base.refusalToApply(as: username, to: opportunityID, now: now)
    }
    func move(_ applicationID: Int64, to next: ApplicationStatus, by actor: Actor, expectedVersion: Int, note: String?, now: Date) async throws -> Application {
        try check("move"); return try await base.move(applicationID, to: next, by: actor, expectedVersion: expectedVersion, note: note, now: now)
    }
    func deliver(_ applicationID: Int64, by username: String, link: String, expectedVersion: Int, now: Date) async throws -> Application {
        try check("deliver"); return try await base.deliver(applicationID, by: username, link: link, expectedVersion: expectedVersion, now: now)
    }
    func correctDeliverableLink(_ applicationID: Int64, by username: String, link: String, expectedVersion: Int, now: Date) async throws -> Application {
        try check("correctDeliverableLink"); return try await base.correctDeliverableLink(applicationID, by: username, link: link, expectedVersion: expectedVersion, now: now)
    }
    func reopen(_ applicationID: Int64, by username: String, expectedVersion: Int, now: Date) async throws -> Application {
        try check("reopen"); return try await base.reopen(applicationID, by: username, expectedVersion: expectedVersion, now: now)
    }
    func refusalToReopen(_ applicationID: Int64, as username: String, now: Date) async throws -> String? {
        try check("refusalToReopen"); return try await base.refusalToReopen(applicationID, as: username, now: now)
    }
    func reopenableApplications(ofStudent username: String, now: Date) async throws -> Set<Int64> {
        try check("reopenableApplications"); return try await base.reopenableApplications(ofStudent: username, now: now)
    }
    func events(of applicationID: Int64, as actor: Actor) async throws -> [ApplicationEvent] {
        try check("events"); return try await base.events(of: applicationID, as: actor)
    }
    func feedback(on applicationID: Int64, as actor: Actor) async throws -> [Feedback] {
        try check("feedback"); return try await base.feedback(on: applicationID, as: actor)
    }
    func rateOrganization(application applicationID: Int64, by username: String, rating: Int, strengths: String?, improvements: String?, comment: String?, now: Date) async throws -> Feedback {
        try check("rateOrganization"); return try await base.rateOrganization(application: applicationID, by: username, rating: rating, strengths: strengths, improvements: improvements, comment: comment, now: now)
    }
    func portfolio(ofStudent username: String) async throws -> [PortfolioEntry] {
        try check("portfolio"); return try await base.portfolio(ofStudent: username)
    }
    func saveSearch(named name: String, query: OpportunityQuery, for username: String, now: Date) async throws -> SavedSearch {
        try check("saveSearch"); return try await base.saveSearch(named: name, query: query, for: username, now: now)
    }
    func savedSearches(of username: String, today: CalendarDay) async throws -> [SavedSearch] {
        try check("savedSearches"); return try await base.savedSearches(of: username, today: today)
    }
    func markSeen(savedSearch id: Int64, by username: String, now: Date) async throws {
        try check("markSeen"); return try await base.markSeen(savedSearch: id, by: username, now: now)
    }
    func deleteSavedSearch(_ id: Int64, by username: String) async throws {
        try check("deleteSavedSearch"); return try await base.deleteSavedSearch(id, by: username)
    }
    func setSaved(_ opportunityID: Int64, _ saved: Bool, by username: String, now: Date) async throws {
        try check("setSaved"); return try await base.setSaved(opportunityID, saved, by: username, now: now)
    }
    func isSaved(_ opportunityID: Int64, by username: String) async throws -> Bool {
        try check("isSaved"); return try await base.isSaved(opportunityID, by: username)
    }
    func updates(of username: String, today: CalendarDay, now: Date) async throws -> [StudentUpdate] {
        try check("updates"); return try await base.updates(of: username, today: today, now: now)
    }
    func markUpdatesRead(of username: String, upTo moment: Date) async throws {
        try check("markUpdatesRead"); return try await base.markUpdatesRead(of: username, upTo: moment)
    }
    func disclosures(ofStudent username: String, limit: Int) async throws -> [Disclosure] {
        try check("disclosures"); return try await base.disclosures(ofStudent: username, limit: limit)
    }
    func triageSession(for access: Authorization) async throws -> TriageSession {
        try check("triageSession"); return try await base.triageSession(for: access)
    }
    func triageQueue(_ filter: TriageFilter, after cursor: TriageCursor?, order: TriageOrder, limit: Int, offerWaitDays: Int?, viewer: String?, now: Date) async throws -> TriagePage {
        try check("triageQueue"); return try await base.triageQueue(filter, after: cursor, order: order, limit: limit, offerWaitDays: offerWaitDays, viewer: viewer, now: now)
    }
    func triageCount(_ filter: TriageFilter, offerWaitDays: Int?, now: Date) async throws -> [ApplicationStatus: Int] {
        try check("triageCount"); return try await base.triageCount(filter, offerWaitDays: offerWaitDays, now: now)
    }
    func triageShown(_ ids: [Int64], filter: TriageFilter, offerWaitDays: Int?, now: Date) async throws -> Set<Int64> {
        try check("triageShown"); return try await base.triageShown(ids, filter: filter, offerWaitDays: offerWaitDays, now: now)
    }
    func bulkMove(_ targets: [ApplicationVersion], to next: ApplicationStatus, session: TriageSession, reason: RejectionReason?, note: MoveNote?, now: Date) async throws -> TriageAction {
        try check("bulkMove"); return try await base.bulkMove(targets, to: next, session: session, reason: reason, note: note, now: now)
    }
    func undoLast(session: TriageSession, now: Date) async throws -> [Application] {
        try check("undoLast"); return try await base.undoLast(session: session, now: now)
    }
    func claim(_ applicationID: Int64, session: TriageSession, now: Date) async throws -> Claim {
        try check("claim"); return try await base.claim(applicationID, session: session, now: now)
    }
    func claim(on applicationID: Int64, now: Date) async throws -> Claim? {
        try check("claim"); return try await base.claim(on: applicationID, now: now)
    }
    func release(_ applicationID: Int64, session: TriageSession) async throws {
        try check("release"); return try await base.release(applicationID, session: session)
    }
    func addNote(_ applicationID: Int64, by actor: Actor, note: String, visibility: Visibility, now: Date) async throws {
        try check("addNote"); return try await base.addNote(applicationID, by: actor, note: note, visibility: visibility, now: now)
    }
    func recordForOrganization(_ applicationID: Int64, to next: ApplicationStatus, expectedVersion: Int, session: TriageSession, reason: RejectionReason?, now: Date) async throws -> Application {
        try check("recordForOrganization"); return try await base.recordForOrganization(applicationID, to: next, expectedVersion: expectedVersion, session: session, reason: reason, now: now)
    }
    func recordOrganizationFeedback(_ applicationID: Int64, rating: Int, strengths: String?, improvements: String?, comment: String?, skills: [String], session: TriageSession, now: Date) async throws -> Feedback {
        try check("recordOrganizationFeedback"); return try await base.recordOrganizationFeedback(applicationID, rating: rating, strengths: strengths, improvements: improvements, comment: comment, skills: skills, session: session, now: now)
    }
    func studentRecord(_ username: String, session: TriageSession, now: Date) async throws -> StudentRecord {
        try check("studentRecord"); return try await base.studentRecord(username, session: session, now: now)
    }
    func triageViews(session: TriageSession) async throws -> [TriageView] {
        try check("triageViews"); return try await base.triageViews(session: session)
    }
    func saveTriageView(_ name: String, pattern: String, session: TriageSession, now: Date) async throws {
        try check("saveTriageView"); return try await base.saveTriageView(name, pattern: pattern, session: session, now: now)
    }
    func deleteTriageView(_ name: String, session: TriageSession) async throws {
        try check("deleteTriageView"); return try await base.deleteTriageView(name, session: session)
    }
    func placementReport(since: Date?, now: Date) async throws -> PlacementReport {
        try check("placementReport"); return try await base.placementReport(since: since, now: now)
    }
    func takenDownWithWorkUnderWay() async throws -> Int {
        try check("takenDownWithWorkUnderWay"); return try await base.takenDownWithWorkUnderWay()
    }
    func recordDisclosure(_ action: AuditedAction, session: TriageSession, student: String?, detail: String?) async throws {
        try check("recordDisclosure"); return try await base.recordDisclosure(action, session: session, student: student, detail: detail)
    }
    func importFile(_ source: ImportSource, format: ExchangeFormat, dryRun: Bool, now: Date, recorded: ImportRecord?, progress: (@Sendable (ImportProgress) -> Void)?) async throws -> ImportSummary {
        try check("importFile"); return try await base.importFile(source, format: format, dryRun: dryRun, now: now, recorded: recorded, progress: progress)
    }

}

/// The same for a change feed: asking it is a read too.
final class LoopGuardedFeed: ChangeFeed, @unchecked Sendable {
    let base: any ChangeFeed
    init(_ base: any ChangeFeed) { self.base = base }

    func hasChanged() throws -> Bool {
        if LoopThread.isCurrent { Issue.record("the change feed was asked on the loop thread") }
        return try base.hasChanged()
    }

    func change() throws -> CatalogueChange {
        if LoopThread.isCurrent { Issue.record("the change feed was asked on the loop thread") }
        return try base.change()
    }
}
