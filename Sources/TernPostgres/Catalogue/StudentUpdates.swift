import Foundation
import PostgresNIO
import TernStore

/// What changed for a student, and who was shown their records, on PostgreSQL: the same lists
/// as `Catalogue+Updates` and `Catalogue+Disclosures`. Timestamps are the stored ISO text, so
/// "newer than" is a text comparison, as on SQLite.
extension PostgresCatalogue {
    /// A saved listing counts as closing soon this many days before its deadline (as on SQLite).
    static let closingSoonDays = 3

    public func updates(of username: String, today: CalendarDay, now: Date) async throws -> [StudentUpdate] {
        guard StudentRecords.storable(username) else { return [] }
        // Whole days, from the start of the first: the list is the same all day long.
        let since = "\(today.adding(days: -StudentUpdate.windowDays))T00:00:00Z"
        guard let (recorded, seen) = try await read({ transaction -> ([StudentUpdate], String)? in
            guard let row = try await transaction.rows({ s in
                s.append("SELECT id FROM students WHERE username = \(s.bind(username))")
            }).first else { return nil }
            let studentID: Int64 = try ListingRecords.value(row, "id", table: "students")
            let seen = try await transaction.rows { s in
                s.append("SELECT seen_up_to FROM student_updates_seen WHERE student_id = \(s.bind(studentID))")
            }.first.map { try ListingRecords.value($0, "seen_up_to", table: "student_updates_seen") as String } ?? ""
            var updates = try await Self.statusUpdates(transaction, studentID: studentID, since: since, seen: seen)
            updates += try await Self.feedbackUpdates(transaction, studentID: studentID, since: since, seen: seen)
            updates += try await Self.savedListingUpdates(transaction, studentID: studentID, since: since, seen: seen, today: today)
            return (updates, seen)
        }) else { return [] }
        let updates = recorded + (try await savedSearchUpdates(of: username, seen: seen, today: today))
        // Newest first. Moves stamped in the same second keep the order they were made in (each
        // source is read in its own order), so the list never shuffles between reads.
        return updates.enumerated().sorted { ($0.element.at, $0.offset) > ($1.element.at, $1.offset) }.map(\.element)
    }

    public func markUpdatesRead(of username: String, upTo moment: Date) async throws {
        try await write { transaction in
            let studentID = try await transaction.studentID(username)
            try await transaction.execute { s in
                s.append("""
                    INSERT INTO student_updates_seen AS seen (student_id, seen_up_to) VALUES (\(s.bind(studentID)), \(s.bind(Timestamp.string(moment))))
                    ON CONFLICT (student_id) DO UPDATE SET seen_up_to = greatest(seen.seen_up_to COLLATE "C", excluded.seen_up_to COLLATE "C")
                    """)
            }
        }
    }

    /// Moves the student did not make themselves: theirs are not news to them.
    private static func statusUpdates(_ transaction: PostgresTransaction, studentID: Int64, since: String,
                                      seen: String) async throws -> [StudentUpdate] {
        try await transaction.rows { s in
            s.append("""
                SELECT e.id, e.at, e.to_status, e.note, a.id AS application_id, o.id AS listing_id, o.title
                FROM application_events e JOIN applications a ON a.id = e.application_id
                JOIN opportunities o ON o.id = a.opportunity_id
                WHERE a.student_id = \(s.bind(studentID)) AND e.visibility = 'shared' AND e.to_status IS NOT NULL
                  AND e.actor_role <> 'student' AND e.at >= \(s.bind(since))
                ORDER BY e.id
                """)
        }.map { row in
            let table = "application_events"
            let at: String = try ListingRecords.value(row, "at", table: table)
            let status = try ListingRecords.knownIfPresent(row, "to_status", table: table, as: ApplicationStatus.init(rawValue:))
            let note: String? = try ListingRecords.value(row, "note", table: table)
            return StudentUpdate(kind: status == .offered ? .offer : .status, at: at, subject: try ListingRecords.value(row, "title"),
                                 listingID: try ListingRecords.value(row, "listing_id"),
                                 applicationID: try ListingRecords.value(row, "application_id", table: "applications"), status: status,
                                 reason: note.flatMap { $0.isEmpty ? nil : $0 }, isUnread: at > seen)
        }
    }

    private static func feedbackUpdates(_ transaction: PostgresTransaction, studentID: Int64, since: String,
                                        seen: String) async throws -> [StudentUpdate] {
        try await transaction.rows { s in
            s.append("""
                SELECT f.created_at, f.rating, a.id AS application_id, o.id AS listing_id, o.title
                FROM feedback f JOIN applications a ON a.id = f.application_id JOIN opportunities o ON o.id = a.opportunity_id
                WHERE a.student_id = \(s.bind(studentID)) AND f.direction = 'organization_to_student' AND f.created_at >= \(s.bind(since))
                ORDER BY a.id
                """)
        }.map { row in
            let at: String = try ListingRecords.value(row, "created_at", table: "feedback")
            return StudentUpdate(kind: .feedback, at: at, subject: try ListingRecords.value(row, "title"),
                                 listingID: try ListingRecords.value(row, "listing_id"),
                                 applicationID: try ListingRecords.value(row, "application_id", table: "applications"),
                                 count: try ListingRecords.value(row, "rating", table: "feedback"), isUnread: at > seen)
        }
    }

    /// A saved listing closing soon is news from the moment it entered the last three days (or
    /// was saved, if later); one taken down, from its last change.
    private static func savedListingUpdates(_ transaction: PostgresTransaction, studentID: Int64, since: String, seen: String,
                                            today: CalendarDay) async throws -> [StudentUpdate] {
        let rows = try await transaction.rows { s in
            s.append("""
                SELECT o.id, o.title, o.status, o.approval, o.deadline, o.updated_at, so.saved_at
                FROM saved_opportunities so JOIN opportunities o ON o.id = so.opportunity_id
                WHERE so.student_id = \(s.bind(studentID)) AND (
                    (o.status = 'open' AND o.approval = 'approved'
                     AND o.deadline BETWEEN \(s.bind(today.description)) AND \(s.bind(today.adding(days: closingSoonDays).description)))
                    OR ((o.approval = 'declined' OR o.status = 'archived') AND o.updated_at >= \(s.bind(since))))
                """)
        }
        return try rows.map { row in
            let status: String = try ListingRecords.value(row, "status"), approval: String = try ListingRecords.value(row, "approval")
            if status == "open" && approval == "approved" {
                let deadline: CalendarDay = try ListingRecords.known(row, "deadline", as: CalendarDay.init)
                let window = "\(deadline.adding(days: -closingSoonDays))T00:00:00Z"
                let at = max(window, try ListingRecords.value(row, "saved_at", table: "saved_opportunities") as String)
                let days = today.days(until: deadline)
                let when = days == 0 ? "today" : days == 1 ? "tomorrow" : "in \(days) days"
                return StudentUpdate(kind: .closingSoon, at: at, subject: try ListingRecords.value(row, "title"),
                                     listingID: try ListingRecords.value(row, "id"), reason: "\(when), \(deadline)", isUnread: at > seen)
            }
            let at: String = try ListingRecords.value(row, "updated_at")
            return StudentUpdate(kind: .takenDown, at: at, subject: try ListingRecords.value(row, "title"),
                                 listingID: try ListingRecords.value(row, "id"),
                                 reason: approval == "declined" ? "by the career center" : "archived", isUnread: at > seen)
        }
    }

    /// A saved search with listings posted since it was last opened; unread while some of them
    /// were posted after the student last read Updates.
    private func savedSearchUpdates(of username: String, seen: String, today: CalendarDay) async throws -> [StudentUpdate] {
        var updates: [StudentUpdate] = []
        for search in try await savedSearches(of: username, today: today) where search.newCount > 0 {
            var unseen = search.query
            unseen.postedAfter = [search.query.postedAfter, search.lastSeenAt, seen].compactMap { $0 }.max()
            let unread = try await listings.countOpportunities(matching: unseen, today: today)
            updates.append(StudentUpdate(kind: .newMatches, at: search.lastSeenAt, subject: search.name, savedSearchID: search.id,
                                         count: search.newCount, isUnread: unread > 0))
        }
        return updates
    }

    // MARK: Disclosures

    /// Read through the schema's view `student_disclosures` (``RolesV5``): a student's own session
    /// may not read the staff list, nor audit rows that do not name them (an export of every
    /// student), which the view reads for them, their own disclosures only.
    public func disclosures(ofStudent username: String, limit: Int) async throws -> [Disclosure] {
        guard StudentRecords.storable(username) else { return [] }
        return try await read { transaction in
            try await transaction.rows { s in
                s.append("""
                    SELECT id, at, actor_role, name, action, detail, application_id FROM student_disclosures
                    WHERE student = \(s.bind(username)) ORDER BY id DESC LIMIT \(s.bind(Int64(max(1, limit))))
                    """)
            }.map { row in
                let table = "audit_log"
                let action: String = try ListingRecords.value(row, "action", table: table)
                let detail: String? = try ListingRecords.value(row, "detail", table: table)
                return Disclosure(at: try ListingRecords.value(row, "at", table: table), role: try ListingRecords.value(row, "actor_role", table: table),
                                  name: try ListingRecords.value(row, "name", table: table),
                                  what: Self.disclosedToStudent(action: action, detail: detail),
                                  detail: detail, applicationID: try ListingRecords.value(row, "application_id", table: table))
            }
        }
    }

    /// What an audit row about a student disclosed, in the student's words (as on SQLite).
    static func disclosedToStudent(action: String, detail: String?) -> String {
        if let known = AuditedAction(rawValue: action) { return known.disclosedToStudent }
        switch action {
        case "act_as_student": return "your account: acted for you" + (detail.map { " (\($0))" } ?? "")
        case "changed_as_student": return "your applications: a change made for you"
        default: return action.replacingOccurrences(of: "_", with: " ")
        }
    }
}
