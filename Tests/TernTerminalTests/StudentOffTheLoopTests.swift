import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The student screen never calls its store on its loop: every read and write goes through a
/// store that fails the test if it is called while an update or a view runs, through
/// everything a student does in a session. And a write waiting on another process's lock says
/// so, and Esc cancels it having changed nothing.
@Suite struct StudentOffTheLoopTests {
    static let demoActor = Actor(role: .student, username: "demo")

    @Test func searchingPagingFormsWritesOverlaysAndAReloadReadOnlyInTheBackground() throws {
        let demo = try DemoCatalogue()
        let guarded = LoopGuardedStore(demo.catalogue)
        let feed = try demo.catalogue.changeFeed()
        _ = try feed.hasChanged()
        let session = try StudentSession.resolve(catalogue: demo.catalogue, requested: "demo")
        let student = StudentScreenHarness(demo: demo, store: guarded, session: session, changeFeed: LoopGuardedFeed(feed))
        let all = student.state.listingCount
        #expect(student.state.loaded && all > 100)
        #expect(student.state.detail?.opportunity.id == student.state.listings.selectedID)
        #expect(!student.state.myApplications.isEmpty && !student.state.timeline.isEmpty)

        // Past the first page of 100 and back: pages read in the background.
        for _ in 0..<12 { student.press(.pageDown) }
        #expect(student.state.listings.state.selected > 100)
        #expect(student.state.detail?.opportunity.id == student.state.listings.selectedID)
        student.press(.end, .home)
        #expect(student.state.listings.state.selected == 0)

        // Search as you type, then clear it.
        student.press(.character("/"))
        student.type("pyt")
        #expect(student.state.pages.query.words == "pyt" && student.state.listingCount < all)
        student.press(.escape)
        #expect(student.state.listingCount == all)

        // Opening the detail and back.
        student.press(.enter)
        #expect(student.state.panes.focus == .detail)
        student.press(.escape)

        // Filters, sort and the views.
        student.press(.character("f"))
        #expect(student.text.contains("Filters"))
        student.press(.escape)
        student.press(.character(":"))
        student.type("sort pay")
        student.press(.enter)
        #expect(student.state.query.sort == .pay)
        student.press(.character("x"))
        student.press(.character("v"))
        #expect(student.state.view == .forYou)
        student.press(.character("v"), .character("v"))
        #expect(student.state.view == .all)

        // Save and unsave the listing on screen.
        let listing = try #require(student.state.detail?.opportunity.id)
        student.press(.character("s"))
        #expect(student.state.saved.contains(listing) && student.state.detail?.isSaved == true)
        #expect(try demo.catalogue.isSaved(listing, by: "demo"))
        student.press(.character("s"))
        #expect(!student.state.saved.contains(listing))
        #expect(try !demo.catalogue.isSaved(listing, by: "demo"))

        // Apply from the detail: the form is sent and the application shows.
        let target = try Self.selectAListingOpenToApply(student)
        student.press(.character("a"))
        student.type("I ran our club's newsletter for two years.")
        student.press(.control("s"))
        #expect(student.text.contains("application sent"))
        let filed = try #require(student.state.myApplications.first { $0.opportunity.id == target })
        #expect(filed.application.status == .submitted)

        // Withdraw it, then reopen it, from My applications.
        student.press(.tab, .tab, .home)
        let index = try #require(student.state.myApplications.firstIndex { $0.id == filed.id })
        for _ in 0..<index { student.press(.character("j")) }
        #expect(student.state.applications.selectedID == filed.id)
        student.press(.character("w"), .character("y"))
        #expect(student.text.contains("application withdrawn"))
        #expect(student.state.myApplications.first { $0.id == filed.id }?.application.status == .withdrawn)
        student.press(.character("a"), .character("y"))
        #expect(student.text.contains("application reopened"))
        #expect(student.state.myApplications.first { $0.id == filed.id }?.application.status == .submitted)
        #expect(student.state.timeline.compactMap(\.status).suffix(2) == [.withdrawn, .submitted])
        student.press(.escape)

        // The profile, edited.
        student.press(.character("p"))
        #expect(student.text.contains("Profile and portfolio"))
        student.press(.character("e"))
        student.press(.tab, .tab)
        student.press(.backspace, .backspace)
        student.type("20")
        student.press(.enter)
        #expect(student.text.contains("profile saved"))
        #expect(try demo.catalogue.student(username: "demo")?.hoursPerWeek == 20)
        student.press(.escape)

        // A saved search: saved, listed, opened, deleted.
        student.press(.character("/"))
        student.type("design")
        student.press(.enter)
        student.press(.character("S"))
        student.press(.enter)
        #expect(student.text.contains("saved search “design"))
        student.press(.escape)
        student.press(.character("o"))
        #expect(student.text.contains("Saved searches (1)"))
        student.press(.enter)
        #expect(student.state.pages.query.words == "design")
        student.press(.character("o"), .character("d"), .character("y"))
        #expect(student.text.contains("deleted saved search"))
        #expect(student.state.savedSearches.isEmpty)
        student.press(.escape)

        // The updates overlay.
        student.press(.character("u"))
        #expect(student.text.contains("Updates ("))
        student.press(.escape)

        // Another connection commits: the screen reads again in the background.
        student.press(.tab)
        let submitted = try #require(student.state.myApplications.first { $0.id == filed.id }?.application)
        let staff = try Catalogue(path: demo.catalogue.path)
        try staff.move(filed.id, to: .underReview, by: Actor(role: .staff, username: "rpatel"), expectedVersion: submitted.version)
        student.advance(milliseconds: 500)
        #expect(student.state.myApplications.first { $0.id == filed.id }?.application.status == .underReview)

        // The guard records any call made on the loop as an issue of this test; it was called.
        #expect(guarded.callCount > 50)
    }

    /// Holds the catalogue's write lock from another connection: an import, stopped while it
    /// writes, until released.
    final class LockHolder: @unchecked Sendable {
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        private var holding = false

        init(path: String) throws {
            let catalogue = try Catalogue(path: path, opening: .existing)
            let deadline = CalendarDay(DemoCatalogue.seededAt).adding(days: 30)
            let csv = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind\n"
                + (0..<10).map { "lock-holder-\($0),Lock holder \($0),Acme,design,10,5,\(deadline),unpaid,remote\n" }.joined()
            let thread = Thread { [self] in
                _ = try? catalogue.importFile(Data(csv.utf8), format: .csv) { progress in
                    // Inside the import's transaction: some rows written, not all.
                    guard progress.phase == .writing, progress.done > 0, progress.done < progress.total, !self.holding else { return }
                    self.holding = true
                    self.held.signal()
                    self.release.wait()
                }
                finished.signal()
            }
            thread.start()
        }
    }

    /// One turn of the loop without waiting for its tasks (a write waiting on the lock would
    /// hold `runUntilIdle` up): time passes, timers tick, and the frame is drawn.
    static func turn(_ student: StudentScreenHarness, milliseconds: Int = 0) {
        student.clock.milliseconds += milliseconds
        student.loop.step(waitMilliseconds: 0)
        student.loop.step(waitMilliseconds: 0)
    }

    @Test func aWriteWaitingOnAHeldLockSaysSoAndEscCancelsItHavingSavedNothing() throws {
        let demo = try DemoCatalogue()
        let student = try StudentScreenHarness(demo: demo)
        let listing = try #require(student.state.detail?.opportunity.id)
        let wasSaved = try demo.catalogue.isSaved(listing, by: "demo")
        let holder = try LockHolder(path: demo.catalogue.path)
        try #require(holder.held.wait(timeout: .now() + 10) == .success, "the other connection took the write lock")

        // Saving the listing waits on the lock: after a moment the status bar says it is saving,
        // later that it waits for another process.
        student.backend.queue(.character("s"))
        Self.turn(student)
        #expect(student.state.writing == .init(write: .setSaved(listing, !wasSaved)))
        Self.turn(student, milliseconds: PendingWrite.tickMilliseconds)
        #expect(student.text.contains("saving…"))
        for _ in 0..<5 { Self.turn(student, milliseconds: PendingWrite.tickMilliseconds) }
        #expect(student.text.contains("waiting for another process to finish writing"), "\(student.text)")
        // Esc cancels it: nothing was saved, and the screen says so.
        student.backend.queue(.escape)
        Self.turn(student)
        student.loop.runUntilIdle()
        #expect(student.state.writing == nil)
        #expect(student.text.contains("cancelled; nothing was saved"))
        #expect(try demo.catalogue.isSaved(listing, by: "demo") == wasSaved)
        #expect(student.state.detail?.isSaved == wasSaved)

        // A form's write: the form stays open with what was typed.
        let target = try Self.selectAListingOpenToApply(student)
        student.press(.character("a"))
        student.type("Typed while the catalogue was locked.")
        student.backend.queue(.control("s"))
        Self.turn(student)
        for _ in 0..<6 { Self.turn(student, milliseconds: PendingWrite.tickMilliseconds) }
        #expect(student.text.contains("waiting for another process to finish writing"))
        student.backend.queue(.escape)
        Self.turn(student)
        student.loop.runUntilIdle()
        #expect(student.text.contains("cancelled; nothing was saved"))
        guard case .form(let modal)? = student.state.modals.top else {
            Issue.record("the apply form closed")
            holder.release.signal()
            return
        }
        #expect(modal.form.field("Cover note").text == "Typed while the catalogue was locked.")
        #expect(try demo.catalogue.application(ofStudent: "demo", to: target) == nil)

        // The lock let go: the same form is sent.
        holder.release.signal()
        #expect(holder.finished.wait(timeout: .now() + 10) == .success)
        student.press(.control("s"))
        #expect(student.text.contains("application sent"))
        #expect(try demo.catalogue.application(ofStudent: "demo", to: target)?.status == .submitted)
    }

    /// Moves down to the first listing the student has not applied to and that takes applications.
    static func selectAListingOpenToApply(_ student: StudentScreenHarness) throws -> Int64 {
        var guardRail = 0
        while student.state.detail?.myApplication != nil || student.state.detail?.isAcceptingApplications != true {
            student.press(.character("j"))
            guardRail += 1
            try #require(guardRail < 50)
        }
        return try #require(student.state.detail?.opportunity.id)
    }

}
