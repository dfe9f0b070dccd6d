import Foundation

/// What taking a listing down did to its applications: those still waiting on the
/// organization expired; those with work under way were left for staff to settle.
public struct TakeDownSummary: Sendable, Equatable {
    public var applicationsExpired = 0
    /// Accepted, in progress or delivered: never ended automatically; they wait in the staff
    /// queue "listing taken down with work under way" (`is:taken-down`).
    public var workUnderWay = 0
    public init(applicationsExpired: Int = 0, workUnderWay: Int = 0) {
        self.applicationsExpired = applicationsExpired
        self.workUnderWay = workUnderWay
    }

    /// "; 3 waiting applications expired; 1 with work under way: is:taken-down",
    /// or nothing when the listing had no applications left open.
    public static func sentence(_ summary: TakeDownSummary) -> String {
        var text = ""
        if summary.applicationsExpired > 0 {
            text += "; \(summary.applicationsExpired) waiting application\(summary.applicationsExpired == 1 ? "" : "s") expired"
        }
        if summary.workUnderWay > 0 {
            text += "; \(summary.workUnderWay) with work under way: \(TriageFilter.takenDownTerm)"
        }
        return text
    }
}
