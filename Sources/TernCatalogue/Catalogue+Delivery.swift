import Foundation
import GRDB

extension Catalogue {
    /// Hands in the student's finished work: moves their own application to `delivered` (with
    /// every check a ``move(_:to:by:expectedVersion:note:now:)`` makes), keeps the link with the
    /// application, and tells the organization where the work is in the shared history.
    ///
    /// ```swift
    /// let delivered = try catalogue.deliver(app.id, by: "aokafor", link: "https://drive.example/report",
    ///                                       expectedVersion: app.version)
    /// delivered.deliverableLink   // "https://drive.example/report"
    /// ```
    @discardableResult
    public func deliver(
        _ applicationID: Int64, by username: String, link: String, expectedVersion: Int, now: Date = Date()
    ) throws -> Application {
        let link = try Self.deliverableLink(link)
        return try write { db in
            try Self.moveApplication(db, applicationID, to: .delivered, by: Actor(role: .student, username: username),
                                     expectedVersion: expectedVersion, note: "Deliverable: \(link)",
                                     deliverableLink: link, at: Timestamp.string(now))
        }
    }

    /// The link as stored: trimmed, and a web address (the organization opens it from its own
    /// machine, so a file path or a bare word would be useless to them).
    static func deliverableLink(_ text: String) throws -> String {
        let link = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Link.refusal(of: link) == nil else {
            throw CatalogueError.invalid("the deliverable link must start with http:// or https://")
        }
        return try StoredText.deliverableLink.check(link)
    }
}
