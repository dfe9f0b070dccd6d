import Foundation
import TernStore
import TernViewModels

/// Writes are background tasks too: one at a time, said on the status bar once one takes a
/// while, given up with Esc while it still waits (for the write lock, say: SQLite then stops
/// waiting and nothing is saved). Keys typed while the console waits for a write, a limit, a
/// page or a detail are held and handled once it is in, as if it had been instant.
extension TriageScreen {
    /// Starts `work` as the console's write. `lookAgain`: after a refusal, the form's purpose
    /// aimed at the record as it is now (read in the same task).
    func write(_ request: TriageWrite, lookAgain: (@Sendable (any CatalogueStore, CatalogueError?) async -> TriagePurpose?)? = nil,
               _ work: @escaping @Sendable (any CatalogueStore) async throws -> Written) -> [Effect<TriageOutcome>] {
        let store = store
        state.writing = Writing(label: request.label)
        state.waiting.insert(.staffWrite)
        return [.startTimer(.slowWrite, everyMilliseconds: 300), .run(.staffWrite) { _ in
            do {
                return .wrote(try await work(store))
            } catch {
                let refusal = Refusal(error)
                return .refused(refusal, request, again: await lookAgain?(store, refusal.error))
            }
        }]
    }

    func finishWrite() -> [Effect<TriageOutcome>] {
        state.writing = nil
        return [.stopTimer(.slowWrite)]
    }

    /// A key while the console waits: held for later, except quitting (at once), and Esc, which
    /// gives up a write that waits or a limit being applied (and drops the keys held).
    func interceptKey(_ key: Key) throws -> [Effect<TriageOutcome>]? {
        guard !state.waiting.isEmpty else { return nil }
        switch state.keyMap.action(for: key, in: [.global])?.intent {
        case .quitNow?:
            return [.cancel(.staffWrite), .quit]
        case .back? where state.writing != nil:
            // The write is asked to stop; what it says when it comes back is what is told: refused
            // as cancelled (nothing saved), or done if it had already committed.
            state.heldKeys.removeAll()
            state.writing?.cancelling = true
            return [.interrupt(.staffWrite)]
        case .back? where state.isLimiting:
            state.heldKeys.removeAll()
            state.waiting.remove(.limitQueue)
            return [.cancel(.limitQueue)] + state.toasts.show("limit given up; the queue is as it was")
        default:
            state.heldKeys.append(key)
            return []
        }
    }

    /// The keys held while the console waited, in order, on what it now shows; one that starts
    /// another wait holds the rest again.
    func replayHeldKeys() throws -> [Effect<TriageOutcome>] {
        var effects: [Effect<TriageOutcome>] = []
        while state.waiting.isEmpty, !state.heldKeys.isEmpty, state.noLongerStaff == nil {
            effects += try chromeHandle(state.heldKeys.removeFirst())
        }
        return effects
    }

    // MARK: - Done

    /// A write is done: what it changed is read again, and what happened is said.
    func took(_ written: Written) -> [Effect<TriageOutcome>] {
        switch written {
        case .moved(let move, let action, let targets):
            state.modals.closeForm()
            state.marks.unmark(targets)
            state.canUndo = true
            let count = action.applications.count
            let hidden = state.marks.hiddenNote.map { "; \($0), still marked" } ?? ""
            return releaseClaim() + readQueue(.refresh) + state.toasts.show(
                "\(move.label): \(count) application\(count == 1 ? "" : "s") now \(move.target.label.lowercased()) (\(state.keyMap.keyNames(for: .undo)) undoes)\(hidden)")
        case .undone(let restored):
            state.canUndo = false
            return readQueue(.refresh) + state.toasts.show("undone: \(restored.count) application\(restored.count == 1 ? "" : "s") back where they were")
        case .noted(let visibility, let file):
            state.modals.closeForm()
            if let file, state.file?.row.id == file.row.id { state.file = file }
            return state.toasts.show(visibility == .staff ? "note saved (staff only: the student never sees it)" : "note saved and shared with the student")
        case .recordedForOrganization(let row, let move):
            state.modals.closeForm()
            return readQueue(.refresh) + state.toasts.show("\(row.organization): \(move.label) recorded as the organization's decision, entered by you")
        case .feedbackRecorded:
            state.modals.closeForm()
            return state.toasts.show("the organization's feedback is recorded, under your name")
        case .approved(let refs):
            state.postingMarks.subtract(refs)
            return readReview() + state.toasts.show("approved \(refs.count) posting\(refs.count == 1 ? "" : "s"): students see them now")
        case .declined(let reason, let summary):
            state.modals.closeForm()
            return readReview() + readQueue(.refresh) + state.toasts.show("declined (\(reason.label)); students no longer see it" + TakeDownSummary.sentence(summary))
        case .resubmitted:
            state.modals.closeForm()
            return readReview() + state.toasts.show("resubmitted: it waits for review again")
        case .closed(let ref, let summary):
            let expired = summary.applicationsExpired
            return reloadAll() + state.toasts.show("closed \(ref); \(expired) waiting application\(expired == 1 ? "" : "s") expired")
        case .archived(let ref):
            return reloadAll() + state.toasts.show("archived \(ref)")
        case .listingSaved(let isNew, let saved, let approval, let flags):
            state.modals.closeForm()
            // Trust skips the review, never the flags: say why a trusted one still waits.
            let waits = "it waits for review in Postings" + (flags.isEmpty ? "" : " (flagged: \(flags.map(\.description).joined(separator: "; ")))")
            // The new listing is selected, so the next key (e, a, x) acts on it.
            return readQueue(.refresh) + readReview(selecting: saved.ref)
                + state.toasts.show(isNew ? "created \(saved.ref): \(approval == .approved ? "approved on arrival (trusted organization)" : waits)"
                                    : "saved \(saved.ref)")
        case .organizationApproved(let name):
            return readReview() + state.toasts.show("approved \(name); its listings still wait for their own review")
        case .organizationDeclined(let name, let reason):
            state.modals.closeForm()
            return readReview() + state.toasts.show("declined \(name) (\(reason.label))")
        case .trusted(let name):
            return readReview() + state.toasts.show("\(name) is trusted: its later listings are approved on arrival")
        case .viewSaved(let name, let pattern):
            return state.toasts.show("saved view “\(name)”: \(pattern)")
        case .viewDeleted(let name, let views):
            return SavedViewsController(screen: self).deleted(name, views)
        case .expired(let summary, let onDemand):
            guard summary.listingsClosed > 0 || summary.applicationsExpired > 0 else {
                return onDemand ? state.toasts.show("no listing is past its deadline") : []
            }
            return reloadAll() + state.toasts.show("closed \(summary.listingsClosed) listings past their deadline; \(summary.applicationsExpired) applications expired")
        case .opened(let file):
            return ApplicationsController(screen: self).opened(file)
        case .studentRecord(let record):
            state.modals.open(.text(TextOverlay(title: "Student record · \(record.student.name) (viewing is audited)",
                                                blocks: TriageContent.studentRecordBlocks(record), purpose: .studentRecord)))
            return []
        }
    }

    // MARK: - Refused

    /// A write was refused, having changed nothing: a form keeps what was typed and says why
    /// (aimed at the record as it is now after a conflict); anything else says it on the bar.
    func refused(_ refusal: Refusal, _ write: TriageWrite, again: TriagePurpose?) throws -> [Effect<TriageOutcome>] {
        switch (refusal.error, write) {
        case (.noLongerStaff(let login)?, _):
            return dismiss(login)
        case (.cancelled?, _):
            // Read again: the screen shows what is there, which the write did not change.
            return state.toasts.show("cancelled; nothing was saved") + readQueue(.refresh, waiting: false) + readReview(waiting: false)
        case (.changedSinceOpened(let id, let now)?, .move(_, let targets, let fromForm)):
            let changed = "application \(id) was changed by someone else since you opened it: it is now \(now.label.lowercased()); nothing was moved"
            guard fromForm else { return readQueue(.refresh) + state.toasts.show(changed, isError: true) }
            // The note typed is kept: the form stays open, aimed at the applications as they are
            // now, so sending again is a decision on what is there now.
            state.modals.refuseForm(changed + " (send again to reject as it is now)", purpose: again ?? .reject(targets: targets))
            return readQueue(.refresh)
        case (.changedSinceOpened(let id, let now)?, .organizationDecision):
            state.modals.closeForm()
            return readQueue(.refresh) + state.toasts.show(
                "application \(id) was changed by someone else since you opened it: it is now \(now.label.lowercased()); nothing was recorded", isError: true)
        case (.reviewChanged(let conflict)?, .approvePostings):
            return readReview() + state.toasts.show("nothing was approved: \(conflict.description)", isError: true)
        case (.reviewChanged(let conflict)?, .trustOrganization(let name)):
            return readReview() + state.toasts.show("\(name) was not trusted: \(conflict.description)", isError: true)
        case (.reviewChanged(let conflict)?, _) where write.fromForm:
            // Keeps what was typed, shows the record as it is now behind the form, and aims the
            // form at it: sending again is a decision on what is there now.
            if let again {
                state.modals.refuseForm("\(conflict.description) (send again to decide on it as it is now)", purpose: again)
            } else {
                state.modals.refuseForm("\(conflict.description) (send again to decide on it as it is now)")
            }
            return readReview()
        case (_, _) where write.fromForm:
            // The form stays open with what was typed, and says what to fix.
            state.modals.refuseForm(refusal.description)
            return []
        default:
            return state.toasts.show(refusal.description, isError: true)
        }
    }

    /// Lets go of the claim on the opened application, if any (leaving it).
    func releaseClaim() -> [Effect<TriageOutcome>] {
        guard let file = state.file else { return [] }
        state.file = nil
        state.detailScroll = 0
        return release(file.row.id)
    }
}
