import Foundation
internal import GRDB

extension Catalogue {
    /// Takes back the student's own withdrawal: the application is `submitted` again, as it was
    /// filed, and its history keeps both the withdrawal and the reopening. Once per application,
    /// and only while the listing takes applications (the database refuses anything else too).
    ///
    /// ```swift
    /// let back = try catalogue.reopen(app.id, by: "aokafor", expectedVersion: app.version)
    /// back.status   // .submitted
    /// ```
    @discardableResult
    public func reopen(_ applicationID: Int64, by username: String, expectedVersion: Int, now: Date = Date()) throws -> Application {
        try write { db in
            let actor = Actor(role: .student, username: username)
            let application = try Self.applicationVisible(db, id: applicationID, to: actor)
            if let refusal = try Self.refusalToReopen(db, application, now: now) { throw CatalogueError.refused(refusal) }
            return try Self.moveApplication(db, applicationID, to: ApplicationStatus.reopening.to, by: actor,
                                            expectedVersion: expectedVersion, note: nil, at: Timestamp.string(now))
        }
    }

    /// The student's withdrawn applications they may reopen now: never reopened before, on a
    /// listing still taking applications. For the screen to offer reopening only where it works.
    public func reopenableApplications(ofStudent username: String, now: Date = Date()) throws -> Set<Int64> {
        try read { db in
            Set(try Int64.fetchAll(db, SQLRequest(literal: """
                SELECT a.id FROM applications a JOIN students s ON s.id = a.student_id
                JOIN opportunities o ON o.id = a.opportunity_id
                WHERE s.username = \(username) AND a.status = 'withdrawn'
                  AND o.status = 'open' AND o.approval = 'approved' AND o.deadline >= \(CalendarDay(now).description)
                  AND NOT EXISTS (SELECT 1 FROM application_events e WHERE e.application_id = a.id
                                  AND e.from_status = 'withdrawn' AND e.to_status = 'submitted')
                """)))
        }
    }

    /// Why a withdrawn application cannot be reopened now, in words a student can act on.
    static func refusalToReopen(_ db: Database, _ application: Application, now: Date) throws -> String? {
        guard application.status == ApplicationStatus.reopening.from else {
            return "only a withdrawn application can be reopened; this one is \(application.status.label.lowercased())"
        }
        if try Bool.fetchOne(db, SQLRequest(literal: """
            SELECT 1 FROM application_events WHERE application_id = \(application.id) AND from_status = 'withdrawn' AND to_status = 'submitted'
            """)) == true {
            return "you withdrew this application after reopening it once; it cannot be reopened again"
        }
        guard let listing = try Row.fetchOne(db, SQLRequest(literal: "SELECT id, status, approval, deadline FROM opportunities WHERE id = \(application.opportunityId)")),
              try listing.known("status", stored: ("opportunities", "status")) == OpportunityStatus.open,
              try listing.known("approval", stored: ("opportunities", "approval")) == Approval.approved else {
            return "the listing no longer takes applications, so your withdrawal stands"
        }
        guard (try listing.decode(String.self, forColumn: "deadline")) >= CalendarDay(now).description else {
            return "the application deadline (\(try listing.decode(String.self, forColumn: "deadline"))) has passed, so your withdrawal stands"
        }
        return nil
    }
}

extension Catalogue {
    /// Why the student's withdrawn application cannot be reopened now; nil when it can.
    public func refusalToReopen(_ applicationID: Int64, as username: String, now: Date = Date()) throws -> String? {
        try read { db in
            let application = try Self.applicationVisible(db, id: applicationID, to: Actor(role: .student, username: username))
            return try Self.refusalToReopen(db, application, now: now)
        }
    }
}
