import Foundation
import TernCatalogue
import TernViewModels

/// Moves in Applications: whether one may be made is decided here alone, from ``StaffMove``;
/// the key bar offers and the key refuses by the same answer.
extension ApplicationsController {
    /// Why `move` cannot be made on the marked rows (else the selected one), or nil.
    static func moveRefusal(_ move: StaffMove, _ state: TriageState) -> String? {
        let targets = state.applicationTargets
        if targets.isEmpty, let hidden = state.marks.hiddenNote {
            return "nothing to \(move.label): \(hidden); change the limit (\(state.keyMap.keyNames(for: .limit))) to see them, "
                + "or \(state.keyMap.keyNames(for: .back)) to clear them"
        }
        guard !targets.isEmpty else { return "the queue is empty" }
        guard let stuck = targets.first(where: { !move.isLegal(from: $0.status) }) else { return nil }
        let legal = StaffMove.available(for: Set(targets.map(\.status))).map(\.label)
        let offer = legal.isEmpty ? "no move suits all of them" : "you can " + legal.joined(separator: ", ")
        let which = targets.count == 1 ? "this application is" : "application \(stuck.id) is"
        return "cannot \(move.label): \(which) \(stuck.status.label.lowercased()); \(offer)"
    }

    /// A legal transition key: a reject opens the reason form; a move on several rows asks
    /// first, naming the count.
    func ask(_ move: StaffMove) throws -> [Effect<TriageOutcome>] {
        let targets = triage.targets(selected: state.queue.selectedRow)
        // Marks the limit hides are never moved: the question says they stay as they are.
        let hidden = triage.marks.hiddenNote.map { " \($0.capitalizedFirst), stay as they are." } ?? ""
        if move == .reject {
            state.modals.open(.form(FormModal(TriageForms.reject(count: targets.count, hidden: triage.marks.hiddenNote), purpose: .reject(targets: targets))))
            return []
        }
        if targets.count > 1 || !hidden.isEmpty {
            let what = targets.count == 1 ? "1 application" : "\(targets.count) applications"
            state.modals.open(.confirm(Confirmation(title: "\(move.label.capitalizedFirst) \(what)?",
                                                    message: "All of them move together, or none does. \(keys.keyNames(for: .undo)) undoes it.\(hidden)",
                                                    yes: move.label.capitalizedFirst, no: "Cancel", answer: .screen(.move(move, targets: targets)))))
            return []
        }
        return try perform(move, on: targets)
    }

    func perform(_ move: StaffMove, on targets: [TriageRow]) throws -> [Effect<TriageOutcome>] {
        do {
            return try moved(move, try triage.move(move, on: targets, reason: nil, note: nil))
        } catch CatalogueError.changedSinceOpened(let id, let now) {
            // Someone else moved it: show the queue as it is now, and say so.
            try triage.reload()
            try screen.readQueue(reset: false)
            return state.toasts.show("application \(id) was changed by someone else since you opened it: it is now \(now.label.lowercased()); nothing was moved",
                                     isError: true)
        }
    }

    /// After a move: undo offered, the queue read again, and what happened said.
    func moved(_ move: StaffMove, _ action: TriageAction) throws -> [Effect<TriageOutcome>] {
        state.canUndo = true
        screen.releaseClaim()
        try screen.readQueue(reset: false)
        let count = action.applications.count
        let hidden = triage.marks.hiddenNote.map { "; \($0), still marked" } ?? ""
        return state.toasts.show("\(move.label): \(count) application\(count == 1 ? "" : "s") now \(move.target.label.lowercased()) (\(keys.keyNames(for: .undo)) undoes)\(hidden)")
    }

    // MARK: - Forms

    func submitReject(_ form: Form, targets: [TriageRow]) throws -> [Effect<TriageOutcome>] {
        let (reason, note) = try TriageForms.rejection(form)
        let action: TriageAction
        do {
            action = try triage.move(.reject, on: targets, reason: reason, note: note)
        } catch CatalogueError.changedSinceOpened(let id, let now) {
            // The note typed is kept: the form stays open, aimed at the applications as
            // they are now, so sending again is a decision on what is there now.
            try triage.reload()
            try screen.readQueue(reset: false)
            let current = try targets.map { row in
                var row = row
                let application = try catalogue.application(row.id, as: session.actor)
                (row.version, row.status) = (application.version, application.status)
                return row
            }
            state.modals.refuseForm("application \(id) was changed by someone else since you opened it: it is now \(now.label.lowercased()); "
                                    + "nothing was moved (send again to reject as it is now)", purpose: .reject(targets: current))
            return []
        }
        state.modals.closeForm()
        return try moved(.reject, action)
    }

    func submitNote(_ form: Form, id: Int64) throws -> [Effect<TriageOutcome>] {
        let visibility = TriageForms.noteVisibility(form)
        try triage.addNote(form.field("Note").text, to: id, visibility: visibility)
        state.modals.closeForm()
        if let file = state.file, file.row.id == id { state.file = try triage.open(file.row) }
        return state.toasts.show(visibility == .staff ? "note saved (staff only: the student never sees it)" : "note saved and shared with the student")
    }

    func submitDecision(_ form: Form, row: TriageRow, moves: [StaffMove]) throws -> [Effect<TriageOutcome>] {
        let (move, reason) = try TriageForms.decision(form, moves: moves)
        do {
            try catalogue.recordForOrganization(row.id, to: move.target, expectedVersion: row.version, session: session, reason: reason, now: now())
        } catch CatalogueError.changedSinceOpened(let id, let now) {
            state.modals.closeForm()
            try triage.reload()
            try screen.readQueue(reset: false)
            return state.toasts.show("application \(id) was changed by someone else since you opened it: it is now \(now.label.lowercased()); nothing was recorded",
                                     isError: true)
        }
        state.modals.closeForm()
        try triage.reload()
        try screen.readQueue(reset: false)
        return state.toasts.show("\(row.organization): \(move.label) recorded as the organization's decision, entered by you")
    }

    func submitFeedback(_ form: Form, id: Int64) throws -> [Effect<TriageOutcome>] {
        let rating = TriageForms.ratings[min(form.field("Rating").choice, TriageForms.ratings.count - 1)]
        try catalogue.recordOrganizationFeedback(id, rating: rating, strengths: TriageForms.optional(form.field("Strengths").text),
                                                 improvements: TriageForms.optional(form.field("To improve").text),
                                                 comment: TriageForms.optional(form.field("Comment").text), session: session, now: now())
        state.modals.closeForm()
        return state.toasts.show("the organization's feedback is recorded, under your name")
    }
}

extension String {
    /// "shortlist" → "Shortlist".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
