import Foundation

/// A student's own records: profile, applications and their history, saved listings and
/// searches, updates, portfolio, and who was shown their records. Every method acts for the
/// named student, and the store refuses what that student may not do.
///
/// ```swift
/// let mine = try await students.applications(ofStudent: "aokafor")
/// ```
public protocol StudentStore: Sendable {
    /// A student's profile by login, or nil for a guest.
    func student(username: String) async throws -> Student?

    func updateProfile(of username: String, skills: [StudentSkill], interests: [Field], hoursPerWeek: Int, expectedVersion: Int, now: Date) async throws -> Student

    /// How `listing` fits the student `username`; nil when either does not exist (drafts do not
    /// exist for students).
    ///
    /// ```swift
    /// if let fit = try catalogue.fit(of: listing.id, for: me.username), fit.fitsHours { … }
    /// ```
    func fit(of opportunityID: Int64, for username: String) async throws -> ListingFit?

    /// A student's applications, newest activity first, with their listings.
    func applications(ofStudent username: String) async throws -> [ApplicationOverview]

    /// The student's own application to one listing, if any (the detail pane shows its status).
    func application(ofStudent username: String, to opportunityID: Int64) async throws -> Application?

    /// One application, if `actor` may see it (students see only their own).
    func application(_ id: Int64, as actor: Actor) async throws -> Application

    func apply(as username: String, to opportunityID: Int64, coverNote: String, portfolioLink: String?, hoursOffered: Int, now: Date) async throws -> Application

    /// Why `username` may not apply to a listing right now, in words a student can act on; nil
    /// when they may. The same rules ``apply(as:to:coverNote:portfolioLink:hoursOffered:now:)``
    /// enforces, so a screen can say so before a form is filled in.
    ///
    /// ```swift
    /// if let reason = try catalogue.refusalToApply(as: "aokafor", to: listing.id) { show(reason) }
    /// ```
    func refusalToApply(as username: String, to opportunityID: Int64, now: Date) async throws -> String?

    func move(_ applicationID: Int64, to next: ApplicationStatus, by actor: Actor, expectedVersion: Int, note: String?, now: Date) async throws -> Application

    func deliver(_ applicationID: Int64, by username: String, link: String, expectedVersion: Int, now: Date) async throws -> Application

    func correctDeliverableLink(_ applicationID: Int64, by username: String, link: String, expectedVersion: Int, now: Date) async throws -> Application

    func reopen(_ applicationID: Int64, by username: String, expectedVersion: Int, now: Date) async throws -> Application

    /// Why the student's withdrawn application cannot be reopened now; nil when it can.
    func refusalToReopen(_ applicationID: Int64, as username: String, now: Date) async throws -> String?

    /// The student's withdrawn applications they may reopen now: never reopened before, on a
    /// listing still taking applications. For the screen to offer reopening only where it works.
    func reopenableApplications(ofStudent username: String, now: Date) async throws -> Set<Int64>

    /// The history of an application as `actor` may see it: students never see staff-only notes.
    func events(of applicationID: Int64, as actor: Actor) async throws -> [ApplicationEvent]

    /// Feedback on an application, as `actor` may see it (students: only their own).
    func feedback(on applicationID: Int64, as actor: Actor) async throws -> [Feedback]

    func rateOrganization(application applicationID: Int64, by username: String, rating: Int, strengths: String?, improvements: String?, comment: String?, now: Date) async throws -> Feedback

    /// A student's completed micro-internships, most recently completed first. Only that
    /// student's own records are read (the query is keyed by username), and dates come from the
    /// shared history a student may see.
    ///
    /// Costs three queries for the lot plus one listing read per entry, in one snapshot: a student
    /// completes a handful of micro-internships, not thousands.
    func portfolio(ofStudent username: String) async throws -> [PortfolioEntry]

    func saveSearch(named name: String, query: OpportunityQuery, for username: String, now: Date) async throws -> SavedSearch

    /// The student's saved searches by name, each with its count of new listings; empty for a guest.
    ///
    /// ```swift
    /// for search in try catalogue.savedSearches(of: me, today: today) where search.newCount > 0 { … }
    /// ```
    func savedSearches(of username: String, today: CalendarDay) async throws -> [SavedSearch]

    /// Marks the search as looked at now, so its new count starts again from zero. Another
    /// student's search is not found.
    ///
    /// ```swift
    /// try catalogue.markSeen(savedSearch: search.id, by: "aokafor")
    /// ```
    func markSeen(savedSearch id: Int64, by username: String, now: Date) async throws

    /// Forgets the search. Another student's search is not found.
    ///
    /// ```swift
    /// try catalogue.deleteSavedSearch(search.id, by: "aokafor")
    /// ```
    func deleteSavedSearch(_ id: Int64, by username: String) async throws

    /// Saves (or unsaves) a listing for the student; saving twice or unsaving an unsaved listing
    /// changes nothing. List a student's saved listings with ``OpportunityQuery/savedBy``.
    ///
    /// ```swift
    /// try catalogue.setSaved(listing.id, true, by: "aokafor")
    /// let saved = try catalogue.opportunities(matching: OpportunityQuery(savedBy: "aokafor"), limit: 40)
    /// ```
    func setSaved(_ opportunityID: Int64, _ saved: Bool, by username: String, now: Date) async throws

    /// Whether the student has saved the listing (false for a guest).
    ///
    /// ```swift
    /// let star = try catalogue.isSaved(listing.id, by: "aokafor") ? "★" : "☆"
    /// ```
    func isSaved(_ opportunityID: Int64, by username: String) async throws -> Bool

    /// What changed for the student, newest first: their applications' status moves made by
    /// someone else (shared history only, with the reason given), offers, feedback received,
    /// saved listings closing within three days or taken down, and saved searches with new
    /// matches. Each is unread when newer than the student's "seen up to" marker
    /// (``markUpdatesRead(of:upTo:)``). Reading marks nothing. A guest has none.
    ///
    /// ```swift
    /// let unread = try catalogue.updates(of: "aokafor", today: today, now: Date()).filter(\.isUnread)
    /// ```
    func updates(of username: String, today: CalendarDay, now: Date) async throws -> [StudentUpdate]

    /// Marks everything up to `moment` as seen. The marker only moves forward, so a slow reader
    /// finishing late never makes newer updates unread again.
    ///
    /// ```swift
    /// try catalogue.markUpdatesRead(of: "aokafor", upTo: Date())
    /// ```
    func markUpdatesRead(of username: String, upTo moment: Date) async throws

    /// The disclosures of `username`'s records by anyone else, newest first: their full record
    /// read, lists narrowed to them, exports of every student (and of every application, once
    /// they had applied), staff acting for them. Their own actions are not disclosures.
    ///
    /// ```swift
    /// let seen = try catalogue.disclosures(ofStudent: "tnguyen")
    /// ```
    func disclosures(ofStudent username: String, limit: Int) async throws -> [Disclosure]
}
