import Foundation
import TernCatalogue
import TernViewModels

/// The Applications queue: a key per transition (legal or not decided by ``StaffMove`` alone,
/// in ``moveRefusal(_:_:)``), marks, the limit and search line, undo, notes and the records
/// staff enter for an organization.
struct ApplicationsController: StaffController {
    unowned let screen: TriageScreen

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
            _ = try TriageViewModel.filter(pattern: rest, words: screen.triage.searchWords)
            return try screen.switchQueue(to: .applications) + screen.applyLimit(pattern: rest, words: screen.triage.searchWords)
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
        try triage.setOrder(order)
        try screen.readQueue(reset: true)
        return []
    }

    func undo() throws -> [Effect<TriageOutcome>] {
        let restored = try triage.undo()
        try screen.readQueue(reset: false)
        state.canUndo = false
        return state.toasts.show("undone: \(restored.count) application\(restored.count == 1 ? "" : "s") back where they were")
    }

    private func openLine(_ kind: QueueLine.Kind) -> [Effect<TriageOutcome>] {
        state.line = QueueLine(kind: kind, field: TextField(kind == .limit ? state.pattern : state.searchWords, limit: 200))
        return []
    }

    /// Enter: opens the selected application (claiming it for a few minutes, so other staff see
    /// "being looked at by …") with its whole history.
    private func open() throws -> [Effect<TriageOutcome>] {
        guard let row = state.queue.selectedRow else { return state.toasts.show("the queue is empty", isError: true) }
        state.file = try triage.open(row)
        state.detailScroll = 0
        state.panes.focus = .detail
        if let holder = state.file?.heldBy {
            return state.toasts.show("being looked at by \(holder): a move still checks that nothing changed since you opened it", isError: true)
        }
        return []
    }

    private func mark(_ action: StaffAction) throws -> [Effect<TriageOutcome>] {
        switch action {
        case .mark:
            guard let row = state.queue.selectedRow else { return [] }
            triage.marks.toggle(row)
            try state.queue.move(.down, source: triage.rows)
            try screen.showSelection()
        case .markRange:
            if triage.marks.rangeAnchor == nil {
                triage.marks.rangeAnchor = state.queue.state.selected
                state.marks = triage.marks
                return state.toasts.show("range starts here: move and press \(keys.keyNames(for: .markRange)) again")
            }
            let count = try triage.markRange(to: state.queue.state.selected)
            state.marks = triage.marks
            return state.toasts.show("marked \(count) in the range; \(triage.marks.count) marked")
        default:
            let count = try triage.markAllShown()
            state.marks = triage.marks
            return state.toasts.show("marked all \(count) the limit shows")
        }
        state.marks = triage.marks
        return []
    }

    private func openStudentRecord() throws -> [Effect<TriageOutcome>] {
        guard let row = state.queue.selectedRow else { return [] }
        let record = try triage.studentRecord(row.studentUsername)
        state.modals.open(.text(TextOverlay(title: "Student record · \(record.student.name) (viewing is audited)",
                                            blocks: TriageContent.studentRecordBlocks(record), purpose: .studentRecord)))
        return []
    }
}
