import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The staff console as controllers on the shared chrome: typed commands from one table, the
/// shared mouse over its dialogs, refusals that name the keys bound now.
@Suite struct StaffControllerTests {
    @Test func anUnknownCommandIsRefusedByNameAndNeverQuits() throws {
        let console = try TriageScreenHarness()
        console.press(.character(":"))
        console.type("bogus")
        console.press(.enter)
        #expect(console.loop.ending == nil, "an unknown command must not fall through to quit")
        #expect(console.text.contains("unknown command “bogus”"))
        #expect(console.text.contains(":help"))
        // The console still answers keys.
        console.press(.character("2"))
        #expect(console.state.kind == .postings)
        // And :quit still quits, from the same table.
        console.press(.character(":"))
        console.type("quit")
        console.press(.enter)
        #expect(console.loop.ending == .quit)
    }

    @Test func colonHelpListsEveryStaffCommandFromItsTable() throws {
        let console = try TriageScreenHarness()
        console.press(.character(":"))
        console.type("help")
        console.press(.enter)
        for command in console.screen.commands { #expect(console.text.contains(":" + command.name), "\(command.name) is missing") }
    }

    @Test func aClickPressesTheDialogButtonUnderItAsOnTheStudentScreen() throws {
        let console = try TriageScreenHarness()
        console.limit("status:under_review")
        let two = console.state.queue.visibleRows.prefix(2).map(\.id)
        console.press(.character(" "), .character(" "), .character("s"))
        guard case .confirm(let confirmation)? = console.state.modals.top else {
            Issue.record("no question was asked")
            return
        }
        func button(_ index: Int) throws -> MouseEvent {
            let body = console.state.panes.body
            for row in body.y..<body.maxY {
                for column in body.x..<body.maxX
                where Dialog.button(atColumn: column, row: row, screen: body, title: confirmation.title,
                                    message: confirmation.message, buttons: confirmation.buttons) == index {
                    return MouseEvent(kind: .click, column: column, row: row)
                }
            }
            throw CancellationError()
        }
        // "Cancel" closes the question and moves nothing.
        console.press(.mouse(try button(1)))
        #expect(!console.state.modals.isOpen)
        for id in two { #expect(try console.demo.catalogue.application(id, as: TriageScreenTests.rosa.actor).status == .underReview) }
        // Asked again, "Shortlist" moves both.
        console.press(.character("s"))
        console.press(.mouse(try button(0)))
        #expect(console.text.contains("shortlist: 2 applications now shortlisted"))
        for id in two { #expect(try console.demo.catalogue.application(id, as: TriageScreenTests.rosa.actor).status == .shortlisted) }
    }

    @Test func aClickBesideAnOverlayClosesItAndTheWheelScrollsHelp() throws {
        let console = try TriageScreenHarness()
        console.press(.character("?"))
        #expect(console.text.contains("Help — keys"))
        console.press(.mouse(MouseEvent(kind: .wheelDown, column: 20, row: 10)))
        guard case .help(let help)? = console.state.modals.top else {
            Issue.record("help closed on the wheel")
            return
        }
        #expect(help.scroll == 1)
        console.press(.character("V"))
        console.press(.escape)   // help closes first
        console.press(.character("V"))
        #expect(console.text.contains("Views ("))
        console.press(.mouse(MouseEvent(kind: .click, column: 0, row: console.state.panes.body.y)))
        #expect(!console.state.modals.isOpen)
    }

    @Test func refusalsNameTheKeysBoundNow() throws {
        var keys = StaffAction.defaultKeyMap
        keys.bind(.applicationsQueue, to: [.character("!")])
        keys.bind(.resubmitPosting, to: [.character("Z")])
        let demo = try DemoCatalogue()
        let console = TriageScreenHarness(demo: demo, screen: TriageScreen(store: demo.catalogue, session: TriageScreenTests.rosa,
                                                                                keyMap: keys, now: { DemoCatalogue.seededAt }),
                                          size: Size(width: 140, height: 44))
        console.press(.character("2"), .character("l"))
        #expect(console.text.contains("limit works in Applications (!)"))
        console.press(.character("t"))   // declined postings
        if console.state.postings.selectedRow != nil {
            console.press(.character("a"))
            #expect(console.text.contains("resubmitted (Z) before it can be approved"))
        }
    }

    /// Help is made from the bindings: a controller's section lists what it binds, in its order,
    /// and leaves out the keys it only refuses (they are listed where they work).
    @Test func helpHasASectionPerControllerMadeFromItsBindings() throws {
        let console = try TriageScreenHarness()
        let groups = Dictionary(console.screen.helpGroups, uniquingKeysWith: { first, _ in first })
        let postings = PostingsController(screen: console.screen).bindings.map(\.action)
        #expect(groups["Postings"] == postings.reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
        #expect(groups["Applications"]?.contains(.transition(.shortlist)) == true)
        #expect(groups["Queues"]?.contains(.refresh) == true)
        #expect(groups["Queues"]?.contains(.mark) == false, "the console only refuses marks: they are listed where they work")
        #expect(groups["Reports"] == nil, "the report scrolls with the moving keys, listed under Move")
        #expect(groups["Import"] == nil)
        let drawn = console.screen.helpSections.map(\.title)
        for title in ["Queues", "Applications", "Postings", "Organizations", "Saved views"] { #expect(drawn.contains(title), "help has no \(title) section") }
        console.press(.character("?"))
        #expect(console.rows(containing: "Queues").count == 1 && console.text.contains("next queue"), "\(console.text)")
    }

    @Test func everyQueueBindingIsInHelpAndEveryBarActionIsBound() throws {
        let console = try TriageScreenHarness()
        let helped = Set(console.screen.helpGroups.flatMap(\.1))
        for kind in TriageQueueKind.allCases {
            console.screen.state.kind = kind
            for binding in console.screen.bindings { #expect(helped.contains(binding.action), "\(binding.action) is not in help") }
            let bound = Set(console.screen.bindings.map(\.action))
            for action in console.screen.bindings.barActions(in: console.state) { #expect(bound.contains(action)) }
        }
    }
}

/// Issue 19, point 7: who sees a note is one rule in every form, shown before sending: the reject
/// form's note explains the decision (shared), a note on its own is staff only; both forms offer
/// the same two choices in the same order and read them back as the enum.
@Suite struct NoteVisibilityFormTests {
    @Test func theRejectFormSharesItsNoteAndTheNoteFormKeepsItForStaff() {
        let row = TriageRow(id: 7, status: .submitted, version: 1, updatedAt: "2026-03-01T00:00:00Z", waitingDays: 1,
                            studentUsername: "jgarcia", studentName: "Julia García", opportunityRef: "x", opportunityTitle: "X",
                            organization: "Acme")
        let reject = TriageForms.reject(count: 1)
        let note = TriageForms.note(row)
        #expect(TriageForms.rejectSpec.draft(from: reject).note.visibility == .shared)
        #expect(TriageForms.noteSpec.draft(from: note).visibility == .staff)
        for form in [reject, note] {
            guard case .choice(let choice) = form.field("Note is").control else { Issue.record("no visibility choice"); continue }
            #expect(choice.options == ["shared with the student", "staff only"])
        }
        #expect(Visibility.forNote(movingTo: .offered) == .shared && Visibility.forNote(movingTo: .shortlisted) == .staff)
    }
}
