import Foundation
import Testing
@testable import TernCatalogue

private typealias Operation = TernCatalogue.Operation

/// Who may do what: the table in code, the README's table, and the checks on a real catalogue.
@Suite struct AccessPolicyTests {
    @Test func theReadmeTableListsEveryOperationWithItsAudience() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let rows: [Audience: String] = [.anyone: "| anyone (guests too) |", .student: "| the student themself |", .staff: "| staff |"]
        for operation in Operation.allCases {
            let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix(rows[operation.audience]!) })
            let summary = operation.summary.replacingOccurrences(of: "your own", with: "their own")
            #expect(row.contains(summary) || operation.audience == .student, "\(operation) (\(operation.audience)) is missing from the README's row: \(row)")
        }
    }

    func demo() throws -> (Catalogue, CatalogueFixture) {
        let fixture = try CatalogueFixture()
        try fixture.catalogue.seedDemo(from: SeedTests.demoDirectory)
        return (fixture.catalogue, fixture)
    }

    @Test func anAccountIsWhatTheCatalogueSaysItIs() throws {
        let (catalogue, _) = try demo()
        let stranger = Account(uid: 4_000_123, login: "visitor")
        #expect(try catalogue.principal(for: stranger) == Principal(account: stranger, staffRole: nil, studentUsername: nil, ownsFile: false, fileIsPersonal: true))
        let advisor = try catalogue.principal(for: Account(uid: 4_000_124, login: "rpatel"))
        #expect(advisor.isStaff && advisor.mayActForStudents && advisor.mayAdminister)
        let student = try catalogue.principal(for: Account(uid: 4_000_125, login: "tnguyen"))
        #expect(student.studentUsername == "tnguyen" && !student.mayActForStudents && !student.mayAdminister)
        let owner = try catalogue.principal(for: Account(uid: getuid(), login: nil))
        #expect(owner.ownsFile && owner.fileIsPersonal && owner.mayActForStudents)
    }

    @Test func aStudentIsRefusedStaffWorkAndOtherStudentsBeforeAnythingHappens() throws {
        let (catalogue, _) = try demo()
        let student = Account(uid: 4_000_125, login: "tnguyen")
        for operation in Operation.allCases where operation.audience == .staff {
            #expect(throws: CatalogueError.self, "\(operation)") { try catalogue.authorize(operation, account: student) }
        }
        #expect(throws: CatalogueError.notPermitted("--user is for staff acting for a student; you are tnguyen")) {
            try catalogue.authorize(.portfolio, account: student, actingFor: "ypetrova")
        }
        #expect(try catalogue.authorize(.portfolio, account: student).student == "tnguyen")
        // Naming yourself is not acting for anyone.
        #expect(try catalogue.authorize(.apply, account: student, actingFor: "tnguyen").actingAs == nil)
        let guest = Account(uid: 4_000_126, login: nil)
        #expect(throws: CatalogueError.self) { try catalogue.authorize(.apply, account: guest) }
        #expect(try catalogue.authorize(.browse, account: guest).student == nil)
        #expect(try catalogue.auditEntries(aboutStudent: "ypetrova").isEmpty)
    }

    @Test func staffActingForAStudentIsAuditedAtOnceAndForEachChange() throws {
        let (catalogue, _) = try demo()
        let access = try catalogue.authorize(.apply, account: Account(uid: 4_000_124, login: "rpatel"), actingFor: "tnguyen")
        #expect(access.student == "tnguyen" && access.actingAs == "tnguyen")
        let listing = try #require(try catalogue.opportunity(ref: "atlas-local-seo-cleanup")?.id)
        try catalogue.apply(as: "tnguyen", to: listing, coverNote: "", hoursOffered: 4)
        #expect(try catalogue.auditEntries(aboutStudent: "tnguyen").map { "\($0.actor):\($0.actorRole):\($0.action)" }
                == ["rpatel:staff:act_as_student", "rpatel:staff:changed_as_student"])
        #expect(throws: CatalogueError.refused("no student has the username nobody")) {
            try catalogue.authorize(.apply, account: Account(uid: 4_000_124, login: "rpatel"), actingFor: "nobody")
        }
    }
}
