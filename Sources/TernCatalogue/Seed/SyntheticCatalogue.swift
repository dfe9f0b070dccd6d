import Foundation
import GRDB

extension Catalogue {
    /// Fills an empty catalogue with `count` synthetic listings, `count / 5` students and
    /// `2 × count` applications, deterministically from `seed`. Built for scale tests: one
    /// transaction, prepared statements, and the search index built once at the end.
    ///
    /// ```swift
    /// try catalogue.seedSynthetic(count: 1_000_000, seed: 42)
    /// ```
    @discardableResult
    public func seedSynthetic(count: Int, seed: UInt64 = 1, now: Date = Date(),
                              progress: (@Sendable (String) -> Void)? = nil) throws -> SeedSummary {
        guard count > 0 else { throw CatalogueError.invalid("the synthetic catalogue needs at least 1 listing") }
        typealias V = SyntheticVocabulary
        var rng = SplitMix64(seed: seed)
        let today = CalendarDay(now)
        let nowStamp = Timestamp.string(now)
        // Precomputed day stamps: formatting a date per row would dominate the run.
        let dayStamps = (0...400).map { Timestamp.string(now.addingTimeInterval(-Double($0) * 86_400 - 3_600)) }
        let deadlines = (-30...90).map { today.adding(days: $0).description }

        return try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunities") == 0 else {
                throw CatalogueError.refused("the catalogue already has listings; seed an empty file")
            }
            try db.execute(sql: "PRAGMA cache_size = -512000")
            for trigger in CatalogueSchema.bulkSuspendedTriggers {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            var summary = SeedSummary()

            let skillIDs: [Int64] = try V.skills.map { try Self.skillID(db, named: $0) }
            let organizationCount = max(1, count / 25)
            let insertOrganization = try db.makeStatement(sql: """
                INSERT INTO organizations(name, kind, website, contact_email, description, verified, created_at)
                VALUES (?,?,?,?,?,?,?)
                """)
            let kinds = OrganizationKind.allCases
            for n in 0..<organizationCount {
                let name = "\(V.organizationWords[n % V.organizationWords.count]) \(V.organizationSuffixes[(n / V.organizationWords.count) % V.organizationSuffixes.count]) \(n + 1)"
                let slug = "org\(n + 1)"
                try insertOrganization.execute(arguments: [
                    name, kinds[n % kinds.count].rawValue, "https://\(slug).example", "projects@\(slug).example",
                    "A synthetic organization for scale testing.", n % 3 != 0, dayStamps[200],
                ])
            }
            summary.organizations = organizationCount
            progress?("organizations: \(organizationCount)")

            let insertOpportunity = try db.makeStatement(sql: """
                INSERT INTO opportunities(id, ref, organization_id, title, field, brief, hours, duration_days, schedule,
                    starts_on, deadline, compensation_kind, compensation_cents, currency, hourly_cents, location_kind,
                    city, spots, status, posted_at, updated_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """)
            let insertDeliverable = try db.makeStatement(sql: "INSERT INTO opportunity_deliverables VALUES (?,?,?)")
            let insertOpportunitySkill = try db.makeStatement(sql: "INSERT OR IGNORE INTO opportunity_skills VALUES (?,?)")
            let fields = Field.allCases
            let compensationKinds = CompensationKind.allCases
            let locationKinds = LocationKind.allCases
            var openIDs: [Int64] = []
            openIDs.reserveCapacity(count)
            for n in 1...count {
                let id = Int64(n)
                let verb = rng.pick(V.verbs), topic = rng.pick(V.topics), client = rng.pick(V.clients)
                let field = fields[rng.int(0...fields.count - 1)]
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
                let statusRoll = rng.int(0...99)
                let status: OpportunityStatus = statusRoll < 80 ? .open : statusRoll < 88 ? .closed : statusRoll < 95 ? .filled : statusRoll < 98 ? .archived : .draft
                let deadlineIndex = status == .open ? rng.int(30...120) : rng.int(0...40)
                let skillCount = rng.int(1...4)
                let skills = (0..<skillCount).map { _ in rng.int(0...skillIDs.count - 1) }
                let skillWords = skills.map { V.skills[$0] }.joined(separator: " and ")
                let title = "\(verb) a \(topic) for \(client)"
                let brief = "We need help to \(verb.lowercased()) a \(topic) for \(client). You will use \(skillWords) and report weekly. Estimated \(hours) hours."
                let fixed = rng.chance(30)
                try insertOpportunity.execute(arguments: [
                    id, "syn-\(n)", Int64(rng.int(1...organizationCount)), title, field.rawValue, brief, hours,
                    rng.int(3...45), fixed ? "fixed" : "flexible", fixed ? deadlines[min(deadlineIndex + 7, deadlines.count - 1)] : nil,
                    deadlines[deadlineIndex], kind.rawValue, cents, currency, hourly, location.rawValue,
                    location == .remote ? nil : rng.pick(V.cities), rng.int(1...5), status.rawValue,
                    dayStamps[rng.int(0...60)], nowStamp,
                ])
                try insertDeliverable.execute(arguments: [id, 1, "A \(topic) draft for review"])
                try insertDeliverable.execute(arguments: [id, 2, "The final \(topic) with a short handover note"])
                for skill in skills { try insertOpportunitySkill.execute(arguments: [id, skillIDs[skill]]) }
                if status != .draft { openIDs.append(id) }
                if n % 100_000 == 0 { progress?("listings: \(n)") }
            }
            summary.opportunities = count

            let studentCount = max(1, count / 5)
            let insertStudent = try db.makeStatement(sql: """
                INSERT INTO students(id, username, name, email, program, graduation_year, hours_per_week, directory_opt_out, created_at)
                VALUES (?,?,?,?,?,?,?,?,?)
                """)
            let insertStudentSkill = try db.makeStatement(sql: "INSERT OR IGNORE INTO student_skills VALUES (?,?,?)")
            let insertInterest = try db.makeStatement(sql: "INSERT OR IGNORE INTO student_interests VALUES (?,?)")
            let levels = SkillLevel.allCases
            for n in 1...studentCount {
                let first = rng.pick(V.firstNames), last = rng.pick(V.lastNames)
                try insertStudent.execute(arguments: [
                    Int64(n), "student\(n)", "\(first) \(last)", "student\(n)@campus.example", rng.pick(V.programs),
                    rng.int(2026...2030), rng.int(3...25), rng.chance(5), dayStamps[300],
                ])
                for _ in 0..<3 {
                    try insertStudentSkill.execute(arguments: [Int64(n), skillIDs[rng.int(0...skillIDs.count - 1)], levels[rng.int(0...3)].rawValue])
                }
                try insertInterest.execute(arguments: [Int64(n), fields[rng.int(0...fields.count - 1)].rawValue])
            }
            summary.students = studentCount
            progress?("students: \(studentCount)")

            let insertApplication = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO applications(student_id, opportunity_id, cover_note, hours_offered, status, status_reason,
                    created_at, updated_at, version)
                VALUES (?,?,?,?,?,?,?,?,?)
                """)
            let insertEvent = try db.makeStatement(sql: """
                INSERT INTO application_events(application_id, actor_role, actor_username, from_status, to_status, note, visibility, at)
                VALUES (?,?,?,?,?,?,?,?)
                """)
            // Walks down the main path, sometimes stepping off it: the same shape as real pipelines.
            let path: [ApplicationStatus] = [.submitted, .underReview, .shortlisted, .offered, .accepted, .inProgress, .delivered, .completed]
            let exits: [ApplicationStatus] = [.rejected, .withdrawn, .expired]
            var applications = 0
            for _ in 0..<(2 * count) where !openIDs.isEmpty {
                let student = Int64(rng.int(1...studentCount))
                let opportunity = openIDs[rng.int(0...openIDs.count - 1)]
                var history: [ApplicationStatus] = [.submitted]
                var steps = rng.int(0...7)
                while steps > 0, let next = path.firstIndex(of: history.last!).map({ path[$0 + 1 < path.count ? $0 + 1 : $0] }), next != history.last! {
                    history.append(next)
                    steps -= 1
                }
                if !history.last!.isTerminal, rng.chance(25) {
                    let exit = rng.pick(exits)
                    if history.last!.canMove(to: exit) { history.append(exit) }
                }
                let start = rng.int(history.count...60)
                try insertApplication.execute(arguments: [
                    student, opportunity, "I would love to help with this project.", rng.int(5...20), history.last!.rawValue,
                    history.last! == .rejected ? "Another applicant was a closer fit" : nil,
                    dayStamps[start], dayStamps[start - history.count + 1], history.count,
                ])
                guard db.changesCount == 1 else { continue }
                let applicationID = db.lastInsertedRowID
                var previous: ApplicationStatus? = nil
                for (step, status) in history.enumerated() {
                    let role: ActorRole = status == .expired ? .system
                        : [.submitted, .withdrawn, .accepted, .offerDeclined, .delivered].contains(status) ? .student : .staff
                    try insertEvent.execute(arguments: [
                        applicationID, role.rawValue, role == .student ? "student\(student)" : role == .system ? "system" : "advisor",
                        previous?.rawValue, status.rawValue, status == .rejected ? "Another applicant was a closer fit" : nil,
                        "shared", dayStamps[start - step],
                    ])
                    previous = status
                    summary.events += 1
                }
                applications += 1
                if applications % 250_000 == 0 { progress?("applications: \(applications)") }
            }
            summary.applications = applications

            progress?("building the search index")
            try db.execute(sql: CatalogueSchema.rebuildSearch)
            try db.execute(sql: CatalogueSchema.searchTriggers)
            try db.execute(sql: CatalogueSchema.applicationStartTrigger)
            return summary
        }
    }
}
