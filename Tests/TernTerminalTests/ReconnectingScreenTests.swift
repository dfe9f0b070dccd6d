import Testing
import TernStore
@testable import TernTerminal

/// While the catalogue cannot be reached, the student screen and the console say they are
/// reconnecting in the status bar and keep what was typed; when it is back, the line goes and
/// they read again.
@Suite struct ReconnectingScreenTests {
    @Test func theStudentScreenSaysItIsReconnectingKeepsTheFormAndRecovers() throws {
        let student = try StudentScreenHarness()
        while student.state.detail?.myApplication != nil || student.state.detail?.isAcceptingApplications != true {
            student.press(.character("j"))
        }
        student.press(.character("a"))
        student.type("Typed while the server restarts.")
        student.loop.send(.catalogueUnreachable)
        student.loop.runUntilIdle()
        #expect(student.text.contains("reconnecting to the catalogue"))
        #expect(student.text.contains("Typed while the server restarts."))
        student.loop.send(.catalogueChanged)
        student.loop.runUntilIdle()
        #expect(!student.text.contains("reconnecting to the catalogue"))
        #expect(student.text.contains("Typed while the server restarts."))
    }

    @Test func theConsoleSaysItIsReconnectingAndRecovers() throws {
        let console = try TriageScreenHarness()
        let count = console.state.queueCount
        console.loop.send(.catalogueUnreachable)
        console.loop.runUntilIdle()
        #expect(console.text.contains("reconnecting to the catalogue"))
        #expect(console.state.queueCount == count, "what is shown stays")
        console.loop.send(.catalogueChanged)
        console.loop.runUntilIdle()
        #expect(!console.text.contains("reconnecting to the catalogue"))
    }
}
