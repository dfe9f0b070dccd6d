import Foundation
import TernStore
import TernViewModels

/// The Applications queue: a key per transition (legal or not decided by ``StaffMove`` alone,
/// in ``moveRefusal(_:_:)``), marks, the limit and search line, undo, notes and the records
/// staff enter for an organization.
struct ApplicationsController: StaffController {
    unowned let screen: TriageScreen
    static let helpTitle = "Applications"

    var bindings: [StaffBinding] {
        StaffMove.allCases.map { move in
            StaffBinding(.transition(move), bar: { state in
                // In the detail the bar offers what suits the application shown.
                Self.moveRefusal(move, state) == nil
                    && (Bar.list(state) || state.queue.selectedRow.map { move.isLegal(from: $0.status) } == true)
            }, disabledReason: { Self.moveRefusal(move, $0) }) { try ask(move) }
        } + [
            StaffBinding(.mark, bar: Bar.list) { try mark(.mark) },
            StaffBinding(.markRange) { try mark(.markRange) },
            StaffBinding(.markAll) { try mark(.markAll) },
            StaffBinding(.limit, bar: Bar.list) { openLine(.limit) },
            StaffBinding(.search) { openLine(.search) },
            StaffBinding(.open, bar: Bar.list) { try open() },
            StaffBinding(.undo, bar: Bar.list) { try undo() },
            StaffBinding(.note, bar: Bar.detail, disabledReason: Self.emptyQueue) {
                guard let row = state.queue.selectedRow else { return [] }
                state.modals.open(.form(FormModal(TriageForms.note(row), purpose: .note(applicationID: row.id))))
                return []
            },
            StaffBinding(.studentRecord, bar: Bar.detail, disabledReason: Self.emptyQueue) { try openStudentRecord() },
            StaffBinding(.organizationDecision, disabledReason: { state in
                guard let row = state.queue.selectedRow else { return "the queue is empty" }
                return TriageForms.organizationMoves(from: row.status).isEmpty
                    ? "nothing is the organization's to decide: this application is \(row.status.label.lowercased())" : nil
            }) {
                guard let row = state.queue.selectedRow else { return [] }
                let moves = TriageForms.organizationMoves(from: row.status)
                state.modals.open(.form(FormModal(TriageForms.organizationDecision(row, moves: moves),
                                                  purpose: .organizationDecision(row: row, moves: moves))))
                return []
            },
            StaffBinding(.organizationFeedback, disabledReason: Self.emptyQueue) {
                guard let row = state.queue.selectedRow else { return [] }
                state.modals.open(.form(FormModal(TriageForms.organizationFeedback(row), purpose: .organizationFeedback(applicationID: row.id))))
                return []
            },
        ]
    }

    static func emptyQueue(_ state: TriageState) -> String? { state.queue.selectedRow == nil ? "the queue is empty" : nil }

    static var commands: (limit: StaffCommand, sort: StaffCommand, undo: StaffCommand) {
        (Command("limit", aliases: ["l"], argument: .text("PATTERN"),
                 summary: "limit Applications (status:S field:F age>Nd organization:O student:U opportunity:REF words)") { screen, rest in
            _ = try TriageWork.filter(pattern: rest, words: screen.state.searchWords)
            return screen.switchQueue(to: .applications) + screen.applyLimit(pattern: rest, words: screen.state.searchWords)
        },
         Command("sort", argument: .oneOf(["oldest", "newest"]), summary: "order Applications by time waiting") { screen, rest in
            try ApplicationsController(screen: screen).sort(rest)
        },
         Command("undo", summary: "take back this session's last move") { screen, _ in try ApplicationsController(screen: screen).undo() })
    }

    private func sort(_ rest: String) throws -> [Effect<TriageOutcome>] {
        guard let order: TriageOrder = rest == "oldest" ? .oldestFirst : rest == "newest" ? .newestFirst : nil else {
            return state.toasts.show(":sort oldest or :sort newest", isError: true)
        }
        return screen.readQueue(.order, order: order)
    }

    func undo() throws -> [Effect<TriageOutcome>] {
        let session = session, moment = now()
        return screen.write(.undo) { store in .undone(try await TriageWork.undo(session: session, now: moment, in: store)) }
    }

    private func openLine(_ kind: QueueLine.Kind) -> [Effect<TriageOutcome>] {
        state.line = QueueLine(kind: kind, field: TextField(kind == .limit ? state.pattern : state.searchWords, limit: 200))
        return []
    }

    /// Enter: opens the selected application (claiming it for a few minutes, so other staff see
    /// "being looked at by …") with its whole history.
    private func open() throws -> [Effect<TriageOutcome>] {
        guard let row = state.queue.selectedRow else { return state.toasts.show("the queue is empty", isError: true) }
        let session = session, moment = now()
        return screen.write(.open(row)) { store in .opened(try await TriageWork.open(row, session: session, now: moment, in: store)) }
    }

    /// The application opened: shown with its history while it is the one selected.
    func opened(_ file: ApplicationFile) -> [Effect<TriageOutcome>] {
        guard file.row.id == state.queue.selectedID, state.kind == .applications else { return screen.release(file.row.id) }
        state.file = file
        state.detailScroll = 0
        state.panes.focus = .detail
        if let holder = file.heldBy {
            return state.toasts.show("being looked at by \(holder): a move still checks that nothing changed since you opened it", isError: true)
        }
        return []
    }

    private func mark(_ action: StaffAction) throws -> [Effect<TriageOutcome>] {
        switch action {
        case .mark:
            guard let row = state.queue.selectedRow else { return [] }
            state.marks.toggle(row)
            return screen.queueChange(.move(.down))
        case .markRange:
            guard let anchor = state.marks.rangeAnchor else {
                state.marks.rangeAnchor = state.queue.state.selected
                return state.toasts.show("range starts here: move and press \(keys.keyNames(for: .markRange)) again")
            }
            let index = state.queue.state.selected
            let range = min(anchor, index)..<(max(anchor, index) + 1)
            guard range.count <= TriageWork.markAllLimit else {
                throw CatalogueError.refused("a range marks at most \(TriageWork.markAllLimit) rows; narrow the limit (l) instead")
            }
            return readMarks(all: false) { pages, viewer, store in try await TriagePages.rows(in: range, of: pages, viewer: viewer, in: store) }
        default:
            let count = state.pages.count
            return readMarks(all: true) { pages, viewer, store in
                guard let all = try await TriagePages.allRows(upTo: TriageWork.markAllLimit, of: pages, viewer: viewer, in: store) else {
                    throw CatalogueError.refused("the limit shows \(count) applications; narrow it to \(TriageWork.markAllLimit) or fewer to mark them all")
                }
                return all
            }
        }
    }

    /// The rows to mark, read in the background (keys wait for them).
    private func readMarks(all: Bool, _ read: @escaping @Sendable (TriagePages, String, any CatalogueStore) async throws -> [TriageRow]) -> [Effect<TriageOutcome>] {
        state.waiting.insert(.marks)
        let pages = state.pages, viewer = session.username, store = screen.store
        return [.run(.marks) { _ in
            do { return .marked(.success(try await read(pages, viewer, store)), all: all) } catch { return .marked(.failure(Refusal(error)), all: all) }
        }]
    }

    /// The rows of a range, or everything the limit shows, came back: marked.
    func marked(_ rows: [TriageRow], all: Bool) -> [Effect<TriageOutcome>] {
        state.marks.mark(rows)
        if all { return state.toasts.show("marked all \(rows.count) the limit shows") }
        state.marks.rangeAnchor = nil
        return state.toasts.show("marked \(rows.count) in the range; \(state.marks.count) marked")
    }

    private func openStudentRecord() throws -> [Effect<TriageOutcome>] {
        guard let row = state.queue.selectedRow else { return [] }
        let session = session, moment = now()
        return screen.write(.studentRecord) { store in
            .studentRecord(try await TriageWork.studentRecord(row.studentUsername, session: session, now: moment, in: store))
        }
    }
}
