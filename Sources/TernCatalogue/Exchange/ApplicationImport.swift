import Foundation
internal import GRDB

extension Catalogue {
    /// New applications are filed as submitted and walked along the shortest legal path to
    /// their status, each step an event marked "imported", so history never skips the machine.
    /// An existing application is left alone when its status matches, and refused otherwise.
    /// Students and listings are looked up in bulk and statements prepared once, to keep the
    /// write lock short.
    static func writeApplications(_ db: Database, _ records: [ImportedApplication],
                                  progress: ImportProgressMeter? = nil) throws -> (inserted: Int, updated: Int) {
        let students = try KeyedIDs(db, table: "students", column: "username", keys: records.map(\.student))
        let opportunities = try KeyedIDs(db, table: "opportunities", column: "ref", keys: records.map(\.opportunity))
        // Prepared once and run for every record (an import holds the write lock): positional.
        let existing = try db.cachedStatement(sql: "SELECT status FROM applications WHERE student_id = ? AND opportunity_id = ?")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO applications(student_id, opportunity_id, cover_note, portfolio_link, hours_offered, status, created_at, updated_at)
            VALUES (?,?,?,?,?,'submitted',?,?)
            """)
        let move = try db.cachedStatement(sql: "UPDATE applications SET status = ?, status_reason = ?, version = version + 1 WHERE id = ?")
        let importer = Actor(role: .staff, username: "import")
        var inserted = 0
        for (index, item) in records.enumerated() {
            progress?.advance(to: index)
            guard let studentID = students[item.student] else {
                throw item.row.error("student", "no student \"\(item.student)\"")
            }
            guard let opportunityID = opportunities[item.opportunity] else {
                throw item.row.error("opportunity", "no listing with ref \"\(item.opportunity)\"")
            }
            if let status = try String.fetchOne(existing, arguments: [studentID, opportunityID]) {
                guard status == item.status.rawValue else {
                    throw item.row.error("status", "the application exists as \(status); move it with the staff tools, not an import")
                }
                continue
            }
            try insert.execute(arguments: [studentID, opportunityID, item.coverNote, item.portfolioLink, item.hoursOffered,
                                           item.createdAt, item.updatedAt])
            let id = db.lastInsertedRowID
            try appendEvent(db, application: id, actor: Actor(role: .student, username: item.student), from: nil, to: .submitted,
                            note: "imported", visibility: .shared, at: item.createdAt)
            var previous = ApplicationStatus.submitted
            for next in item.status.pathFromSubmitted.dropFirst() {
                try move.execute(arguments: [next.rawValue, next == .rejected ? item.reason : nil, id])
                try appendEvent(db, application: id, actor: next == .expired ? .system : importer, from: previous, to: next,
                                note: next == .rejected ? item.reason : "imported", visibility: .shared, at: item.updatedAt)
                previous = next
            }
            inserted += 1
        }
        return (inserted, 0)
    }
}
