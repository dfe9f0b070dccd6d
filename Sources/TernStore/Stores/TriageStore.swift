import Foundation

/// The staff console's application queue: pages of a limit pattern, counts, bulk moves with
/// their undo, claims, notes, decisions entered for organizations, saved views, the placement
/// report and imports. Every write checks the session's staff role in its own transaction.
///
/// ```swift
/// let page = try await triage.triageQueue(filter, after: nil, order: .oldestFirst, limit: 40,
///                                         offerWaitDays: nil, viewer: session.username, now: Date())
/// ```
public protocol TriageStore: Sendable {
    /// A console session for staff the store has authorized (``AccessStore/authorize(_:account:actingFor:)``).
    func triageSession(for access: Authorization) async throws -> TriageSession

    /// A page of applications needing action (or matching `filter`), oldest first by default.
    ///
    /// Without a selective limit, each status is read by walking `applications_by_status` from
    /// the cursor, so a page costs the same on page 1 and page 1,000 and on 2,000,000
    /// applications; the per-status pages are merged here. A `student:`, an `opportunity:` or an
    /// `organization:` matching few organizations starts from those rows instead and sorts what
    /// it finds: walking the whole queue for a handful of matches would read every row. Either
    /// way the rows and their order are the same. The page's keys come first, reading only the
    /// tables a limit names (none without one: the status index holds the keys); then the rows
    /// of that page alone, by primary key.
    ///
    /// ```swift
    /// let first = try catalogue.triageQueue(TriageFilter(), limit: 40)
    /// let second = try catalogue.triageQueue(TriageFilter(), after: first.next, limit: 40)
    /// ```
    func triageQueue(_ filter: TriageFilter, after cursor: TriageCursor?, order: TriageOrder, limit: Int, offerWaitDays: Int?, viewer: String?, now: Date) async throws -> TriagePage

    /// How many applications the queue shows under `filter`, per status: the same conditions as
    /// ``triageQueue(_:after:order:limit:offerWaitDays:viewer:now:)``, so the count and the rows
    /// never disagree. With no `status:` term, offers count only once unanswered for the
    /// configured days, as in the queue.
    ///
    /// ```swift
    /// let counts = try catalogue.triageCount(try TriageFilter(pattern: "field:design age>7d"))
    /// counts.values.reduce(0, +)   // 37
    /// ```
    func triageCount(_ filter: TriageFilter, offerWaitDays: Int?, now: Date) async throws -> [ApplicationStatus: Int]

    /// Which of `ids` the queue shows under `filter` now: marks the limit hides are kept but
    /// not acted on (mutt's tag-prefix acts on the tagged messages the limit shows).
    ///
    /// ```swift
    /// try catalogue.triageShown([12, 14, 19], filter: try TriageFilter(pattern: "status:submitted"))   // [12]
    /// ```
    func triageShown(_ ids: [Int64], filter: TriageFilter, offerWaitDays: Int?, now: Date) async throws -> Set<Int64>

    func bulkMove(_ targets: [ApplicationVersion], to next: ApplicationStatus, session: TriageSession, reason: RejectionReason?, note: MoveNote?, now: Date) async throws -> TriageAction

    func undoLast(session: TriageSession, now: Date) async throws -> [Application]

    func claim(_ applicationID: Int64, session: TriageSession, now: Date) async throws -> Claim

    /// The claim on an application that still lasts at `now`, if any.
    func claim(on applicationID: Int64, now: Date) async throws -> Claim?

    /// Lets go of your claim (closing the application); someone else's is left alone.
    func release(_ applicationID: Int64, session: TriageSession) async throws

    /// Adds a note to an application's history without changing its status.
    func addNote(_ applicationID: Int64, by actor: Actor, note: String, visibility: Visibility, now: Date) async throws

    func recordForOrganization(_ applicationID: Int64, to next: ApplicationStatus, expectedVersion: Int, session: TriageSession, reason: RejectionReason?, now: Date) async throws -> Application

    func recordOrganizationFeedback(_ applicationID: Int64, rating: Int, strengths: String?, improvements: String?, comment: String?, skills: [String], session: TriageSession, now: Date) async throws -> Feedback

    /// A student's whole record, for staff. Reading it writes an audit entry in the same
    /// transaction, so every look at a student's record is on file with who and when, and the
    /// reader's role is checked again as it happens (``Clearance``).
    ///
    /// ```swift
    /// let record = try catalogue.studentRecord("tnguyen", session: session)
    /// ```
    func studentRecord(_ username: String, session: TriageSession, now: Date) async throws -> StudentRecord

    /// A staff member's views, by name.
    func triageViews(session: TriageSession) async throws -> [TriageView]

    /// Saves (or replaces) a named view; the pattern is parsed first, so a saved view always opens.
    ///
    /// ```swift
    /// try catalogue.saveTriageView("stale design", pattern: "field:design age>7d", session: session)
    /// ```
    func saveTriageView(_ name: String, pattern: String, session: TriageSession, now: Date) async throws

    func deleteTriageView(_ name: String, session: TriageSession) async throws

    /// The staff report, over applications made since `since` (all when nil), with the weekly
    /// trends of the twelve weeks up to `now`.
    ///
    /// ```swift
    /// let report = try catalogue.placementReport(since: startOfTerm)
    /// report.medianDaysToDecision   // 3.5
    /// report.applicationsPerWeek    // [4, 0, 7, …]: twelve counts, oldest week first
    /// ```
    func placementReport(since: Date?, now: Date) async throws -> PlacementReport

    /// How many applications have work under way on listings taken down: the size of the
    /// staff queue "listing taken down with work under way". Read from the declined listings
    /// (few), never by walking the applications.
    func takenDownWithWorkUnderWay() async throws -> Int

    /// ``recordDisclosure(_:by:student:detail:application:)`` for a staff console, whose session
    /// names the staff member by login.
    func recordDisclosure(_ action: AuditedAction, session: TriageSession, student: String?, detail: String?) async throws

    /// ``importFile(_:format:dryRun:now:progress:)`` reading a file a segment at a time, so that
    /// its size costs no memory. A listings file is read three times: to check it is text and
    /// count its rows (reading), to check every value (checking), and under the write lock to
    /// write (writing); the later readings must find the bytes the first one found, or the
    /// import is refused and nothing is written. Students and applications are held in memory
    /// once checked, as they are few.
    ///
    /// ```swift
    /// try catalogue.importFile(try ImportSource(path: "listings.csv"), format: .csv)
    /// ```
    ///
    /// `recorded` names who imports and from where: the import then writes its audit row (how
    /// many rows of what, from where) in its own transaction, so the rows and the record of
    /// them commit together.
    func importFile(_ source: ImportSource, format: ExchangeFormat, dryRun: Bool, now: Date, recorded: ImportRecord?, progress: (@Sendable (ImportProgress) -> Void)?) async throws -> ImportSummary
}
