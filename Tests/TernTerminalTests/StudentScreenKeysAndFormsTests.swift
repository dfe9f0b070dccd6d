import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// Issue 18, point 10: the filter form's error names the field it is about and moves the
/// focus there; messages name keys from the key map after remapping; the profile overlay
/// follows an edit made elsewhere and is edited against the current version.
@Suite struct StudentScreenKeysAndFormsTests {
    @Test func theFilterFormsErrorNamesMaxDaysAndFocusesIt() throws {
        let student = try StudentScreenHarness(size: Size(width: 120, height: 40))
        student.press(.character("f"))
        for _ in 0..<6 { student.press(.tab) }   // Sort, Fields, Where, Pay, Skills, Max hours → Max days
        student.type("999")
        student.press(.up, .up)                   // away from it before sending
        student.press(.control("s"))
        #expect(student.text.contains("Max days: enter a whole number from 1 to 365"))
        #expect(!student.text.contains("Max duration"))
        guard case .form(let modal)? = student.state.modals.top else { Issue.record("the form closed"); return }
        #expect(modal.form.fields[modal.form.focus].label == "Max days")
        try student.expectSnapshot(named: "issue18-filter-error-focus")
    }

    @Test func messagesNameTheKeysAsRemapped() throws {
        var keys = StudentAction.defaultKeyMap
        keys.bind(.toggleSaved, to: [.character("b")])
        keys.bind(.nextView, to: [.character("V")])
        keys.bind(.apply, to: [.character("A")])
        keys.bind(.clearFilters, to: [.character("X")])
        keys.bind(.savedSearches, to: [.character("O")])
        let student = try StudentScreenHarness(keyMap: keys)
        #expect(student.text.contains("press A to apply"))
        student.press(.character("b"))
        #expect(student.text.contains("saved — press V for your Saved view"))
        student.press(.character("f"))
        #expect(student.text.contains("X on the list clears all filters"))
        student.press(.escape)
        student.press(.character("S"))
        #expect(student.text.contains("(O lists saved searches)"))
        student.type("everything")
        student.press(.enter)
        #expect(student.text.contains("O lists your saved searches"))
        for old in ["press s ", "press v ", "press a ", " x on the list", "(o lists", " o lists"] {
            #expect(!student.text.contains(old), "\(old)")
        }
    }

    @Test func theProfileOverlayFollowsAnEditElsewhereAndItsFirstEditSaves() throws {
        let student = try StudentScreenHarness(watchingChanges: true)
        student.press(.character("p"))
        let before = try #require(try student.demo.catalogue.student(username: "demo"))
        #expect(!student.text.contains("Hours free: 33 h/week"))
        let elsewhere = try Catalogue(path: student.demo.catalogue.path)
        try elsewhere.updateProfile(of: "demo", skills: before.skills, interests: before.interests, hoursPerWeek: 33,
                                    expectedVersion: before.version)
        student.advance(milliseconds: Loop<StudentScreen>.maximumWaitMilliseconds)
        #expect(student.text.contains("Hours free: 33 h/week"), "the overlay shows the profile as it is now")
        student.press(.character("e"))
        student.press(.tab, .tab)   // Hours/week
        student.press(.backspace, .backspace)
        student.type("21")
        student.press(.enter)
        #expect(!student.text.contains("changed elsewhere"))
        #expect(try student.demo.catalogue.student(username: "demo")?.hoursPerWeek == 21)
        #expect(student.text.contains("Hours free: 21 h/week"))
    }
}
