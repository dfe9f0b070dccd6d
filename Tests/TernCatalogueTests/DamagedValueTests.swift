import Foundation
import GRDB
import Testing
@testable import TernCatalogue

/// A stored value outside the set Tern knows (written by hand, or by a newer program) is refused
/// with a message naming table, column, value and row, where it used to become a default
/// (`submitted`, `research`, `pending`) or vanish from a list. Written here with raw SQL into
/// columns the schema does not CHECK.
@Suite struct DamagedValueTests {
    static let ritu = TriageSession(username: "rpatel", name: "Ritu Patel", id: "ritu-1")

    func fixture() throws -> CatalogueFixture {
        let fixture = try CatalogueFixture()
        try fixture.addListings([["ref": "logo", "title": "Logo refresh", "field": "design", "organization": "Acme Studio"]])
        try fixture.addStudent("tnguyen")
        return fixture
    }

    @Test func undoingAMoveToAStatusTernDoesNotKnowIsRefusedInsteadOfUndoingFromSubmitted() throws {
        let fixture = try fixture()
        let submitted = try fixture.application(of: "tnguyen", to: "logo", at: .submitted)
        let moved = try fixture.catalogue.bulkMove([ApplicationVersion(id: submitted.id, version: submitted.version)],
                                                   to: .underReview, session: Self.ritu).applications[0]
        let actionID = try fixture.catalogue.write { db in
            try db.execute(sql: "UPDATE triage_actions SET to_status = 'limbo'")
            return try Int64.fetchOne(db, sql: "SELECT max(id) FROM triage_actions") ?? -1
        }
        let damaged = CatalogueError.damaged(table: "triage_actions", column: "to_status", value: "limbo", row: actionID)
        #expect(throws: damaged) { try fixture.catalogue.undoLast(session: Self.ritu) }
        #expect(damaged.description
            == "the catalogue holds a value Tern does not know: triage_actions.to_status = 'limbo' in row \(actionID); run tern check")
        // Nothing was undone.
        #expect(try fixture.catalogue.application(moved.id, as: Self.ritu.actor) == moved)
    }

    @Test func undoingBackToAStatusTernDoesNotKnowNamesTheApplication() throws {
        let fixture = try fixture()
        let submitted = try fixture.application(of: "tnguyen", to: "logo", at: .submitted)
        try fixture.catalogue.bulkMove([ApplicationVersion(id: submitted.id, version: submitted.version)], to: .underReview, session: Self.ritu)
        try fixture.catalogue.write { try $0.execute(sql: "UPDATE triage_action_rows SET from_status = 'Submitted'") }
        #expect(throws: CatalogueError.damaged(table: "triage_action_rows", column: "from_status", value: "Submitted", row: submitted.id)) {
            try fixture.catalogue.undoLast(session: Self.ritu)
        }
    }

    @Test func aStudentInterestTernDoesNotKnowIsRefusedInsteadOfDropped() throws {
        let fixture = try fixture()
        try fixture.catalogue.write { db in
            try db.execute(sql: "INSERT INTO student_interests(student_id, field) SELECT id, 'astrology' FROM students WHERE username = 'tnguyen'")
        }
        #expect(throws: CatalogueError.damaged(table: "student_interests", column: "field", value: "astrology", row: nil)) {
            try fixture.catalogue.student(username: "tnguyen")
        }
    }

    @Test func anApplicationWhoseStoredStatusTernDoesNotKnowIsRefusedInsteadOfRead() throws {
        let fixture = try fixture()
        let submitted = try fixture.application(of: "tnguyen", to: "logo", at: .submitted)
        try fixture.catalogue.write { db in
            // applications.status is a foreign key into application_statuses, and a trigger allows only
            // listed transitions: a newer program's status, with its way in.
            try db.execute(sql: "INSERT INTO application_statuses VALUES ('bogus', 0)")
            try db.execute(sql: "INSERT INTO application_transitions VALUES ('submitted', 'bogus')")
            try db.execute(sql: "UPDATE applications SET status = 'bogus' WHERE id = \(submitted.id)")
        }
        #expect(throws: CatalogueError.damaged(table: "applications", column: "status", value: "bogus", row: submitted.id)) {
            try fixture.catalogue.application(submitted.id, as: Self.ritu.actor)
        }
    }

    @Test func aStaffRoleTernDoesNotKnowIsRefusedInTheStaffList() throws {
        let fixture = try fixture()
        let id = try fixture.catalogue.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            try db.execute(sql: "INSERT INTO staff(username, name, role) VALUES ('zz', 'Zed', 'overlord')")
            return db.lastInsertedRowID
        }
        #expect(throws: CatalogueError.damaged(table: "staff", column: "role", value: "overlord", row: id)) {
            try fixture.catalogue.staffMembers()
        }
    }

    @Test func anOrganizationKindTernDoesNotKnowIsRefusedInsteadOfRead() throws {
        let fixture = try fixture()
        let id = try fixture.catalogue.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            try db.execute(sql: "UPDATE organizations SET kind = 'guild' WHERE name = 'Acme Studio'")
            return try Int64.fetchOne(db, sql: "SELECT id FROM organizations WHERE name = 'Acme Studio'") ?? -1
        }
        #expect(throws: CatalogueError.damaged(table: "organizations", column: "kind", value: "guild", row: id)) {
            try fixture.catalogue.organization(named: "Acme Studio")
        }
    }

    @Test func aDeadlineTernCannotReadIsRefusedInsteadOfBecomingNineteenSeventy() throws {
        let fixture = try fixture()
        let id = try fixture.catalogue.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            try db.execute(sql: "UPDATE opportunities SET deadline = 'someday' WHERE ref = 'logo'")
            return try Int64.fetchOne(db, sql: "SELECT id FROM opportunities WHERE ref = 'logo'") ?? -1
        }
        let damaged = CatalogueError.damaged(table: "opportunities", column: "deadline", value: "someday", row: id)
        #expect(throws: damaged) { try fixture.catalogue.opportunity(ref: "logo") }
        #expect(throws: damaged) { try fixture.catalogue.opportunitySummaries(ids: [id]) }
        #expect(throws: damaged) { try fixture.catalogue.postings() }
    }

    @Test func aReviewConflictWithADecisionTernDoesNotKnowIsRefusedInsteadOfCalledAChange() throws {
        let fixture = try CatalogueFixture()
        try fixture.catalogue.seedDemo(from: SeedTests.demoDirectory)
        let ref = "kestrel-review-campaign"
        let seen = try #require(try fixture.catalogue.postings().first { $0.ref == ref })
        try fixture.catalogue.approve([ref], by: Actor(role: .staff, username: "dmorales"))
        try fixture.catalogue.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            try db.execute(sql: """
                INSERT INTO posting_decisions(organization_id, opportunity_id, decision, actor_role, actor_username, at)
                SELECT organization_id, id, 'escalated', 'staff', 'dmorales', '2999-01-01T00:00:00Z' FROM opportunities WHERE ref = ?
                """, arguments: [ref])
        }
        #expect(throws: CatalogueError.damaged(table: "posting_decisions", column: "decision", value: "escalated", row: nil)) {
            try fixture.catalogue.decline(ref, reason: .location, expectedVersion: seen.version, by: Actor(role: .staff, username: "rpatel"))
        }
    }

    @Test func aRowDecodesKnownValuesAndRefusesUnknownOnes() throws {
        let stored = (table: "applications", column: "status")
        let known: ApplicationStatus = try Row(["id": 7, "status": "shortlisted"]).known("status", stored: stored)
        #expect(known == .shortlisted)
        #expect(throws: CatalogueError.damaged(table: "applications", column: "status", value: "limbo", row: 7)) {
            let _: ApplicationStatus = try Row(["id": 7, "status": "limbo"]).known("status", stored: stored)
        }
        // NULL is damage where the column is required, and nil where it is optional by design.
        #expect(throws: CatalogueError.damaged(table: "applications", column: "status", value: nil, row: 7)) {
            let _: ApplicationStatus = try Row(["id": 7, "status": nil]).known("status", stored: stored)
        }
        let absent: ApplicationStatus? = try Row(["id": 7, "status": nil]).knownIfPresent("status", stored: stored)
        #expect(absent == nil)
        #expect(throws: CatalogueError.damaged(table: "applications", column: "status", value: "limbo", row: nil)) {
            let _: ApplicationStatus? = try Row(["status": "limbo"]).knownIfPresent("status", stored: stored)
        }
        #expect(CatalogueError.damaged(table: "applications", column: "status", value: nil, row: nil).description
            == "the catalogue holds a value Tern does not know: applications.status = NULL; run tern check")
    }
}
