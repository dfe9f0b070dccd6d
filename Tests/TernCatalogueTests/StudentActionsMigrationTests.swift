import Foundation
import GRDB
import Testing
@testable import TernCatalogue

@Suite struct StudentActionsMigrationTests {
    @Test func migrationsAreRegisteredInReleaseOrderEndingWithTheLatest() {
        #expect(CatalogueSchema.migrator.migrations == ["v1-initial", "v2-student-actions", "v3-pay-order", "v4-postings-approval", "v5-triage", "v6-report-trends", "v7-listing-orders", "v8-records", "v9-reopen", "v10-staff", "v11-updates"])
        #expect(CatalogueSchema.latestVersion == CatalogueSchema.migrator.migrations.last)
    }

    @Test func aCatalogueMadeAtV1GainsTheDeliverableLinkAndKeepsItsData() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tern-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path

        let old = try DatabaseQueue(path: path)
        try CatalogueSchema.migrator.migrate(old, upTo: "v1-initial")
        let applicationID = try old.write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO organizations(name, kind, created_at) VALUES ('Acme Studio', 'company', '2026-01-01T00:00:00Z');
                INSERT INTO opportunities(ref, organization_id, title, field, hours, duration_days, schedule, deadline,
                    compensation_kind, location_kind, status, posted_at, updated_at)
                VALUES ('poster', 1, 'Poster', 'design', 10, 7, 'flexible', '2099-01-01', 'unpaid', 'remote', 'open',
                        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                INSERT INTO students(username, name, email, created_at) VALUES ('ana', 'Ana', 'ana@campus.example', '2026-01-01T00:00:00Z');
                INSERT INTO applications(student_id, opportunity_id, cover_note, hours_offered, status, created_at, updated_at)
                VALUES (1, 1, 'Old note', 6, 'submitted', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z');
                """)
            return db.lastInsertedRowID
        }
        let oldColumns = try old.read { try $0.columns(in: "applications").map(\.name) }
        #expect(!oldColumns.contains("deliverable_link"))
        try old.close()

        let catalogue = try Catalogue(path: path)
        let columns = try catalogue.read { try $0.columns(in: "applications").map(\.name) }
        #expect(columns == oldColumns + ["deliverable_link", "status_reason_code"])
        let app = try catalogue.application(applicationID, as: CatalogueFixture.advisor)
        #expect(app.coverNote == "Old note" && app.hoursOffered == 6 && app.status == .submitted && app.version == 1)
        #expect(app.deliverableLink == nil)
        #expect(try catalogue.opportunity(ref: "poster")?.title == "Poster")
        let report = try catalogue.check()
        #expect(report.isHealthy)
        #expect(report.lines.contains("schema: \(CatalogueSchema.latestVersion)"))
        try catalogue.close()
    }
}
