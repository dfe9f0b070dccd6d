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
    /// `progress`, when given, hears how far the import has got (``ImportProgress``), on the
    /// importing thread and, while writing, with the write lock held: it should hand the value
    /// on (to a screen's loop) and return.
    ///
    /// ```swift
    /// let summary = try catalogue.importFile(Data(contentsOf: url), format: .csv)
    /// try catalogue.importFile(data, format: .json) { progress in bar.set(progress.phase, progress.fraction) }
    /// ```
    public func importFile(_ data: Data, format: ExchangeFormat, dryRun: Bool = false, now: Date = Date(),
                           progress: (@Sendable (ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        let reading = ImportProgressMeter.start(.reading, total: data.count, report: progress)
        let text = try ExchangeReader.decode(data, format: format)
        let (subject, rows) = try ExchangeReader.rows(text: text, format: format, subject: nil)
        reading?.finish()
        var summary = ImportSummary(subject: subject.rawValue)
        let validating = ImportProgressMeter.start(.validating, total: rows.count, report: progress)
        let writing = { ImportProgressMeter.start(.writing, total: rows.count, report: progress) }
        // Validate everything before touching the database, so a dry run checks as much as a real one.
        switch subject {
        case .opportunities:
            var firstLine: [String: Int] = [:]
            var records: [ImportedListing] = []
            records.reserveCapacity(rows.count)
            for (index, row) in rows.enumerated() {
                validating?.advance(to: index)
                let opportunity = try ExchangeValidation.opportunity(row, now: now)
                if let line = firstLine[opportunity.ref] {
                    throw row.error("ref", "duplicate ref \"\(opportunity.ref)\" (first on line \(line))")
                }
                firstLine[opportunity.ref] = row.line
                records.append(ImportedListing(listing: opportunity, givesPostedAt: try row.optionalText("posted_at") != nil))
            }
            validating?.finish()
            (summary.inserted, summary.updated) = try writeImport(dryRun: dryRun, progress: writing()) { db, meter in
                try Self.writeOpportunities(db, records, now: now, progress: meter)
            }
        case .students:
            var firstLine: [String: Int] = [:]
            var records: [Student] = []
            records.reserveCapacity(rows.count)
            for (index, row) in rows.enumerated() {
                validating?.advance(to: index)
                let student = try ExchangeValidation.student(row)
                if let line = firstLine[student.username] {
                    throw row.error("username", "duplicate username \"\(student.username)\" (first on line \(line))")
                }
                firstLine[student.username] = row.line
                records.append(student)
            }
            validating?.finish()
            (summary.inserted, summary.updated) = try writeImport(dryRun: dryRun, progress: writing()) { db, meter in
                try Self.writeStudents(db, records, now: now, progress: meter)
            }
        case .applications:
            let records = try Self.validateApplications(rows, now: now, progress: validating)
            validating?.finish()
            (summary.inserted, summary.updated) = try writeImport(dryRun: dryRun, progress: writing()) { db, meter in
                try Self.writeApplications(db, records, progress: meter)
            }
        }
        return summary
    }

    /// Runs the import's writes; a dry run rolls them back so that database-level checks
    /// (constraints, triggers) still get their say. The writing phase ends when the writes
    /// are done (committed, or rolled back for a dry run).
    private func writeImport(dryRun: Bool, progress: ImportProgressMeter?,
                             _ body: (Database, ImportProgressMeter?) throws -> (Int, Int)) throws -> (Int, Int) {
        struct DryRunRollback: Error { var counts: (Int, Int) }
        let counts: (Int, Int)
        do {
            counts = try write { db in
                let counts = try body(db, progress)
                if dryRun { throw DryRunRollback(counts: counts) }
                return counts
            }
        } catch let rollback as DryRunRollback {
            counts = rollback.counts
        }
        progress?.finish()
        return counts
    }
}
