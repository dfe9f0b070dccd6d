import Foundation
import GRDB

extension ApplicationStatus {
    /// The shortest legal path from `submitted` to this status, for recreating an imported
    /// application through the state machine rather than around it.
    var pathFromSubmitted: [ApplicationStatus] {
        var previous: [ApplicationStatus: ApplicationStatus] = [:]
        var queue: [ApplicationStatus] = [.submitted]
        var visited: Set<ApplicationStatus> = [.submitted]
        while !queue.isEmpty {
            let status = queue.removeFirst()
            if status == self { break }
            for next in status.nextStatuses where visited.insert(next).inserted {
                previous[next] = status
                queue.append(next)
            }
        }
        var path: [ApplicationStatus] = [self]
        while let before = previous[path[0]] { path.insert(before, at: 0) }
        return path
    }
}

extension Catalogue {
    /// New applications are filed as submitted and walked along the shortest legal path to
    /// their status, each step an event marked "imported", so history never skips the machine.
    /// An existing application is left alone when its status matches, and refused otherwise.
    func importApplications(_ rows: [ExchangeRow], dryRun: Bool, now: Date, summary: inout ImportSummary) throws {
        struct Parsed { var row: ExchangeRow; var student: String; var opportunity: String; var status: ApplicationStatus
                        var reason: String?; var cover: String; var link: String?; var hours: Int; var created: String; var at: String }
        var parsed: [Parsed] = []
        var firstLine: [String: Int] = [:]
        for row in rows {
            let status = try row.enumeration("status", ApplicationStatus.self)
            let item = Parsed(row: row, student: try row.text("student", .username), opportunity: try row.required("opportunity"),
                              status: status, reason: try row.optionalText("status_reason", .statusReason),
                              cover: try row.optionalText("cover_note", .coverNote) ?? "",
                              link: try row.optionalText("portfolio_link", .portfolioLink), hours: try row.int("hours_offered", in: 1...400),
                              created: try row.timestamp("created_at") ?? Timestamp.string(now),
                              at: try row.timestamp("updated_at") ?? Timestamp.string(now))
            if status == .rejected, item.reason == nil { throw row.error("status_reason", "is required for rejected applications") }
            let key = "\(item.student)\u{0}\(item.opportunity)"
            if let line = firstLine[key] { throw row.error("opportunity", "duplicate application (first on line \(line))") }
            firstLine[key] = row.line
            parsed.append(item)
        }
        struct DryRunRollback: Error {}
        var counts = (inserted: 0, updated: 0)
        do {
            try write { db in
                for item in parsed {
                    guard let studentID = try Int64.fetchOne(db, sql: "SELECT id FROM students WHERE username = ?", arguments: [item.student]) else {
                        throw item.row.error("student", "no student \"\(item.student)\"")
                    }
                    guard let opportunityID = try Int64.fetchOne(db, sql: "SELECT id FROM opportunities WHERE ref = ?", arguments: [item.opportunity]) else {
                        throw item.row.error("opportunity", "no listing with ref \"\(item.opportunity)\"")
                    }
                    if let existing = try String.fetchOne(db, sql: "SELECT status FROM applications WHERE student_id = ? AND opportunity_id = ?", arguments: [studentID, opportunityID]) {
                        guard existing == item.status.rawValue else {
                            throw item.row.error("status", "the application exists as \(existing); move it with the staff tools, not an import")
                        }
                        continue
                    }
                    try db.execute(sql: """
                        INSERT INTO applications(student_id, opportunity_id, cover_note, portfolio_link, hours_offered, status, created_at, updated_at)
                        VALUES (?,?,?,?,?,'submitted',?,?)
                        """, arguments: [studentID, opportunityID, item.cover, item.link, item.hours, item.created, item.at])
                    let id = db.lastInsertedRowID
                    let importer = Actor(role: .staff, username: "import")
                    try Self.appendEvent(db, application: id, actor: Actor(role: .student, username: item.student), from: nil, to: .submitted, note: "imported", visibility: .shared, at: item.created)
                    var previous = ApplicationStatus.submitted
                    for next in item.status.pathFromSubmitted.dropFirst() {
                        try db.execute(sql: "UPDATE applications SET status = ?, status_reason = ?, version = version + 1 WHERE id = ?",
                                       arguments: [next.rawValue, next == .rejected ? item.reason : nil, id])
                        try Self.appendEvent(db, application: id, actor: next == .expired ? .system : importer, from: previous, to: next,
                                             note: next == .rejected ? item.reason : "imported", visibility: .shared, at: item.at)
                        previous = next
                    }
                    counts.inserted += 1
                }
                if dryRun { throw DryRunRollback() }
            }
        } catch is DryRunRollback {}
        summary.inserted = counts.inserted
        summary.updated = counts.updated
    }
}
