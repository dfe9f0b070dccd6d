import Foundation
@testable import TernCatalogue

/// A real catalogue file in a fresh temporary directory, removed with the fixture.
final class CatalogueFixture {
    let directory: URL
    let catalogue: Catalogue
    var path: String { catalogue.path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        catalogue = try Catalogue(path: directory.appendingPathComponent("catalogue.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Imports listings written as JSON objects; defaults fill what a test doesn't care about.
    func addListings(_ listings: [[String: Any]]) throws {
        let today = CalendarDay(Date())
        let full = listings.enumerated().map { index, listing -> [String: Any] in
            var record: [String: Any] = [
                "ref": "listing-\(index)", "title": "Listing \(index)", "organization": "Acme Studio", "field": "design",
                "brief": "", "hours": 10, "duration_days": 7, "deadline": today.adding(days: 14).description,
                "compensation_kind": "fixed_fee", "compensation_amount": 200, "currency": "USD",
                "location_kind": "remote", "status": "open",
            ]
            record.merge(listing) { $1 }
            return record
        }
        let data = try JSONSerialization.data(withJSONObject: full)
        _ = try catalogue.importApproved(data, format: .json)
    }

    func addStudent(_ username: String) throws {
        let csv = "username,name,email,skills,interests,hours_per_week\n\(username),Student \(username),\(username)@campus.example,Python:advanced|SQL:beginner,software|data_analysis,10\n"
        _ = try catalogue.importApproved(Data(csv.utf8), format: .csv)
    }

    func listingID(_ ref: String) throws -> Int64 {
        try catalogue.opportunity(ref: ref)!.id!
    }

    /// The number of rows in every table the importer writes, to prove a refused import wrote nothing.
    func footprint() throws -> [Int] {
        try catalogue.read { db in
            try ["opportunities", "organizations", "skills", "opportunity_skills", "opportunity_deliverables", "students", "applications", "opportunity_search"]
                .map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0 }
        }
    }
}

import GRDB
