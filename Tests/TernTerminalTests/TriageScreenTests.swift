import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

@Suite struct TriageScreenTests {
    static let rosa = TriageSession(username: "rpatel", name: "Rosa Patel", id: "screen-rosa")
    static let sam = TriageSession(username: "sokafor", name: "Sam Okafor", id: "screen-sam")

    @Test func threeMarkedApplicationsAreShortlistedTogetherAfterTheCountIsAsked() throws {
        let console = try TriageScreenHarness()
        console.limit("status:under_review")
        #expect(console.text.contains("limit: status:under_review"))
        let three = console.state.queue.visibleRows.prefix(3).map(\.id)
        console.press(.character(" "), .character(" "), .character(" "))
        #expect(console.text.contains("3 marked"))
        console.press(.character("s"))
        #expect(console.text.contains("Shortlist 3 applications?"))
        console.press(.character("y"))
        #expect(console.text.contains("shortlist: 3 applications now shortlisted"))
        #expect(!console.text.contains("marked"))
        for id in three { #expect(try console.demo.catalogue.application(id, as: Self.rosa.actor).status == .shortlisted) }
        // u takes the whole bulk move back.
        console.press(.character("u"))
        #expect(console.text.contains("undone: 3 applications back where they were"))
        for id in three { #expect(try console.demo.catalogue.application(id, as: Self.rosa.actor).status == .underReview) }
    }

    @Test func aKeyNotLegalFromTheStatusIsRefusedSayingWhatIsPossible() throws {
        let console = try TriageScreenHarness()
        console.limit("status:submitted")
        let row = try #require(console.state.queue.selectedRow)
        console.press(.character("c"))
        #expect(console.text.contains("cannot complete: this application is submitted; you can review, reject, record withdrawn"))
        #expect(try console.demo.catalogue.application(row.id, as: Self.rosa.actor).status == .submitted)
        // The status bar offers only the legal moves.
        let status = console.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.contains("r review") && !status.contains("shortlist"))
    }

    @Test func rejectingAsksForAReasonWhichTheStudentThenReads() throws {
        let console = try TriageScreenHarness()
        console.limit("status:submitted")
        let row = try #require(console.state.queue.selectedRow)
        console.press(.character("x"))
        #expect(console.text.contains("Reject this application"))
        console.press(.right)                          // position filled
        console.press(.tab, .tab)                      // to the note
        console.type("Filled internally")
        console.press(.tab, .right)                    // the note is staff only
        console.press(.control("s"))
        #expect(console.text.contains("reject: 1 application now rejected"))
        let application = try console.demo.catalogue.application(row.id, as: Self.rosa.actor)
        #expect(application.status == .rejected && application.statusReason == "position filled")
        let student = Actor(role: .student, username: row.studentUsername)
        let seen = try console.demo.catalogue.events(of: row.id, as: student)
        #expect(seen.contains { $0.note == "position filled" })
        #expect(!seen.contains { $0.note == "Filled internally" })
    }

    @Test func anOtherReasonNeedsItsTextAndTheFormSaysSo() throws {
        let console = try TriageScreenHarness()
        console.limit("status:submitted")
        console.press(.character("x"), .left, .control("s"))  // left from the first wraps to "other"
        #expect(console.text.contains("needs its text"))
        #expect(console.state.modals.isOpen)
    }

    @Test func openingAnApplicationShowsItsHistoryAndOtherStaffSeeWhoIsLooking() throws {
        let rosa = try TriageScreenHarness()
        let row = try #require(rosa.state.queue.selectedRow)
        rosa.press(.enter)
        #expect(rosa.text.contains("Application (opened)"))
        #expect(rosa.text.contains("History (newest first)"))
        let sam = try TriageScreenHarness(demo: rosa.demo, session: Self.sam)
        #expect(sam.state.queue.visibleRows.first { $0.id == row.id }?.claimedBy == "Rosa Patel")
        #expect(sam.text.contains("Rosa Patel"))
        // Sam moves it anyway: Rosa's stale move is refused with where it stands now.
        _ = try sam.demo.catalogue.bulkMove([ApplicationVersion(id: row.id, version: row.version)],
                                            to: row.status == .submitted ? .underReview : .rejected,
                                            session: Self.sam, reason: row.status == .submitted ? nil : .positionFilled)
        rosa.press(.escape, .character("w"))
        #expect(rosa.text.contains("changed by someone else since you opened it"))
    }

    @Test func anOrganizationsDecisionIsRecordedAsTheOrganizationsEntryByTheStaffMember() throws {
        let console = try TriageScreenHarness()
        console.limit("status:under_review")
        let row = try #require(console.state.queue.selectedRow)
        console.press(.character("O"))
        #expect(console.text.contains("\(row.organization)'s decision"))
        // Only what is the organization's to decide: not a student's withdrawal.
        #expect(TriageForms.organizationMoves(from: .underReview) == [.shortlist, .reject])
        #expect(TriageForms.organizationMoves(from: .delivered) == [.sendBack, .complete])
        console.press(.control("s"))
        #expect(console.text.contains("shortlist recorded as the organization's decision"))
        let event = try #require(try console.demo.catalogue.events(of: row.id, as: Self.rosa.actor).last)
        #expect(event.toStatus == .shortlisted && event.actorRole == .organization && event.enteredBy == "rpatel")
        // The student reads "the organization", never who typed it in.
        let seen = try console.demo.catalogue.events(of: row.id, as: Actor(role: .student, username: row.studentUsername))
        #expect(seen.last?.enteredBy == nil)
    }

    @Test func aStaffOnlyNoteFromTheConsoleNeverShowsOnTheStudentsScreen() throws {
        let console = try TriageScreenHarness()
        let row = try #require(console.state.queue.selectedRow)
        console.press(.character("n"))
        console.type("STAFFONLY prefers mornings")
        console.press(.control("s"))
        #expect(console.text.contains("note saved (staff only"))
        // A shared one, to show the student's screen does show what is theirs to see.
        console.press(.character("n"))
        console.type("SHAREDNOTE see you Tuesday")
        console.press(.tab, .right, .control("s"))
        let student = try StudentScreenHarness(user: row.studentUsername, demo: console.demo)
        student.press(.tab, .tab)   // My applications
        var sawShared = false
        for _ in 0..<student.state.applications.state.count {
            #expect(!student.text.contains("STAFFONLY"))
            if student.text.contains("SHAREDNOTE") { sawShared = true }
            student.press(.character("j"))
        }
        #expect(sawShared)
    }

    @Test func anotherStaffMembersMoveShowsAndTheSelectionStaysOnItsApplication() throws {
        let console = try TriageScreenHarness()
        console.press(.character("j"), .character("j"))
        let selected = try #require(console.state.queue.selectedID)
        let first = try #require(console.state.queue.visibleRows.first)
        let before = console.state.queueCount
        _ = try console.demo.catalogue.bulkMove([ApplicationVersion(id: first.id, version: first.version)], to: .withdrawn, session: Self.sam)
        console.loop.send(.catalogueChanged)
        console.loop.runUntilIdle()
        #expect(console.state.queueCount == before - 1)
        #expect(console.state.queue.selectedID == selected)
        #expect(!console.state.queue.visibleRows.contains { $0.id == first.id })
    }

    @Test func keysTypedWhileALimitIsAppliedActOnTheRowsItShows() async throws {
        let demo = try DemoCatalogue()
        let screen = TriageScreen(store: demo.catalogue, session: Self.rosa, now: { DemoCatalogue.seededAt })
        // The queues are read in the background when the console starts.
        await screen.settle(screen.update(.resize(Size(width: 140, height: 44))))
        _ = screen.update(.key(.character("l")))
        for c in "status:under_review" { _ = screen.update(.key(.character(c))) }
        let effects = screen.update(.key(.enter))
        #expect(screen.state.isLimiting)
        // Typed before the limit came back: they wait.
        for _ in 0..<3 { #expect(screen.update(.key(.character(" "))).isEmpty) }
        #expect(screen.state.marks.isEmpty)
        var outcome: TriageOutcome?
        for case .run(.limitQueue, let work) in effects { outcome = await work(TaskContext(superseded: { false })) }
        _ = screen.update(.taskFinished(.limitQueue, try #require(outcome)))
        #expect(!screen.state.isLimiting)
        let limited = try demo.catalogue.triageQueue(try TriageFilter(pattern: "status:under_review"), limit: 3, now: DemoCatalogue.seededAt)
        #expect(Set(screen.state.marks.rows.keys) == Set(limited.rows.map(\.id)))
        #expect(screen.state.marks.statuses == [.underReview])
    }

    @Test func declineAPostingWithAReasonAndStudentsNoLongerSeeIt() throws {
        let console = try TriageScreenHarness()
        console.press(.character("2"), .character("t"), .character("t"))
        #expect(console.text.contains("Postings · recently approved"))
        // Drafts are approved but not posted yet: take the first open one.
        for _ in 0..<console.state.postings.state.count where console.state.postings.selectedRow?.status == .draft { console.press(.character("j")) }
        let posting = try #require(console.state.postings.selectedRow)
        #expect(posting.status == .open)
        // What a student's search can reach: the organization's listings, closed ones too.
        let students = OpportunityQuery(organization: posting.organization, includeClosed: true)
        let before = try console.demo.catalogue.opportunities(matching: students, limit: 500, today: CalendarDay(DemoCatalogue.seededAt))
        #expect(before.contains { $0.ref == posting.ref })
        console.press(.character("x"))
        console.press(.right)                         // upfront cost to the student
        console.press(.control("s"))
        #expect(console.text.contains("declined (upfront cost to the student)"))
        let after = try console.demo.catalogue.opportunities(matching: students, limit: 500, today: CalendarDay(DemoCatalogue.seededAt))
        #expect(!after.contains { $0.ref == posting.ref })
    }

    @Test func bulkApprovalAsksWithTheCountAndApprovesAll() throws {
        let console = try TriageScreenHarness()
        console.press(.character("2"))
        let waiting = console.state.postings.state.count
        #expect(waiting >= 2)
        console.press(.character("*"), .character("a"))
        #expect(console.text.contains("Approve \(waiting) postings?"))
        console.press(.character("y"))
        #expect(console.text.contains("approved \(waiting) postings"))
        #expect(try console.demo.catalogue.postings(approval: .pending).isEmpty)
    }

    @Test func theStudentRecordShowsEverythingAndIsAudited() throws {
        let console = try TriageScreenHarness()
        let row = try #require(console.state.queue.selectedRow)
        console.press(.character("p"))
        #expect(console.text.contains("Student record"))
        #expect(console.text.contains("Applications ("))
        #expect(try console.demo.catalogue.auditTrail(student: row.studentUsername).contains { $0.action == "viewed_student_record" })
    }

    @Test func aSavedViewComesBackFromTheList() throws {
        let console = try TriageScreenHarness()
        console.limit("status:delivered")
        let delivered = console.state.queueCount
        console.press(.character(":"))
        console.type("view save done")
        console.press(.enter)
        console.limit("")
        #expect(console.state.queueCount > delivered)
        console.press(.character("V"), .enter)
        #expect(console.state.pattern == "status:delivered")
        #expect(console.state.queueCount == delivered)
    }

    @Test func helpListsEveryActionOnceInEachSectionItIsIn() throws {
        let console = try TriageScreenHarness()
        let groups = console.screen.helpGroups
        #expect(Set(groups.flatMap(\.1)) == Set(StaffAction.allCases))
        for (title, actions) in groups { #expect(Set(actions).count == actions.count, "\(title) lists an action twice") }
        #expect(Set(groups.map(\.0)).count == groups.count, "two sections share a title")
        for action in StaffAction.allCases { #expect(!StaffAction.defaultKeyMap.keys(for: action).isEmpty, "\(action) has no key") }
        console.press(.character("?"))
        #expect(console.text.contains("shortlist"))
        #expect(console.text.contains("mark all the limit shows"))
    }

    @Test func aNewListingFromTheFormWaitsForReviewAndAnEditIsSaved() throws {
        let console = try TriageScreenHarness()
        console.press(.character("2"))
        let waiting = console.state.postings.state.count
        console.press(.character("N"))
        #expect(console.text.contains("New listing"))
        console.type("Tidy a volunteer rota")
        console.press(.tab)
        console.type("Brand New Co-op")
        console.press(.control("s"))
        #expect(console.text.contains("it waits for review in Postings"), "\(console.text)")
        #expect(console.state.postings.state.count == waiting + 1)
        let created = try #require(try console.demo.catalogue.postings(approval: .pending).first { $0.title == "Tidy a volunteer rota" })
        // A bad number is refused naming the field, and the form keeps what was typed.
        // The new listing is selected.
        try #require(console.state.postings.selectedRow?.ref == created.ref)
        console.press(.character("e"))
        for _ in 0..<6 { console.press(.tab) }           // to Hours
        console.press(.backspace, .backspace)
        console.type("lots")
        console.press(.control("s"))
        #expect(console.text.contains("hours: give a whole number, not \"lots\""))
        for _ in 0..<4 { console.press(.backspace) }
        console.type("12")
        console.press(.control("s"))
        #expect(console.text.contains("saved \(created.ref)"))
        #expect(try console.demo.catalogue.opportunity(ref: created.ref)?.hours == 12)
    }

    @Test func closingAListingFromTheConsoleExpiresWhatWaitsOnIt() throws {
        let console = try TriageScreenHarness()
        console.press(.character("2"), .character("t"), .character("t"))
        for _ in 0..<console.state.postings.state.count where console.state.postings.selectedRow?.status != .open { console.press(.character("j")) }
        let ref = try #require(console.state.postings.selectedRow?.ref)
        console.press(.character("C"))
        #expect(console.text.contains("Close “"))
        console.press(.character("y"))
        #expect(console.text.contains("closed \(ref)"))
        #expect(try console.demo.catalogue.opportunity(ref: ref)?.status == .closed)
    }

    @Test func anImportFromTheConsoleIsAllOrNothingAndItsListingsWaitForReview() throws {
        let console = try TriageScreenHarness()
        let header = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind"
        let good = console.demo.directory.appendingPathComponent("two.csv")
        try Data("\(header)\nrota-1,Volunteer rota,Brand New Co-op,nonprofit,5,7,2026-04-01,unpaid,remote\nrota-2,Volunteer rota two,Brand New Co-op,nonprofit,5,7,2026-04-01,unpaid,remote\n".utf8).write(to: good)
        let bad = console.demo.directory.appendingPathComponent("bad.csv")
        try Data("\(header)\nrota-3,Fine,Brand New Co-op,nonprofit,5,7,2026-04-01,unpaid,remote\nrota-4,Broken,Brand New Co-op,nonprofit,lots,7,2026-04-01,unpaid,remote\n".utf8).write(to: bad)
        console.press(.character(":"))
        console.type("import \(bad.path)")
        console.press(.enter)
        #expect(console.state.toasts.current?.text.hasPrefix("nothing imported from bad.csv: ") == true, "\(console.text)")
        #expect(console.state.toasts.current?.text.contains("3") == true)
        #expect(try console.demo.catalogue.opportunity(ref: "rota-3") == nil)
        console.press(.character(":"))
        console.type("import \(good.path)")
        console.press(.enter)
        #expect(console.state.toasts.current?.text.hasPrefix("imported two.csv: 2 new") == true, "\(console.text)")
        #expect(try console.demo.catalogue.postings(approval: .pending).filter { $0.ref.hasPrefix("rota-") }.count == 2)
        #expect(console.state.importing == nil)
    }

    @Test func theImportProgressBarShowsThePhaseAndTheShare() {
        var grid = CellGrid(width: 80, height: 1)
        StaffConsoleView.drawImport(ConsoleImport(file: "/tmp/jobs.csv", progress: ImportProgress(phase: .writing, done: 50, total: 100)),
                                    box: .line, into: &grid, row: 0, width: 80)
        let line = grid.text()
        #expect(line.contains("importing jobs.csv · writing 50/100 rows"))
        #expect(line.contains("███████") && line.contains(" 50%"))
        var flat = CellGrid(width: 80, height: 1)
        StaffConsoleView.drawImport(ConsoleImport(file: "jobs.csv", progress: ImportProgress(phase: .validating, done: 1, total: 4)),
                                    box: .ascii, into: &flat, row: 0, width: 80)
        #expect(flat.text().contains("checking 1/4 rows") && flat.text().contains("#") && !flat.text().contains("█"))
    }

    @Test func theReadmeNamesEveryStaffActionForKeysStaff() throws {
        let readme = try String(contentsOf: DemoCatalogue.root.appendingPathComponent("README.md"), encoding: .utf8)
        for action in StaffAction.allCases { #expect(readme.contains("`\(action.rawValue)`"), "README does not name \(action.rawValue)") }
    }

    @Test func aTooSmallTerminalSaysSoAndOnlyQuitWorks() throws {
        let console = try TriageScreenHarness(size: Size(width: 50, height: 12))
        #expect(console.text.contains("too small"))
        console.press(.character("s"))
        #expect(console.text.contains("too small"))
    }

    @Test func theReportArrivesFromTheBackgroundWithBars() throws {
        let console = try TriageScreenHarness()
        console.press(.character("4"))
        #expect(console.text.contains("Applications per status"))
        #expect(console.text.contains("█"))
    }

    @Test func theHourlyTickClosesListingsPastTheirDeadline() async throws {
        let demo = try DemoCatalogue()
        let later = DemoCatalogue.seededAt.addingTimeInterval(400 * 86_400)
        let screen = TriageScreen(store: demo.catalogue, session: Self.rosa, now: { later })
        let effects = screen.update(.resize(Size(width: 140, height: 44)))
        #expect(effects.contains { if case .startTimer(TriageScreen.expiryTimer, _) = $0 { true } else { false } })
        // A second size (a resize) does not restart the hour.
        #expect(screen.update(.resize(Size(width: 130, height: 44))).isEmpty)
        // The closing is a write, in the background.
        await screen.settle(screen.update(.tick(TriageScreen.expiryTimer)))
        #expect(screen.state.toasts.current?.text.contains("listings past their deadline") == true)
        #expect(try demo.catalogue.closeExpired(now: later) == ExpirySummary())
    }
}
