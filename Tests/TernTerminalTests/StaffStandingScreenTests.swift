import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The staff console when the catalogue changes under it: a staff member removed while it is
/// open, and a posting decided by someone else while a decline form is being written.
@Suite struct StaffStandingScreenTests {
    static let owner = Actor(role: .staff, username: "root")

    /// The demo catalogue opened for rpatel's console, as `tern triage` opens it.
    static func rosasConsole() throws -> TriageScreenHarness {
        let demo = try DemoCatalogue()
        _ = try demo.catalogue.authorize(.triageConsole, account: Account(uid: 4_000_124, login: "rpatel"))
        return try TriageScreenHarness(demo: demo, session: TriageScreenTests.rosa)
    }

    /// The same file, as another process would write it.
    static func elsewhere(_ console: TriageScreenHarness) throws -> Catalogue {
        try Catalogue(path: console.demo.catalogue.path, opening: .existing)
    }

    @Test func aStaffMemberRemovedWhileTheConsoleIsOpenIsToldSoAndMayOnlyQuit() throws {
        let console = try Self.rosasConsole()
        console.limit("status:under_review")
        let row = try #require(console.state.queue.selectedRow)
        try Self.elsewhere(console).removeStaff(username: "rpatel", by: Self.owner)

        console.press(.character("s"), .character("y"))   // shortlist it: the next action
        #expect(console.text.contains("You are no longer staff"))
        #expect(console.text.contains("rpatel was removed from the staff list"))
        #expect(console.text.contains("q quit"))
        // Nothing of the queue stays on screen, and nothing was moved.
        #expect(!console.text.contains("Applications ("))
        #expect(!console.text.contains(row.studentName))
        #expect(try Self.elsewhere(console).application(row.id, as: .system).status == .underReview)
        // Every other key does nothing; q leaves.
        console.press(.character("2"), .character("r"), .enter, .character(":"))
        #expect(console.text.contains("You are no longer staff") && console.loop.ending == nil)
        console.press(.character("q"))
        #expect(console.loop.ending != nil)
    }

    @Test func aDeclineFormKeepsWhatWasTypedWhenSomeoneApprovedThePostingMeanwhile() throws {
        let console = try Self.rosasConsole()
        console.press(.character("2"))
        let posting = try #require(console.state.postings.selectedRow)
        console.press(.character("x"), .right, .tab)       // upfront cost; to the note
        console.type("asks for a $40 kit")
        try Self.elsewhere(console).approve([posting.ref], by: Actor(role: .staff, username: "dmorales"))

        console.press(.control("s"))
        #expect(console.text.contains("\(posting.ref) was approved by dmorales"), "\(console.text)")
        #expect(console.text.contains("look again"))
        #expect(console.text.contains("asks for a $40 kit"))
        guard case .form(let modal)? = console.state.modals.top else { Issue.record("the form closed"); return }
        #expect(modal.form.field("Note").text == "asks for a $40 kit")
        #expect(try Self.elsewhere(console).opportunity(ref: posting.ref).map { try Self.elsewhere(console).approval(ofListing: $0.id ?? 0) } == .approved)

        // Sent again, it is a decision on the posting as it is now: approved, then declined.
        console.press(.control("s"))
        #expect(console.text.contains("declined (upfront cost to the student)"))
        let decisions = try Self.elsewhere(console).decisions(forListing: posting.ref)
        #expect(decisions.suffix(2).map(\.decision) == [.approved, .declined])
        #expect(decisions.last?.note == "asks for a $40 kit" && decisions.last?.actor.username == "rpatel")
    }

    @Test func anAdvisorsConsoleRefusesAdminWorkNamingTheRole() throws {
        let console = try Self.rosasConsole()
        console.press(.character(":"))
        console.type("expire")
        console.press(.enter)
        #expect(console.text.contains("only admins may close listings past their deadline; rpatel is an advisor"), "\(console.text)")
        console.press(.character("3"))                     // Organizations
        let organization = try #require(console.state.organizations.selectedRow)
        console.press(.character("T"), .character("y"))
        #expect(console.text.contains("only admins may trust organizations; rpatel is an advisor"))
        #expect(try Self.elsewhere(console).organizations().first { $0.name == organization.name }?.trusted == false)
    }
}
