import Foundation
import Testing
@testable import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// The staff console never reads or writes on its loop: every store call goes through a store
/// that fails the test if it is called while an update or a view runs, through everything the
/// console does; a write waiting on the lock says so and gives up on Esc; a long import leaves
/// the keys working.
@Suite(.serialized) struct StaffOffTheLoopTests {
    static let rosa = TriageScreenTests.rosa

    static func console(_ demo: DemoCatalogue, store: any CatalogueStore, feed: (any ChangeFeed)? = nil) -> TriageScreenHarness {
        TriageScreenHarness(demo: demo, screen: TriageScreen(store: store, session: rosa, now: { DemoCatalogue.seededAt }),
                            size: Size(width: 140, height: 44), changeFeed: feed)
    }

    /// `count` listings for `:import`.
    static func listings(_ count: Int, in demo: DemoCatalogue, named name: String) throws -> String {
        var csv = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,compensation_amount,currency,location_kind\n"
        for i in 0..<count { csv += "\(name)-\(i),Imported listing \(i),Org \(i % 50),data_analysis,10,14,2099-06-01,hourly,20,USD,remote\n" }
        let file = demo.directory.appendingPathComponent("\(name).csv").path
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func command(_ console: TriageScreenHarness, _ text: String) {
        console.press(.character(":"))
        console.type(text)
        console.press(.enter)
    }

    @Test func everythingTheConsoleDoesReadsAndWritesOnlyInTheBackground() throws {
        let demo = try DemoCatalogue()
        let guarded = LoopGuardedStore(demo.catalogue)
        let feed = try demo.catalogue.changeFeed()
        _ = try feed.hasChanged()
        let console = Self.console(demo, store: guarded, feed: LoopGuardedFeed(feed))
        #expect(console.state.queueCount > 0 && console.state.queue.selectedRow != nil)
        // Paging: the bottom, the top, a page down.
        console.press(.end)
        #expect(console.state.queue.state.selected == console.state.queueCount - 1)
        console.press(.home, .pageDown)
        // Limit patterns, a bad one refused on the line.
        console.limit("status:under_review")
        #expect(console.state.pattern == "status:under_review")
        #expect(console.state.queue.visibleRows.allSatisfy { $0.status == .underReview })
        // A single move and its undo; a bulk move of two marked and its undo.
        let first = try #require(console.state.queue.selectedRow)
        console.press(.character("s"))
        #expect(console.text.contains("shortlist: 1 application now shortlisted"))
        console.press(.character("u"))
        #expect(console.text.contains("undone: 1 application back"))
        console.press(.character(" "), .character(" "), .character("s"), .character("y"))
        #expect(console.text.contains("shortlist: 2 applications now shortlisted"))
        console.press(.character("u"))
        #expect(try demo.catalogue.application(first.id, as: Self.rosa.actor).status == .underReview)
        // A note; the application opened (claimed) and the student's record.
        console.press(.character("n"))
        console.type("called the student")
        console.press(.control("s"))
        #expect(console.text.contains("note saved"))
        console.press(.enter)
        #expect(console.state.file?.row.id == console.state.queue.selectedID)
        console.press(.escape, .character("p"))
        #expect(console.text.contains("Student record"))
        console.press(.escape)
        // Saved views: saved, listed, applied.
        command(console, "view save under review")
        #expect(console.text.contains("saved view “under review”"))
        console.press(.character("V"))
        #expect(console.text.contains("Views (2)"))
        console.press(.escape)
        // Postings: approved (asked first), then one declined with a reason; a listing edited.
        console.press(.character("2"))
        let posting = try #require(console.state.postings.selectedRow)
        console.press(.character("a"), .character("y"))
        #expect(console.text.contains("approved 1 posting"))
        #expect(!console.state.postings.visibleRows.contains { $0.ref == posting.ref })
        if console.state.postings.selectedRow != nil {
            console.press(.character("x"), .control("s"))
            #expect(console.text.contains("declined ("))
        }
        console.press(.character("t"), .character("t"))
        #expect(console.text.contains("recently approved"))
        console.press(.character("e"), .control("s"))
        #expect(console.text.contains("saved "))
        // Organizations: one approved.
        console.press(.character("3"))
        if let organization = console.state.organizations.selectedRow {
            console.press(.character("a"))
            #expect(console.text.contains("approved \(organization.name)"))
        }
        // The report.
        console.press(.character("4"))
        #expect(console.state.report != nil)
        // A small import.
        let file = try Self.listings(3, in: demo, named: "small")
        command(console, "import \(file)")
        #expect(console.text.contains("imported small.csv: 3 new"))
        // Another process commits: everything is read again.
        console.press(.character("1"))
        let before = console.state.queueCount
        let elsewhere = try Catalogue(path: demo.catalogue.path, opening: .existing)
        let row = try #require(console.state.queue.selectedRow)
        _ = try elsewhere.bulkMove([ApplicationVersion(id: row.id, version: row.version)], to: .rejected, session: TriageScreenTests.sam,
                                   reason: .positionFilled)
        console.advance(milliseconds: 500)
        #expect(console.state.queueCount == before - 1)
        #expect(guarded.callCount > 50)
    }

    @Test func aWriteWaitingOnTheLockSaysSoAndEscCancelsItHavingSavedNothing() throws {
        let demo = try DemoCatalogue()
        let console = Self.console(demo, store: demo.catalogue)
        console.limit("status:under_review")
        let row = try #require(console.state.queue.selectedRow)
        // Another connection holds the write lock until told to let go.
        let other = try Catalogue(path: demo.catalogue.path, opening: .existing)
        let held = DispatchSemaphore(value: 0), letGo = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? other.write { _ in
                held.signal()
                letGo.wait()
            }
        }
        held.wait()
        defer { letGo.signal() }
        console.backend.queue(.character("s"))
        console.loop.step(waitMilliseconds: 0)
        #expect(console.state.writing != nil)
        // A while later the status bar says it waits, and how to give up.
        console.clock.milliseconds += 400
        console.loop.step(waitMilliseconds: 0)
        #expect(console.text.contains("waiting for the catalogue"), "\(console.text)")
        // Keys still work meanwhile: Esc asks the write to give up, and says so until the write
        // itself answers (it could have committed a moment before: then it says saved).
        console.backend.queue(.escape)
        console.loop.step(waitMilliseconds: 0)
        console.loop.step(waitMilliseconds: 0)
        #expect(console.text.contains("cancelling…") || console.text.contains("cancelled; nothing was saved"), "\(console.text)")
        // SQLite stopped waiting at its next try: the task is done at once, nothing changed.
        let started = Date()
        console.loop.runUntilIdle(timeout: 5)
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(console.text.contains("cancelled; nothing was saved"), "\(console.text)")
        #expect(console.state.writing == nil)
        letGo.signal()
        #expect(try demo.catalogue.application(row.id, as: Self.rosa.actor).status == .underReview)
    }

    @Test func keysAreTakenWhileALargeImportRuns() throws {
        let demo = try DemoCatalogue()
        let console = Self.console(demo, store: demo.catalogue)
        let file = try Self.listings(20_000, in: demo, named: "large")
        console.backend.queue(typing: ":import \(file)")
        console.backend.queue(.enter)
        // The loop takes at most 64 keys a turn.
        for _ in 0..<4 where console.state.importing == nil { console.loop.step(waitMilliseconds: 0) }
        #expect(console.state.importing != nil)
        // A key while the import runs is handled now, not after it.
        console.backend.queue(.character("2"))
        console.loop.step(waitMilliseconds: 0)
        #expect(console.state.kind == .postings)
        #expect(console.state.importing != nil)
        console.loop.runUntilIdle(timeout: 120)
        #expect(console.text.contains("imported large.csv: 20000 new"))
    }
}
