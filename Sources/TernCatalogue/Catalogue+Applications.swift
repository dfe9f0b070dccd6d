import Foundation
internal import GRDB

extension Catalogue {
    /// Files a new application as `submitted`, refusing with a reason a student can act on.
    ///
    /// ```swift
    /// let app = try catalogue.apply(as: "aokafor", to: listing.id, coverNote: "…", hoursOffered: 10)
    /// ```
    @discardableResult
    public func apply(
        as username: String, to opportunityID: Int64, coverNote: String, portfolioLink: String? = nil,
        hoursOffered: Int, now: Date = Date()
    ) throws -> Application {
        guard hoursOffered > 0 else { throw CatalogueError.invalid("hours offered must be at least 1") }
        try StoredText.coverNote.check(coverNote)
        try StoredText.portfolioLink.check(portfolioLink)
        return try write { db in
            let studentID = try Self.checkMayApply(db, username: username, opportunityID: opportunityID, now: now)
            let stamp = Timestamp.string(now)
            try db.execute(literal: """
                INSERT INTO applications(student_id, opportunity_id, cover_note, portfolio_link, hours_offered, status, created_at, updated_at)
                VALUES (\(studentID), \(opportunityID), \(coverNote), \(portfolioLink), \(hoursOffered), 'submitted', \(stamp), \(stamp))
                """)
            let id = db.lastInsertedRowID
            try Self.appendEvent(db, application: id, actor: Actor(role: .student, username: username), from: nil,
                                 to: .submitted, note: nil, visibility: .shared, at: stamp)
            return try Stored<Application>.fetchOne(db, key: id).map(\.record).readBack("application \(id)")
        }
    }

    /// Why `username` may not apply to a listing right now, in words a student can act on; nil
    /// when they may. The same rules ``apply(as:to:coverNote:portfolioLink:hoursOffered:now:)``
    /// enforces, so a screen can say so before a form is filled in.
    ///
    /// ```swift
    /// if let reason = try catalogue.refusalToApply(as: "aokafor", to: listing.id) { show(reason) }
    /// ```
    public func refusalToApply(as username: String, to opportunityID: Int64, now: Date = Date()) throws -> String? {
        try read { db in
            do {
                _ = try Self.checkMayApply(db, username: username, opportunityID: opportunityID, now: now)
                return nil
            } catch CatalogueError.refused(let reason) {
                return reason
            }
        }
    }

    /// The rules for applying, in one place: a profile, an open listing approved by staff (one
    /// pending or declined is "not found", as students never see it), a deadline not passed,
    /// no earlier application. Returns the student's id; throws the refusal.
    static func checkMayApply(_ db: Database, username: String, opportunityID: Int64, now: Date) throws -> Int64 {
        let studentID = try studentID(db, username: username)
        guard let listing = try Row.fetchOne(db, SQLRequest(literal: """
            SELECT id, status, deadline FROM opportunities WHERE id = \(opportunityID) AND status <> 'draft' AND approval = 'approved'
            """)) else {
            throw CatalogueError.notFound("listing \(opportunityID)")
        }
        let status: OpportunityStatus = try listing.known("status", stored: ("opportunities", "status"))
        guard status == .open else {
            throw CatalogueError.refused("this listing is \(status.rawValue) and takes no applications")
        }
        let deadline: String = try listing.decode(forColumn: "deadline")
        guard deadline >= CalendarDay(now).description else {
            throw CatalogueError.refused("the application deadline (\(deadline)) has passed")
        }
        if let earlier = try String.fetchOne(db, SQLRequest(literal: """
            SELECT status FROM applications WHERE student_id = \(studentID) AND opportunity_id = \(opportunityID)
            """)) {
            // One application per listing: a withdrawn one is reopened (once), not filed again.
            throw CatalogueError.refused(earlier == ApplicationStatus.withdrawn.rawValue
                ? "you withdrew your application to this listing; reopen it instead"
                : "you have already applied to this listing")
        }
        return studentID
    }

    /// Moves an application along the state machine, if the move is legal, the actor may make
    /// it, and nobody changed the application since `expectedVersion` was read.
    ///
    /// ```swift
    /// let moved = try catalogue.move(app.id, to: .shortlisted, by: advisor, expectedVersion: app.version)
    /// ```
    @discardableResult
    public func move(
        _ applicationID: Int64, to next: ApplicationStatus, by actor: Actor, expectedVersion: Int,
        note: String? = nil, now: Date = Date()
    ) throws -> Application {
        try write { db in
            try Self.moveApplication(db, applicationID, to: next, by: actor, expectedVersion: expectedVersion,
                                     note: note, at: Timestamp.string(now))
        }
    }

    /// The one path every status change takes (``move(_:to:by:expectedVersion:note:now:)``,
    /// ``deliver(_:by:link:expectedVersion:now:)``): visibility, version, legality, role, then
    /// the guarded UPDATE and the shared event. A `deliverableLink` is stored with the move;
    /// without one the stored link is kept (work sent back for revision keeps its old link).
    static func moveApplication(
        _ db: Database, _ applicationID: Int64, to next: ApplicationStatus, by actor: Actor, expectedVersion: Int,
        note: String?, deliverableLink: String? = nil, reason: RejectionReason? = nil, enteredBy: String? = nil,
        at stamp: String
    ) throws -> Application {
        let current = try applicationVisible(db, id: applicationID, to: actor)
        guard current.version == expectedVersion else {
            throw CatalogueError.versionConflict(expected: expectedVersion, current: current.version)
        }
        guard current.status.canMove(to: next) else {
            throw CatalogueError.illegalTransition(from: current.status, to: next)
        }
        guard ApplicationStatus.mayMove(from: current.status, to: next, as: actor.role) else {
            throw CatalogueError.notPermitted("a \(actor.role.rawValue) cannot move an application to \(next.rawValue)")
        }
        if next == .rejected, (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CatalogueError.invalid("a rejection needs a reason")
        }
        try (next == .rejected ? StoredText.statusReason : .note).check(note)
        try StoredText.deliverableLink.check(deliverableLink)
        // The version in the WHERE clause is the real guard: another process may have committed
        // between our read and this write only if it is not IMMEDIATE, but keep the check in SQL anyway.
        let statusReason = next == .rejected ? note : nil
        let reasonCode = next == .rejected ? reason?.code : nil
        try db.execute(literal: """
            UPDATE applications SET status = \(next), status_reason = \(statusReason), updated_at = \(stamp), version = version + 1,
                deliverable_link = coalesce(\(deliverableLink), deliverable_link), status_reason_code = \(reasonCode)
            WHERE id = \(applicationID) AND version = \(expectedVersion)
            """)
        guard db.changesCount == 1 else {
            throw CatalogueError.versionConflict(expected: expectedVersion, current: expectedVersion + 1)
        }
        try appendEvent(db, application: applicationID, actor: actor, from: current.status, to: next,
                        note: note, visibility: .shared, at: stamp,
                        reason: next == .rejected ? reason : nil, enteredBy: enteredBy)
        return try Stored<Application>.fetchOne(db, key: applicationID).map(\.record).readBack("application \(applicationID)")
    }

    /// Adds a note to an application's history without changing its status.
    public func addNote(_ applicationID: Int64, by actor: Actor, note: String, visibility: Visibility, now: Date = Date()) throws {
        guard actor.role != .student || visibility == .shared else {
            throw CatalogueError.notPermitted("students cannot write staff-only notes")
        }
        try StoredText.note.check(note)
        try write { db in
            _ = try Self.applicationVisible(db, id: applicationID, to: actor)
            try Self.appendEvent(db, application: applicationID, actor: actor, from: nil, to: nil, note: note,
                                 visibility: visibility, at: Timestamp.string(now))
        }
    }

    /// One application, if `actor` may see it (students see only their own).
    public func application(_ id: Int64, as actor: Actor) throws -> Application {
        try read { try Self.applicationVisible($0, id: id, to: actor) }
    }

    /// A student's applications, newest activity first, with their listings.
    public func applications(ofStudent username: String) throws -> [ApplicationOverview] {
        try read { db in try Self.applications(db, ofStudent: username) }
    }

    static func applications(_ db: Database, ofStudent username: String) throws -> [ApplicationOverview] {
        let rows = try Row.fetchAll(db, SQLRequest(literal: """
            SELECT a.id AS app_id, a.student_id, a.opportunity_id, a.cover_note, a.portfolio_link,
                   a.hours_offered, a.status AS app_status, a.status_reason, a.created_at AS app_created_at,
                   a.updated_at AS app_updated_at, a.version AS app_version, a.deliverable_link,
                   \(sql: OpportunitySQL.summaryColumns)
            FROM applications a JOIN students st ON st.id = a.student_id
            JOIN opportunities o ON o.id = a.opportunity_id JOIN organizations org ON org.id = o.organization_id
            WHERE st.username = \(username) ORDER BY a.updated_at DESC, a.id DESC
            """))
        return try rows.map { row in
            let application = Application(
                id: try row.decode(forColumn: "app_id"), studentId: try row.decode(forColumn: "student_id"),
                opportunityId: try row.decode(forColumn: "opportunity_id"), coverNote: try row.decode(forColumn: "cover_note"),
                portfolioLink: try row.decode(forColumn: "portfolio_link"), hoursOffered: try row.decode(forColumn: "hours_offered"),
                status: try row.known("app_status", stored: ("applications", "status"), rowID: "app_id"),
                statusReason: try row.decode(forColumn: "status_reason"), createdAt: try row.decode(forColumn: "app_created_at"),
                updatedAt: try row.decode(forColumn: "app_updated_at"), version: try row.decode(forColumn: "app_version"),
                deliverableLink: try row.decode(forColumn: "deliverable_link"))
            let cursor = OpportunityCursor(text: nil, number: nil, id: application.opportunityId, offset: 0)
            return ApplicationOverview(application: application, opportunity: try Self.summary(row, cursor: cursor))
        }
    }

    /// The history of an application as `actor` may see it: students never see staff-only notes.
    public func events(of applicationID: Int64, as actor: Actor) throws -> [ApplicationEvent] {
        try read { db in try Self.events(db, of: applicationID, as: actor) }
    }

    static func events(_ db: Database, of applicationID: Int64, as actor: Actor) throws -> [ApplicationEvent] {
        _ = try Self.applicationVisible(db, id: applicationID, to: actor)
        let staffOnly: SQL = actor.role == .student ? " AND visibility = 'shared'" : ""
        let events = try Stored<ApplicationEvent>.fetchAll(db, SQLRequest(literal: """
            SELECT * FROM application_events WHERE application_id = \(applicationID)\(staffOnly) ORDER BY at, id
            """)).map(\.record)
        guard actor.role == .student else { return events }
        return events.map { var shown = $0; shown.enteredBy = nil; return shown }
    }

    /// Students reach only their own applications; to them, anyone else's does not exist.
    static func applicationVisible(_ db: Database, id: Int64, to actor: Actor) throws -> Application {
        // Bound as a C string, "tnguyen<NUL>x" would be taken for "tnguyen".
        if actor.role == .student { try StoredText.username.check(actor.username) }
        let request: SQLRequest<Stored<Application>> = actor.role == .student
            ? "SELECT a.* FROM applications a JOIN students s ON s.id = a.student_id WHERE a.id = \(id) AND s.username = \(actor.username)"
            : "SELECT * FROM applications WHERE id = \(id)"
        guard let application = try request.fetchOne(db)?.record else {
            throw CatalogueError.notFound("application \(id)")
        }
        return application
    }

    /// Appends one event to the application's history: the next link of its hash chain.
    /// `onBehalfOf` is the student when staff act for them (the actor is then the staff member).
    /// Inside a write made while staff act for a student (``DelegatedWrite``), the student's own
    /// moves are recorded so without the caller saying: the state machine still judges the move as
    /// the student's, the history names who made it.
    static func appendEvent(
        _ db: Database, application: Int64, actor: Actor, from: ApplicationStatus?, to: ApplicationStatus?,
        note: String?, visibility: Visibility, at: String, reason: RejectionReason? = nil, enteredBy: String? = nil,
        onBehalfOf: String? = nil
    ) throws {
        var actor = actor, onBehalfOf = onBehalfOf
        if onBehalfOf == nil, let delegated = DelegatedWrite.current {
            (actor, onBehalfOf) = delegated.recorded(actor, application: application)
        }
        try ChainedRecords.appendEvent(db, ChainedRecords.Event(
            applicationID: application, actorRole: actor.role.rawValue, actorUsername: actor.username,
            fromStatus: from?.rawValue, toStatus: to?.rawValue, note: note, visibility: visibility.rawValue, at: at,
            reasonCode: reason?.code.rawValue, enteredBy: enteredBy, onBehalfOf: onBehalfOf))
    }
}

extension Catalogue {
    /// The student's own application to one listing, if any (the detail pane shows its status).
    public func application(ofStudent username: String, to opportunityID: Int64) throws -> Application? {
        try read { db in
            try Stored<Application>.fetchOne(db, SQLRequest(literal: """
                SELECT a.* FROM applications a JOIN students s ON s.id = a.student_id
                WHERE s.username = \(username) AND a.opportunity_id = \(opportunityID)
                """))?.record
        }
    }

    /// Spots already taken on a listing: offers accepted and work under way or done.
    public func spotsTaken(on opportunityID: Int64) throws -> Int {
        try read { db in
            try Int.fetchOne(db, SQLRequest(literal: """
                SELECT count(*) FROM applications
                WHERE opportunity_id = \(opportunityID) AND status IN ('accepted','in_progress','delivered','completed')
                """)) ?? 0
        }
    }
}
