import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// Every disclosure and staff change is in the audit log under the real account; a student sees
/// the disclosures of their own records; staff acting for a student are recorded as themselves.
@Suite struct DisclosureTests {
    /// Demo staff: rpatel is an advisor, shaddad an admin (data/demo/staff.json).
    static let advisor = Account(uid: 4_000_124, login: "rpatel")
    static let admin = Account(uid: 4_000_127, login: "shaddad")
    let fixture: CatalogueFixture

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.catalogue.seedDemo(from: SeedTests.demoDirectory)
    }

    /// The same file opened again, as another process would: each keeps its own authorization.
    func opened(readOnly: Bool = false) throws -> Catalogue { try Catalogue(path: fixture.path, readOnly: readOnly, opening: .existing) }

    func auditRows(after id: Int64 = 0) throws -> [Row] {
        try fixture.catalogue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.actor_username, l.actor_role, l.action, s.username AS student, l.detail, l.application_id
                FROM audit_log l LEFT JOIN students s ON s.id = l.student_id WHERE l.id > ? ORDER BY l.id
                """, arguments: [id])
        }
    }

    func lastAuditID() throws -> Int64 {
        try fixture.catalogue.read { try Int64.fetchOne($0, sql: "SELECT coalesce(max(id), 0) FROM audit_log") ?? 0 }
    }

    @Test func staffActingForAStudentAreRecordedAsThemselvesOnTheStudentsBehalf() throws {
        let staff = try opened()
        _ = try staff.authorize(.apply, account: Self.advisor, actingFor: "tnguyen")
        let listing = try #require(try staff.opportunity(ref: "atlas-local-seo-cleanup")?.id)
        let before = try lastAuditID()
        // The student's own moves, made by staff for them: the state machine still allows them.
        let applied = try staff.apply(as: "tnguyen", to: listing, coverNote: "by phone", hoursOffered: 4)
        let student = Actor(role: .student, username: "tnguyen")
        try staff.move(applied.id, to: .withdrawn, by: student, expectedVersion: applied.version)

        let events = try fixture.catalogue.events(of: applied.id, as: Actor(role: .staff, username: "shaddad"))
        #expect(events.map { "\($0.actorRole.rawValue):\($0.actorUsername):\($0.onBehalfOf ?? "-")" }
                == ["staff:rpatel:tnguyen", "staff:rpatel:tnguyen"])
        let rows = try auditRows(after: before)
        #expect(rows.map { "\($0["actor_username"] as String):\($0["action"] as String):\($0["application_id"] as Int64? ?? 0)" }
                == ["rpatel:changed_as_student:\(applied.id)", "rpatel:changed_as_student:\(applied.id)"])
        // The student sees the events as theirs to read, made for them.
        let seen = try fixture.catalogue.events(of: applied.id, as: student)
        #expect(seen.allSatisfy { $0.onBehalfOf == "tnguyen" && $0.actorRole == .staff })
        // The audit trail says who did it and for whom.
        let trail = try fixture.catalogue.auditTrail(student: "tnguyen", actor: "rpatel")
        #expect(trail.contains { $0.action == "moved" && $0.actorRole == "staff for student" && $0.applicationID == applied.id })
        #expect(trail.contains { $0.action == "changed_as_student" && $0.applicationID == applied.id })
    }

    @Test func aStudentMovingTheirOwnApplicationIsStillTheStudent() throws {
        let listing = try #require(try fixture.catalogue.opportunity(ref: "atlas-local-seo-cleanup")?.id)
        let applied = try fixture.catalogue.apply(as: "tnguyen", to: listing, coverNote: "", hoursOffered: 4)
        let events = try fixture.catalogue.events(of: applied.id, as: Actor(role: .student, username: "tnguyen"))
        #expect(events.map { "\($0.actorRole.rawValue):\($0.actorUsername):\($0.onBehalfOf ?? "-")" } == ["student:tnguyen:-"])
    }

    @Test func exportsOfStudentsAndApplicationsAreRecordedBeforeTheyAreWrittenOut() throws {
        let admin = try opened()
        let access = try admin.authorize(.exportStudents, account: Self.admin)
        let before = try lastAuditID()
        var recordedBeforeFirstChunk: [Row]?
        try admin.export(.students, as: .csv, by: access.principal, to: "file /tmp/students.csv") { _ in
            if recordedBeforeFirstChunk == nil { recordedBeforeFirstChunk = try auditRows(after: before) }
        }
        let students = try fixture.catalogue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM students") ?? 0 }
        let row = try #require(recordedBeforeFirstChunk?.first)
        #expect(recordedBeforeFirstChunk?.count == 1)
        #expect(row["actor_username"] as String == "shaddad" && row["actor_role"] as String == "admin")
        #expect(row["action"] as String == "exported_students")
        #expect(row["detail"] as String == "\(students) students as csv to file /tmp/students.csv")
        // Listings are public: exporting them records nothing.
        let afterStudents = try lastAuditID()
        try admin.export(.opportunities, as: .json, by: access.principal, to: "pipe") { _ in }
        #expect(try lastAuditID() == afterStudents)
    }

    @Test func aCatalogueOpenReadOnlyRefusesToExportStudentRecordsUnrecorded() throws {
        let reader = try opened(readOnly: true)
        let access = try reader.authorize(.exportStudents, account: Self.admin)
        var written = 0
        #expect(throws: Catalogue.unauditable) {
            try reader.export(.applications, as: .csv, by: access.principal, to: "terminal") { _ in written += 1 }
        }
        #expect(written == 0)
        try reader.export(.opportunities, as: .csv, by: access.principal, to: "terminal") { _ in written += 1 }
        #expect(written > 0)
    }

    @Test func actingForAStudentOnACatalogueOpenReadOnlyIsRefusedRatherThanUnrecorded() throws {
        let reader = try opened(readOnly: true)
        #expect(throws: CatalogueError.notPermitted("acting for a student is recorded in the audit log, and the catalogue is open read-only here")) {
            try reader.authorize(.portfolio, account: Self.advisor, actingFor: "tnguyen")
        }
    }

    @Test func settingsChangesAreOneAuditedTransaction() throws {
        let admin = try opened()
        let access = try admin.authorize(.changeSettings, account: Self.admin)
        let before = try lastAuditID()
        try admin.changeSettings(SettingsChange(homeCurrency: "EUR", payFloorCents: 1_750), by: access.principal)
        let rows = try auditRows(after: before)
        #expect(rows.count == 1)
        #expect(rows.first?["action"] as String? == "changed_settings" && rows.first?["actor_username"] as String? == "shaddad")
        let detail: String = try #require(rows.first?["detail"])
        #expect(detail.hasPrefix("home-currency USD -> EUR; pay-floor ") && detail.hasSuffix(" -> 1750"))
        #expect(try fixture.catalogue.homeCurrency() == "EUR")
        // A refused value changes nothing and records nothing.
        #expect(throws: CatalogueError.self) { try admin.changeSettings(SettingsChange(homeCurrency: "EUR", applyLink: "ftp://x/{ref}"), by: access.principal) }
        #expect(try lastAuditID() == before + 1)
    }

    @Test func anImportIsRecordedWithItsRowsAndADryRunIsNot() throws {
        let admin = try opened()
        let access = try admin.authorize(.importFile, account: Self.admin)
        let csv = Data("username,name,email\nnewbie,New Student,newbie@example.edu\n".utf8)
        let record = ImportRecord(principal: access.principal, origin: "/srv/in/students.csv")
        let before = try lastAuditID()
        _ = try admin.importFile(ImportSource(csv), format: .csv, dryRun: true, recorded: record)
        #expect(try lastAuditID() == before)
        _ = try admin.importFile(ImportSource(csv), format: .csv, recorded: record)
        let rows = try auditRows(after: before)
        #expect(rows.map { $0["detail"] as String } == ["1 students from /srv/in/students.csv: 1 new, 0 updated"])
        #expect(rows.first?["action"] as String? == "imported" && rows.first?["actor_username"] as String? == "shaddad")
    }

    @Test func aStudentSeesWhoDisclosedTheirRecordsAndWhatButNotTheirOwnActions() throws {
        // tnguyen applies (their own action: not a disclosure); staff then read their record,
        // list their applications, and export every student and every application.
        let listing = try #require(try fixture.catalogue.opportunity(ref: "atlas-local-seo-cleanup")?.id)
        try fixture.catalogue.apply(as: "tnguyen", to: listing, coverNote: "", hoursOffered: 4)
        try fixture.addStudent("quiet")
        let advisor = try opened()
        let advisorAccess = try advisor.authorize(.triageConsole, account: Self.advisor)
        _ = try advisor.studentRecord("tnguyen", session: try advisor.triageSession(for: advisorAccess))
        try advisor.recordDisclosure(.listedStudentApplications, by: advisorAccess.principal, student: "tnguyen", detail: "1 applications to pipe")
        let admin = try opened()
        let adminAccess = try admin.authorize(.exportStudents, account: Self.admin)
        try admin.export(.students, as: .csv, by: adminAccess.principal, to: "pipe") { _ in }
        try admin.export(.applications, as: .csv, by: adminAccess.principal, to: "pipe") { _ in }

        let seen = try fixture.catalogue.disclosures(ofStudent: "tnguyen")
        #expect(seen.map(\.what) == [
            "your applications, in an export of every application", "your profile, in an export of every student",
            "the list of your applications", "your full record (profile, applications, notes, feedback)",
        ])
        // The console's disclosures name the staff role too (they said only "staff" before the
        // store contract caught it).
        #expect(seen.last?.role == "advisor" && seen.last?.name == "Ritu Patel")
        #expect(seen.first?.role == "admin")
        // Another student, with no application made before the export, was in the students export only.
        let theirs = try fixture.catalogue.disclosures(ofStudent: "quiet")
        #expect(theirs.map(\.what) == ["your profile, in an export of every student"])
    }
}
