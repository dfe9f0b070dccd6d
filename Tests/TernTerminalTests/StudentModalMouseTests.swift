import Foundation
import Testing
import TernCatalogue
import TernText
@testable import TernTerminal

/// Issue 18, point 10: clicks and the wheel work in help, overlays, forms and dialogs.
@Suite struct StudentModalMouseTests {
    /// Where `needle` is drawn: its screen column (by display width) and row.
    func position(of needle: String, in student: StudentScreenHarness) throws -> (column: Int, row: Int) {
        let lines = student.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(lines.firstIndex { $0.contains(needle) }, "\(needle) is not on screen")
        let prefix = lines[row][..<lines[row].range(of: needle)!.lowerBound]
        return (DisplayWidth.of(String(prefix)), row)
    }

    func click(_ student: StudentScreenHarness, _ at: (column: Int, row: Int)) {
        student.press(.mouse(MouseEvent(kind: .click, column: at.column + 1, row: at.row)))
    }

    @Test func theWheelScrollsHelpAndTheProfile() throws {
        let student = try StudentScreenHarness(size: Size(width: 80, height: 24))
        student.press(.character("?"))
        student.press(.mouse(MouseEvent(kind: .wheelDown, column: 40, row: 10)), .mouse(MouseEvent(kind: .wheelDown, column: 40, row: 10)))
        guard case .help(let help)? = student.state.modals.top else { Issue.record("help closed"); return }
        #expect(help.scroll == 2)
        try student.expectSnapshot(named: "issue18-help-wheel")
        student.press(.escape, .character("p"))
        student.press(.mouse(MouseEvent(kind: .wheelDown, column: 40, row: 10)))
        guard case .text(let profile)? = student.state.modals.top else { Issue.record("profile closed"); return }
        #expect(profile.scroll == 1)
        // A click beside the overlay closes it, as esc does.
        student.press(.mouse(MouseEvent(kind: .click, column: 0, row: 5)))
        #expect(!student.state.modals.isOpen)
    }

    @Test func aClickFocusesAFormFieldAndTheWheelMovesBetweenFields() throws {
        let student = try StudentScreenHarness()
        student.press(.character("f"))
        click(student, try position(of: "Max days", in: student))
        guard case .form(let clicked)? = student.state.modals.top else { Issue.record("the form closed"); return }
        #expect(clicked.form.fields[clicked.form.focus].label == "Max days")
        student.press(.mouse(MouseEvent(kind: .wheelDown, column: 60, row: 20)))
        guard case .form(let wheeled)? = student.state.modals.top else { Issue.record("the form closed"); return }
        #expect(wheeled.form.fields[wheeled.form.focus].label == "Closes within")
        // A stray click beside a form never closes it.
        student.press(.mouse(MouseEvent(kind: .click, column: 0, row: 1)))
        #expect(student.state.modals.isOpen)
    }

    @Test func listOverlayRowsAndDialogButtonsTakeClicks() throws {
        let demo = try DemoCatalogue()
        try demo.catalogue.saveSearch(named: "alpha", query: OpportunityQuery(words: "design"), for: "demo")
        try demo.catalogue.saveSearch(named: "beta", query: OpportunityQuery(words: "python"), for: "demo")
        let student = try StudentScreenHarness(demo: demo)
        student.press(.character("o"))
        click(student, try position(of: "beta", in: student))
        guard case .list(let overlay)? = student.state.modals.top else { Issue.record("the list closed"); return }
        #expect(overlay.state.selected == 1)
        student.press(.character("d"))   // asks before deleting "beta"
        #expect(student.text.contains("Delete saved search “beta”?"))
        click(student, try position(of: "[ Delete ]", in: student))
        #expect(try demo.catalogue.savedSearches(of: "demo", today: CalendarDay(DemoCatalogue.seededAt)).map(\.name) == ["alpha"])
        // The first row: one click selects it, the second opens it.
        click(student, try position(of: "alpha", in: student))
        click(student, try position(of: "alpha", in: student))
        #expect(!student.state.modals.isOpen)
        #expect(student.state.query.words == "design")
    }
}
