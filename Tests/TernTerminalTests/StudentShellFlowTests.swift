import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The student's whole journey through the shell by keys, over the real demo catalogue, read
/// back from the rendered grid: what a person at the terminal would see.
@Suite(.serialized) struct StudentShellFlowTests {
    let demo: ShellSnapshotTests.Demo
    let shell: StudentShell

    init() throws {
        demo = try ShellSnapshotTests.Demo()
        let session = try StudentSession.resolve(catalogue: demo.catalogue, requested: "demo", login: nil)
        shell = try StudentShell(catalogue: demo.catalogue, session: session,
                                 today: { CalendarDay(ShellSnapshotTests.seededAt) }, now: { ShellSnapshotTests.seededAt })
    }

    func type(_ text: String) {
        for character in text { shell.handle(.character(character)) }
    }

    func screen() -> String { shell.render(width: 120, height: 40).grid.text() }

    @Test func typingSearchesAsYouTypeAndEscClears() throws {
        let all = shell.listings.count
        shell.handle(.character("/"))
        type("pyt")
        shell.settle()
        #expect(shell.listings.query.words == "pyt")
        #expect(shell.listings.count < all)
        #expect(shell.listings.count > 0)
        let text = screen()
        #expect(text.contains("/ pyt"))
        #expect(text.contains("\(shell.listings.count) match"))
        shell.handle(.escape)
        shell.settle()
        #expect(shell.listings.query.words == "")
        #expect(shell.listings.count == all)
    }

    @Test func theCaretFollowsALongQueryInsideTheSearchLine() throws {
        shell.handle(.character("/"))
        type(String(repeating: "data ", count: 30))
        let frame = shell.render(width: 120, height: 40)
        let listings = try #require(ShellLayout(width: 120, height: 40).frames(focused: .listings)[.listings]).inset(by: 1)
        let caret = try #require(frame.cursor)
        #expect(caret.y == listings.y)
        #expect(caret.x > listings.x && caret.x < listings.maxX)
        #expect(frame.grid[caret.x, caret.y].style.reverse)
    }

    @Test func filtersShowAsChipsAndOneKeyClearsThem() throws {
        let all = shell.listings.count
        shell.handle(.character("f"))
        #expect(screen().contains("Filters"))
        // Sort, Fields, Where: tab twice to Where, then check Remote (the first option).
        shell.handle(.tab)
        shell.handle(.tab)
        shell.handle(.character(" "))
        shell.handle(.tab)                  // Pay
        shell.handle(.right)                // paid only
        shell.handle(.enter)
        shell.settle()
        #expect(shell.listings.query.locationKinds == [.remote])
        #expect(shell.listings.query.paidOnly)
        #expect(shell.listings.count < all)
        let text = screen()
        #expect(text.contains("[Remote]"))
        #expect(text.contains("[paid]"))
        shell.handle(.character("x"))
        shell.settle()
        #expect(shell.listings.count == all)
        #expect(!screen().contains("[paid]"))
    }

    @Test func aBadNumberInTheFilterFormKeepsTheFormOpenAndSaysWhy() throws {
        shell.handle(.character("f"))
        for _ in 0..<5 { shell.handle(.tab) }   // Max hours
        type("lots")
        shell.handle(.enter)
        let text = screen()
        #expect(text.contains("Max hours: enter a whole number"))
        #expect(text.contains("Filters"))
        shell.handle(.escape)
        #expect(!screen().contains("Max hours: enter"))
    }

    @Test func applyingFromTheDetailFilesASubmittedApplication() throws {
        // Find a listing the demo student has not applied to.
        var guardRail = 0
        while shell.detail.detail?.myApplication != nil || shell.detail.detail?.isAcceptingApplications != true {
            shell.handle(.character("j"))
            guardRail += 1
            try #require(guardRail < 50)
        }
        let listing = try #require(shell.detail.detail?.opportunity)
        shell.handle(.character("a"))
        #expect(screen().contains("Cover note"))
        type("I ran our club's newsletter for two years.")
        shell.handle(.control("s"))
        #expect(screen().contains("application sent"))
        let filed = try #require(shell.applications.applications.first { $0.opportunity.id == listing.id })
        #expect(filed.application.status == .submitted)
        #expect(screen().contains("applied — Submitted"))
        // Applying again is refused before any form opens.
        shell.handle(.character("a"))
        #expect(screen().contains("cannot apply: you have already applied"))
    }

    @Test func withdrawingAsksFirstAndThenRecordsIt() throws {
        shell.handle(.tab)
        shell.handle(.tab)   // My applications
        let index = try #require(shell.applications.applications.firstIndex { $0.application.status == .submitted })
        let target = shell.applications.applications[index].id
        for _ in 0..<index { shell.handle(.character("j")) }
        #expect(screen().contains("w withdraw"))
        shell.handle(.character("w"))
        #expect(screen().contains("Withdraw your application?"))
        shell.handle(.enter)   // "No" is selected first: nothing happens
        #expect(shell.applications.applications.first { $0.id == target }?.application.status == .submitted)
        shell.handle(.character("w"))
        shell.handle(.character("y"))
        #expect(screen().contains("application withdrawn"))
        #expect(shell.applications.applications.first { $0.id == target }?.application.status == .withdrawn)
        let events = try demo.catalogue.events(of: target, as: Actor(role: .student, username: "demo"))
        #expect(events.last?.toStatus == .withdrawn)
        #expect(events.last?.actorRole == .student)
    }

    @Test func anActionTheStateMachineForbidsIsExplained() throws {
        shell.handle(.tab)
        shell.handle(.tab)
        let index = try #require(shell.applications.applications.firstIndex { $0.application.status == .shortlisted })
        for _ in 0..<index { shell.handle(.character("j")) }
        shell.handle(.character("y"))
        #expect(screen().contains("cannot accept offer: this application is shortlisted"))
    }

    @Test func savingAListingPutsItInTheSavedView() throws {
        let listing = try #require(shell.detail.detail?.opportunity)
        shell.handle(.character("s"))
        #expect(screen().contains("saved"))
        shell.handle(.character("v"))   // For you
        shell.settle()
        #expect(screen().contains("For you"))
        shell.handle(.character("v"))   // Saved
        shell.settle()
        #expect(shell.listings.count == 1)
        #expect(try shell.listings.row(at: 0)?.id == listing.id)
        #expect(screen().contains("Listings · Saved (1)"))
    }

    @Test func aSavedSearchIsListedAndReopens() throws {
        shell.handle(.character("/"))
        type("design")
        shell.handle(.enter)
        shell.settle()
        shell.handle(.character("S"))
        #expect(screen().contains("Save this search"))
        shell.handle(.enter)
        shell.handle(.escape)   // clear the words
        shell.settle()
        shell.handle(.character("o"))
        #expect(screen().contains("Saved searches (1)"))
        shell.handle(.enter)
        shell.settle()
        #expect(shell.listings.query.words == "design")
    }

    @Test func theProfileShowsThePortfolioAndSavesEdits() throws {
        shell.handle(.character("p"))
        var text = screen()
        #expect(text.contains("Profile and portfolio"))
        #expect(text.contains("Copywriting (advanced)"))
        #expect(text.contains("Portfolio: completed micro-internships (1)"))
        shell.handle(.character("e"))
        #expect(screen().contains("Edit profile"))
        shell.handle(.tab)
        shell.handle(.tab)   // Hours/week
        shell.handle(.backspace)
        shell.handle(.backspace)
        type("20")
        shell.handle(.enter)
        text = screen()
        #expect(text.contains("profile saved"))
        #expect(text.contains("20 h/week"))
        #expect(try demo.catalogue.student(username: "demo")?.hoursPerWeek == 20)
    }

    @Test func theDetailSaysWhyAListingFitsTheStudent() throws {
        shell.handle(.character("v"))
        shell.settle()
        #expect(shell.detail.detail?.fitReason != nil)
        #expect(screen().contains("For you"))
    }

    @Test func theHelpOverlayListsEveryStudentAction() throws {
        shell.handle(.character("?"))
        let text = shell.render(width: 120, height: 60).grid.text()
        for label in ["search", "filters", "clear filters", "save listing", "save search", "saved searches", "apply",
                      "withdraw", "accept offer", "decline offer", "mark delivered", "rate organization", "profile"] {
            #expect(text.contains(label), "help lacks \(label)")
        }
    }

    @Test func theCommandLineSortsAndSwitchesViews() throws {
        shell.handle(.character(":"))
        type("sort pay")
        shell.handle(.enter)
        shell.settle()
        #expect(shell.listings.query.sort == .pay)
        shell.handle(.character(":"))
        type("nonsense")
        shell.handle(.enter)
        #expect(screen().contains("unknown command"))
    }
}
