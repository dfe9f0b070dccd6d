import Foundation
internal import GRDB

extension Catalogue {
    /// Records an organization's decision (an offer, a completion, a review move or a rejection)
    /// as the organization's own event, entered by a named staff member: the student sees "the
    /// organization", the record keeps who typed it in.
    ///
    /// ```swift
    /// try catalogue.recordForOrganization(app.id, to: .offered, expectedVersion: app.version, session: session)
    /// ```
    @discardableResult
    public func recordForOrganization(
        _ applicationID: Int64, to next: ApplicationStatus, expectedVersion: Int, session: TriageSession,
        reason: RejectionReason? = nil, now: Date = Date()
    ) throws -> Application {
        if next == .rejected, reason == nil { throw CatalogueError.invalid("rejecting needs a reason") }
        return try write { db in
            let current = try Self.applicationVisible(db, id: applicationID, to: session.actor)
            guard current.version == expectedVersion else {
                throw CatalogueError.changedSinceOpened(application: applicationID, now: current.status)
            }
            let organization = try Self.organizationName(db, application: applicationID)
            return try Self.moveApplication(db, applicationID, to: next, by: Actor(role: .organization, username: organization),
                                            expectedVersion: expectedVersion, note: next == .rejected ? reason?.text : nil,
                                            reason: reason, enteredBy: session.username, at: Timestamp.string(now))
        }
    }

    /// The organization's feedback on completed work (strengths, improvements, rating), entered
    /// by a named staff member on its behalf.
    ///
    /// ```swift
    /// try catalogue.recordOrganizationFeedback(app.id, rating: 5, strengths: "Clear writing", session: session)
    /// ```
    @discardableResult
    public func recordOrganizationFeedback(
        _ applicationID: Int64, rating: Int, strengths: String? = nil, improvements: String? = nil, comment: String? = nil,
        skills: [String] = [], session: TriageSession, now: Date = Date()
    ) throws -> Feedback {
        let texts = try FeedbackTexts(rating: rating, strengths: strengths, improvements: improvements, comment: comment)
        return try write { db in
            let application = try Self.applicationVisible(db, id: applicationID, to: session.actor)
            guard application.status == .completed else {
                throw CatalogueError.refused("feedback is recorded once the work is completed (application \(applicationID) is \(application.status.rawValue))")
            }
            let direction = FeedbackDirection.organizationToStudent
            try Self.refuseSecondFeedback(db, application: applicationID, direction: direction,
                                          "the organization's feedback on application \(applicationID) is already recorded")
            let stamp = Timestamp.string(now)
            try Self.insertFeedback(db, application: applicationID, direction: direction, rating: texts.rating, strengths: texts.strengths,
                                    improvements: texts.improvements, comment: texts.comment, skills: skills, at: stamp)
            try db.execute(literal: """
                UPDATE feedback SET entered_by = \(session.username) WHERE application_id = \(applicationID) AND direction = \(direction)
                """)
            let organization = try Self.organizationName(db, application: applicationID)
            try Self.appendEvent(db, application: applicationID, actor: Actor(role: .organization, username: organization), from: nil, to: nil,
                                 note: "feedback recorded (\(texts.rating)/5)", visibility: .shared, at: stamp, enteredBy: session.username)
            return Feedback(applicationID: applicationID, direction: direction, rating: texts.rating, strengths: texts.strengths,
                            improvements: texts.improvements, comment: texts.comment, skillsDemonstrated: skills, createdAt: stamp)
        }
    }

    static func organizationName(_ db: Database, application applicationID: Int64) throws -> String {
        try String.fetchOne(db, SQLRequest(literal: """
            SELECT org.name FROM applications a JOIN opportunities o ON o.id = a.opportunity_id
            JOIN organizations org ON org.id = o.organization_id WHERE a.id = \(applicationID)
            """)) ?? "organization"
    }
}
