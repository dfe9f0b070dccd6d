import Foundation
internal import GRDB

/// The hand-written demo catalogue in `data/demo/*.json` (format: docs/demo-format.md).
/// Dates in it are relative, so seeding today gives deadlines this week, next month, last week.
///
/// ```swift
/// try catalogue.seedDemo(from: DemoCatalogue.locate()!)
/// ```
public enum DemoCatalogue {
    /// Finds the demo catalogue: `$TERN_DATA_DIR/demo` when set, then beside the executable as
    /// `make install` lays it out (`PREFIX/bin/tern` → `PREFIX/share/tern/demo`), then in the
    /// source tree of a built binary (`.build/release/tern` → `data/demo`). Give it the
    /// executable's real path (`/proc/self/exe`): `argv[0]` is a bare `tern` when run from `$PATH`.
    public static func locate(executablePath: String) -> URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["TERN_DATA_DIR"], !dir.isEmpty {
            candidates.append(URL(fileURLWithPath: dir).appendingPathComponent("demo"))
        }
        let binDirectory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(binDirectory.deletingLastPathComponent().appendingPathComponent("share/tern/demo"))
        var directory = binDirectory
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("data/demo"))
            directory.deleteLastPathComponent()
        }
        return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent("opportunities.json").path) }
    }

    struct OrganizationEntry: Decodable {
        var name: String, kind: OrganizationKind, website: String?, contactEmail: String?, description: String, verified: Bool
        /// Absent means approved: most of the demo is a board students can use.
        var approval: Approval?
        var trusted: Bool?
    }
    struct OpportunityEntry: Decodable {
        var ref: String, title: String, organization: String, field: Field, brief: String
        var deliverables: [String], skills: [String], hours: Int, durationDays: Int, schedule: Schedule
        var startsInDays: Int?, deadlineInDays: Int, compensationKind: CompensationKind
        var compensationAmount: Double?, currency: String?, locationKind: LocationKind, city: String?
        var spots: Int, status: OpportunityStatus, postedDaysAgo: Int
        /// Absent means approved; a declined one names its reason (and a note), recorded as the
        /// first staff member's decision.
        var approval: Approval?
        var declineReason: DeclineReason?
        var declineNote: String?
    }
    struct StudentEntry: Decodable {
        var username: String, name: String, email: String, program: String, graduationYear: Int
        var skills: [StudentSkill], interests: [Field], hoursPerWeek: Int, portfolioLinks: [String], directoryOptOut: Bool
    }
    struct StaffEntry: Decodable { var username: String, name: String, role: StaffRole }
    struct EventEntry: Decodable {
        var to: ApplicationStatus?
        var daysAgo: Int
        var actor: String
        var actorRole: ActorRole
        var note: String?
        var visibility: Visibility
    }
    struct OrgFeedback: Decodable { var rating: Int, strengths: String, improvements: String, skillsDemonstrated: [String] }
    struct StudentFeedback: Decodable { var rating: Int, comment: String }
    struct ApplicationEntry: Decodable {
        var student: String, opportunity: String, coverNote: String, portfolioLink: String?, hoursOffered: Int
        var history: [EventEntry], orgFeedback: OrgFeedback?, studentFeedback: StudentFeedback?
    }

    static func load<T: Decodable>(_ type: T.Type, _ name: String, in directory: URL) throws -> T {
        let url = directory.appendingPathComponent(name)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: Data(contentsOf: url))
        } catch {
            throw CatalogueError.invalid("\(url.path): \(error)")
        }
    }
}

/// What a seed wrote, for the command's summary line.
public struct SeedSummary: Sendable, Equatable {
    public var organizations = 0, opportunities = 0, students = 0, staff = 0, applications = 0, events = 0
    public init() {}
}

extension Catalogue {
    /// Loads the demo catalogue into an empty catalogue, in one transaction.
    @discardableResult
    public func seedDemo(from directory: URL, now: Date = Date()) throws -> SeedSummary {
        typealias D = DemoCatalogue
        let organizations = try D.load([D.OrganizationEntry].self, "organizations.json", in: directory)
        let opportunities = try D.load([D.OpportunityEntry].self, "opportunities.json", in: directory)
        let students = try D.load([D.StudentEntry].self, "students.json", in: directory)
        let staff = try D.load([D.StaffEntry].self, "staff.json", in: directory)
        let applications = try D.load([D.ApplicationEntry].self, "applications.json", in: directory)
        let today = CalendarDay(now)
        let stamp = { (daysAgo: Int) in Timestamp.string(now.addingTimeInterval(-Double(daysAgo) * 86_400)) }

        return try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM opportunities") == 0 else {
                throw CatalogueError.refused("the catalogue already has listings; seed an empty file")
            }
            var summary = SeedSummary()
            for entry in organizations {
                try StoredText.website.check(entry.website)
                let organization = Organization(name: entry.name, kind: entry.kind, website: entry.website,
                                                contactEmail: entry.contactEmail, description: entry.description,
                                                verified: entry.verified, approval: entry.approval ?? .approved,
                                                trusted: entry.trusted ?? false, createdAt: stamp(120))
                try Stored(organization).insert(db)
                summary.organizations += 1
            }
            var opportunityIDs: [String: Int64] = [:]
            for entry in opportunities {
                let opp = Opportunity(
                    ref: entry.ref, title: entry.title, organization: entry.organization, field: entry.field,
                    brief: entry.brief, deliverables: entry.deliverables, skills: entry.skills, hours: entry.hours,
                    durationDays: entry.durationDays, schedule: entry.schedule,
                    startsOn: entry.startsInDays.map { today.adding(days: $0) },
                    deadline: today.adding(days: entry.deadlineInDays), compensationKind: entry.compensationKind,
                    compensation: entry.compensationAmount.map { Money(cents: Int(($0 * 100).rounded()), currency: entry.currency ?? "USD") },
                    locationKind: entry.locationKind, city: entry.city, spots: entry.spots, status: entry.status,
                    postedAt: stamp(entry.postedDaysAgo))
                let id = try Self.upsertOpportunity(db, opp, approval: entry.approval ?? .approved, now: now)
                opportunityIDs[entry.ref] = id
                if entry.approval == .declined {
                    guard let reason = entry.declineReason, let reviewer = staff.first else {
                        throw CatalogueError.invalid("demo listing \(entry.ref) is declined without a decline_reason (or there is no staff)")
                    }
                    try Self.record(db, organization: try Self.organizationID(db, existing: entry.organization), listing: id, .declined,
                                    reason: reason, note: entry.declineNote, actor: Actor(role: .staff, username: reviewer.username),
                                    at: stamp(max(0, entry.postedDaysAgo - 1)))
                }
                summary.opportunities += 1
            }
            var studentIDs: [String: Int64] = [:]
            for entry in students {
                let student = Student(username: entry.username, name: entry.name, email: entry.email, program: entry.program,
                                      graduationYear: entry.graduationYear, skills: entry.skills, interests: entry.interests,
                                      hoursPerWeek: entry.hoursPerWeek, portfolioLinks: entry.portfolioLinks,
                                      directoryOptOut: entry.directoryOptOut)
                studentIDs[entry.username] = try Self.insertStudent(db, student, createdAt: stamp(90))
                summary.students += 1
            }
            for entry in staff {
                let member = StaffMember(username: entry.username, name: entry.name, role: entry.role)
                try Stored(member).insert(db)
                summary.staff += 1
            }
            for entry in applications {
                guard let studentID = studentIDs[entry.student], let opportunityID = opportunityIDs[entry.opportunity],
                      let first = entry.history.first, first.to == .submitted
                else { throw CatalogueError.invalid("demo application \(entry.student) → \(entry.opportunity) is inconsistent") }
                let filedAt = stamp(first.daysAgo)
                try db.execute(literal: """
                    INSERT INTO applications(student_id, opportunity_id, cover_note, portfolio_link, hours_offered, status, created_at, updated_at)
                    VALUES (\(studentID), \(opportunityID), \(entry.coverNote), \(entry.portfolioLink), \(entry.hoursOffered),
                            'submitted', \(filedAt), \(filedAt))
                    """)
                let applicationID = db.lastInsertedRowID
                var status: ApplicationStatus? = nil
                for event in entry.history {
                    let actor = Actor(role: event.actorRole, username: event.actor)
                    if let next = event.to, let previous = status {
                        guard ApplicationStatus.mayMove(from: previous, to: next, as: event.actorRole) else {
                            throw CatalogueError.invalid("demo application \(entry.student) → \(entry.opportunity): \(event.actorRole.rawValue) cannot move \(previous.rawValue) to \(next.rawValue)")
                        }
                        let reason = next == .rejected ? event.note : nil
                        try db.execute(literal: """
                            UPDATE applications SET status = \(next), status_reason = \(reason), updated_at = \(stamp(event.daysAgo)), version = version + 1
                            WHERE id = \(applicationID)
                            """)
                    }
                    try Self.appendEvent(db, application: applicationID, actor: actor, from: event.to == nil ? nil : status,
                                         to: event.to, note: event.note, visibility: event.visibility, at: stamp(event.daysAgo))
                    if let next = event.to { status = next }
                    summary.events += 1
                }
                if let feedback = entry.orgFeedback {
                    try Self.insertFeedback(db, application: applicationID, direction: .organizationToStudent, rating: feedback.rating,
                                            strengths: feedback.strengths, improvements: feedback.improvements, comment: nil,
                                            skills: feedback.skillsDemonstrated, at: stamp(max(0, (entry.history.last?.daysAgo ?? 0) - 1)))
                }
                if let feedback = entry.studentFeedback {
                    try Self.insertFeedback(db, application: applicationID, direction: .studentToOrganization, rating: feedback.rating,
                                            strengths: nil, improvements: nil, comment: feedback.comment, skills: [],
                                            at: stamp(max(0, (entry.history.last?.daysAgo ?? 0) - 1)))
                }
                summary.applications += 1
            }
            return summary
        }
    }
}
