import Foundation

/// Who may do what, checked by the store, and disclosures recorded in the audit log; plus the
/// change feed that tells a screen someone else committed.
///
/// ```swift
/// let authorization = try await access.authorize(.triage, account: .current(), actingFor: nil)
/// ```
public protocol AccessStore: Sendable {
    /// Checks, before any work, that `account` may do `operation`, and for which student.
    /// `actingFor` is `--user NAME`: honoured only for staff and the owner of a personal
    /// catalogue; when staff act for a student, that is written to the audit log at once.
    ///
    /// ```swift
    /// let access = try catalogue.authorize(.apply, account: .current(), actingFor: nil)
    /// ```
    func authorize(_ operation: Operation, account: Account, actingFor: String?) async throws -> Authorization

    /// Refuses unless the account this catalogue was authorized for may still do `operation`
    /// (read from the staff list now): for a screen about to do work beyond what it was opened
    /// for. The file's owner, and a catalogue not authorized for staff work, always may.
    ///
    /// ```swift
    /// try catalogue.checkStanding(for: .expireListings)
    /// ```
    func checkStanding(for operation: Operation) async throws

    /// The audit log's role for `principal`: their staff role, or `owner` for the file's owner
    /// who is not on the staff list.
    /// Writes one audit row for a disclosure or staff change, in a short write transaction of its
    /// own, before the records are written out: a disclosure that cannot be recorded does not
    /// happen. `detail` says how many records and to where.
    ///
    /// ```swift
    /// try catalogue.recordDisclosure(.listedStudentApplications, by: access.principal, student: "tnguyen",
    ///                                detail: "3 applications to terminal")
    /// ```
    func recordDisclosure(_ action: AuditedAction, by principal: Principal, student: String?, detail: String?, application: Int64?) async throws

    /// This catalogue's change feed; see ``ChangeFeed``.
    ///
    /// ```swift
    /// let loop = Loop(screen: screen, backend: backend, changeFeed: try catalogue.changeFeed())
    /// ```
    func changeFeed() async throws -> any ChangeFeed
}
