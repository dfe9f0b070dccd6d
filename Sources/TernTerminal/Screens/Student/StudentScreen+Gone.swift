import TernCatalogue
import TernViewModels

/// A listing leaving the list while the student reads it (staff decline it, its organization
/// closes it, it stops matching). The detail never swaps to another listing behind the
/// student's back: it stays, greyed, under a line saying what happened, until the student
/// moves; meanwhile no action is aimed at the row the list selected in its place.
extension StudentScreen {
    /// Reads the listing on screen again after a change; one that can no longer be shown stays
    /// as it was, greyed, with the reason.
    func refreshDetail() throws {
        guard let shown = state.detail, let id = shown.opportunity.id else { return }
        // Already gone: it stays as the student last saw it until they move.
        guard state.detailNotice == nil else { return }
        try detail.show(id)
        if let now = detail.detail {
            state.detail = now
            state.detailScroll = min(state.detailScroll, maximumScroll(.detail))
        } else {
            try markGone(id)
        }
    }

    /// Keeps the listing `id` on screen, greyed, saying why it left the list.
    func markGone(_ id: Int64) throws {
        state.detailNotice = try goneReason(id)
        state.detailScroll = 0
    }

    /// Why listing `id` is no longer among those listed, as the student would put it.
    func goneReason(_ id: Int64) throws -> String {
        let move = [StudentAction.moveDown, .moveUp].compactMap { state.keyMap.keys(for: $0).first?.description }.joined(separator: "/")
        let then = " — press \(move) to move on"
        guard let listing = try catalogue.opportunity(id: id), listing.status != .draft else {
            return "This listing was removed from the catalogue" + then
        }
        switch try catalogue.approval(ofListing: id) {
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
}
