import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The student's whole journey through the screen by keys, over the real demo catalogue, read
/// back from the in-memory backend: what a person at the terminal would see.
@Suite(.serialized) struct StudentScreenFlowTests {
    let student: StudentScreenHarness

    init() throws {
        student = try StudentScreenHarness()
    }

    var screen: String { student.text }
    /// The listings the screen holds: the search shown and how many match.
    var listings: ListingPages { student.state.pages }

    @Test func typingSearchesAsYouTypeAndEscClears() throws {
        let all = listings.count
        student.press(.character("/"))
        student.type("pyt")
        #expect(listings.query.words == "pyt")
        #expect(listings.count < all)
        #expect(listings.count > 0)
        #expect(screen.contains("/ pyt"))
        #expect(screen.contains("\(listings.count) match"))
        student.press(.escape)
        #expect(listings.query.words == "")
        #expect(listings.count == all)
    }

    @Test func theCaretFollowsALongQueryInsideTheSearchLine() throws {
        student.press(.character("/"))
        student.type(String(repeating: "data ", count: 30))
        let pane = StudentPane.wideArrangement(Rect(x: 0, y: 1, width: 120, height: 38))[.listings]!.inset(by: 1)
        let caret = try #require(student.backend.cursor)
        #expect(caret.y == pane.y)
        #expect(caret.x > pane.x && caret.x < pane.maxX)
        #expect(student.backend.screen[caret.x, caret.y].style.reverse)
    }

    @Test func filtersShowAsChipsAndOneKeyClearsThem() throws {
        let all = listings.count
        student.press(.character("f"))
        #expect(screen.contains("Filters"))
        // Sort, Fields, Where: tab twice to Where, then check Remote (the first option).
        student.press(.tab, .tab, .character(" "))
        student.press(.tab, .right)   // Pay: paid only
        student.press(.enter)
        #expect(listings.query.locationKinds == [.remote])
        #expect(listings.query.paidOnly)
        #expect(listings.count < all)
        #expect(screen.contains("[Remote]"))
        #expect(screen.contains("[paid]"))
        student.press(.character("x"))
        #expect(listings.count == all)
        #expect(!screen.contains("[paid]"))
    }

    @Test func aBadNumberInTheFilterFormKeepsTheFormOpenAndSaysWhy() throws {
        student.press(.character("f"))
        for _ in 0..<5 { student.press(.tab) }   // Max hours
        student.type("lots")
        student.press(.enter)
        #expect(screen.contains("Max hours: enter a whole number"))
        #expect(screen.contains("Filters"))
        student.press(.escape)   // what was typed is kept in question: discard it
        #expect(screen.contains("Discard what you typed?"))
        student.press(.character("y"))
        #expect(!screen.contains("Max hours: enter"))
        #expect(!screen.contains("Filters ─"))
    }

    @Test func applyingFromTheDetailFilesASubmittedApplication() throws {
        // Find a listing the demo student has not applied to.
        var guardRail = 0
        while student.state.detail?.myApplication != nil || student.state.detail?.isAcceptingApplications != true {
            student.press(.character("j"))
            guardRail += 1
            try #require(guardRail < 50)
        }
        let listing = try #require(student.state.detail?.opportunity)
        student.press(.character("a"))
        #expect(screen.contains("Cover note"))
        student.type("I ran our club's newsletter for two years.")
        student.press(.control("s"))
        #expect(screen.contains("application sent"))
        let filed = try #require(student.state.myApplications.first { $0.opportunity.id == listing.id })
        #expect(filed.application.status == .submitted)
        #expect(screen.contains("applied — Submitted"))
        // Applying again is refused before any form opens.
        student.press(.character("a"))
        #expect(screen.contains("cannot apply: you have already applied"))
    }

    @Test func withdrawingAsksFirstAndThenRecordsIt() throws {
        student.press(.tab, .tab)   // My applications
        let mine = student.state.myApplications
        let index = try #require(mine.firstIndex { $0.application.status == .submitted })
        let target = mine[index].id
        for _ in 0..<index { student.press(.character("j")) }
        #expect(screen.contains("w withdraw"))
        student.press(.character("w"))
        #expect(screen.contains("Withdraw your application?"))
        student.press(.enter)   // "No" is chosen first: nothing happens
        #expect(student.state.myApplications.first { $0.id == target }?.application.status == .submitted)
        student.press(.character("w"), .character("y"))
        #expect(screen.contains("application withdrawn"))
        #expect(student.state.myApplications.first { $0.id == target }?.application.status == .withdrawn)
        let events = try student.demo.catalogue.events(of: target, as: Actor(role: .student, username: "demo"))
        #expect(events.last?.toStatus == .withdrawn)
        #expect(events.last?.actorRole == .student)
    }

    @Test func anActionTheStateMachineForbidsIsExplained() throws {
        student.press(.tab, .tab)
        let index = try #require(student.state.myApplications.firstIndex { $0.application.status == .shortlisted })
        for _ in 0..<index { student.press(.character("j")) }
        student.press(.character("y"))
        #expect(screen.contains("cannot accept offer: this application is shortlisted"))
    }

    @Test func savingAListingPutsItInTheSavedView() throws {
        let listing = try #require(student.state.detail?.opportunity)
        student.press(.character("s"))
        #expect(screen.contains("saved"))
        student.press(.character("v"))   // For you
        #expect(screen.contains("For you"))
        student.press(.character("v"))   // Saved
        #expect(listings.count == 1)
        #expect(listings.held(0..<1)?.first?.id == listing.id)
        #expect(screen.contains("Listings · Saved (1)"))
    }

    @Test func aSavedSearchIsListedAndReopens() throws {
        student.press(.character("/"))
        student.type("design")
        student.press(.enter)
        student.press(.character("S"))
        #expect(screen.contains("Save this search"))
        student.press(.enter)
        student.press(.escape)   // clear the words
        student.press(.character("o"))
        #expect(screen.contains("Saved searches (1)"))
        student.press(.enter)
        #expect(listings.query.words == "design")
    }

    @Test func theProfileShowsThePortfolioAndSavesEdits() throws {
        student.press(.character("p"))
        #expect(screen.contains("Profile and portfolio"))
        #expect(screen.contains("Copywriting (advanced)"))
        #expect(screen.contains("Portfolio: completed micro-internships (1)"))
        student.press(.character("e"))
        #expect(screen.contains("Edit profile"))
        student.press(.tab, .tab)   // Hours/week
        student.press(.backspace, .backspace)
        student.type("20")
        student.press(.enter)
        #expect(screen.contains("profile saved"))
        #expect(screen.contains("20 h/week"))
        #expect(try student.demo.catalogue.student(username: "demo")?.hoursPerWeek == 20)
    }

    @Test func theDetailSaysWhyAListingFitsTheStudent() throws {
        student.press(.character("v"))
        #expect(student.state.detail?.fitReason != nil)
        #expect(screen.contains("For you"))
    }

    @Test func theHelpOverlayListsEveryStudentAction() throws {
        let tall = try StudentScreenHarness(size: Size(width: 120, height: 60), demo: student.demo)
        tall.press(.character("?"))
        var seen = tall.text
        for _ in 0..<20 {
            tall.press(.pageDown)
            seen += tall.text
        }
        for label in ["search", "filters", "clear filters", "save listing", "save search", "saved searches", "apply",
                      "withdraw", "accept offer", "decline offer", "mark delivered", "rate organization", "profile"] {
            #expect(seen.contains(label), "help lacks \(label)")
        }
    }

    @Test func theCommandLineSortsAndSwitchesViews() throws {
        student.press(.character(":"))
        student.type("sort pay")
        student.press(.enter)
        #expect(listings.query.sort == .pay)
        student.press(.character(":"))
        student.type("nonsense")
        student.press(.enter)
        #expect(screen.contains("unknown command"))
    }

    @Test func anotherProcessesCommitShowsWithoutAKeyAndKeepsTheSelections() throws {
        let watching = try StudentScreenHarness(demo: student.demo, watchingChanges: true)
        watching.press(.character("j"), .character("j"), .tab, .tab, .character("j"))
        let listing = try #require(watching.state.listings.selectedID)
        let application = try #require(watching.state.applications.selectedRow)
        #expect(application.application.status == .submitted)
        // A staff member, in another connection, takes the application under review.
        let staff = try Catalogue(path: student.demo.catalogue.path)
        try staff.move(application.id, to: .underReview, by: Actor(role: .staff, username: "rpatel"),
                       expectedVersion: application.application.version)
        watching.advance(milliseconds: Loop<StudentScreen>.maximumWaitMilliseconds)
        #expect(watching.state.applications.selectedID == application.id)
        #expect(watching.state.applications.selectedRow?.application.status == .underReview)
        #expect(watching.state.listings.selectedID == listing)
        #expect(watching.text.contains("Under review"))
    }

    @Test func aClickSelectsARowAndATabAndTheWheelScrollsWhatIsUnderIt() throws {
        let pane = StudentPane.wideArrangement(Rect(x: 0, y: 1, width: 120, height: 38))[.listings]!.inset(by: 1)
        student.press(.mouse(MouseEvent(kind: .click, column: pane.x + 5, row: pane.y + 2 + 3)))   // the fourth row
        #expect(student.state.listings.state.selected == 3)
        #expect(student.state.detail?.opportunity.id == student.state.listings.selectedID)
        let detail = StudentPane.wideArrangement(Rect(x: 0, y: 1, width: 120, height: 38))[.detail]!
        student.press(.mouse(MouseEvent(kind: .wheelDown, column: detail.x + 3, row: detail.y + 3)))
        #expect(student.state.detailScroll == 1)
        #expect(student.state.panes.focus == .listings, "the wheel leaves the focus where it was")
        let narrow = try StudentScreenHarness(size: Size(width: 80, height: 24), demo: student.demo)
        let tabs = try #require(narrow.text.split(separator: "\n").first.map(String.init))
        let feedback = tabs.distance(from: tabs.startIndex, to: try #require(tabs.range(of: "Feedback")).lowerBound)
        narrow.press(.mouse(MouseEvent(kind: .click, column: feedback + 2, row: 0)))
        #expect(narrow.state.panes.focus == .feedback)
    }

    @Test func aMessageGoesAtTheNextKeyOrAfterAWhile() throws {
        student.press(.character("x"))
        #expect(student.text.contains("no filters to clear"))
        student.advance(milliseconds: Toasts.lifetimeMilliseconds - 1)
        #expect(student.text.contains("no filters to clear"))
        student.advance(milliseconds: 1)
        #expect(!student.text.contains("no filters to clear"))
        student.press(.character("x"), .character("j"))
        #expect(!student.text.contains("no filters to clear"))
    }
}
