import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// Issue 18, point 5: Updates on the student screen: the header counts the unread, the key
/// from the key map opens them, opening marks them read, and a change arriving while the screen
/// is open is announced in a toast.
@Suite struct StudentUpdatesScreenTests {
    let staff = Actor(role: .staff, username: "rpatel")

    /// The demo student's first application still waiting on the organization, moved on by
    /// staff `seconds` after the seeding moment, with a reason.
    func moveDemoApplication(in catalogue: Catalogue, seconds: Double, note: String) throws -> String {
        let waiting = try #require(try catalogue.applications(ofStudent: "demo").first { $0.application.status == .submitted })
        _ = try catalogue.move(waiting.application.id, to: .underReview, by: staff, expectedVersion: waiting.application.version,
                               note: note, now: DemoCatalogue.seededAt.addingTimeInterval(seconds))
        return waiting.opportunity.title
    }

    @Test func theHeaderCountsUnreadUpdatesAndOpeningThemMarksThemRead() throws {
        let demo = try DemoCatalogue()
        _ = try moveDemoApplication(in: demo.catalogue, seconds: -60, note: "portfolio looks strong")
        let student = try StudentScreenHarness(demo: demo)
        let unread = student.state.updates.unread
        #expect(unread > 0)
        #expect(student.rows(containing: "signed in as").first?.contains("\(unread) unread update") == true)
        student.press(.character("u"))
        #expect(student.text.contains("New since you last looked"))
        #expect(student.text.contains("under review (portfolio looks strong)"))
        try student.expectSnapshot(named: "issue18-updates-overlay")
        #expect(student.state.updates.unread == 0, "opening Updates marks them read")
        student.press(.escape)
        #expect(student.rows(containing: "signed in as").first?.contains("unread") == false)
        // Read stays read: the next start counts none.
        #expect(try StudentScreenHarness(demo: demo).state.updates.unread == 0)
    }

    @Test func aChangeWhileTheScreenIsOpenShowsAToastNamingIt() throws {
        let student = try StudentScreenHarness(watchingChanges: true)
        let before = student.state.updates.unread
        let staffSide = try Catalogue(path: student.demo.catalogue.path)
        let title = try moveDemoApplication(in: staffSide, seconds: 60, note: "we will call you Friday")
        student.advance(milliseconds: Loop<StudentScreen>.maximumWaitMilliseconds)
        #expect(student.state.updates.unread == before + 1)
        #expect(student.text.contains("Update: \(title): under review (we will call you Friday)"))
        try student.expectSnapshot(named: "issue18-updates-toast")
    }

    @Test func theUpdatesKeyComesFromTheKeyMap() throws {
        var keys = StudentAction.defaultKeyMap
        keys.bind(.updates, to: [.character("U")])
        let student = try StudentScreenHarness(keyMap: keys)
        #expect(student.rows(containing: "signed in as").first?.contains("unread updates (U)") == true)
        student.press(.character("u"))
        #expect(!student.state.modals.isOpen)
        student.press(.character("U"))
        #expect(student.text.contains("Updates ("))
    }

    @Test func theTabBarCountsUnreadUpdatesWhereThereIsNoHeader() throws {
        let student = try StudentScreenHarness(size: Size(width: 80, height: 24))
        let unread = student.state.updates.unread
        let top = try #require(student.text.split(separator: "\n").first)
        #expect(top.hasSuffix("\(unread) unread updates (u)") || top.hasSuffix("\(unread) unread updates (u) "))
    }
}
