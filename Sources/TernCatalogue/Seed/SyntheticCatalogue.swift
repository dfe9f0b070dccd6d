import Foundation
internal import GRDB

extension Catalogue {
    /// Builds a new catalogue at `path` with `count` synthetic listings, `count / 5` students
    /// and `2 × count` applications, deterministically from `seed`. Built for scale tests.
    ///
    /// The catalogue is built in a private `.partial` file with no journal (nobody else can see
    /// it, and a crash just leaves a partial file to delete), then switched to WAL and renamed
    /// into place: other processes see no catalogue, then a complete one. Writing through WAL
    /// would write every page twice (log, then checkpoint).
    ///
    /// ```swift
    /// try Catalogue.createSynthetic(at: "/tmp/big.sqlite", count: 1_000_000, seed: 42)
    /// ```
    @discardableResult
    public static func createSynthetic(at path: String, count: Int, seed: UInt64 = 1, now: Date = Date(),
                                       progress: (@Sendable (String) -> Void)? = nil) throws -> SeedSummary {
        guard count > 0 else { throw CatalogueError.invalid("the synthetic catalogue needs at least 1 listing") }
        let fm = FileManager.default
        guard !fm.fileExists(atPath: path) else {
            throw CatalogueError.refused("\(path) exists; a synthetic catalogue is always built as a new file")
        }
        let partial = "\(path).partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: partial)
        // Made with the catalogue's mode (0600, or 0660 in a shared directory) before it holds
        // anything, so the renamed file is never readable by others even for a moment.
        try CatalogueFile.create(partial)
        var config = Configuration()
        // Every key is assigned by the generator; `tern check` verifies them afterwards.
        config.foreignKeysEnabled = false
        config.journalMode = .default
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
        }
        do {
            let queue = try DatabaseQueue(path: partial, configuration: config)
            try CatalogueSchema.migrator.migrate(queue)
            let summary = try queue.writeWithoutTransaction { db in
                var summary: SeedSummary?
                try db.inTransaction(.exclusive) {
                    summary = try loadSynthetic(db, count: count, seed: seed, now: now, progress: progress)
                    return .commit
                }
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                return try summary.readBack("the synthetic catalogue's summary")
            }
            try queue.close()
            try fm.moveItem(atPath: partial, toPath: path)
            return summary
        } catch {
            try? fm.removeItem(atPath: partial)
            if let error = error as? DatabaseError { throw Catalogue.describe(error, path: path) }
            throw error
        }
    }

    private static func loadSynthetic(_ db: Database, count: Int, seed: UInt64, now: Date,
                                      progress: (@Sendable (String) -> Void)?) throws -> SeedSummary {
        typealias V = SyntheticVocabulary
        var rng = SplitMix64(seed: seed)
        let today = CalendarDay(now)
        let nowStamp = Timestamp.string(now)
        // Precomputed day stamps: formatting a date per row would dominate the run.
        let dayStamps = (0...400).map { Timestamp.string(now.addingTimeInterval(-Double($0) * 86_400 - 3_600)) }
        let deadlines = (-30...90).map { today.adding(days: $0).description }
        do {
            for trigger in CatalogueSchema.bulkSuspendedTriggers {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            // Secondary indexes are rebuilt once, by sorting, after the load: cheaper than
            // millions of random index inserts. Their definitions come from the schema itself.
            let indexes = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(CatalogueSchema.bulkLoadedTables.map { "'\($0)'" }.joined(separator: ",")))
                """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
            for index in indexes { try db.execute(sql: "DROP INDEX \(index.name)") }
            var summary = SeedSummary()

            let skillIDs: [Int64] = try V.skills.map { try Self.skillID(db, named: $0) }
            let organizationCount = max(1, count / 25)
            let insertOrganization = try BulkInsert(db, sql: """
                INSERT INTO organizations(name, kind, website, contact_email, description, verified, created_at)
                VALUES (?,?,?,?,?,?,?)
                """)
            let kinds = OrganizationKind.allCases
            for n in 0..<organizationCount {
                let name = "\(V.organizationWords[n % V.organizationWords.count]) \(V.organizationSuffixes[(n / V.organizationWords.count) % V.organizationSuffixes.count]) \(n + 1)"
                let slug = "org\(n + 1)"
                try insertOrganization.text(name).text(kinds[n % kinds.count].rawValue).text("https://\(slug).example")
                    .text("projects@\(slug).example").text("A synthetic organization for scale testing.")
                    .int(n % 3 != 0 ? 1 : 0).text(dayStamps[200]).run()
            }
            summary.organizations = organizationCount
            progress?("organizations: \(organizationCount)")

            // The pay rank's triggers are suspended, so the insert ranks each listing itself,
            // with the same expression, from the values bound as compensation_kind (?12),
            // currency (?14) and hourly_cents (?15).
            let payRank = PayRank.sql(hourly: "?15", currency: "?14", kind: "?12", home: PayRank.storedHomeCurrency)
            let insertOpportunity = try BulkInsert(db, sql: """
                INSERT INTO opportunities(id, ref, organization_id, title, field, brief, hours, duration_days, schedule,
                    starts_on, deadline, compensation_kind, compensation_cents, currency, hourly_cents, location_kind,
                    city, spots, status, posted_at, updated_at, pay_rank)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, \(payRank))
                """)
            let insertDeliverable = try BulkInsert(db, sql: "INSERT INTO opportunity_deliverables VALUES (?,?,?)")
            let insertOpportunitySkill = try BulkInsert(db, sql: "INSERT OR IGNORE INTO opportunity_skills VALUES (?,?)")
            let fields = Field.allCases.map(\.rawValue)
            let compensationKinds = CompensationKind.allCases
            let locationKinds = LocationKind.allCases
            let statuses: [OpportunityStatus] = Array(repeating: .open, count: 80) + Array(repeating: .closed, count: 8)
                + Array(repeating: .filled, count: 7) + Array(repeating: .archived, count: 3) + [.draft, .draft]
            var visibleIDs: [Int64] = []
            visibleIDs.reserveCapacity(count)
            for n in 1...count {
                let id = Int64(n)
                let verb = rng.pick(V.verbs), topic = rng.pick(V.topics), client = rng.pick(V.clients)
                let hours = rng.pick([5, 8, 10, 12, 15, 20, 25, 30, 40, 60])
                let kind = compensationKinds[rng.int(0...9) < 5 ? 0 : rng.int(0...compensationKinds.count - 1)]
                var cents: Int? = nil
                var currency: String? = nil
                if kind.isPaid {
                    currency = rng.pick(V.currencies)
                    cents = kind == .hourly ? rng.int(15...40) * 100 : rng.int(10...120) * 2_500
                }
                let hourly = kind.isPaid ? (kind == .hourly ? cents! : cents! / hours) : 0
                let location = locationKinds[rng.int(0...locationKinds.count - 1)]
                let status = rng.pick(statuses)
                let deadlineIndex = status == .open ? rng.int(30...120) : rng.int(0...40)
                let skills = (0..<rng.int(1...4)).map { _ in rng.int(0...skillIDs.count - 1) }
                let skillWords = skills.map { V.skills[$0] }.joined(separator: " and ")
                let fixed = rng.chance(30)
                try insertOpportunity.int(id).text("syn-\(n)").int(rng.int(1...organizationCount))
                    .text("\(verb) a \(topic) for \(client)").text(rng.pick(fields))
                    .text("We need help to \(verb.lowercased()) a \(topic) for \(client). You will use \(skillWords) and report weekly. Estimated \(hours) hours.")
                    .int(hours).int(rng.int(3...45)).text(fixed ? "fixed" : "flexible")
                    .text(fixed ? deadlines[min(deadlineIndex + 7, deadlines.count - 1)] : nil).text(deadlines[deadlineIndex])
                    .text(kind.rawValue).text(cents.map { "\($0)" }).text(currency).int(hourly).text(location.rawValue)
                    .text(location == .remote ? nil : rng.pick(V.cities)).int(rng.int(1...5)).text(status.rawValue)
                    .text(dayStamps[rng.int(0...60)]).text(nowStamp).run()
                try insertDeliverable.int(id).int(1).text("A \(topic) draft for review").run()
                try insertDeliverable.int(id).int(2).text("The final \(topic) with a short handover note").run()
                for skill in skills { try insertOpportunitySkill.int(id).int(skillIDs[skill]).run() }
                if status != .draft { visibleIDs.append(id) }
                if n % 100_000 == 0 { progress?("listings: \(n)") }
            }
            summary.opportunities = count

            let studentCount = max(1, count / 5)
            let insertStudent = try BulkInsert(db, sql: """
                INSERT INTO students(id, username, name, email, program, graduation_year, hours_per_week, directory_opt_out, created_at)
                VALUES (?,?,?,?,?,?,?,?,?)
                """)
            let insertStudentSkill = try BulkInsert(db, sql: "INSERT OR IGNORE INTO student_skills VALUES (?,?,?)")
            let insertInterest = try BulkInsert(db, sql: "INSERT OR IGNORE INTO student_interests VALUES (?,?)")
            let levels = SkillLevel.allCases.map(\.rawValue)
            for n in 1...studentCount {
                try insertStudent.int(n).text("student\(n)").text("\(rng.pick(V.firstNames)) \(rng.pick(V.lastNames))")
                    .text("student\(n)@campus.example").text(rng.pick(V.programs)).int(rng.int(2026...2030))
                    .int(rng.int(3...25)).int(rng.chance(5) ? 1 : 0).text(dayStamps[300]).run()
                for _ in 0..<3 {
                    try insertStudentSkill.int(n).int(skillIDs[rng.int(0...skillIDs.count - 1)]).text(rng.pick(levels)).run()
                }
                try insertInterest.int(n).text(rng.pick(fields)).run()
            }
            summary.students = studentCount
            progress?("students: \(studentCount)")

            let insertApplication = try BulkInsert(db, sql: """
                INSERT OR IGNORE INTO applications(student_id, opportunity_id, cover_note, hours_offered, status, status_reason,
                    created_at, updated_at, version)
                VALUES (?,?,?,?,?,?,?,?,?)
                """)
            // Events carry their chain (the chain trigger is suspended during the load).
            let insertEvent = try BulkInsert(db, sql: """
                INSERT INTO application_events(id, application_id, actor_role, actor_username, from_status, to_status, note, visibility, at,
                                               prev_hash, hash)
                VALUES (?,?,?,?,?,?,?,'shared',?,?,?)
                """)
            var nextEventID: Int64 = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM application_events") ?? 0) + 1
            // Real pipelines are bottom-heavy: most applications wait or are turned down early;
            // few reach completion. Histories are legal paths through the state machine.
            let outcomes = Self.syntheticOutcomes.map { path in
                path.map { status -> (status: String, role: ActorRole) in
                    let role: ActorRole = status == .expired ? .system
                        : [.submitted, .withdrawn, .accepted, .offerDeclined, .delivered].contains(status) ? .student : .staff
                    return (status.rawValue, role)
                }
            }
            let reason = "Another applicant was a closer fit"
            var applications = 0
            for _ in 0..<(2 * count) where !visibleIDs.isEmpty {
                let student = rng.int(1...studentCount)
                let opportunity = visibleIDs[rng.int(0...visibleIDs.count - 1)]
                let history = rng.pick(outcomes)
                let final = history.last!.status
                let start = rng.int(history.count...60)
                guard try insertApplication.int(student).int(opportunity).text("I would love to help with this project.")
                    .int(rng.int(5...20)).text(final).text(final == "rejected" ? reason : nil)
                    .text(dayStamps[start]).text(dayStamps[start - history.count + 1]).int(history.count).run()
                else { continue }
                let applicationID = db.lastInsertedRowID
                let studentName = "student\(student)"
                var previous: String? = nil
                var previousHash = RecordChain.genesis
                for (step, event) in history.enumerated() {
                    let chained = ChainedRecords.Event(
                        applicationID: applicationID, actorRole: event.role.rawValue,
                        actorUsername: event.role == .student ? studentName : event.role == .system ? "system" : "advisor",
                        fromStatus: previous, toStatus: event.status, note: event.status == "rejected" ? reason : nil,
                        visibility: "shared", at: dayStamps[start - step])
                    let hash = RecordChain.hash(of: .event, fields: chained.fields(id: nextEventID), previous: previousHash)
                    try insertEvent.int(nextEventID).int(applicationID).text(chained.actorRole).text(chained.actorUsername)
                        .text(chained.fromStatus).text(chained.toStatus).text(chained.note).text(chained.at)
                        .text(previousHash).text(hash).run()
                    nextEventID += 1
                    previousHash = hash
                    previous = event.status
                    summary.events += 1
                }
                applications += 1
                if applications % 500_000 == 0 { progress?("applications: \(applications)") }
            }
            summary.applications = applications

            progress?("building \(indexes.count) indexes")
            for index in indexes { try db.execute(sql: index.sql) }
            progress?("building the search index")
            try db.execute(sql: CatalogueSchema.rebuildSearch)
            try db.execute(sql: CatalogueSchema.searchTriggers)
            try db.execute(sql: CatalogueSchema.applicationStartTrigger)
            try db.execute(sql: CatalogueSchema.payRankListingTriggers)
            try db.execute(sql: RecordsSchema.chainTriggers)
            return summary
        }
    }

    /// Application histories for the synthetic catalogue, repeated by weight (out of 100).
    static let syntheticOutcomes: [[ApplicationStatus]] = {
        let weighted: [(Int, [ApplicationStatus])] = [
            (28, [.submitted]),
            (14, [.submitted, .underReview]),
            (8, [.submitted, .rejected]),
            (8, [.submitted, .underReview, .rejected]),
            (4, [.submitted, .underReview, .shortlisted, .rejected]),
            (7, [.submitted, .underReview, .shortlisted]),
            (6, [.submitted, .withdrawn]),
            (7, [.submitted, .expired]),
            (3, [.submitted, .underReview, .shortlisted, .offered]),
            (2, [.submitted, .underReview, .shortlisted, .offered, .offerDeclined]),
            (2, [.submitted, .underReview, .shortlisted, .offered, .accepted]),
            (3, [.submitted, .underReview, .shortlisted, .offered, .accepted, .inProgress]),
            (1, [.submitted, .underReview, .shortlisted, .offered, .accepted, .inProgress, .delivered]),
            (7, [.submitted, .underReview, .shortlisted, .offered, .accepted, .inProgress, .delivered, .completed]),
        ]
        return weighted.flatMap { weight, path in Array(repeating: path, count: weight) }
    }()
}
