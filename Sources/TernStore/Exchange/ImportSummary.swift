import Foundation

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

    package init(subject: String, inserted: Int = 0, updated: Int = 0) {
        self.subject = subject
        self.inserted = inserted
        self.updated = updated
    }
}

/// Who imports, and from where (a file's path), for the import's audit row.
public struct ImportRecord: Sendable {
    /// The real account's login, and its role for the audit log.
    public var actor: String
    public var role: String
    public var origin: String

    public init(principal: Principal, origin: String) {
        self.init(actor: principal.account.displayName, role: principal.auditRole, origin: origin)
    }

    /// A staff console's import, under its session's login.
    public init(session: TriageSession, origin: String) {
        self.init(actor: session.username, role: session.auditRole, origin: origin)
    }

    package init(actor: String, role: String, origin: String) {
        self.actor = actor
        self.role = role
        self.origin = origin
    }
}
