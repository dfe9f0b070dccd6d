import Foundation
internal import GRDB

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

    /// Corrects the link of work already delivered, until the organization confirms it (the
    /// application moves on to `completed`) or sends it back: the status stays `delivered`, the
    /// version moves on, and the history says what the link now is.
    ///
    /// ```swift
    /// try catalogue.correctDeliverableLink(app.id, by: "aokafor", link: "https://drive.example/v2",
    ///                                      expectedVersion: app.version)
    /// ```
    @discardableResult
    public func correctDeliverableLink(
        _ applicationID: Int64, by username: String, link: String, expectedVersion: Int, now: Date = Date()
    ) throws -> Application {
        let link = try Self.deliverableLink(link)
        return try write { db in
            let actor = Actor(role: .student, username: username)
            let current = try Self.applicationVisible(db, id: applicationID, to: actor)
            guard current.version == expectedVersion else {
                throw CatalogueError.versionConflict(expected: expectedVersion, current: current.version)
            }
            guard current.status == .delivered else {
                throw CatalogueError.refused("the link can be corrected only while the delivery waits for the organization; this application is \(current.status.label.lowercased())")
            }
            let stamp = Timestamp.string(now)
            try db.execute(literal: """
                UPDATE applications SET deliverable_link = \(link), updated_at = \(stamp), version = version + 1
                WHERE id = \(applicationID) AND version = \(expectedVersion) AND status = 'delivered'
                """)
            guard db.changesCount == 1 else {
                throw CatalogueError.versionConflict(expected: expectedVersion, current: expectedVersion + 1)
            }
            try Self.appendEvent(db, application: applicationID, actor: actor, from: nil, to: nil,
                                 note: "Deliverable link corrected: \(link)", visibility: .shared, at: stamp)
            return try Stored<Application>.fetchOne(db, key: applicationID).map(\.record).readBack("application \(applicationID)")
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
