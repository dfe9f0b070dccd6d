import Foundation
internal import GRDB

extension Catalogue {
    /// How long opening an application claims it.
    public static let claimDuration: TimeInterval = 5 * 60

    /// Opening an application claims it for a few minutes, unless someone else's claim still
    /// lasts; returns whoever holds it now (yourself, or them, for "being looked at by NAME").
    ///
    /// ```swift
    /// let holder = try catalogue.claim(12, session: session)
    /// if holder.staffUsername != session.username { show("being looked at by \(holder.staffName)") }
    /// ```
    @discardableResult
    public func claim(_ applicationID: Int64, session: TriageSession, now: Date = Date()) throws -> Claim {
        try write { db in
            _ = try Self.applicationVisible(db, id: applicationID, to: session.actor)
            let stamp = Timestamp.string(now)
            let expires = Timestamp.string(now.addingTimeInterval(Self.claimDuration))
            try db.execute(literal: """
                INSERT INTO triage_claims(application_id, staff_username, staff_name, claimed_at, expires_at)
                VALUES (\(applicationID), \(session.username), \(session.name), \(stamp), \(expires))
                ON CONFLICT(application_id) DO UPDATE SET staff_username = excluded.staff_username, staff_name = excluded.staff_name,
                    claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
                WHERE triage_claims.expires_at <= excluded.claimed_at OR triage_claims.staff_username = excluded.staff_username
                """)
            return try Self.fetchClaim(db, applicationID).readBack("the claim on application \(applicationID)")
        }
    }

    /// Lets go of your claim (closing the application); someone else's is left alone.
    public func release(_ applicationID: Int64, session: TriageSession) throws {
        try write { db in
            try db.execute(literal: "DELETE FROM triage_claims WHERE application_id = \(applicationID) AND staff_username = \(session.username)")
        }
    }

    /// The claim on an application that still lasts at `now`, if any.
    public func claim(on applicationID: Int64, now: Date = Date()) throws -> Claim? {
        try read { db in
            try Self.fetchClaim(db, applicationID).flatMap { $0.expiresAt > Timestamp.string(now) ? $0 : nil }
        }
    }

    static func fetchClaim(_ db: Database, _ applicationID: Int64) throws -> Claim? {
        try Row.fetchOne(db, SQLRequest(literal: "SELECT * FROM triage_claims WHERE application_id = \(applicationID)")).map {
            Claim(applicationID: applicationID, staffUsername: try $0.decode(forColumn: "staff_username"),
                  staffName: try $0.decode(forColumn: "staff_name"), expiresAt: try $0.decode(forColumn: "expires_at"))
        }
    }
}
