import Foundation
import TernStore
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
        let targets = state.applicationTargets
        // Marks the limit hides are never moved: the question says they stay as they are.
        let hidden = state.marks.hiddenNote.map { " \($0.capitalizedFirst), stay as they are." } ?? ""
        if move == .reject {
            state.modals.open(.form(FormModal(TriageForms.reject(count: targets.count, hidden: state.marks.hiddenNote), purpose: .reject(targets: targets))))
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
        try send(move, on: targets, reason: nil, note: nil, fromForm: false)
    }

    /// The move as a write; its result (``Written/moved(_:_:targets:)``) or refusal comes back
    /// to ``TriageScreen/took(_:)``.
    private func send(_ move: StaffMove, on targets: [TriageRow], reason: RejectionReason?, note: MoveNote?, fromForm: Bool) throws -> [Effect<TriageOutcome>] {
        // Refused here, before anything is sent, when the move is not legal.
        if let refusal = TriageWork.refusal(move, on: targets) { throw refusal }
        let session = session, moment = now()
        return screen.write(.move(move, targets: targets, fromForm: fromForm), lookAgain: { store, error in
            guard fromForm, case .changedSinceOpened? = error else { return nil }
            // The applications as they are now, so sending again decides on what is there now.
            var current: [TriageRow] = []
            for var row in targets {
                guard let application = try? await store.application(row.id, as: session.actor) else { return nil }
                (row.version, row.status) = (application.version, application.status)
                current.append(row)
            }
            return .reject(targets: current)
        }) { store in
            .moved(move, try await TriageWork.move(move, on: targets, reason: reason, note: note, session: session, now: moment, in: store),
                   targets: targets.map(\.id))
        }
    }

    // MARK: - Forms

    func submitReject(_ draft: RejectDraft, targets: [TriageRow]) throws -> [Effect<TriageOutcome>] {
        try send(.reject, on: targets, reason: try draft.reason.rejection(), note: draft.note.moveNote, fromForm: true)
    }

    func submitNote(_ draft: NoteDraft, id: Int64) -> [Effect<TriageOutcome>] {
        let visibility = draft.visibility, text = draft.text
        let session = session, moment = now(), opened = state.file?.row.id == id ? state.file : nil
        return screen.write(.note(applicationID: id)) { store in
            try await TriageWork.addNote(text, to: id, visibility: visibility, session: session, now: moment, in: store)
            // The opened application shows the note in its history.
            guard let opened else { return .noted(visibility, file: nil) }
            return .noted(visibility, file: try await TriageWork.file(opened.row, heldBy: opened.heldBy, session: session, in: store))
        }
    }

    func submitDecision(_ draft: DecisionDraft, row: TriageRow) throws -> [Effect<TriageOutcome>] {
        let (move, reason) = try draft.decided()
        let session = session, moment = now()
        return screen.write(.organizationDecision(row, move)) { store in
            _ = try await store.recordForOrganization(row.id, to: move.target, expectedVersion: row.version, session: session, reason: reason, now: moment)
            return .recordedForOrganization(row, move)
        }
    }

    func submitFeedback(_ draft: FeedbackDraft<Int>, id: Int64) -> [Effect<TriageOutcome>] {
        let rating = draft.rating, (strengths, improvements, comment) = draft.sent, session = session, moment = now()
        return screen.write(.organizationFeedback) { store in
            _ = try await store.recordOrganizationFeedback(id, rating: rating, strengths: strengths, improvements: improvements, comment: comment,
                                                           skills: [], session: session, now: moment)
            return .feedbackRecorded
        }
    }
}

extension String {
    /// "shortlist" → "Shortlist".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
