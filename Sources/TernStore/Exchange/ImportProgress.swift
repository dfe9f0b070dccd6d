/// How far an import has got, for the staff console's progress bar: the phase, and how much of
/// it is done. Reports come in order (reading, validating, writing), `done` never goes down
/// within a phase, and each phase that finishes ends with `done == total`. A refused file stops
/// the reports where it was refused; nothing after that is written.
///
/// ```swift
/// try catalogue.importFile(data, format: .csv) { progress in
///     post(.importProgress(progress.phase, progress.fraction))   // hand it to the screen's loop
/// }
/// ```
public struct ImportProgress: Sendable, Equatable {
    public enum Phase: Int, Sendable, Comparable, CaseIterable {
        /// Reading the file through once: checking it is UTF-8 text and counting its rows; counted
        /// in bytes.
        case reading
        /// Checking every value of every row, before the write lock is taken; counted in rows.
        case validating
        /// Writing the rows inside the import's one transaction; counted in rows.
        case writing

        public static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
    }

    public var phase: Phase
    public var done: Int
    public var total: Int

    /// ```swift
    /// ImportProgress(phase: .writing, done: 250, total: 1_000).fraction   // 0.25
    /// ```
    public init(phase: Phase, done: Int, total: Int) {
        self.phase = phase
        self.done = done
        self.total = total
    }

    /// Of this phase, from 0 to 1; an empty phase counts as done.
    public var fraction: Double { total <= 0 ? 1 : Double(min(done, total)) / Double(total) }
}

/// Reports one phase's progress at most about a hundred times, however many rows there are, so
/// that the callback (which a screen turns into a redraw) never costs the import anything
/// measurable: the per-row cost is one comparison.
package final class ImportProgressMeter {
    /// Reports per phase, besides its start and its end.
    package static let reportsPerPhase = 100

    private let report: @Sendable (ImportProgress) -> Void
    private let phase: ImportProgress.Phase
    private let total: Int
    private let stride: Int
    private var next: Int

    /// Starts `phase` (reported as 0 of `total`), or nil when nobody asked for progress.
    package static func start(_ phase: ImportProgress.Phase, total: Int, report: (@Sendable (ImportProgress) -> Void)?) -> ImportProgressMeter? {
        report.map { ImportProgressMeter(phase, total: total, report: $0) }
    }

    private init(_ phase: ImportProgress.Phase, total: Int, report: @escaping @Sendable (ImportProgress) -> Void) {
        self.phase = phase
        self.total = total
        self.report = report
        stride = max(1, (total + Self.reportsPerPhase - 1) / Self.reportsPerPhase)
        next = stride
        report(ImportProgress(phase: phase, done: 0, total: total))
    }

    /// `done` units of the phase are finished.
    package func advance(to done: Int) {
        guard done >= next, done < total else { return }
        next = done + stride
        report(ImportProgress(phase: phase, done: done, total: total))
    }

    package func finish() {
        report(ImportProgress(phase: phase, done: total, total: total))
    }
}
