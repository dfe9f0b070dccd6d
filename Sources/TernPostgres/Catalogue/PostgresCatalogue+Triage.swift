import Foundation
import TernStore

/// ``TriageStore`` on PostgreSQL: the same answers as the SQLite catalogue's.
extension PostgresCatalogue {
    public func triageSession(for access: Authorization) async throws -> TriageSession {
        throw notYetOnPostgres("triageSession")
    }

    public func triageQueue(_ filter: TriageFilter, after cursor: TriageCursor?, order: TriageOrder, limit: Int, offerWaitDays: Int?, viewer: String?, now: Date) async throws -> TriagePage {
        throw notYetOnPostgres("triageQueue")
    }

    public func triageCount(_ filter: TriageFilter, offerWaitDays: Int?, now: Date) async throws -> [ApplicationStatus: Int] {
        throw notYetOnPostgres("triageCount")
    }

    public func triageShown(_ ids: [Int64], filter: TriageFilter, offerWaitDays: Int?, now: Date) async throws -> Set<Int64> {
        throw notYetOnPostgres("triageShown")
    }

    public func bulkMove(_ targets: [ApplicationVersion], to next: ApplicationStatus, session: TriageSession, reason: RejectionReason?, note: MoveNote?, now: Date) async throws -> TriageAction {
        throw notYetOnPostgres("bulkMove")
    }

    public func undoLast(session: TriageSession, now: Date) async throws -> [Application] {
        throw notYetOnPostgres("undoLast")
    }

    public func claim(_ applicationID: Int64, session: TriageSession, now: Date) async throws -> Claim {
        throw notYetOnPostgres("claim")
    }

    public func claim(on applicationID: Int64, now: Date) async throws -> Claim? {
        throw notYetOnPostgres("claim")
    }

    public func release(_ applicationID: Int64, session: TriageSession) async throws {
        throw notYetOnPostgres("release")
    }

    public func addNote(_ applicationID: Int64, by actor: Actor, note: String, visibility: Visibility, now: Date) async throws {
        throw notYetOnPostgres("addNote")
    }

    public func recordForOrganization(_ applicationID: Int64, to next: ApplicationStatus, expectedVersion: Int, session: TriageSession, reason: RejectionReason?, now: Date) async throws -> Application {
        throw notYetOnPostgres("recordForOrganization")
    }

    public func recordOrganizationFeedback(_ applicationID: Int64, rating: Int, strengths: String?, improvements: String?, comment: String?, skills: [String], session: TriageSession, now: Date) async throws -> Feedback {
        throw notYetOnPostgres("recordOrganizationFeedback")
    }

    public func studentRecord(_ username: String, session: TriageSession, now: Date) async throws -> StudentRecord {
        throw notYetOnPostgres("studentRecord")
    }

    public func triageViews(session: TriageSession) async throws -> [TriageView] {
        throw notYetOnPostgres("triageViews")
    }

    public func saveTriageView(_ name: String, pattern: String, session: TriageSession, now: Date) async throws {
        throw notYetOnPostgres("saveTriageView")
    }

    public func deleteTriageView(_ name: String, session: TriageSession) async throws {
        throw notYetOnPostgres("deleteTriageView")
    }

    public func placementReport(since: Date?, now: Date) async throws -> PlacementReport {
        throw notYetOnPostgres("placementReport")
    }

    public func takenDownWithWorkUnderWay() async throws -> Int {
        throw notYetOnPostgres("takenDownWithWorkUnderWay")
    }

    public func recordDisclosure(_ action: AuditedAction, session: TriageSession, student: String?, detail: String?) async throws {
        throw notYetOnPostgres("recordDisclosure")
    }

    public func importFile(_ source: ImportSource, format: ExchangeFormat, dryRun: Bool, now: Date, recorded: ImportRecord?, progress: (@Sendable (ImportProgress) -> Void)?) async throws -> ImportSummary {
        throw notYetOnPostgres("importFile")
    }

}
