import Foundation
import PostgresNIO
import TernExchange
import TernStore

/// `tern export` on PostgreSQL: the same bytes as the SQLite catalogue writes for the same rows
/// (``ExportWriter``), read in one snapshot a thousand records at a time by id, so a million
/// listings never sit in memory. An export of students or applications discloses every one of
/// them: recorded in the audit log first, and a disclosure that cannot be recorded does not
/// happen.
extension PostgresCatalogue {
    public func export(_ subject: ExchangeSubject, as format: ExchangeFormat, by principal: Principal, to destination: String,
                       write emit: @escaping (String) throws -> Void) async throws {
        let action: AuditedAction? = switch subject {
        case .opportunities: nil
        case .students: .exportedStudents
        case .applications: .exportedApplications
        }
        if let action {
            let table = subject == .students ? "students" : "applications"
            try await write { transaction in
                let count = try await transaction.integer { s in s.append("SELECT count(*) FROM \(table)") }
                try await transaction.audit(by: principal.account.displayName, role: principal.auditRole, action: action.rawValue,
                                            student: nil, detail: "\(count) \(table) as \(format.rawValue) to \(destination)")
            }
        }
        var writer = ExportWriter(subject, as: format, emit: emit)
        try writer.start()
        try await read { transaction in
            var after: Int64 = 0
            while true {
                let rows = try await transaction.rows { s in
                    s.append("\(Self.exportSQL(subject)) WHERE x.id > \(s.bind(after)) ORDER BY x.id LIMIT 1000")
                }
                for row in rows {
                    after = try ListingRecords.value(row, "id", table: subject.rawValue)
                    try writer.record(try Self.exported(subject, row))
                }
                if rows.count < 1000 { break }
            }
        }
        try writer.finish()
    }

    /// One subject's rows, as `x`, with what each record holds; lists in the order SQLite's
    /// export gives them.
    static func exportSQL(_ subject: ExchangeSubject) -> String {
        switch subject {
        case .opportunities:
            """
            SELECT x.id, x.ref, x.title, org.name AS organization, x.field, x.brief, x.hours, x.duration_days, x.schedule,
                   x.starts_on, x.deadline, x.compensation_kind, x.compensation_cents, x.currency, x.location_kind, x.city,
                   x.spots, x.status, x.posted_at,
                   ARRAY(SELECT d.description FROM opportunity_deliverables d WHERE d.opportunity_id = x.id ORDER BY d.position) AS deliverables,
                   ARRAY(SELECT s.name FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id
                         WHERE os.opportunity_id = x.id ORDER BY tern_nocase(s.name) COLLATE "C") AS skills
            FROM opportunities x JOIN organizations org ON org.id = x.organization_id
            """
        case .students:
            """
            SELECT x.id, x.username, x.name, x.email, x.program, x.graduation_year, x.hours_per_week, x.directory_opt_out,
                   ARRAY(SELECT s.name || ':' || ss.level FROM student_skills ss JOIN skills s ON s.id = ss.skill_id
                         WHERE ss.student_id = x.id ORDER BY tern_nocase(s.name) COLLATE "C") AS skills,
                   ARRAY(SELECT i.field FROM student_interests i WHERE i.student_id = x.id ORDER BY i.field COLLATE "C") AS interests,
                   ARRAY(SELECT l.url FROM student_links l WHERE l.student_id = x.id ORDER BY l.position) AS links
            FROM students x
            """
        case .applications:
            """
            SELECT x.id, st.username, o.ref, x.status, x.status_reason, x.cover_note, x.portfolio_link, x.hours_offered,
                   x.created_at, x.updated_at
            FROM applications x JOIN students st ON st.id = x.student_id JOIN opportunities o ON o.id = x.opportunity_id
            """
        }
    }

    static func exported(_ subject: ExchangeSubject, _ row: PostgresRandomAccessRow) throws -> [String: ExportValue] {
        let table = subject.rawValue
        func text(_ column: String) throws -> ExportValue { .text(try ListingRecords.value(row, column, table: table)) }
        func optional(_ column: String) throws -> ExportValue { .optional(try ListingRecords.value(row, column, table: table)) }
        func number(_ column: String) throws -> ExportValue { .number(try ListingRecords.value(row, column, table: table)) }
        func list(_ column: String) throws -> ExportValue { .list(try ListingRecords.value(row, column, table: table)) }
        switch subject {
        case .opportunities:
            let cents: Int? = try ListingRecords.value(row, "compensation_cents", table: table)
            return [
                "ref": try text("ref"), "title": try text("title"), "organization": try text("organization"), "field": try text("field"),
                "brief": try text("brief"), "deliverables": try list("deliverables"), "skills": try list("skills"),
                "hours": try number("hours"), "duration_days": try number("duration_days"), "schedule": try text("schedule"),
                "starts_on": try optional("starts_on"), "deadline": try text("deadline"), "compensation_kind": try text("compensation_kind"),
                "compensation_amount": cents.map { .decimal(Money(cents: $0, currency: "").decimal) } ?? .null,
                "currency": try optional("currency"), "location_kind": try text("location_kind"), "city": try optional("city"),
                "spots": try number("spots"), "status": try text("status"), "posted_at": try text("posted_at"),
            ]
        case .students:
            let year: Int? = try ListingRecords.value(row, "graduation_year", table: table)
            return [
                "username": try text("username"), "name": try text("name"), "email": try text("email"), "program": try text("program"),
                "graduation_year": year.map { .number($0) } ?? .null, "skills": try list("skills"), "interests": try list("interests"),
                "hours_per_week": try number("hours_per_week"), "portfolio_links": try list("links"),
                "directory_opt_out": .bool(try ListingRecords.value(row, "directory_opt_out", table: table)),
            ]
        case .applications:
            return [
                "student": try text("username"), "opportunity": try text("ref"), "status": try text("status"),
                "status_reason": try optional("status_reason"), "cover_note": try text("cover_note"),
                "portfolio_link": try optional("portfolio_link"), "hours_offered": try number("hours_offered"),
                "created_at": try text("created_at"), "updated_at": try text("updated_at"),
            ]
        }
    }
}
