import Foundation
internal import GRDB
import TernText

extension Catalogue {
    /// Writes every record of `subject` in the import format, streaming row by row so a
    /// million-listing catalogue never sits in memory.
    ///
    /// ```swift
    /// try catalogue.export(.opportunities, as: .csv) { chunk in try Output.write(chunk) }   // tern's checked writer: a failed write throws
    /// ```
    public func export(_ subject: ExchangeSubject, as format: ExchangeFormat, write emit: (String) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in try export(subject, format, emit) }
    }

    private func export(_ subject: ExchangeSubject, _ format: ExchangeFormat, _ emit: @escaping (String) throws -> Void) throws {
        var writer = ExportWriter(subject, as: format, emit: emit)
        try writer.start()
        func record(_ values: [String: ExportValue]) throws { try writer.record(values) }
        try read { db in
            switch subject {
            case .opportunities:
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT o.*, org.name AS organization,
                      (SELECT json_group_array(description) FROM (SELECT description FROM opportunity_deliverables d WHERE d.opportunity_id = o.id ORDER BY position)) AS deliverables,
                      (SELECT json_group_array(name) FROM (SELECT s.name FROM opportunity_skills os JOIN skills s ON s.id = os.skill_id WHERE os.opportunity_id = o.id ORDER BY s.name COLLATE NOCASE)) AS skills
                    FROM opportunities o JOIN organizations org ON org.id = o.organization_id ORDER BY o.id
                    """)
                while let row = try rows.next() {
                    let cents: Int? = try row.decode(forColumn: "compensation_cents")
                    try record([
                        "ref": .text(try row.decode(forColumn: "ref")), "title": .text(try row.decode(forColumn: "title")), "organization": .text(try row.decode(forColumn: "organization")),
                        "field": .text(try row.decode(forColumn: "field")), "brief": .text(try row.decode(forColumn: "brief")), "deliverables": .list(JSONString.stringArray(try row.decode(forColumn: "deliverables"))),
                        "skills": .list(JSONString.stringArray(try row.decode(forColumn: "skills"))), "hours": .number(try row.decode(forColumn: "hours")),
                        "duration_days": .number(try row.decode(forColumn: "duration_days")), "schedule": .text(try row.decode(forColumn: "schedule")),
                        "starts_on": .optional(try row.decode(forColumn: "starts_on")), "deadline": .text(try row.decode(forColumn: "deadline")),
                        "compensation_kind": .text(try row.decode(forColumn: "compensation_kind")),
                        "compensation_amount": cents.map { .decimal(Money(cents: $0, currency: "").decimal) } ?? .null,
                        "currency": .optional(try row.decode(forColumn: "currency")), "location_kind": .text(try row.decode(forColumn: "location_kind")),
                        "city": .optional(try row.decode(forColumn: "city")), "spots": .number(try row.decode(forColumn: "spots")), "status": .text(try row.decode(forColumn: "status")),
                        "posted_at": .text(try row.decode(forColumn: "posted_at")),
                    ])
                }
            case .students:
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT st.*,
                      (SELECT json_group_array(name || ':' || level) FROM (SELECT s.name, ss.level FROM student_skills ss JOIN skills s ON s.id = ss.skill_id WHERE ss.student_id = st.id ORDER BY s.name COLLATE NOCASE)) AS skills,
                      (SELECT json_group_array(field) FROM (SELECT field FROM student_interests WHERE student_id = st.id ORDER BY field)) AS interests,
                      (SELECT json_group_array(url) FROM (SELECT url FROM student_links WHERE student_id = st.id ORDER BY position)) AS links
                    FROM students st ORDER BY st.id
                    """)
                while let row = try rows.next() {
                    let year: Int? = try row.decode(forColumn: "graduation_year")
                    try record([
                        "username": .text(try row.decode(forColumn: "username")), "name": .text(try row.decode(forColumn: "name")), "email": .text(try row.decode(forColumn: "email")),
                        "program": .text(try row.decode(forColumn: "program")), "graduation_year": year.map { .number($0) } ?? .null,
                        "skills": .list(JSONString.stringArray(try row.decode(forColumn: "skills"))), "interests": .list(JSONString.stringArray(try row.decode(forColumn: "interests"))),
                        "hours_per_week": .number(try row.decode(forColumn: "hours_per_week")), "portfolio_links": .list(JSONString.stringArray(try row.decode(forColumn: "links"))),
                        "directory_opt_out": .bool(try row.decode(forColumn: "directory_opt_out")),
                    ])
                }
            case .applications:
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT a.*, st.username, o.ref FROM applications a
                    JOIN students st ON st.id = a.student_id JOIN opportunities o ON o.id = a.opportunity_id ORDER BY a.id
                    """)
                while let row = try rows.next() {
                    try record([
                        "student": .text(try row.decode(forColumn: "username")), "opportunity": .text(try row.decode(forColumn: "ref")), "status": .text(try row.decode(forColumn: "status")),
                        "status_reason": .optional(try row.decode(forColumn: "status_reason")), "cover_note": .text(try row.decode(forColumn: "cover_note")),
                        "portfolio_link": .optional(try row.decode(forColumn: "portfolio_link")), "hours_offered": .number(try row.decode(forColumn: "hours_offered")),
                        "created_at": .text(try row.decode(forColumn: "created_at")), "updated_at": .text(try row.decode(forColumn: "updated_at")),
                    ])
                }
            }
        }
        try writer.finish()
    }
}

// Strings are quoted by TernText's `JSONString`, shared with every other JSON Tern writes.
extension JSONString {
    /// Decodes SQLite's `json_group_array` output (an array of strings) with the importer's own
    /// parser: Foundation's drops every U+FEFF from the strings, which is not a round trip.
    static func stringArray(_ json: String?) -> [String] {
        guard let json, let array = try? PositionedJSON.parse(json).array else { return [] }
        return array.compactMap(\.string)
    }
}
