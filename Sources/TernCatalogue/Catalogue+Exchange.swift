import Foundation
import GRDB

/// What an import did (or, with a dry run, would do).
///
/// ```swift
/// let summary = try catalogue.importFile(data, format: .csv)
/// print("\(summary.inserted) new, \(summary.updated) updated")
/// ```
public struct ImportSummary: Sendable, Equatable {
    public var subject: String
    /// Records the file added.
    public var inserted = 0
    /// Records the file names that existed already; a listing that did not change is counted
    /// here too, though it is left as it was.
    public var updated = 0
}

extension Catalogue {
    /// Imports a CSV or JSON file of opportunities, students or applications as ONE transaction:
    /// the first bad row throws an ``ImportError`` with its line and column, and nothing is written.
    /// The file is read and every value checked before the transaction starts, so the write lock
    /// is held only for the writing.
    ///
    /// ```swift
    /// let summary = try catalogue.importFile(Data(contentsOf: url), format: .csv)
    /// ```
    public func importFile(_ data: Data, format: ExchangeFormat, dryRun: Bool = false, now: Date = Date()) throws -> ImportSummary {
        let text = try ExchangeReader.decode(data, format: format)
        let (subject, rows) = try ExchangeReader.rows(text: text, format: format, subject: nil)
        var summary = ImportSummary(subject: subject.rawValue)
        // Validate everything before touching the database, so a dry run checks as much as a real one.
        switch subject {
        case .opportunities:
            var firstLine: [String: Int] = [:]
            var records: [ImportedListing] = []
            records.reserveCapacity(rows.count)
            for row in rows {
                let opportunity = try ExchangeValidation.opportunity(row, now: now)
                if let line = firstLine[opportunity.ref] {
                    throw row.error("ref", "duplicate ref \"\(opportunity.ref)\" (first on line \(line))")
                }
                firstLine[opportunity.ref] = row.line
                records.append(ImportedListing(listing: opportunity, givesPostedAt: try row.optionalText("posted_at") != nil))
            }
            (summary.inserted, summary.updated) = try writeImport(dryRun: dryRun) { db in
                try Self.writeOpportunities(db, records, now: now)
            }
        case .students:
            var firstLine: [String: Int] = [:]
            var records: [Student] = []
            records.reserveCapacity(rows.count)
            for row in rows {
                let student = try ExchangeValidation.student(row)
                if let line = firstLine[student.username] {
                    throw row.error("username", "duplicate username \"\(student.username)\" (first on line \(line))")
                }
                firstLine[student.username] = row.line
                records.append(student)
            }
            (summary.inserted, summary.updated) = try writeImport(dryRun: dryRun) { db in
                try Self.writeStudents(db, records, now: now)
            }
        case .applications:
            let records = try Self.validateApplications(rows, now: now)
            (summary.inserted, summary.updated) = try writeImport(dryRun: dryRun) { db in
                try Self.writeApplications(db, records)
            }
        }
        return summary
    }

    /// Runs the import's writes; a dry run rolls them back so that database-level checks
    /// (constraints, triggers) still get their say.
    private func writeImport(dryRun: Bool, _ body: (Database) throws -> (Int, Int)) throws -> (Int, Int) {
        struct DryRunRollback: Error { var counts: (Int, Int) }
        do {
            return try write { db in
                let counts = try body(db)
                if dryRun { throw DryRunRollback(counts: counts) }
                return counts
            }
        } catch let rollback as DryRunRollback {
            return rollback.counts
        }
    }
}
