import Foundation
import Testing
import TernCatalogue
import TernViewModels
import TernText
@testable import TernTerminal

/// The staff console's fixes from issue 18 (points 11–19), each driven through the real loop
/// over the demo catalogue and pinned by whole frames (Snapshots/triage-*.txt) where a frame
/// says it best. Set TERN_RECORD_SNAPSHOTS=1 to write missing ones (then review the diff).
@Suite(.serialized) struct TriageScreenFixTests {
    static let rosa = TriageScreenTests.rosa

    /// The queue pane's lines alone (the detail beside it shows history, which a move adds to).
    static func queuePane(_ console: TriageScreenHarness) -> String {
        let area = console.state.panes.area(of: .queue)
        return console.text.split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst(area.y).prefix(area.height)
            .map { String(Array($0).dropFirst(area.x).prefix(area.width)) }.joined(separator: "\n")
    }

    /// The open form's error, as the catalogue or the form said it.
    static func formError(_ console: TriageScreenHarness) -> String? {
        guard case .form(let modal)? = console.state.modals.top else { return nil }
        return modal.form.error
    }

    // MARK: 11. Undo keeps how long each application has waited

    @Test func undoingABulkRejectPutsTheRowsBackWithTheDaysTheyHadWaited() throws {
        let console = try TriageScreenHarness()
        console.limit("status:under_review")
        console.press(.character("g"))
        let before = Self.queuePane(console)
        let oldest = console.state.queue.visibleRows.prefix(3).map(\.waitingDays)
        #expect(oldest.allSatisfy { $0 > 0 })
        console.press(.character(" "), .character(" "), .character(" "), .character("x"), .right, .control("s"))
        #expect(console.text.contains("reject: 3 applications now rejected"))
        console.press(.character("u"), .character("g"))
        // The same rows, in the same places, each with the days it had waited (not "0 d").
        #expect(console.state.queue.visibleRows.prefix(3).map(\.waitingDays) == oldest)
        #expect(Self.queuePane(console) == before)
        try Snapshot.expect(console.text, named: "triage-undo-keeps-waiting")
    }

    // MARK: 12. Marks the limit hides are not acted on

    @Test func aMoveTakesOnlyTheMarkedRowsTheLimitShowsAndSaysHowManyItHides() throws {
        let console = try TriageScreenHarness()
        console.limit("status:under_review")
        let three = Array(console.state.queue.visibleRows.prefix(3))
        console.press(.character(" "), .character(" "), .character(" "))
        #expect(console.text.contains("3 marked"))
        // A narrower limit shows only the first of the three.
        console.limit("status:under_review student:\(three[0].studentUsername) opportunity:\(three[0].opportunityRef)")
        #expect(console.state.queueCount == 1)
        #expect(console.text.contains("1 marked · 2 more marked, hidden by the limit"))
        console.press(.character("s"))
        #expect(console.text.contains("Shortlist 1 application?"))
        try Snapshot.expect(console.text, named: "triage-marks-hidden-by-the-limit")
        console.press(.character("y"))
        #expect(console.text.contains("shortlist: 1 application now shortlisted"))
        #expect(console.text.contains("2 marked, hidden by the limit, still marked"))
        #expect(try console.demo.catalogue.application(three[0].id, as: Self.rosa.actor).status == .shortlisted)
        for row in three.dropFirst() {
            #expect(try console.demo.catalogue.application(row.id, as: Self.rosa.actor).status == .underReview)
        }
        // With every mark hidden, a move takes nothing and says why.
        console.limit("status:shortlisted")
        console.press(.character("o"))
        #expect(console.text.contains("nothing to offer: 2 marked, hidden by the limit"))
        // Back in view, they are acted on as usual.
        console.limit("status:under_review")
        #expect(console.text.contains("2 marked"))
        #expect(console.state.marks.hiddenCount == 0)
    }

    // MARK: 13. A flagged listing waits for a reviewer even from a trusted organization

    @Test func aTrustedOrganizationsFlaggedListingWaitsForReviewAndItsOtherListingGoesLive() throws {
        let console = try TriageScreenHarness()
        let organization = try #require(try console.demo.catalogue.postings(approval: .approved)
            .first { $0.organizationApproval == .approved && !$0.organizationTrusted }?.organization)
        try console.demo.catalogue.trustOrganization(organization, by: Self.rosa.actor)
        let header = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,compensation_amount,currency,location_kind"
        let file = console.demo.directory.appendingPathComponent("trusted.csv")
        try Data("""
            \(header)
            cheap-1,Cheap data entry,\(organization),data_entry,10,7,2027-04-01,hourly,3,USD,remote
            fair-1,Fair data entry,\(organization),data_entry,10,7,2027-04-01,hourly,30,USD,remote

            """.utf8).write(to: file)
        console.press(.character("2"), .character(":"))
        console.type("import \(file.path)")
        console.press(.enter)
        #expect(console.state.toasts.current?.text.hasPrefix("imported trusted.csv: 2 new") == true, "\(console.text)")
        let cheap = try #require(try console.demo.catalogue.opportunity(ref: "cheap-1")?.id)
        let fair = try #require(try console.demo.catalogue.opportunity(ref: "fair-1")?.id)
        #expect(try console.demo.catalogue.approval(ofListing: cheap) == .pending)
        #expect(try console.demo.catalogue.approval(ofListing: fair) == .approved)
        let waiting = try console.demo.catalogue.postings(approval: .pending)
        #expect(waiting.contains { $0.ref == "cheap-1" } && !waiting.contains { $0.ref == "fair-1" })
        // The reviewer sees it with its flag, and the organization's trust beside it.
        console.press(.character("g"))
        for _ in 0..<console.state.postings.state.count where console.state.postings.selectedRow?.ref != "cheap-1" { console.press(.character("j")) }
        #expect(console.text.contains("below the floor"))
        try Snapshot.expect(console.text, named: "triage-trusted-but-flagged")
    }

    // MARK: 14. Declining an approved listing settles its applications

    @Test func decliningAnApprovedListingExpiresWhatWaitsAndQueuesWorkUnderWayForStaff() throws {
        let console = try TriageScreenHarness()
        let catalogue = console.demo.catalogue
        let every = try catalogue.triageQueue(TriageFilter(statuses: ApplicationStatus.allCases), limit: 1_000, now: DemoCatalogue.seededAt).rows
        let waiting: Set<ApplicationStatus> = [.submitted, .underReview, .shortlisted, .offered]
        let underWay: Set<ApplicationStatus> = [.accepted, .inProgress, .delivered]
        let (ref, rows) = try #require(Dictionary(grouping: every, by: \.opportunityRef)
            .filter { $0.value.contains { waiting.contains($0.status) } && $0.value.contains { underWay.contains($0.status) } }
            .min { $0.key < $1.key })
        console.press(.character("2"), .character("t"), .character("t"), .character("g"))
        for _ in 0..<console.state.postings.state.count where console.state.postings.selectedRow?.ref != ref { console.press(.character("j")) }
        try #require(console.state.postings.selectedRow?.ref == ref)
        console.press(.character("x"), .right, .control("s"))   // upfront cost to the student
        let expired = rows.filter { waiting.contains($0.status) }, working = rows.filter { underWay.contains($0.status) }
        #expect(console.state.toasts.current?.text.hasPrefix("declined (upfront cost to the student); students no longer see it; \(expired.count) waiting application") == true)
        #expect(console.state.toasts.current?.text.contains("\(working.count) with work under way") == true)
        for row in expired {
            let application = try catalogue.application(row.id, as: Self.rosa.actor)
            #expect(application.status == .expired && application.statusReason == "listing taken down: upfront cost to the student")
            // The student reads why.
            let seen = try catalogue.events(of: row.id, as: Actor(role: .student, username: row.studentUsername))
            #expect(seen.last?.note == "listing taken down: upfront cost to the student" && seen.last?.toStatus == .expired)
        }
        for row in working { #expect(try catalogue.application(row.id, as: Self.rosa.actor).status == row.status) }
        // On the student's own screen: My applications shows the reason with the expiry.
        let student = try StudentScreenHarness(user: try #require(expired.first).studentUsername, demo: console.demo)
        student.press(.tab, .tab)
        var shown = false
        for _ in 0..<student.state.applications.state.count where !shown {
            shown = student.text.contains("listing taken down: upfront")
            student.press(.character("j"))
        }
        #expect(shown)
        // Work under way waits in its own staff queue: on the counts line, and a view in V.
        console.press(.character("1"))
        #expect(console.text.contains("\(working.count) taken down, work under way (is:taken-down)"))
        console.press(.character("V"))
        #expect(console.text.contains("listing taken down with work under way"))
        console.press(.character("G"), .enter)
        #expect(console.state.pattern == "is:taken-down")
        #expect(Set(console.state.queue.visibleRows.map(\.id)) == Set(working.map(\.id)))
        try Snapshot.expect(console.text, named: "triage-taken-down-work-under-way")
    }

    // MARK: 15. The report scrolls to its end at every size, its charts whole

    @Test(arguments: [(120, 40), (80, 24), (60, 16), (140, 44)])
    func theReportScrollsToItsLastLineAndItsChartsShowEveryOrganization(width: Int, height: Int) throws {
        let console = try TriageScreenHarness(size: Size(width: width, height: height))
        console.press(.character("4"))
        let report = try #require(console.state.report)
        #expect(report.placementByOrganization.count > 12)
        // What the pane should end with: the report's own last line at the pane's width.
        let text = TriageLayout.report(console.state.panes.area(of: .queue).inset(by: 1))
        let lines = TextView.layout(ReportContent.blocks(report, status: nil, ascii: false), width: text.width - 1)
        let last = try #require(lines.last).map(\.text).joined().trimmingCharacters(in: .whitespaces)
        // Every line comes by, scrolling with j; G then End land on the end.
        var seen = Set<String>()
        for _ in 0..<(lines.count + 2) {
            seen.formUnion(console.text.split(separator: "\n").map { String($0) })
            console.press(.character("j"))
        }
        let frame = console.text
        #expect(frame.contains(last), "\(width)x\(height): the last line never shows")
        for rate in report.placementByOrganization {
            let label = TextLayout.truncate(Sanitizer.line(rate.group), to: min(26, text.width - 10))
            #expect(seen.contains { $0.contains(label) }, "\(width)x\(height): \(rate.group) never shows")
        }
        console.press(.character("g"))
        #expect(!console.text.contains(last) || lines.count <= text.height)
        console.press(.character("G"))
        #expect(console.text == frame)
        console.press(.character("g"), .end)
        #expect(console.text == frame)
        if width == 120 { try Snapshot.expect(frame, named: "triage-report-end-120x40") }
        if width == 80 { try Snapshot.expect(frame, named: "triage-report-end-80x24") }
    }

    // MARK: 16. Claims: who is looking shows at 120x40; leaving lets go

    @Test func whoIsLookingShowsAt120x40AndLeavingTheApplicationOrTheConsoleLetsGo() throws {
        let rosa = try TriageScreenHarness(size: Size(width: 120, height: 40))
        let row = try #require(rosa.state.queue.selectedRow)
        rosa.press(.enter)
        #expect(try rosa.demo.catalogue.claim(on: row.id, now: DemoCatalogue.seededAt)?.staffName == "Rosa Patel")
        let sam = try TriageScreenHarness(demo: rosa.demo, session: TriageScreenTests.sam, size: Size(width: 120, height: 40))
        #expect(sam.text.contains("Looked at by"))
        #expect(sam.text.contains("Rosa Patel"))
        try Snapshot.expect(sam.text, named: "triage-looked-at-by-120x40")
        // Esc from the application lets go at once, not five minutes later.
        rosa.press(.escape)
        #expect(try rosa.demo.catalogue.claim(on: row.id, now: DemoCatalogue.seededAt) == nil)
        #expect(!rosa.text.contains("Application (opened)"))
        // So does quitting from inside it, q or ctrl-c.
        rosa.press(.enter)
        #expect(try rosa.demo.catalogue.claim(on: row.id, now: DemoCatalogue.seededAt) != nil)
        rosa.press(.control("c"))
        #expect(rosa.loop.ending != nil)
        #expect(try rosa.demo.catalogue.claim(on: row.id, now: DemoCatalogue.seededAt) == nil)
    }

    // MARK: 17. Typed text is kept

    @Test func aRejectNoteStaysInTheFormWhenTheVersionCheckRefusesTheMove() throws {
        let console = try TriageScreenHarness()
        console.limit("status:submitted")
        let row = try #require(console.state.queue.selectedRow)
        console.press(.character("x"), .right, .tab, .tab)
        console.type("Lovely portfolio; please apply again next term")
        // Sam reviews it meanwhile.
        _ = try console.demo.catalogue.bulkMove([ApplicationVersion(id: row.id, version: row.version)], to: .underReview, session: TriageScreenTests.sam)
        console.press(.control("s"))
        #expect(console.state.modals.isOpen)
        #expect(Self.formError(console)?.contains("changed by someone else since you opened it: it is now under review") == true)
        #expect(console.text.contains("reject as it is now)"), "the error shows whole")
        #expect(console.text.contains("Lovely portfolio; please apply again next term"))
        try Snapshot.expect(console.text, named: "triage-reject-refused-keeps-note")
        // Sending again rejects it as it is now, with the note.
        console.press(.control("s"))
        #expect(!console.state.modals.isOpen)
        let application = try console.demo.catalogue.application(row.id, as: Self.rosa.actor)
        #expect(application.status == .rejected)
        #expect(try console.demo.catalogue.events(of: row.id, as: Self.rosa.actor).contains { $0.note == "Lovely portfolio; please apply again next term" })
    }

    @Test func textInOtherReasonUnderAnotherReasonIsKeptAndTheFormSaysSo() throws {
        let console = try TriageScreenHarness()
        console.limit("status:submitted")
        let row = try #require(console.state.queue.selectedRow)
        console.press(.character("x"), .tab)
        console.type("no portfolio link")
        console.press(.backTab, .right)           // then chooses "position filled"
        console.press(.control("s"))
        #expect(console.state.modals.isOpen)
        #expect(console.text.contains("no portfolio link"))
        #expect(Self.formError(console)?.hasPrefix("“Other reason” holds text but the reason is position filled") == true)
        #expect(console.text.contains("send it, or clear it"), "the error shows whole")
        #expect(try console.demo.catalogue.application(row.id, as: Self.rosa.actor).status == .submitted)
        try Snapshot.expect(console.text, named: "triage-other-reason-kept")
    }

    // MARK: 18. The key bar follows focus

    static func keyBar(_ console: TriageScreenHarness) -> String {
        console.text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }

    @Test func afterEnterTheBarShowsTheDetailsKeysAndQGoesBackBeforeItQuits() throws {
        let console = try TriageScreenHarness(size: Size(width: 120, height: 40))
        #expect(Self.keyBar(console).contains("l limit") && Self.keyBar(console).contains("q quit"))
        console.press(.enter)
        #expect(console.state.panes.focus == .detail)
        let bar = Self.keyBar(console)
        #expect(bar.contains("j/down/k/up scroll") && bar.contains("esc/q back to the list"), "\(bar)")
        #expect(!bar.contains("limit") && !bar.contains("q quit") && !bar.contains("mark"), "\(bar)")
        try Snapshot.expect(console.text, named: "triage-detail-focused-bar")
        console.press(.character("q"))
        #expect(console.loop.ending == nil && console.state.panes.focus == .queue)
        #expect(Self.keyBar(console).contains("q quit"))
        console.press(.character("q"))
        #expect(console.loop.ending != nil)
    }

    // MARK: 19. Smaller

    @Test func theBarOffersOnlyWhatWorksOnTheShownPostings() throws {
        let console = try TriageScreenHarness()
        console.press(.character("2"))
        #expect(Self.keyBar(console).contains("a approve"))
        let posting = try #require(console.state.postings.selectedRow)
        try console.demo.catalogue.decline(posting.ref, reason: .location, by: Self.rosa.actor)
        console.press(.character("t"))
        #expect(console.text.contains("Postings · declined"))
        let declined = Self.keyBar(console)
        #expect(!declined.contains("a approve") && declined.contains("R resubmit"), "\(declined)")
        #expect(!console.text.contains("a approve") && console.text.contains("R resubmits it for review"))
        console.press(.character("t"))
        let approved = Self.keyBar(console)
        #expect(!approved.contains("a approve") && approved.contains("x decline"), "\(approved)")
    }

    @Test func theLimitLinesCtrlUIsInHelp() throws {
        let console = try TriageScreenHarness()
        console.press(.character("?"))
        var help = console.text
        for _ in 0..<12 {
            console.press(.pageDown)
            help += console.text
        }
        #expect(help.contains("ctrl-u") && help.contains("clear to the line's start"))
        // And it works there: the line is cleared to its start.
        console.press(.escape, .character("l"))
        console.type("status:submitted")
        console.press(.control("u"))
        #expect(console.state.line?.field.text == "")
    }

    @Test func clicksSelectRowsAndQueuesAndTheWheelScrollsWhatIsUnderIt() throws {
        let console = try TriageScreenHarness()
        let inner = console.state.panes.area(of: .queue).inset(by: 1)
        let list = TriageLayout.list(inner)
        func mouse(_ kind: MouseEvent.Kind, _ column: Int, _ row: Int) { console.press(.mouse(MouseEvent(kind: kind, column: column, row: row))) }
        let third = console.state.queue.visibleRows[2]
        mouse(.click, list.x + 10, list.y + 3)               // under the header, the third row
        #expect(console.state.queue.selectedID == third.id)
        #expect(console.text.contains(String(third.opportunityTitle.prefix(20))))
        mouse(.wheelDown, list.x + 10, list.y + 5)
        #expect(console.state.queue.selectedID == console.state.queue.visibleRows[3].id)
        mouse(.wheelUp, list.x + 10, list.y + 5)
        #expect(console.state.queue.selectedID == third.id)
        // A click in the detail focuses it.
        let detail = console.state.panes.area(of: .detail).inset(by: 1)
        mouse(.click, detail.x + 2, detail.y + 2)
        #expect(console.state.panes.focus == .detail)
        // A click on a queue tab switches to it.
        let tab = StaffConsoleView.tabText(.applications, console.state).count + 2
        mouse(.click, inner.x + tab + 1, inner.y)
        #expect(console.state.kind == .postings)
        #expect(console.text.contains("Postings · waiting"))
        // The wheel over the report scrolls it.
        console.press(.character("4"))
        mouse(.wheelDown, list.x + 10, list.y + 5)
        mouse(.wheelDown, list.x + 10, list.y + 5)
        #expect(console.state.detailScroll == 2)
        mouse(.wheelUp, list.x + 10, list.y + 5)
        #expect(console.state.detailScroll == 1)
    }
}
