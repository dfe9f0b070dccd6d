import Foundation
import GRDB
import Testing
@testable import TernCatalogue

private typealias Operation = TernCatalogue.Operation

/// Roles that mean something: advisors triage and review, admins also change who may do what;
/// a role lasts only while the staff list says so, checked again in every transaction.
@Suite struct StaffRoleTests {
    /// Demo staff: rpatel is an advisor, shaddad and jfischer are admins (data/demo/staff.json).
    static let advisor = Account(uid: 4_000_124, login: "rpatel")
    static let admin = Account(uid: 4_000_127, login: "shaddad")
    let fixture: CatalogueFixture
    var catalogue: Catalogue { fixture.catalogue }

    init() throws {
        fixture = try CatalogueFixture()
        try fixture.catalogue.seedDemo(from: SeedTests.demoDirectory)
    }

    /// The same file opened a second time, as another process (the owner's) would.
    func elsewhere() throws -> Catalogue { try Catalogue(path: fixture.path, opening: .existing) }
    let owner = Actor(role: .staff, username: "root")

    @Test func anAdvisorIsRefusedAdminWorkWithTheRoleItNeeds() throws {
        #expect(throws: CatalogueError.notPermitted("only admins may back up the catalogue; rpatel is an advisor")) {
            try catalogue.authorize(.backup, account: Self.advisor)
        }
        for operation in Operation.allCases where operation.role == .admin {
            #expect(throws: CatalogueError.self, "\(operation)") { try catalogue.authorize(operation, account: Self.advisor) }
            #expect(try catalogue.authorize(operation, account: Self.admin).principal.role == .admin)
        }
        for operation in Operation.allCases where operation.role == .advisor {
            _ = try catalogue.authorize(operation, account: Self.advisor)
        }
        // Unlisted staff work is an admin's, and the split-off trust is one of them.
        #expect(Operation.trustOrganizations.role == .admin && Operation.reviewPostings.role == .advisor)
        #expect(Operation.manageStaff.role == .admin && Operation.readStudentRecord.role == .advisor)
    }

    @Test func aStaffMemberRemovedBetweenTwoCallsOnAnOpenCatalogueIsRefusedTheSecond() throws {
        let access = try catalogue.authorize(.triageConsole, account: Self.advisor)
        let session = try catalogue.triageSession(for: access)
        let row = try #require(try catalogue.triageQueue(TriageFilter(statuses: [.submitted]), limit: 2).rows.first)
        try catalogue.move(row.id, to: .underReview, by: session.actor, expectedVersion: row.version)
        _ = try catalogue.studentRecord(row.studentUsername, session: session)

        try elsewhere().removeStaff(username: "rpatel", by: owner)
        let moved = try elsewhere().application(row.id, as: .system)
        #expect(throws: CatalogueError.noLongerStaff("rpatel")) {
            try catalogue.move(row.id, to: .shortlisted, by: session.actor, expectedVersion: moved.version)
        }
        #expect(throws: CatalogueError.noLongerStaff("rpatel")) { try catalogue.studentRecord(row.studentUsername, session: session) }
        #expect(throws: CatalogueError.noLongerStaff("rpatel")) { try catalogue.postings(approval: .pending) }
        #expect(try elsewhere().application(row.id, as: .system).status == .underReview)
        // The refused look at the record left no audit row behind.
        #expect(try elsewhere().auditEntries(aboutStudent: row.studentUsername).filter { $0.action == "viewed_student_record" }.count == 1)
    }

    @Test func anAdminMadeAnAdvisorWhileTheConsoleIsOpenCannotTrustAtTheirNextAction() throws {
        let access = try catalogue.authorize(.triageConsole, account: Self.admin)
        let session = try catalogue.triageSession(for: access)
        try elsewhere().setStaffRole(username: "shaddad", to: .advisor, by: owner)
        #expect(throws: CatalogueError.notPermitted("only admins may trust organizations; shaddad is an advisor")) {
            try catalogue.trustOrganization("Quillstone Learning", by: session.actor)
        }
        // Advisor work still goes through.
        try catalogue.approveOrganization("Quillstone Learning", by: session.actor)
        #expect(try catalogue.auditEntries(action: "change_staff_role").map(\.detail) == ["shaddad: admin → advisor"])
    }

    @Test func theLastAdminCanBeNeitherRemovedNorDemoted() throws {
        try catalogue.removeStaff(username: "jfischer", by: owner)
        #expect(throws: CatalogueError.refused("shaddad is the last admin and cannot be removed; make another admin first (tern staff role NAME admin)")) {
            try catalogue.removeStaff(username: "shaddad", by: owner)
        }
        #expect(throws: CatalogueError.refused("shaddad is the last admin and cannot be made an advisor; make another admin first (tern staff role NAME admin)")) {
            try catalogue.setStaffRole(username: "shaddad", to: .advisor, by: owner)
        }
        // The schema holds the line too, for a writer that skips the check.
        #expect(throws: CatalogueError.invalid("the last admin cannot be removed; make another admin first")) {
            try catalogue.write { try $0.execute(sql: "DELETE FROM staff WHERE username = 'shaddad'") }
        }
        #expect(throws: CatalogueError.invalid("the last admin cannot be demoted; make another admin first")) {
            try catalogue.write { try $0.execute(sql: "UPDATE staff SET role = 'advisor' WHERE username = 'shaddad'") }
        }
        // Another admin first, and then it may go.
        try catalogue.setStaffRole(username: "rpatel", to: .admin, by: owner)
        try catalogue.setStaffRole(username: "shaddad", to: .advisor, by: owner)
        #expect(try catalogue.staffMembers().filter { $0.role == .admin }.map(\.username) == ["rpatel"])
    }

    @Test func anAdvisorCannotManageStaffEvenFromACatalogueOpenedForOtherWork() throws {
        let access = try catalogue.authorize(.triageConsole, account: Self.advisor)
        #expect(throws: CatalogueError.notPermitted("only admins may add and remove staff and change their roles; rpatel is an advisor")) {
            try catalogue.addStaff(username: "mallory", role: .admin, by: Actor(role: .staff, username: access.principal.account.displayName))
        }
        #expect(throws: CatalogueError.notPermitted("only admins may add and remove staff and change their roles; rpatel is an advisor")) {
            try catalogue.authorize(.manageStaff, account: Self.advisor)
        }
    }

    @Test func anAccountThatIsAlsoAStudentBecomesStaffOnlyWhenThatIsSaid() throws {
        #expect(throws: CatalogueError.refused("tnguyen is also a student; as staff they would read other students' records (say --also-student if that is meant)")) {
            try catalogue.addStaff(username: "tnguyen", by: owner)
        }
        #expect(!(try catalogue.principal(for: Account(uid: 4_000_125, login: "tnguyen")).isStaff))
        try catalogue.addStaff(username: "tnguyen", alsoStudent: true, by: owner)
        #expect(try catalogue.principal(for: Account(uid: 4_000_125, login: "tnguyen")).staffRole == .advisor)
        #expect(try catalogue.auditEntries(action: "add_staff").last?.detail == "tnguyen (advisor), also a student")
    }

    @Test func usernamesWithInvisibleOrDirectionChangingCharactersAreRefused() throws {
        for login in ["rp\u{202E}atel", "rp\u{200B}atel", "\u{2066}x", "a\u{FEFF}", "a\u{200D}b", "\u{3164}"] {
            #expect(throws: CatalogueError.self, "\(login.unicodeScalars.map { String($0.value, radix: 16) })") {
                try catalogue.addStaff(username: login, by: owner)
            }
        }
        #expect(throws: CatalogueError.invalid("username: holds U+202E, an invisible or direction-changing character, at character 3")) {
            try catalogue.addStaff(username: "rp\u{202E}atel", by: owner)
        }
        let csv = "username,name,email\nok1,One,one@campus.example\nzw\u{200B}sp,Two,two@campus.example\n"
        #expect(throws: ImportError(line: 3, column: 1, message: "username: must be a login name: it holds U+200B, an invisible or direction-changing character, at character 3")) {
            try catalogue.importFile(Data(csv.utf8), format: .csv)
        }
        #expect(try catalogue.student(username: "ok1") == nil)
        // Letters of any script are logins.
        try catalogue.addStaff(username: "zoë", by: owner)
    }
}
