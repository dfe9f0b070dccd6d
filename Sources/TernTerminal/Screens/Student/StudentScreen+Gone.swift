import TernStore
import TernViewModels

/// A listing leaving the list while the student reads it (staff decline it, its organization
/// closes it, it stops matching). The detail never swaps to another listing behind the
/// student's back: it stays, greyed, under a line saying what happened, until the student
/// moves; meanwhile no action is aimed at the row the list selected in its place. What is known
/// of the listing now is read in the background (``GoneListing``); the words are chosen here.
extension StudentScreen {
    /// " — press j/k to move on", from the key map.
    var moveOn: String {
        let move = [StudentAction.moveDown, .moveUp].compactMap { state.keyMap.keys(for: $0).first?.description }.joined(separator: "/")
        return " — press \(move) to move on"
    }

    /// Why listing `id` is no longer among those listed, as the student would put it.
    func goneReason(_ id: Int64, _ gone: GoneListing) -> String {
        let then = moveOn
        guard let listing = gone.opportunity, listing.status != .draft else {
            return "This listing was removed from the catalogue" + then
        }
        switch gone.approval {
        case .declined?: return "This listing was taken down by the career center" + then
        case .pending?, nil: return "This listing is back with the career center for review" + then
        case .approved?: break
        }
        switch listing.status {
        case .closed: return "This listing was closed by its organization" + then
        case .filled: return "This listing's spots were all filled" + then
        case .archived: return "This listing was archived" + then
        case .open, .draft: break
        }
        if listing.deadline < today() { return "This listing's deadline passed" + then }
        if state.view == .saved, !state.saved.contains(id) { return "This listing is no longer in your Saved" + then }
        return "This listing no longer matches what the list shows" + then
    }

    /// Refuses an action on the listing on screen while it is gone: it would act on a listing
    /// that left, or on a neighbour the student never chose.
    var goneRefusal: [Effect<StudentOutcome>]? {
        guard let notice = state.detailNotice else { return nil }
        return state.toasts.show(notice, isError: true)
    }

    /// An action on the detail while the selected listing is still being read waits for it, and
    /// is taken when it arrives: never on the listing shown before.
    func waitForDetail(_ action: StudentAction) -> [Effect<StudentOutcome>]? {
        guard state.detailPending != nil else { return nil }
        state.actionAfterDetail = action
        return []
    }
}
