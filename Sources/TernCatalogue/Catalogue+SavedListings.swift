import Foundation
internal import GRDB

extension Catalogue {
    /// Saves (or unsaves) a listing for the student; saving twice or unsaving an unsaved listing
    /// changes nothing. List a student's saved listings with ``OpportunityQuery/savedBy``.
    ///
    /// ```swift
    /// try catalogue.setSaved(listing.id, true, by: "aokafor")
    /// let saved = try catalogue.opportunities(matching: OpportunityQuery(savedBy: "aokafor"), limit: 40)
    /// ```
    public func setSaved(_ opportunityID: Int64, _ saved: Bool, by username: String, now: Date = Date()) throws {
        try write { db in
            let studentID = try Self.studentID(db, username: username)
            let alreadySaved = try Bool.fetchOne(db, SQLRequest(literal: "SELECT 1 FROM saved_opportunities WHERE student_id = \(studentID) AND opportunity_id = \(opportunityID)")) ?? false
            // A listing saved before it went back to draft can still be unsaved.
            if !alreadySaved {
                guard try Bool.fetchOne(db, SQLRequest(literal: "SELECT 1 FROM opportunities WHERE id = \(opportunityID) AND status <> 'draft' AND approval = 'approved'")) == true else {
                    throw CatalogueError.notFound("listing \(opportunityID)")
                }
            }
            switch (saved, alreadySaved) {
            case (true, false):
                try db.execute(literal: "INSERT INTO saved_opportunities(student_id, opportunity_id, saved_at) VALUES (\(studentID),\(opportunityID),\(Timestamp.string(now)))")
            case (false, true):
                try db.execute(literal: "DELETE FROM saved_opportunities WHERE student_id = \(studentID) AND opportunity_id = \(opportunityID)")
            case (true, true), (false, false):
                break
            }
        }
    }

    /// Whether the student has saved the listing (false for a guest).
    ///
    /// ```swift
    /// let star = try catalogue.isSaved(listing.id, by: "aokafor") ? "★" : "☆"
    /// ```
    public func isSaved(_ opportunityID: Int64, by username: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, SQLRequest(literal: """
                SELECT 1 FROM saved_opportunities so JOIN students s ON s.id = so.student_id
                WHERE s.username = \(username) AND so.opportunity_id = \(opportunityID)
                """)) ?? false
        }
    }

    /// How many listings the student has saved, closed ones included (drafts, and listings staff
    /// have not approved, are not listings to a student); 0 for a guest.
    ///
    /// ```swift
    /// let badge = "Saved (\(try catalogue.savedCount(of: "aokafor")))"
    /// ```
    public func savedCount(of username: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, SQLRequest(literal: """
                SELECT count(*) FROM saved_opportunities so JOIN students s ON s.id = so.student_id
                JOIN opportunities o ON o.id = so.opportunity_id
                WHERE s.username = \(username) AND o.status <> 'draft' AND o.approval = 'approved'
                """)) ?? 0
        }
    }
}
