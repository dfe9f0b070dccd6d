import Foundation
@testable import TernCatalogue

extension Catalogue {
    /// Imports, then approves every listing and organization still pending: the board as these
    /// tests knew it before staff review (issue 10). Tests of review itself use `importFile`.
    @discardableResult
    func importApproved(_ data: Data, format: ExchangeFormat, dryRun: Bool = false, now: Date = Date()) throws -> ImportSummary {
        let summary = try importFile(data, format: format, dryRun: dryRun, now: now)
        try write { db in
            try db.execute(sql: "UPDATE organizations SET approval = 'approved' WHERE approval = 'pending'")
            try db.execute(sql: "UPDATE opportunities SET approval = 'approved' WHERE approval = 'pending'")
        }
        return summary
    }
}
