import Foundation
import TernStore

/// ``StudentStore`` on PostgreSQL: the same answers and refusals as the SQLite catalogue's
/// (`Catalogue+Applications`, `+Profile`, `+Delivery`, `+Reopen`). Saved listings and searches
/// are in `StudentSaved.swift`, feedback and the portfolio in `StudentFeedback.swift`, updates
/// and disclosures in `StudentUpdates.swift`.
extension PostgresCatalogue {
    // MARK: Profile

    public func student(username: String) async throws -> Student? {
        try await read { try await $0.fetchStudent(username) }
    }

    public func updateProfile(of username: String, skills: [StudentSkill], interests: [Field], hoursPerWeek: Int,
                              expectedVersion: Int, now: Date) async throws -> Student {
        guard (0...80).contains(hoursPerWeek) else { throw CatalogueError.invalid("hours per week must be 0 to 80") }
        let skills = try Self.profileSkills(skills)
        return try await write { transaction in
            let studentID = try await transaction.studentID(username)
            let current = try await transaction.integer { s in
                s.append("SELECT version FROM students WHERE id = \(s.bind(studentID)) FOR NO KEY UPDATE")
            }
            guard current == expectedVersion else {
                throw CatalogueError.versionConflict(expected: expectedVersion, current: current)
            }
            let changed = try await transaction.changed { s in
                s.append("""
                    UPDATE students SET hours_per_week = \(s.bind(Int64(hoursPerWeek))), version = version + 1
                    WHERE id = \(s.bind(studentID)) AND version = \(s.bind(Int64(expectedVersion))) RETURNING 1
                    """)
            }
            guard changed == 1 else {
                throw CatalogueError.versionConflict(expected: expectedVersion, current: expectedVersion + 1)
            }
            try await transaction.execute { s in s.append("DELETE FROM student_skills WHERE student_id = \(s.bind(studentID))") }
            for skill in skills {
                let skillID = try await transaction.matchingSkillID(named: skill.name)
                try await transaction.execute { s in
                    s.append("""
                        INSERT INTO student_skills(student_id, skill_id, level)
                        VALUES (\(s.bind(studentID)), \(s.bind(skillID)), \(s.bind(skill.level.rawValue))) ON CONFLICT DO NOTHING
                        """)
                }
            }
            try await transaction.execute { s in s.append("DELETE FROM student_interests WHERE student_id = \(s.bind(studentID))") }
            for field in Set(interests).sorted() {
                try await transaction.execute { s in
                    s.append("INSERT INTO student_interests(student_id, field) VALUES (\(s.bind(studentID)), \(s.bind(field.rawValue)))")
                }
            }
            return try await transaction.fetchStudent(username).readBack("the profile of \(username)")
        }
    }

    /// Skills as a profile stores them: trimmed, named, storable as ``StoredText/skill``, each
    /// once regardless of case (the first spelling and level win), as on SQLite.
    static func profileSkills(_ skills: [StudentSkill]) throws -> [StudentSkill] {
        var seen = Set<String>()
        var result: [StudentSkill] = []
        for skill in skills {
            let name = skill.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { throw CatalogueError.invalid("a skill needs a name") }
            try StoredText.skill.check(name)
            if seen.insert(name.lowercased()).inserted { result.append(StudentSkill(name: name, level: skill.level)) }
        }
        return result
    }

    public func fit(of opportunityID: Int64, for username: String) async throws -> ListingFit? {
        guard StudentRecords.storable(username) else { return nil }
        return try await read { transaction in
            guard let student = try await transaction.rows({ s in
                      s.append("SELECT id, hours_per_week FROM students WHERE username = \(s.bind(username))")
                  }).first,
                  let listing = try await transaction.rows({ s in
                      s.append("SELECT id, field, hours, duration_days FROM opportunities WHERE id = \(s.bind(opportunityID)) AND status <> 'draft'")
                  }).first
            else { return nil }
            let studentID: Int64 = try ListingRecords.value(student, "id", table: "students")
            let field: Field = try ListingRecords.known(listing, "field")
            let skills = try await transaction.rows { s in
                s.append("""
                    SELECT sk.name, EXISTS (SELECT 1 FROM student_skills ss WHERE ss.student_id = \(s.bind(studentID)) AND ss.skill_id = sk.id) AS mine
                    FROM opportunity_skills os JOIN skills sk ON sk.id = os.skill_id
                    WHERE os.opportunity_id = \(s.bind(opportunityID)) ORDER BY tern_nocase(sk.name) COLLATE "C"
                    """)
            }
            let interested = try await transaction.integer { s in
                s.append("SELECT 1 FROM student_interests WHERE student_id = \(s.bind(studentID)) AND field = \(s.bind(field.rawValue))")
            } == 1
            var listingSkills: [String] = [], matchedSkills: [String] = []
            for row in skills {
                let name: String = try ListingRecords.value(row, "name", table: "skills")
                listingSkills.append(name)
                if try ListingRecords.value(row, "mine", table: "student_skills") as Bool { matchedSkills.append(name) }
            }
            return ListingFit(
                listingSkills: listingSkills, matchedSkills: matchedSkills, inInterests: interested,
                weeklyHours: ListingFit.weeklyHours(hours: try ListingRecords.value(listing, "hours"),
                                                    durationDays: try ListingRecords.value(listing, "duration_days")),
                hoursPerWeek: try ListingRecords.value(student, "hours_per_week", table: "students"))
        }
    }

    // MARK: Applications

    public func applications(ofStudent username: String) async throws -> [ApplicationOverview] {
        guard StudentRecords.storable(username) else { return [] }
        return try await read { try await $0.applicationOverviews(ofStudent: username) }
    }

    public func application(ofStudent username: String, to opportunityID: Int64) async throws -> Application? {
        guard StudentRecords.storable(username) else { return nil }
        return try await read { transaction in
            try await transaction.rows { s in
                s.append("""
                    SELECT \(PostgresTransaction.applicationColumns) FROM applications a JOIN students st ON st.id = a.student_id
                    WHERE st.username = \(s.bind(username)) AND a.opportunity_id = \(s.bind(opportunityID))
                    """)
            }.first.map(PostgresTransaction.application)
        }
    }

    public func application(_ id: Int64, as actor: Actor) async throws -> Application {
        try await read { try await $0.applicationVisible(id, to: actor) }
    }

    public func apply(as username: String, to opportunityID: Int64, coverNote: String, portfolioLink: String?,
                      hoursOffered: Int, now: Date) async throws -> Application {
        guard hoursOffered > 0 else { throw CatalogueError.invalid("hours offered must be at least 1") }
        try StoredText.coverNote.check(coverNote)
        try StoredText.portfolioLink.check(portfolioLink)
        return try await write { transaction in
            let studentID = try await Self.checkMayApply(transaction, username: username, opportunityID: opportunityID, now: now)
            let stamp = Timestamp.string(now)
            // A second apply racing this one waits here for the first to commit, then finds it.
            let inserted = try await transaction.rows { s in
                s.append("""
                    INSERT INTO applications AS a (student_id, opportunity_id, cover_note, portfolio_link, hours_offered, status, created_at, updated_at)
                    VALUES (\(s.bind(studentID)), \(s.bind(opportunityID)), \(s.bind(coverNote)), \(s.bind(text: portfolioLink)),
                            \(s.bind(Int64(hoursOffered))), 'submitted', \(s.bind(stamp)), \(s.bind(stamp)))
                    ON CONFLICT (student_id, opportunity_id) DO NOTHING
                    RETURNING \(PostgresTransaction.applicationColumns)
                    """)
            }
            guard let row = inserted.first else {
                _ = try await Self.checkMayApply(transaction, username: username, opportunityID: opportunityID, now: now)
                throw CatalogueError.refused("you have already applied to this listing")
            }
            let application = try PostgresTransaction.application(row)
            try await transaction.appendEvent(application: application.id, actor: Actor(role: .student, username: username),
                                              from: nil, to: .submitted, note: nil, visibility: .shared, at: stamp)
            return application
        }
    }

    public func refusalToApply(as username: String, to opportunityID: Int64, now: Date) async throws -> String? {
        try await read { transaction in
            do {
                _ = try await Self.checkMayApply(transaction, username: username, opportunityID: opportunityID, now: now)
                return nil
            } catch CatalogueError.refused(let reason) {
                return reason
            }
        }
    }

    /// The rules for applying, in one place (as `Catalogue.checkMayApply`): a profile, an open
    /// listing approved by staff (one pending or declined is "not found"), a deadline not
    /// passed, no earlier application. The listing is read, not locked: a student's session may
    /// not lock listings (`FOR SHARE` needs UPDATE on the table, which ``AccessV2`` grants staff only).
    static func checkMayApply(_ transaction: PostgresTransaction, username: String, opportunityID: Int64,
                              now: Date) async throws -> Int64 {
        let studentID = try await transaction.studentID(username)
        guard let listing = try await transaction.rows({ s in
            s.append("""
                SELECT id, status, deadline FROM opportunities
                WHERE id = \(s.bind(opportunityID)) AND status <> 'draft' AND approval = 'approved'
                """)
        }).first else {
            throw CatalogueError.notFound("listing \(opportunityID)")
        }
        let status: OpportunityStatus = try ListingRecords.known(listing, "status")
        guard status == .open else {
            throw CatalogueError.refused("this listing is \(status.rawValue) and takes no applications")
        }
        let deadline: String = try ListingRecords.value(listing, "deadline")
        guard deadline >= CalendarDay(now).description else {
            throw CatalogueError.refused("the application deadline (\(deadline)) has passed")
        }
        if let earlier = try await transaction.rows({ s in
            s.append("SELECT id, status FROM applications WHERE student_id = \(s.bind(studentID)) AND opportunity_id = \(s.bind(opportunityID))")
        }).first {
            let status: String = try ListingRecords.value(earlier, "status", table: "applications")
            // One application per listing: a withdrawn one is reopened (once), not filed again.
            throw CatalogueError.refused(status == ApplicationStatus.withdrawn.rawValue
                ? "you withdrew your application to this listing; reopen it instead"
                : "you have already applied to this listing")
        }
        return studentID
    }

    public func move(_ applicationID: Int64, to next: ApplicationStatus, by actor: Actor, expectedVersion: Int,
                     note: String?, now: Date) async throws -> Application {
        try await write { transaction in
            try await transaction.moveApplication(applicationID, to: next, by: actor, expectedVersion: expectedVersion,
                                                  note: note, at: Timestamp.string(now))
        }
    }

    // MARK: Delivery

    public func deliver(_ applicationID: Int64, by username: String, link: String, expectedVersion: Int,
                        now: Date) async throws -> Application {
        let link = try Self.deliverableLink(link)
        return try await write { transaction in
            try await transaction.moveApplication(applicationID, to: .delivered, by: Actor(role: .student, username: username),
                                                  expectedVersion: expectedVersion, note: "Deliverable: \(link)",
                                                  deliverableLink: link, at: Timestamp.string(now))
        }
    }

    public func correctDeliverableLink(_ applicationID: Int64, by username: String, link: String, expectedVersion: Int,
                                       now: Date) async throws -> Application {
        let link = try Self.deliverableLink(link)
        return try await write { transaction in
            let actor = Actor(role: .student, username: username)
            let current = try await transaction.applicationVisible(applicationID, to: actor, locking: true)
            guard current.version == expectedVersion else {
                throw CatalogueError.versionConflict(expected: expectedVersion, current: current.version)
            }
            guard current.status == .delivered else {
                throw CatalogueError.refused("the link can be corrected only while the delivery waits for the organization; this application is \(current.status.label.lowercased())")
            }
            let stamp = Timestamp.string(now)
            let updated = try await transaction.rows { s in
                s.append("""
                    UPDATE applications a SET deliverable_link = \(s.bind(link)), updated_at = \(s.bind(stamp)), version = version + 1
                    WHERE id = \(s.bind(applicationID)) AND version = \(s.bind(Int64(expectedVersion))) AND status = 'delivered'
                    RETURNING \(PostgresTransaction.applicationColumns)
                    """)
            }
            guard let row = updated.first else {
                throw CatalogueError.versionConflict(expected: expectedVersion, current: expectedVersion + 1)
            }
            try await transaction.appendEvent(application: applicationID, actor: actor, from: nil, to: nil,
                                              note: "Deliverable link corrected: \(link)", visibility: .shared, at: stamp)
            return try PostgresTransaction.application(row)
        }
    }

    /// The link as stored: trimmed, and a web address (the organization opens it from its own
    /// machine), as on SQLite.
    static func deliverableLink(_ text: String) throws -> String {
        let link = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Link.refusal(of: link) == nil else {
            throw CatalogueError.invalid("the deliverable link must start with http:// or https://")
        }
        return try StoredText.deliverableLink.check(link)
    }

    // MARK: Reopening

    public func reopen(_ applicationID: Int64, by username: String, expectedVersion: Int, now: Date) async throws -> Application {
        try await write { transaction in
            let actor = Actor(role: .student, username: username)
            let application = try await transaction.applicationVisible(applicationID, to: actor, locking: true)
            if let refusal = try await Self.refusalToReopen(transaction, application, now: now) {
                throw CatalogueError.refused(refusal)
            }
            return try await transaction.moveApplication(applicationID, to: ApplicationStatus.reopening.to, by: actor,
                                                         expectedVersion: expectedVersion, note: nil, at: Timestamp.string(now))
        }
    }

    public func refusalToReopen(_ applicationID: Int64, as username: String, now: Date) async throws -> String? {
        try await read { transaction in
            let application = try await transaction.applicationVisible(applicationID, to: Actor(role: .student, username: username))
            return try await Self.refusalToReopen(transaction, application, now: now)
        }
    }

    public func reopenableApplications(ofStudent username: String, now: Date) async throws -> Set<Int64> {
        guard StudentRecords.storable(username) else { return [] }
        return try await read { transaction in
            Set(try await transaction.rows { s in
                s.append("""
                    SELECT a.id FROM applications a JOIN students st ON st.id = a.student_id
                    JOIN opportunities o ON o.id = a.opportunity_id
                    WHERE st.username = \(s.bind(username)) AND a.status = 'withdrawn'
                      AND o.status = 'open' AND o.approval = 'approved' AND o.deadline >= \(s.bind(CalendarDay(now).description))
                      AND NOT EXISTS (SELECT 1 FROM application_events e WHERE e.application_id = a.id
                                      AND e.from_status = 'withdrawn' AND e.to_status = 'submitted')
                    """)
            }.map { try ListingRecords.value($0, "id", table: "applications") as Int64 })
        }
    }

    /// Why a withdrawn application cannot be reopened now, in words a student can act on.
    static func refusalToReopen(_ transaction: PostgresTransaction, _ application: Application, now: Date) async throws -> String? {
        guard application.status == ApplicationStatus.reopening.from else {
            return "only a withdrawn application can be reopened; this one is \(application.status.label.lowercased())"
        }
        let reopenedBefore = try await transaction.integer { s in
            s.append("""
                SELECT 1 FROM application_events WHERE application_id = \(s.bind(application.id))
                AND from_status = 'withdrawn' AND to_status = 'submitted' LIMIT 1
                """)
        }
        if reopenedBefore == 1 {
            return "you withdrew this application after reopening it once; it cannot be reopened again"
        }
        guard let listing = try await transaction.rows({ s in
                  s.append("SELECT id, status, approval, deadline FROM opportunities WHERE id = \(s.bind(application.opportunityId))")
              }).first,
              try ListingRecords.known(listing, "status") == OpportunityStatus.open,
              try ListingRecords.known(listing, "approval") == Approval.approved else {
            return "the listing no longer takes applications, so your withdrawal stands"
        }
        let deadline: String = try ListingRecords.value(listing, "deadline")
        guard deadline >= CalendarDay(now).description else {
            return "the application deadline (\(deadline)) has passed, so your withdrawal stands"
        }
        return nil
    }

    // MARK: History

    public func events(of applicationID: Int64, as actor: Actor) async throws -> [ApplicationEvent] {
        try await read { transaction in
            _ = try await transaction.applicationVisible(applicationID, to: actor)
            let events = try await transaction.rows { s in
                s.append("SELECT \(StudentRecords.eventColumns) FROM application_events WHERE application_id = \(s.bind(applicationID))")
                if actor.role == .student { s.append(" AND visibility = 'shared'") }
                s.append(" ORDER BY at, id")
            }.map(StudentRecords.event)
            guard actor.role == .student else { return events }
            return events.map { var shown = $0; shown.enteredBy = nil; return shown }
        }
    }
}
