import Foundation
internal import GRDB

extension Catalogue {
    /// A saved listing counts as closing soon this many days before its deadline.
    public static let closingSoonDays = 3

    /// What changed for the student, newest first: their applications' status moves made by
    /// someone else (shared history only, with the reason given), offers, feedback received,
    /// saved listings closing within three days or taken down, and saved searches with new
    /// matches. Each is unread when newer than the student's "seen up to" marker
    /// (``markUpdatesRead(of:upTo:)``). Reading marks nothing. A guest has none.
    ///
    /// ```swift
    /// let unread = try catalogue.updates(of: "aokafor", today: today, now: Date()).filter(\.isUnread)
    /// ```
    public func updates(of username: String, today: CalendarDay, now: Date = Date()) throws -> [StudentUpdate] {
        try read { db in
            guard let studentID = try Int64.fetchOne(db, SQLRequest(literal: "SELECT id FROM students WHERE username = \(username)")) else {
                return []
            }
            let seen = try Self.seenUpTo(db, studentID: studentID)
            // Whole days, from the start of the first: the list is the same all day long, never
            // losing an update to the second hand between two reads.
            let since = "\(today.adding(days: -StudentUpdate.windowDays))T00:00:00Z"
            var updates = try Self.statusUpdates(db, studentID: studentID, since: since, seen: seen)
            updates += try Self.feedbackUpdates(db, studentID: studentID, since: since, seen: seen)
            updates += try Self.savedListingUpdates(db, studentID: studentID, since: since, seen: seen, today: today)
            updates += try Self.savedSearchUpdates(db, username: username, seen: seen, today: today)
            // Newest first. Moves stamped in the same second keep the order they were made in
            // (each source is read in its own order), so the list never shuffles between reads.
            return updates.enumerated().sorted { ($0.element.at, $0.offset) > ($1.element.at, $1.offset) }.map(\.element)
        }
    }

    /// Marks everything up to `moment` as seen. The marker only moves forward, so a slow reader
    /// finishing late never makes newer updates unread again.
    ///
    /// ```swift
    /// try catalogue.markUpdatesRead(of: "aokafor", upTo: Date())
    /// ```
    public func markUpdatesRead(of username: String, upTo moment: Date = Date()) throws {
        try write { db in
            let studentID = try Self.studentID(db, username: username)
            try db.execute(literal: """
                INSERT INTO student_updates_seen(student_id, seen_up_to) VALUES (\(studentID), \(Timestamp.string(moment)))
                ON CONFLICT(student_id) DO UPDATE SET seen_up_to = max(seen_up_to, excluded.seen_up_to)
                """)
        }
    }

    private static func seenUpTo(_ db: Database, studentID: Int64) throws -> String {
        try String.fetchOne(db, SQLRequest(literal: "SELECT seen_up_to FROM student_updates_seen WHERE student_id = \(studentID)")) ?? ""
    }

    /// Moves the student did not make themselves: theirs are not news to them.
    private static func statusUpdates(_ db: Database, studentID: Int64, since: String, seen: String) throws -> [StudentUpdate] {
        try Row.fetchAll(db, SQLRequest(literal: """
            SELECT e.at, e.to_status, e.note, a.id AS application_id, o.id AS listing_id, o.title
            FROM application_events e JOIN applications a ON a.id = e.application_id
            JOIN opportunities o ON o.id = a.opportunity_id
            WHERE a.student_id = \(studentID) AND e.visibility = 'shared' AND e.to_status IS NOT NULL
              AND e.actor_role <> 'student' AND e.at >= \(since)
            ORDER BY e.id
            """)).map { row in
            let at: String = try row.decode(forColumn: "at")
            let status: ApplicationStatus? = try row.knownIfPresent("to_status", stored: ("application_events", "to_status"), rowID: nil)
            let note: String? = try row.decode(forColumn: "note")
            return StudentUpdate(kind: status == .offered ? .offer : .status, at: at, subject: try row.decode(forColumn: "title"),
                                 listingID: try row.decode(forColumn: "listing_id"), applicationID: try row.decode(forColumn: "application_id"), status: status,
                                 reason: note.flatMap { $0.isEmpty ? nil : $0 }, isUnread: at > seen)
        }
    }

    private static func feedbackUpdates(_ db: Database, studentID: Int64, since: String, seen: String) throws -> [StudentUpdate] {
        try Row.fetchAll(db, SQLRequest(literal: """
            SELECT f.created_at, f.rating, a.id AS application_id, o.id AS listing_id, o.title
            FROM feedback f JOIN applications a ON a.id = f.application_id JOIN opportunities o ON o.id = a.opportunity_id
            WHERE a.student_id = \(studentID) AND f.direction = 'organization_to_student' AND f.created_at >= \(since)
            ORDER BY a.id
            """)).map { row in
            let at: String = try row.decode(forColumn: "created_at")
            return StudentUpdate(kind: .feedback, at: at, subject: try row.decode(forColumn: "title"), listingID: try row.decode(forColumn: "listing_id"),
                                 applicationID: try row.decode(forColumn: "application_id"), count: try row.decode(forColumn: "rating"), isUnread: at > seen)
        }
    }

    /// A saved listing closing soon is news from the moment it entered the last three days (or
    /// was saved, if later); one taken down, from its last change.
    private static func savedListingUpdates(_ db: Database, studentID: Int64, since: String, seen: String,
                                            today: CalendarDay) throws -> [StudentUpdate] {
        let rows = try Row.fetchAll(db, SQLRequest(literal: """
            SELECT o.id, o.title, o.status, o.approval, o.deadline, o.updated_at, so.saved_at
            FROM saved_opportunities so JOIN opportunities o ON o.id = so.opportunity_id
            WHERE so.student_id = \(studentID) AND (
                (o.status = 'open' AND o.approval = 'approved' AND o.deadline BETWEEN \(today.description) AND \(today.adding(days: closingSoonDays).description))
                OR ((o.approval = 'declined' OR o.status = 'archived') AND o.updated_at >= \(since)))
            """))
        return try rows.map { row in
            let status: String = try row.decode(forColumn: "status"), approval: String = try row.decode(forColumn: "approval")
            if status == "open" && approval == "approved" {
                let deadline: CalendarDay = try row.known("deadline", stored: ("opportunities", "deadline"), as: CalendarDay.init)
                let window = "\(deadline.adding(days: -closingSoonDays))T00:00:00Z"
                let at = max(window, try row.decode(String.self, forColumn: "saved_at"))
                let days = today.days(until: deadline)
                let when = days == 0 ? "today" : days == 1 ? "tomorrow" : "in \(days) days"
                return StudentUpdate(kind: .closingSoon, at: at, subject: try row.decode(forColumn: "title"), listingID: try row.decode(forColumn: "id"),
                                     reason: "\(when), \(deadline)", isUnread: at > seen)
            }
            let at: String = try row.decode(forColumn: "updated_at")
            return StudentUpdate(kind: .takenDown, at: at, subject: try row.decode(forColumn: "title"), listingID: try row.decode(forColumn: "id"),
                                 reason: approval == "declined" ? "by the career center" : "archived", isUnread: at > seen)
        }
    }

    /// A saved search with listings posted since it was last opened; unread while some of them
    /// were posted after the student last read Updates.
    private static func savedSearchUpdates(_ db: Database, username: String, seen: String,
                                           today: CalendarDay) throws -> [StudentUpdate] {
        try savedSearches(db, of: username, today: today).filter { $0.newCount > 0 }.map { search in
            var unseen = search.query
            unseen.postedAfter = [search.query.postedAfter, search.lastSeenAt, seen].compactMap { $0 }.max()
            let (sql, arguments) = OpportunitySQL(query: unseen, today: today).count()
            let unread = try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
            return StudentUpdate(kind: .newMatches, at: search.lastSeenAt, subject: search.name, savedSearchID: search.id,
                                 count: search.newCount, isUnread: unread > 0)
        }
    }
}
