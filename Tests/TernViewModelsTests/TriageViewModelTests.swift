import Foundation
import Testing
import TernCatalogue
@testable import TernViewModels

/// The staff console's Applications queue through its view model, over the demo catalogue.
@Suite struct TriageViewModelTests {
    static let rosa = TriageSession(username: "rpatel", name: "Rosa Patel", id: "rosa-session")
    static let sam = TriageSession(username: "sokafor", name: "Sam Okafor", id: "sam-session")

    func allRows(_ triage: TriageViewModel) throws -> [TriageRow] {
        try triage.rows.rows(in: 0..<triage.rows.count)
    }

    func underReview(_ triage: TriageViewModel, _ count: Int) throws -> [TriageRow] {
        try triage.limit("status:under_review")
        let rows = try allRows(triage)
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

    @Test func eachTransitionKeyMovesTheSelectedApplicationAndTheQueueReadsAgain() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        try triage.limit("status:submitted")
        let before = triage.rows.count
        let row = try #require(try allRows(triage).first)
        let action = try triage.move(.review, on: [row])
        #expect(action.applications.map(\.status) == [.underReview])
        #expect(triage.rows.count == before - 1)
        #expect(try !allRows(triage).contains { $0.id == row.id })
        // An illegal key is refused before anything is written.
        let other = try #require(try allRows(triage).first)
        #expect(throws: CatalogueError.self) { try triage.move(.complete, on: [other]) }
        #expect(try demo.catalogue.application(other.id, as: Self.rosa.actor).status == .submitted)
    }

    // MARK: Bulk moves and marks

    @Test func threeMarkedApplicationsAreShortlistedTogetherAndTheMarksGo() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        let three = try underReview(triage, 3)
        for row in three { triage.marks.toggle(row) }
        #expect(triage.marks.count == 3)
        #expect(triage.targets(selected: nil).map(\.id) == three.map(\.id).sorted())
        let action = try triage.move(.shortlist, on: triage.targets(selected: nil))
        #expect(action.applications.count == 3)
        #expect(triage.marks.isEmpty)
        for row in three { #expect(try demo.catalogue.application(row.id, as: Self.rosa.actor).status == .shortlisted) }
    }

    @Test func aBulkMoveWithOneStaleRowMovesNoneAndSaysWhoChangedWhat() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        let three = try underReview(triage, 3)
        // Another staff member rejects the second one after Rosa's screen read it.
        let other = try TriageViewModel(catalogue: demo.catalogue, session: Self.sam)
        try other.move(.reject, on: [three[1]], reason: .positionFilled)
        #expect {
            try triage.move(.shortlist, on: three)
        } throws: { error in
            guard case CatalogueError.changedSinceOpened(let id, let now) = error else { return false }
            return id == three[1].id && now == .rejected && "\(error)".contains("changed by someone else since you opened it")
        }
        for row in [three[0], three[2]] { #expect(try demo.catalogue.application(row.id, as: Self.rosa.actor).status == .underReview) }
    }

    @Test func aRangeMarksEveryRowBetweenItsEndsAndMarkAllMarksWhatTheLimitShows() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        try triage.limit("status:submitted")
        let rows = try allRows(triage)
        triage.marks.rangeAnchor = 4
        #expect(try triage.markRange(to: 1) == 4)
        #expect(Set(triage.marks.rows.keys) == Set(rows[1...4].map(\.id)))
        #expect(triage.marks.rangeAnchor == nil)
        triage.marks.clear()
        #expect(try triage.markAllShown() == rows.count)
        #expect(triage.marks.count == rows.count)
        #expect(triage.marks.statuses == [.submitted])
    }

    // MARK: Limit patterns

    @Test func aLimitNarrowsTheQueueAndABadOneIsRefusedWithTheQueueUnchanged() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        let everything = triage.rows.count
        #expect(everything > 0)
        try triage.limit("status:delivered")
        let delivered = try allRows(triage)
        #expect(!delivered.isEmpty && delivered.allSatisfy { $0.status == .delivered })
        #expect(triage.rows.count == triage.rows.countsByStatus[.delivered])
        #expect(delivered.count < everything)
        #expect(throws: CatalogueError.self) { try triage.limit("age>soon") }
        #expect(triage.pattern == "status:delivered")
        #expect(triage.rows.count == delivered.count)
        // Oldest first: what has waited longest comes first.
        try triage.limit("")
        let waits = try allRows(triage).map(\.updatedAt)
        #expect(waits == waits.sorted())
        #expect(triage.rows.count == everything)
    }

    @Test func searchWithinTakesWordsOnlyAndNarrowsTheLimit() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        let first = try #require(try allRows(triage).first)
        let word = String(first.studentName.split(separator: " ").last!)
        try triage.search(word)
        let found = try allRows(triage)
        #expect(found.contains { $0.id == first.id })
        #expect(found.allSatisfy { "\($0.studentName) \($0.opportunityTitle) \($0.organization) \($0.studentUsername)".localizedCaseInsensitiveContains(word) })
        #expect(throws: CatalogueError.self) { try triage.search("status:submitted") }
    }

    @Test func theQueueReadsTheSameRowsFromTheBottomAsFromTheTop() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        let count = triage.rows.count
        let fromTop = try allRows(triage)
        try triage.reload()
        // G first: read backwards from the end, then the top by walking forwards.
        let last = try triage.rows.rows(in: (count - 1)..<count)
        #expect(last.map(\.id) == [fromTop.last!.id])
        var fromBottom: [TriageRow] = []
        for index in stride(from: count - 1, through: 0, by: -1) { fromBottom.insert(contentsOf: try triage.rows.rows(in: index..<(index + 1)), at: 0) }
        #expect(fromBottom.map(\.id) == fromTop.map(\.id))
    }

    // MARK: Undo

    @Test func undoPutsTheLastBulkMoveBackAndIsRefusedOnceSomeoneElseChangedARow() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        let two = try underReview(triage, 2)
        try triage.move(.shortlist, on: two)
        let restored = try triage.undo()
        #expect(Set(restored.map(\.id)) == Set(two.map(\.id)))
        #expect(restored.allSatisfy { $0.status == .underReview })
        // History is kept: the move and its undoing are both events.
        let events = try demo.catalogue.events(of: two[0].id, as: Self.rosa.actor)
        #expect(events.filter { $0.toStatus == .shortlisted }.count == 1)
        #expect(events.last?.toStatus == .underReview)

        let again = try underReview(triage, 2)
        try triage.move(.shortlist, on: again)
        let now = try demo.catalogue.application(again[0].id, as: Self.sam.actor)
        _ = try demo.catalogue.bulkMove([ApplicationVersion(id: now.id, version: now.version)], to: .offered, session: Self.sam)
        #expect { try triage.undo() } throws: { "\($0)".contains("cannot undo: application \(again[0].id) was changed since") }
        #expect(try demo.catalogue.application(again[1].id, as: Self.rosa.actor).status == .shortlisted)
    }

    // MARK: Claims, notes, the record

    @Test func openingAnApplicationShowsOtherStaffWhoIsLookingAtIt() throws {
        let demo = try DemoCatalogue_()
        let rosa = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        let row = try #require(try allRows(rosa).first)
        let file = try rosa.open(row)
        #expect(file.heldBy == nil)
        #expect(file.events.first?.toStatus == .submitted)
        let sam = try TriageViewModel(catalogue: demo.catalogue, session: Self.sam)
        #expect(try allRows(sam).first { $0.id == row.id }?.claimedBy == "Rosa Patel")
        // Rosa's own queue does not mark her own claim.
        try rosa.reload()
        #expect(try allRows(rosa).first { $0.id == row.id }?.claimedBy == nil)
        #expect(try sam.open(row).heldBy == "Rosa Patel")
        try rosa.close(row.id)
        try sam.reload()
        #expect(try allRows(sam).first { $0.id == row.id }?.claimedBy == nil)
    }

    @Test func aStaffOnlyNoteIsInTheRecordAndNeverInTheStudentsHistory() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        let row = try #require(try allRows(triage).first)
        try triage.addNote("Called the student; prefers mornings", to: row.id, visibility: .staff)
        #expect(throws: CatalogueError.self) { try triage.addNote("   ", to: row.id, visibility: .staff) }
        let record = try triage.studentRecord(row.studentUsername)
        #expect(record.staffNotes.contains { $0.note == "Called the student; prefers mornings" })
        let student = Actor(role: .student, username: row.studentUsername)
        #expect(try !demo.catalogue.events(of: row.id, as: student).contains { $0.note?.contains("prefers mornings") == true })
        // Opening the record was audited, naming who and whose.
        #expect(try demo.catalogue.auditTrail(student: row.studentUsername, actor: "rpatel").contains { $0.action.contains("record") })
    }

    @Test func aSavedViewIsTheLimitUnderAName() throws {
        let demo = try DemoCatalogue_()
        let triage = try TriageViewModel(catalogue: demo.catalogue, session: Self.rosa)
        #expect(throws: CatalogueError.self) { try triage.saveView("empty") }
        try triage.limit("status:submitted age>3d")
        try triage.saveView("stale")
        // Your own views, then the built-in one (issue 18), which cannot be deleted.
        #expect(try triage.views().map(\.pattern) == ["status:submitted age>3d", "is:taken-down"])
        try triage.deleteView("stale")
        #expect(try triage.views() == [TriageView.takenDownWithWorkUnderWay])
        #expect(throws: CatalogueError.refused("“listing taken down with work under way” is built in; it cannot be deleted")) {
            try triage.deleteView(TriageView.takenDownWithWorkUnderWay.name)
        }
    }
}
