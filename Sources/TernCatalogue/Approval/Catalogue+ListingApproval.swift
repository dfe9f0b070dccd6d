import Foundation
internal import GRDB

extension Catalogue {
    /// Where one listing stands in staff review; nil when there is no such listing. Students see
    /// a listing's detail only while it is approved, unless they applied to it.
    ///
    /// ```swift
    /// try catalogue.approval(ofListing: 42)   // .declined
    /// ```
    public func approval(ofListing id: Int64) throws -> Approval? {
        try read { db in
            try Row.fetchOne(db, SQLRequest(literal: "SELECT id, approval FROM opportunities WHERE id = \(id)"))
                .map { try $0.known("approval", stored: ("opportunities", "approval")) }
        }
    }
}
