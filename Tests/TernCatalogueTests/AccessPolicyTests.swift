import Foundation
import Testing
@testable import TernCatalogue

private typealias Operation = TernCatalogue.Operation

/// Who may do what: the table in code, the README's table, and the checks on a real catalogue.
@Suite struct AccessPolicyTests {
    @Test func theReadmeTableListsEveryOperationWithItsAudienceAndRole() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n")
        func row(_ prefix: String) throws -> Substring { try #require(lines.first { $0.hasPrefix(prefix) }, "no README row \(prefix)") }
        let rows = [
            "anyone": try row("| anyone (guests too) |"), "student": try row("| the student themself |"),
            "advisor": try row("| advisor (staff) |"), "admin": try row("| admin (staff; also the catalogue file's owner) |"),
        ]
        for operation in Operation.allCases {
            let key = operation.role?.rawValue ?? operation.audience.rawValue
            let summary = operation.summary.replacingOccurrences(of: "your own", with: "their own")
            #expect(rows[key]!.contains(summary) || operation.audience == .student, "\(operation) (\(key)) is missing from the README's row: \(rows[key]!)")
            // Listed once: an admin-only operation never also shows in the advisors' row.
            for (other, line) in rows where other != key && operation.audience != .student {
                #expect(!line.contains(summary + ",") && !line.hasSuffix(summary + " |"), "\(operation) is also in the README's \(other) row")
            }
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
        #expect(advisor.isStaff && advisor.mayActForStudents && advisor.mayAdminister && advisor.role == .advisor)
        #expect(advisor.allows(.moveApplications) && !advisor.allows(.backup) && !advisor.allows(.trustOrganizations))
        let student = try catalogue.principal(for: Account(uid: 4_000_125, login: "tnguyen"))
        #expect(student.studentUsername == "tnguyen" && !student.mayActForStudents && !student.mayAdminister)
        let owner = try catalogue.principal(for: Account(uid: getuid(), login: nil))
        #expect(owner.ownsFile && owner.fileIsPersonal && owner.mayActForStudents)
        // The owner could rewrite the file with any tool: they count as an admin.
        #expect(owner.role == .admin && Operation.allCases.allSatisfy(owner.allows))
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
