import Foundation
import Testing
import TernCatalogue
import TernText
import TernViewModels
@testable import TernTerminal

/// What a new user found wrong with the student screen (issue 9), each pinned by the keys they
/// pressed and what the screen then showed.
@Suite(.serialized) struct StudentScreenFixTests {
    /// The rows of the My applications pane at 120x40, from its list to its bottom border.
    static func applicationsPane(_ text: String) -> [String] {
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let top = rows.firstIndex(where: { $0.contains("┌ My applications") }) else { return [] }
        return rows[top...].prefix { !$0.hasPrefix("└") }.map { String($0.prefix(66)) }
    }

    /// tnguyen delivers the in-progress literature review: My applications, j, d, a link, Enter.
    static func deliverTheLiteratureReview(_ student: StudentScreenHarness) throws -> Int64 {
        student.press(.tab, .tab)
        student.press(.character("j"))
        let review = try #require(student.state.applications.selectedRow)
        #expect(review.application.status == .inProgress)
        student.press(.character("d"))
        student.type("https://drive.example/sleep-review")
        student.press(.enter)
        return review.id
    }

    // MARK: 2, 3

    @Test func theNewestEventOfATimelineIsAlwaysOnScreenAndTheTimelineScrolls() throws {
        let student = try StudentScreenHarness(user: "tnguyen")
        let review = try Self.deliverTheLiteratureReview(student)
        var pane = Self.applicationsPane(student.text).joined(separator: "\n")
        #expect(pane.contains("→ Delivered (you)"), "\(pane)")
        // Page keys scroll the timeline, not the list.
        student.press(.pageDown)
        #expect(student.state.applications.selectedID == review)
        #expect(student.state.timelineScroll > 0)
        pane = Self.applicationsPane(student.text).joined(separator: "\n")
        #expect(pane.contains("↑"))
        #expect(pane.contains("→ Submitted (you)"), "the oldest event is reached by scrolling\n\(pane)")
    }

    @Test func actingOnAnApplicationKeepsItSelectedWhenItMovesToTheTop() throws {
        let student = try StudentScreenHarness(user: "tnguyen")
        let review = try Self.deliverTheLiteratureReview(student)
        #expect(student.state.myApplications.first?.id == review, "delivering moved it to the top")
        #expect(student.state.applications.selectedID == review)
        let highlighted = try #require(student.backend.cursor)
        let row = student.text.split(separator: "\n", omittingEmptySubsequences: false)[highlighted.y]
        #expect(row.contains("Sleep") || row.contains("sleep") || row.contains("literature"), "\(row)")
        #expect(row.contains("Delivered"))
        #expect(student.state.timeline.last?.status == .delivered)
    }

    // MARK: 4

    /// Sort by pay, remote, paid only, at most 20 hours, closing within 14 days: six chips.
    static func narrowWithManyFilters(_ student: StudentScreenHarness) {
        student.press(.character(":"))
        student.type("sort pay")
        student.press(.enter)
        student.press(.character("f"))
        student.press(.tab, .tab, .character(" "))   // Where: Remote
        student.press(.tab, .right)                 // Pay: paid only
        student.press(.tab, .tab)                   // Max hours
        student.type("20")
        student.press(.tab, .tab)                   // Closes within
        student.type("14")
        student.press(.enter)
    }

    /// How many filters the search bar row accounts for: chips shown plus those in "+N more".
    static func filtersAccountedFor(_ row: String) -> Int {
        let shown = row.filter { $0 == "[" }.count
        if let range = row.range(of: #"\+(\d+) more"#, options: .regularExpression) {
            return shown + (Int(row[range].dropFirst().prefix { $0.isNumber }) ?? 0)
        }
        if let range = row.range(of: #"\[(\d+) filters?\]"#, options: .regularExpression) {
            return shown - 1 + (Int(row[range].dropFirst().prefix { $0.isNumber }) ?? 0)
        }
        return shown
    }

    @Test(arguments: [(120, 40), (80, 24), (60, 16)])
    func noActiveFilterIsHiddenFromTheSearchBar(width: Int, height: Int) throws {
        let student = try StudentScreenHarness(size: Size(width: width, height: height))
        Self.narrowWithManyFilters(student)
        let chips = ListingFilters.chips(student.state.query)
        #expect(chips.count == 5)
        let bar = try #require(student.rows(containing: "/ ").first)
        #expect(Self.filtersAccountedFor(bar) == chips.count, "\(bar)")
    }

    // MARK: 5

    @Test(arguments: [(60, 16), (70, 20)])
    func theFiltersFormShowsTheFieldBeingTypedIn(width: Int, height: Int) throws {
        let student = try StudentScreenHarness(size: Size(width: width, height: height))
        student.press(.character("f"))
        for _ in 0..<5 { student.press(.tab) }   // Max hours
        student.type("16")
        let row = try #require(student.rows(containing: "Max hours").first, "Max hours is off screen")
        #expect(row.contains("16"))
        let caret = try #require(student.backend.cursor)
        #expect(student.text.split(separator: "\n", omittingEmptySubsequences: false)[caret.y].contains("Max hours"))
        // And every field can be reached and seen.
        let fields = FormBuilder.filters(OpportunityQuery(), signedIn: true).fields.count
        for label in ["Organization", "Closed too", "Sort"] {
            var tabs = 0
            while student.rows(containing: label).isEmpty && tabs < fields {
                student.press(.tab)
                tabs += 1
            }
            #expect(!student.rows(containing: label).isEmpty, "\(label) never shows")
        }
    }

    // MARK: 6

    @Test func colonHelpListsEveryCommand() throws {
        let student = try StudentScreenHarness()
        student.press(.character(":"))
        student.type("help")
        student.press(.enter)
        for command in StudentScreen.commands {
            #expect(student.text.contains(":" + command.name), "\(command.name) is missing")
        }
        for word in ["filters", "apply", "profile", ":q"] { #expect(student.text.contains(word)) }
    }

    // MARK: 7

    @Test func rateFromFeedbackAnswersAStudentWhoHasRatedEverything() throws {
        let student = try StudentScreenHarness(user: "ypetrova")
        student.press(.tab, .tab, .tab)   // Feedback
        #expect(student.state.panes.focus == .feedback)
        let bar = try #require(student.text.split(separator: "\n").last)
        #expect(!bar.contains("rate organization"), "nothing is left to rate: \(bar)")
        student.press(.character("r"))
        #expect(!student.text.contains("no completed micro-internships"))
        #expect(student.text.contains("nothing left to rate"))
    }

    @Test func aLongMessageIsShownWholeEvenOnASmallScreen() throws {
        let student = try StudentScreenHarness(user: "ypetrova", size: Size(width: 60, height: 16))
        student.press(.tab, .tab)   // My applications
        let completed = try #require(student.state.myApplications.firstIndex { $0.application.status == .completed })
        for _ in 0..<completed { student.press(.character("j")) }
        student.press(.character("r"))
        let message = try #require(student.state.toasts.current?.text)
        #expect(message.hasPrefix("you have already rated Riverside Food Bank"))
        for line in TextLayout.wrap(message, width: Toast.maximumTextWidth) {
            #expect(student.text.contains(line), "\(line) is cut off:\n\(student.text)")
        }
        // A message longer than the status bar is wide.
        let newcomer = try StudentScreenHarness(user: "tnguyen", size: Size(width: 60, height: 16), demo: student.demo)
        newcomer.press(.tab, .tab, .tab, .character("r"))
        let long = try #require(newcomer.state.toasts.current?.text)
        #expect(DisplayWidth.of(long) > 60)
        for line in TextLayout.wrap(long, width: Toast.maximumTextWidth) {
            #expect(newcomer.text.contains(line), "\(line) is cut off:\n\(newcomer.text)")
        }
    }

    @Test func theRateHintShowsOnlyWhenThereIsSomethingToRate() throws {
        let student = try StudentScreenHarness(user: "ypetrova")
        // Her second application completes; she has not rated it.
        let offered = try #require(student.state.myApplications.first { $0.application.status == .offered })
        let staff = Actor(role: .staff, username: "rpatel")
        var version = offered.application.version
        for status in [ApplicationStatus.accepted, .inProgress, .delivered, .completed] {
            if status == .delivered {
                version = try student.demo.catalogue.deliver(offered.id, by: "ypetrova", link: "https://x.example", expectedVersion: version).version
            } else {
                version = try student.demo.catalogue.move(offered.id, to: status, by: status == .accepted ? Actor(role: .student, username: "ypetrova") : staff,
                                                          expectedVersion: version).version
            }
        }
        student.loop.send(.catalogueChanged)
        student.loop.runUntilIdle()
        student.press(.tab, .tab, .tab)
        #expect(student.text.split(separator: "\n").last?.contains("rate organization") == true)
        student.press(.character("r"))
        #expect(student.text.contains("Rate Fieldnote Labs"))
    }

    // MARK: 8

    @Test func typedTextInTheApplyFormIsNeverLostSilently() throws {
        let student = try StudentScreenHarness()
        while student.state.detail?.myApplication != nil || student.state.detail?.isAcceptingApplications != true {
            student.press(.character("j"))
        }
        student.press(.character("a"))
        student.type("Three years of running the campus food co-op's books.")
        student.press(.escape)
        #expect(student.text.contains("Discard what you typed?"))
        student.press(.character("n"))
        #expect(student.text.contains("Three years of running"))
        student.press(.control("c"))
        #expect(student.text.contains("Quit and discard what you typed?"))
        #expect(student.loop.ending == nil)
        student.press(.escape)   // no
        #expect(student.text.contains("Three years of running"))
        student.press(.control("s"))
        #expect(student.text.contains("application sent"))
    }

    // MARK: 9

    /// The width of the Title column: from "Title" in the header to the next column's title.
    static func titleColumnWidth(_ student: StudentScreenHarness) throws -> Int {
        let header = try #require(student.rows(containing: "Title").first)
        let start = try #require(header.range(of: "Title"))
        let rest = header[start.upperBound...]
        let next = try #require(rest.firstIndex { $0 != " " })
        return header.distance(from: start.lowerBound, to: next) - 1
    }

    @Test func theTitleColumnIsWidestOnTheWidestScreen() throws {
        let wide = try StudentScreenHarness()
        let narrow = try StudentScreenHarness(size: Size(width: 80, height: 24), demo: wide.demo)
        let (w, n) = (try Self.titleColumnWidth(wide), try Self.titleColumnWidth(narrow))
        #expect(w >= PaneContent.titleTarget)
        #expect(w >= n, "120x40 gives the title \(w) columns, 80x24 \(n)")
    }

    @Test func listingsThatTakeNoApplicationsKeepTheirTitles() throws {
        let student = try StudentScreenHarness()
        student.press(.character("f"))
        for _ in 0..<9 { student.press(.tab) }   // Closed too
        student.press(.character(" "), .enter)
        let today = CalendarDay(DemoCatalogue.seededAt)
        let closed = student.state.listings.visibleRows.filter { $0.status != .open || $0.deadline < today }
        #expect(!closed.isEmpty)
        for listing in closed {
            let title = String(listing.title.prefix(PaneContent.titleTarget - 2))
            #expect(!student.rows(containing: title).isEmpty, "the title of a \(listing.status.rawValue) listing is squeezed out")
        }
        #expect(!student.rows(containing: "past due").isEmpty || !student.rows(containing: "closed ").isEmpty)
    }

    // MARK: 10

    @Test func oneListingIsOneListingAndClosedOnesAreNotCalledOpen() throws {
        let student = try StudentScreenHarness()
        let title = try #require(student.state.detail?.opportunity.title)
        student.press(.character("/"))
        student.type(title)
        student.press(.enter)
        #expect(student.state.listingCount == 1)
        #expect(student.rows(containing: "signed in as").first?.hasSuffix("· 1 open listing") == true)
        student.press(.character("f"))
        for _ in 0..<9 { student.press(.tab) }
        student.press(.character(" "), .enter)
        let header = try #require(student.rows(containing: "signed in as").first)
        #expect(!header.contains("open"), "\(header)")
    }

    @Test func anArchivedListingDoesNotOfferSpotsLeft() throws {
        let student = try StudentScreenHarness()
        student.press(.character("f"))
        for _ in 0..<9 { student.press(.tab) }
        student.press(.character(" "), .enter)
        student.press(.character("/"))
        student.type("Poster for Writing Center drop-in hours")
        student.press(.enter)
        #expect(student.state.detail?.opportunity.status == .archived)
        #expect(!student.text.contains(" left"), "an archived listing offers no spots")
        #expect(student.text.contains("Spots: "))
        #expect(student.text.contains("Posted: "))
    }

    @Test func theBottomBarKeepsHelpAndQuitAt80Columns() throws {
        let student = try StudentScreenHarness(size: Size(width: 80, height: 24))
        for _ in 0..<4 {
            let bar = try #require(student.text.split(separator: "\n").last)
            #expect(bar.hasSuffix("? help  q quit"), "\(bar)")
            student.press(.tab)
        }
    }

    @Test func theProfileShowsNoMarkupCharacters() throws {
        let student = try StudentScreenHarness(user: "tnguyen")
        student.press(.character("p"))
        #expect(student.text.contains("Profile and portfolio"))
        #expect(!student.text.contains("`"))
    }

    @Test func keysTypedWhileTheScreenIsTooSmallDoNothing() throws {
        let student = try StudentScreenHarness(size: Size(width: 40, height: 12))
        let before = student.state.listings.selectedID
        student.press(.character("j"), .character("f"), .character("a"), .tab)
        student.resize(120, 40)
        #expect(student.state.listings.selectedID == before)
        #expect(!student.state.modals.isOpen)
        #expect(student.state.panes.focus == .listings)
        student.resize(40, 12)
        student.press(.control("c"))
        #expect(student.loop.ending == .quit, "there is always a way out")
    }

    @Test func deletingASavedSearchAsksFirst() throws {
        let student = try StudentScreenHarness()
        student.press(.character(":"))
        student.type("save remote work")
        student.press(.enter)
        student.press(.character("o"))
        student.press(.character("d"))
        #expect(student.text.contains("Delete saved search “remote work”?"))
        student.press(.character("n"))
        #expect(student.text.contains("Saved searches (1)"))
        student.press(.character("d"), .character("y"))
        #expect(student.text.contains("Saved searches (0)"))
        #expect(try student.demo.catalogue.savedSearches(of: "demo", today: CalendarDay(DemoCatalogue.seededAt)).isEmpty)
    }

    // MARK: 11

    @Test func myApplicationsShowWhatTheStudentSent() throws {
        let student = try StudentScreenHarness()
        student.press(.tab, .tab)
        let sent = try #require(student.state.applications.selectedRow?.application)
        var seen = ""
        for _ in 0..<6 {
            seen += Self.applicationsPane(student.text).joined(separator: "\n")
            student.press(.pageDown)
        }
        #expect(seen.contains("Hours offered: \(sent.hoursOffered)"))
        #expect(seen.contains(String(sent.coverNote.prefix(30))))
        if let link = sent.portfolioLink { #expect(seen.contains(link)) }
    }

    @Test func rowsAreMarkedAppliedAndSaved() throws {
        let student = try StudentScreenHarness()
        let applied = Set(student.state.myApplications.map(\.opportunity.id))
        let shown = student.state.listings.visibleRows
        let first = try #require(shown.firstIndex { applied.contains($0.id) })
        let listRows = student.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let top = try #require(listRows.firstIndex { $0.contains("│   Title") })
        #expect(listRows[top + 1 + first].dropFirst().hasPrefix("✓"))
        student.press(.character("s"))   // save the first listing
        let saved = student.text.split(separator: "\n", omittingEmptySubsequences: false)[top + 1]
        #expect(saved.dropFirst().prefix(2).contains("★"), "\(saved)")
    }

    @Test func forYouMarksWhatTheStudentAppliedTo() throws {
        let student = try StudentScreenHarness()
        student.press(.character("v"))
        let applied = Set(student.state.myApplications.map(\.opportunity.id))
        let rows = student.state.listings.visibleRows
        guard let index = rows.firstIndex(where: { applied.contains($0.id) }) else { return }
        let listRows = student.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let top = try #require(listRows.firstIndex { $0.contains("│   Title") })
        #expect(listRows[top + 1 + index].dropFirst().hasPrefix("✓"))
    }

    @Test func searchWordsAreMarkedInRowsAndTheDetail() throws {
        let student = try StudentScreenHarness()
        student.press(.character("/"))
        student.type("forecast")
        student.press(.enter)
        let grid = student.backend.screen
        var marked = 0, markedInDetail = 0
        for y in 0..<grid.height {
            for x in 0..<grid.width where grid[x, y].style.underline && grid[x, y].style.bold && grid[x, y].text.lowercased() == "f" {
                if x + 8 <= grid.width, (x..<(x + 8)).map({ grid[$0, y].text }).joined().lowercased() == "forecast" {
                    if x > 65 { markedInDetail += 1 } else { marked += 1 }
                }
            }
        }
        #expect(marked > 0, "no row marks the word")
        #expect(markedInDetail > 0, "the detail does not mark the word")
    }

    @Test func myApplicationsSaysMoreRowsLieBelow() throws {
        let student = try StudentScreenHarness(size: Size(width: 60, height: 16))
        student.press(.tab, .tab)
        #expect(student.state.applications.state.count > student.state.applications.viewport)
        let rows = student.text.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.hasSuffix("↓│") && ($0.contains("Submitted") || $0.contains("Withdrawn") || $0.contains("Completed") || $0.contains("Shortlisted")) })
    }
}
