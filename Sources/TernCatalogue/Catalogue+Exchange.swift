import Foundation
internal import GRDB

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
        try importFile(ImportSource(data), format: format, dryRun: dryRun, now: now, progress: progress)
    }

    /// ``importFile(_:format:dryRun:now:progress:)`` reading a file a segment at a time, so that
    /// its size costs no memory. A listings file is read three times: to check it is text and
    /// count its rows (reading), to check every value (checking), and under the write lock to
    /// write (writing); the later readings must find the bytes the first one found, or the
    /// import is refused and nothing is written. Students and applications are held in memory
    /// once checked, as they are few.
    ///
    /// ```swift
    /// try catalogue.importFile(try ImportSource(path: "listings.csv"), format: .csv)
    /// ```
    ///
    /// `recorded` names who imports and from where: the import then writes its audit row (how
    /// many rows of what, from where) in its own transaction, so the rows and the record of
    /// them commit together.
    public func importFile(_ source: ImportSource, format: ExchangeFormat, dryRun: Bool = false, now: Date = Date(),
                           recorded: ImportRecord? = nil,
                           progress: (@Sendable (ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        let reading = ImportProgressMeter.start(.reading, total: source.sizeHint, report: progress)
        let scan = try ImportScan.run(source, format: format, progress: reading)
        reading?.finish()
        var rows = try ExchangeReader(source, format: format, checkingAgainst: scan.fingerprint)
        var summary = ImportSummary(subject: rows.subject.rawValue)
        let validating = ImportProgressMeter.start(.validating, total: scan.rows, report: progress)
        let writing = { (total: Int) in ImportProgressMeter.start(.writing, total: total, report: progress) }
        let stamp = Timestamp.string(now)
        // Validate everything before touching the database, so a dry run checks as much as a real one.
        switch rows.subject {
        case .opportunities:
            let plan = try ImportChecks.opportunities(&rows, postedAt: stamp, progress: validating)
            validating?.finish()
            // Read again (on a thread of its own) from before the lock is taken, so that the
            // first rows are ready when it is.
            let listings = ImportChecks.readCheckedListings(source, format: format, fingerprint: scan.fingerprint, postedAt: stamp)
            defer { listings.cancel() }
            (summary.inserted, summary.updated) = try writeImport(dryRun: dryRun, recorded: recorded, subject: rows.subject, progress: writing(plan.rows)) { db, meter in
                try Self.writeOpportunities(db, listings.next, plan: plan, postedAt: stamp, progress: meter)
            }
        case .students:
            let records = try ImportChecks.students(&rows, progress: validating)
            validating?.finish()
            (summary.inserted, summary.updated) = try writeImport(dryRun: dryRun, recorded: recorded, subject: rows.subject, progress: writing(records.count)) { db, meter in
                try Self.writeStudents(db, records, now: now, progress: meter)
            }
        case .applications:
            var all: [ExchangeRow] = []
            while let row = try rows.next() { all.append(row) }
            let records = try ImportChecks.applications(all, now: now, progress: validating)
            validating?.finish()
            (summary.inserted, summary.updated) = try writeImport(dryRun: dryRun, recorded: recorded, subject: rows.subject, progress: writing(records.count)) { db, meter in
                try Self.writeApplications(db, records, progress: meter)
            }
        }
        return summary
    }

    /// Runs the import's writes; a dry run rolls them back so that database-level checks
    /// (constraints, triggers) still get their say. The writing phase ends when the writes
    /// are done (committed, or rolled back for a dry run).
    private func writeImport(dryRun: Bool, recorded: ImportRecord?, subject: ExchangeSubject, progress: ImportProgressMeter?,
                             _ body: (Database, ImportProgressMeter?) throws -> (Int, Int)) throws -> (Int, Int) {
        struct DryRunRollback: Error { var counts: (Int, Int) }
        let counts: (Int, Int)
        do {
            counts = try write(for: .importFile) { db in
                let counts = try body(db, progress)
                if dryRun { throw DryRunRollback(counts: counts) }
                if let recorded {
                    try Self.audit(db, by: recorded.actor, role: recorded.role,
                                   action: AuditedAction.imported.rawValue, student: nil,
                                   detail: ImportChecks.auditDetail(counts, subject: subject, origin: recorded.origin))
                }
                return counts
            }
        } catch let rollback as DryRunRollback {
            counts = rollback.counts
        }
        progress?.finish()
        return counts
    }
}
