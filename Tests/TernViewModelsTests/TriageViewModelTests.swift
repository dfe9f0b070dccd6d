import Foundation
import Testing
import TernCatalogue
@testable import TernViewModels

/// The console's Applications queue as these tests drive it: the limit, the rows and the marks
/// the console keeps in its state, read and written through ``TriageWork`` and ``TriagePages``.
final class ConsoleQueue {
    let store: any CatalogueStore
    let session: TriageSession
    private(set) var read: TriageWork.Read
    var marks = TriageMarks()
    var pattern: String { read.pattern }
    var count: Int { read.pages.count }
    var countsByStatus: [ApplicationStatus: Int] { read.pages.countsByStatus }

    init(catalogue: Catalogue, session: TriageSession) async throws {
        store = catalogue
        self.session = session
        read = try await TriageWork.read(pattern: "", words: "", order: .oldestFirst, viewer: session.username, at: Date(), in: catalogue)
    }

    private func read(pattern: String, words: String, disclosing: Bool) async throws {
        read = try await TriageWork.read(pattern: pattern, words: words, order: .oldestFirst, viewer: session.username, at: Date(),
                                          marks: Array(marks.rows.keys), disclosingAs: disclosing ? session : nil, in: store)
        marks.hidden = read.hidden
    }

    func limit(_ pattern: String) async throws { try await read(pattern: pattern, words: read.words, disclosing: true) }
    func search(_ words: String) async throws { try await read(pattern: read.pattern, words: words, disclosing: true) }
    func reload() async throws { try await read(pattern: read.pattern, words: read.words, disclosing: false) }

    func rows(in range: Range<Int>) async throws -> [TriageRow] {
        try await TriagePages.rows(in: range, of: read.pages, viewer: session.username, in: store)
    }

    func targets(selected: TriageRow?) -> [TriageRow] { marks.targets(selected: selected) }

    @discardableResult
    func move(_ move: StaffMove, on targets: [TriageRow], reason: RejectionReason? = nil) async throws -> TriageAction {
        let action = try await TriageWork.move(move, on: targets, reason: reason, session: session, now: Date(), in: store)
        marks.unmark(targets.map(\.id))
        try await reload()
        return action
    }

    @discardableResult
    func undo() async throws -> [Application] {
        let restored = try await TriageWork.undo(session: session, now: Date(), in: store)
        try await reload()
        return restored
    }

    /// Marks every row from the `v` anchor to `index` (both ends included) and ends the range.
    func markRange(to index: Int) async throws -> Int {
        guard let anchor = marks.rangeAnchor else { return 0 }
        let chosen = try await rows(in: min(anchor, index)..<(max(anchor, index) + 1))
        marks.mark(chosen)
        marks.rangeAnchor = nil
        return chosen.count
    }

    func markAllShown() async throws -> Int {
        guard let all = try await TriagePages.allRows(upTo: TriageWork.markAllLimit, of: read.pages, viewer: session.username, in: store) else {
            throw CatalogueError.refused("the limit shows more than \(TriageWork.markAllLimit)")
        }
        marks.mark(all)
        return all.count
    }

    func open(_ row: TriageRow) async throws -> ApplicationFile { try await TriageWork.open(row, session: session, now: Date(), in: store) }
    func close(_ id: Int64) async throws { try await TriageWork.close(id, session: session, in: store) }
    func addNote(_ text: String, to id: Int64, visibility: Visibility) async throws {
        try await TriageWork.addNote(text, to: id, visibility: visibility, session: session, now: Date(), in: store)
    }
    func studentRecord(_ username: String) async throws -> StudentRecord {
        try await TriageWork.studentRecord(username, session: session, now: Date(), in: store)
    }
    func views() async throws -> [TriageView] { try await TriageWork.views(session: session, in: store) }
    func saveView(_ name: String) async throws { try await TriageWork.saveView(name, pattern: pattern, session: session, now: Date(), in: store) }
    func deleteView(_ name: String) async throws { try await TriageWork.deleteView(name, session: session, in: store) }
}

/// The staff console's Applications queue through its functions, over the demo catalogue.
@Suite struct TriageViewModelTests {
    static let rosa = TriageSession(username: "rpatel", name: "Rosa Patel", id: "rosa-session")
    static let sam = TriageSession(username: "sokafor", name: "Sam Okafor", id: "sam-session")

    func allRows(_ triage: ConsoleQueue) async throws -> [TriageRow] {
        try await triage.rows(in: 0..<triage.count)
    }

    func underReview(_ triage: ConsoleQueue, _ count: Int) async throws -> [TriageRow] {
        try await triage.limit("status:under_review")
        let rows = try await allRows(triage)
        #expect(rows.count >= count)
        return Array(rows.prefix(count))
    }

    // MARK: Transition keys

    @Test func eachTransitionKeyIsOfferedExactlyWhereTheStateMachineAllowsItForStaff() {
        #expect(StaffMove.available(for: [.submitted]) == [.review, .reject, .withdraw])
        #expect(StaffMove.available(for: [.underReview]) == [.shortlist, .reject, .withdraw])
        #expect(StaffMove.available(for: [.shortlisted]) == [.offer, .reject, .withdraw])
        #expect(StaffMove.available(for: [.offered]) == [.accept, .withdraw, .declineOffer])
        #expect(StaffMove.available(for: [.accepted]) == [.start, .withdraw])
        #expect(StaffMove.available(for: [.inProgress]) == [.deliver, .withdraw])
        #expect(StaffMove.available(for: [.delivered]) == [.sendBack, .complete])
        // Marked rows in two statuses get only what is legal from both.
        #expect(StaffMove.available(for: [.submitted, .underReview]) == [.reject, .withdraw])
        for terminal in ApplicationStatus.allCases where terminal.isTerminal {
            #expect(StaffMove.available(for: [terminal]).isEmpty)
        }
        // Every move leads where the state machine says, and never to expired (the system's).
        for move in StaffMove.allCases {
            for status in ApplicationStatus.allCases where move.isLegal(from: status) {
                #expect(ApplicationStatus.mayMove(from: status, to: move.target, as: .staff))
            }
        }
    }

    @Test func eachTransitionKeyMovesTheSelectedApplicationAndTheQueueReadsAgain() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        try await triage.limit("status:submitted")
        let before = triage.count
        let row = try #require(try await allRows(triage).first)
        let action = try await triage.move(.review, on: [row])
        #expect(action.applications.map(\.status) == [.underReview])
        #expect(triage.count == before - 1)
        await #expect(try !allRows(triage).contains { $0.id == row.id })
        // An illegal key is refused before anything is written.
        let other = try #require(try await allRows(triage).first)
        await #expect(throws: CatalogueError.self) { try await triage.move(.complete, on: [other]) }
        #expect(try demo.catalogue.application(other.id, as: Self.rosa.actor).status == .submitted)
    }

    // MARK: Bulk moves and marks

    @Test func threeMarkedApplicationsAreShortlistedTogetherAndTheMarksGo() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        let three = try await underReview(triage, 3)
        for row in three { triage.marks.toggle(row) }
        #expect(triage.marks.count == 3)
        #expect(triage.targets(selected: nil).map(\.id) == three.map(\.id).sorted())
        let action = try await triage.move(.shortlist, on: triage.targets(selected: nil))
        #expect(action.applications.count == 3)
        #expect(triage.marks.isEmpty)
        for row in three { #expect(try demo.catalogue.application(row.id, as: Self.rosa.actor).status == .shortlisted) }
    }

    @Test func aBulkMoveWithOneStaleRowMovesNoneAndSaysWhoChangedWhat() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        let three = try await underReview(triage, 3)
        // Another staff member rejects the second one after Rosa's screen read it.
        let other = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.sam)
        try await other.move(.reject, on: [three[1]], reason: .positionFilled)
        await #expect {
            try await triage.move(.shortlist, on: three)
        } throws: { error in
            guard case CatalogueError.changedSinceOpened(let id, let now) = error else { return false }
            return id == three[1].id && now == .rejected && "\(error)".contains("changed by someone else since you opened it")
        }
        for row in [three[0], three[2]] { #expect(try demo.catalogue.application(row.id, as: Self.rosa.actor).status == .underReview) }
    }

    @Test func aRangeMarksEveryRowBetweenItsEndsAndMarkAllMarksWhatTheLimitShows() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        try await triage.limit("status:submitted")
        let rows = try await allRows(triage)
        triage.marks.rangeAnchor = 4
        #expect(try await triage.markRange(to: 1) == 4)
        #expect(Set(triage.marks.rows.keys) == Set(rows[1...4].map(\.id)))
        #expect(triage.marks.rangeAnchor == nil)
        triage.marks.clear()
        #expect(try await triage.markAllShown() == rows.count)
        #expect(triage.marks.count == rows.count)
        #expect(triage.marks.statuses == [.submitted])
    }

    // MARK: Limit patterns

    @Test func aLimitNarrowsTheQueueAndABadOneIsRefusedWithTheQueueUnchanged() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        let everything = triage.count
        #expect(everything > 0)
        try await triage.limit("status:delivered")
        let delivered = try await allRows(triage)
        #expect(!delivered.isEmpty && delivered.allSatisfy { $0.status == .delivered })
        #expect(triage.count == triage.countsByStatus[.delivered])
        #expect(delivered.count < everything)
        await #expect(throws: CatalogueError.self) { try await triage.limit("age>soon") }
        #expect(triage.pattern == "status:delivered")
        #expect(triage.count == delivered.count)
        // Oldest first: what has waited longest comes first.
        try await triage.limit("")
        let waits = try await allRows(triage).map(\.updatedAt)
        #expect(waits == waits.sorted())
        #expect(triage.count == everything)
    }

    @Test func searchWithinTakesWordsOnlyAndNarrowsTheLimit() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        let first = try #require(try await allRows(triage).first)
        let word = String(first.studentName.split(separator: " ").last!)
        try await triage.search(word)
        let found = try await allRows(triage)
        #expect(found.contains { $0.id == first.id })
        #expect(found.allSatisfy { "\($0.studentName) \($0.opportunityTitle) \($0.organization) \($0.studentUsername)".localizedCaseInsensitiveContains(word) })
        await #expect(throws: CatalogueError.self) { try await triage.search("status:submitted") }
    }

    @Test func theQueueReadsTheSameRowsFromTheBottomAsFromTheTop() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        let count = triage.count
        let fromTop = try await allRows(triage)
        try await triage.reload()
        // G first: read backwards from the end, then the top by walking forwards.
        let last = try await triage.rows(in: (count - 1)..<count)
        #expect(last.map(\.id) == [fromTop.last!.id])
        var fromBottom: [TriageRow] = []
        for index in stride(from: count - 1, through: 0, by: -1) { fromBottom.insert(contentsOf: try await triage.rows(in: index..<(index + 1)), at: 0) }
        #expect(fromBottom.map(\.id) == fromTop.map(\.id))
    }

    // MARK: Undo

    @Test func undoPutsTheLastBulkMoveBackAndIsRefusedOnceSomeoneElseChangedARow() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        let two = try await underReview(triage, 2)
        try await triage.move(.shortlist, on: two)
        let restored = try await triage.undo()
        #expect(Set(restored.map(\.id)) == Set(two.map(\.id)))
        #expect(restored.allSatisfy { $0.status == .underReview })
        // History is kept: the move and its undoing are both events.
        let events = try demo.catalogue.events(of: two[0].id, as: Self.rosa.actor)
        #expect(events.filter { $0.toStatus == .shortlisted }.count == 1)
        #expect(events.last?.toStatus == .underReview)

        let again = try await underReview(triage, 2)
        try await triage.move(.shortlist, on: again)
        let now = try demo.catalogue.application(again[0].id, as: Self.sam.actor)
        _ = try demo.catalogue.bulkMove([ApplicationVersion(id: now.id, version: now.version)], to: .offered, session: Self.sam)
        await #expect { try await triage.undo() } throws: { "\($0)".contains("cannot undo: application \(again[0].id) was changed since") }
        #expect(try demo.catalogue.application(again[1].id, as: Self.rosa.actor).status == .shortlisted)
    }

    // MARK: Claims, notes, the record

    @Test func openingAnApplicationShowsOtherStaffWhoIsLookingAtIt() async throws {
        let demo = try DemoCatalogue_()
        let rosa = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        let row = try #require(try await allRows(rosa).first)
        let file = try await rosa.open(row)
        #expect(file.heldBy == nil)
        #expect(file.events.first?.toStatus == .submitted)
        let sam = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.sam)
        #expect(try await allRows(sam).first { $0.id == row.id }?.claimedBy == "Rosa Patel")
        // Rosa's own queue does not mark her own claim.
        try await rosa.reload()
        #expect(try await allRows(rosa).first { $0.id == row.id }?.claimedBy == nil)
        #expect(try await sam.open(row).heldBy == "Rosa Patel")
        try await rosa.close(row.id)
        try await sam.reload()
        #expect(try await allRows(sam).first { $0.id == row.id }?.claimedBy == nil)
    }

    @Test func aStaffOnlyNoteIsInTheRecordAndNeverInTheStudentsHistory() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        let row = try #require(try await allRows(triage).first)
        try await triage.addNote("Called the student; prefers mornings", to: row.id, visibility: .staff)
        await #expect(throws: CatalogueError.self) { try await triage.addNote("   ", to: row.id, visibility: .staff) }
        let record = try await triage.studentRecord(row.studentUsername)
        #expect(record.staffNotes.contains { $0.note == "Called the student; prefers mornings" })
        let student = Actor(role: .student, username: row.studentUsername)
        #expect(try !demo.catalogue.events(of: row.id, as: student).contains { $0.note?.contains("prefers mornings") == true })
        // Opening the record was audited, naming who and whose.
        #expect(try demo.catalogue.auditTrail(student: row.studentUsername, actor: "rpatel").contains { $0.action.contains("record") })
    }

    @Test func aSavedViewIsTheLimitUnderAName() async throws {
        let demo = try DemoCatalogue_()
        let triage = try await ConsoleQueue(catalogue: demo.catalogue, session: Self.rosa)
        await #expect(throws: CatalogueError.self) { try await triage.saveView("empty") }
        try await triage.limit("status:submitted age>3d")
        try await triage.saveView("stale")
        // Your own views, then the built-in one (issue 18), which cannot be deleted.
        #expect(try await triage.views().map(\.pattern) == ["status:submitted age>3d", "is:taken-down"])
        try await triage.deleteView("stale")
        #expect(try await triage.views() == [TriageView.takenDownWithWorkUnderWay])
        await #expect(throws: CatalogueError.refused("“listing taken down with work under way” is built in; it cannot be deleted")) {
            try await triage.deleteView(TriageView.takenDownWithWorkUnderWay.name)
        }
    }
}
