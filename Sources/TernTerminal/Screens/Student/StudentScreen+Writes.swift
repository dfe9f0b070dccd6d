import Foundation
import TernStore
import TernViewModels

/// Writes: one at a time, said on the status bar once it takes a moment, and interrupted by Esc
/// while it waits (its answer says whether it was saved).
extension StudentScreen {
    // MARK: - Writes

    /// Starts a write: one at a time, shown in the status bar once it takes a moment, and
    /// cancelled by Esc while it waits. `work` returns the write as done (it may name what the
    /// store made of it), or nil for `what` itself.
    func write(_ what: StudentWrite, _ work: @escaping @Sendable () async throws -> StudentWrite?) -> [Effect<StudentOutcome>] {
        guard state.writing == nil else { return state.toasts.show(savingMessage, isError: true) }
        state.writing = PendingWrite(write: what)
        return [.run(.studentWrite) { _ in
            do {
                return .wrote(try await work() ?? what, .done)
            } catch CatalogueError.cancelled {
                return .wrote(what, .cancelled)
            } catch let error as CatalogueError {
                if case .versionConflict = error { return .wrote(what, .conflict("\(error)")) }
                return .wrote(what, .refused("\(error)"))
            } catch {
                return .wrote(what, .refused("\(error)"))
            }
        }, .startTimer(.studentWrite, everyMilliseconds: PendingWrite.tickMilliseconds)]
    }

    /// What the status bar says while a write runs.
    var savingMessage: String {
        let cancel = keyName(.cancelForm)
        if state.writing?.cancelling == true { return "cancelling… (saved only if it had already gone through; you will be told which)" }
        guard state.writing?.isWaiting == true else { return "saving… (\(cancel) cancels)" }
        return "still saving: waiting for another process to finish writing to the catalogue — \(cancel) cancels"
    }

    /// The write's timer: after a moment the status bar says it is saving, later that it waits.
    func writeTick() -> [Effect<StudentOutcome>] {
        guard state.writing != nil else { return [.stopTimer(.studentWrite)] }
        state.writing?.ticks += 1
        return state.toasts.show(savingMessage)
    }

    /// Esc while a write waits: its task is asked to stop and the store gives up having changed
    /// nothing, unless the write had already gone through; its answer says which, and only then
    /// does the screen say it. The form it came from stays open with what was typed.
    func cancelWrite() -> [Effect<StudentOutcome>] {
        guard state.writing?.cancelling == false else { return [] }
        state.writing?.cancelling = true
        return [.interrupt(.studentWrite)] + state.toasts.show(savingMessage)
    }

    var formIsOpen: Bool { if case .form? = state.modals.top { true } else { false } }

    func wrote(_ write: StudentWrite, _ end: WriteEnd) -> [Effect<StudentOutcome>] {
        state.writing = nil
        let stop: [Effect<StudentOutcome>] = [.stopTimer(.studentWrite)]
        switch end {
        case .cancelled:
            // Read again: the screen shows what is there, which the write did not change.
            return stop + state.toasts.show("cancelled; nothing was saved") + readRecords(keepScroll: true) + refreshDetail()
        case .conflict(let message) where write == .profile:
            // The profile as it is now, for the next try; what was typed stays.
            state.modals.refuseForm("your profile changed elsewhere meanwhile; press \(keyName(.cancelForm)) and edit it again")
            _ = message
            return stop + state.toasts.cleared() + readProfile(.refresh)
        case .refused(let message), .conflict(let message):
            // A form keeps what was typed and says why; anything else says it in the status bar.
            if formIsOpen, write.comesFromForm {
                state.modals.refuseForm(message)
                return stop + state.toasts.cleared()
            }
            return stop + state.toasts.show(message, isError: true)
        case .done:
            return stop + finish(write)
        }
    }

    func finish(_ write: StudentWrite) -> [Effect<StudentOutcome>] {
        switch write {
        case .apply:
            state.modals.closeForm()
            return afterApplicationChange("application sent — it shows as Submitted in My applications")
        case .move(let action, _):
            let done: String = switch action {
            case .withdraw: "application withdrawn"
            case .declineOffer: "offer declined"
            case .acceptOffer: "offer accepted — the organization will be in touch"
            case .reopen: "application reopened — it is Submitted again"
            case .markDelivered: "marked delivered — the organization will review it"
            case .correctLink: "deliverable link corrected — the organization sees the new one"
            }
            if action == .markDelivered || action == .correctLink { state.modals.closeForm() }
            return afterApplicationChange(done)
        case .rate:
            state.modals.closeForm()
            return readRecords(keepScroll: true) + state.toasts.show("thank you — your rating is saved")
        case .setSaved(let id, let saved):
            if state.detail?.opportunity.id == id { state.detail?.isSaved = saved }
            if saved { state.saved.insert(id) } else { state.saved.remove(id) }
            let effects = state.toasts.show(saved ? "saved — press \(keyName(.nextView)) for your Saved view" : "removed from Saved") as [Effect<StudentOutcome>]
            return state.view == .saved ? effects + requery() : effects
        case .saveSearch(let name, let fromForm):
            guard fromForm else { return state.toasts.show("saved search “\(name)”") }
            state.modals.closeForm()
            return state.toasts.show("saved search “\(name)” — \(keyName(.savedSearches)) lists your saved searches")
        case .deleteSavedSearch(let search):
            return readSavedSearches(open: false) + state.toasts.show("deleted saved search “\(search.name)”")
        case .profile:
            state.modals.closeForm()
            let effects = readProfile(.saved) + state.toasts.show("profile saved — For you now ranks by it")
            return state.view == .forYou ? effects + requery() : effects
        }
    }
}

extension StudentWrite {
    /// Sent from a form, which stays open when the write is refused.
    var comesFromForm: Bool {
        switch self {
        case .apply, .rate, .profile: true
        case .saveSearch(_, let fromForm): fromForm
        case .move(let action, _): action == .markDelivered || action == .correctLink
        case .setSaved, .deleteSavedSearch: false
        }
    }
}

extension Toasts {
    /// Clears the message (a write's "saving…"), as an effect list to add to.
    mutating func cleared<Outcome>() -> [Effect<Outcome>] {
        clear()
        return []
    }
}
