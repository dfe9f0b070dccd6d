import Foundation
import TernStore
import TernViewModels

/// Everything the student screen reads and writes, as background tasks and their results: the
/// update starts a task and returns (StudentScreen+Listings, +Records, +Writes); the result comes
/// back as a ``StudentOutcome`` and lands in the state here. The closures capture values only (the
/// store, the session, queries, ids, the day), never the screen or its state. A result for
/// something no longer shown is dropped.
extension StudentScreen {
    // MARK: - Results

    func take(_ outcome: StudentOutcome) throws -> [Effect<StudentOutcome>] {
        switch outcome {
        case .nothing:
            return []
        case .failed(let message, let kind):
            if let kind { state.starting.remove(kind) }
            return state.toasts.show(message, isError: true)
        case .listings(let result, let again, let located):
            return showListings(result, again: again, located: located)
        case .counted(let result):
            // The count of an older query is of no use.
            guard result.failure == nil, result.query == state.pages.query else { return [] }
            state.pages.adopt(result)
            state.listingCount = state.pages.count
            state.isCounting = state.pages.isCounting
            var effects: [Effect<StudentOutcome>] = []
            try changeListings(&effects) { try $0.reload(source: $1) }
            return effects
        case .page(let query, let index, let rows):
            state.pages.insert(rows, at: index, for: query)
            guard let move = state.pendingMove else {
                var effects: [Effect<StudentOutcome>] = []
                try changeListings(&effects) { try $0.reload(source: $1) }
                return effects
            }
            state.pendingMove = nil
            return try moveListings(move)
        case .located(let query, let id, let located):
            guard query == state.pages.query, let located, state.detail?.opportunity.id == id || state.detailPending == id else { return [] }
            state.pages.insert(located.rows, at: located.page, for: query)
            var effects: [Effect<StudentOutcome>] = []
            try changeListings(&effects) { _ = try $0.jump(to: id, source: $1) }
            return effects
        case .detail(let id, let detail, let keepScroll):
            guard id == state.detailPending else { return [] }
            state.starting.remove(.detail)
            let same = id == state.detail?.opportunity.id
            state.detailPending = nil
            state.detail = detail
            state.detailNotice = nil
            if !(same && keepScroll) { state.detailScroll = 0 }
            state.detailScroll = min(state.detailScroll, maximumScroll(.detail))
            guard let action = state.actionAfterDetail else { return [] }
            state.actionAfterDetail = nil
            return try perform(action)
        case .detailFailed(let id, let message):
            if id == state.detailPending { (state.detailPending, state.actionAfterDetail) = (nil, nil) }
            state.starting.remove(.detail)
            return state.toasts.show(message, isError: true)
        case .refreshed(let id, let detail):
            guard state.detail?.opportunity.id == id, state.detailNotice == nil, state.detailPending == nil else { return [] }
            state.detail = detail
            state.detailScroll = min(state.detailScroll, maximumScroll(.detail))
            return []
        case .gone(let id, let gone):
            guard state.detail?.opportunity.id == id, state.detailPending == nil else { return [] }
            state.detailNotice = goneReason(id, gone)
            state.detailScroll = 0
            return []
        case .records(let records, let keepScroll):
            state.myApplications = records.applications
            state.reopenable = records.reopenable
            state.feedback = records.feedback
            state.applied = records.marks.applied
            state.saved = records.marks.saved
            state.withdrawn = records.marks.withdrawn
            let rows = applicationRows
            try state.applications.reload(source: rows)
            state.feedbackScroll = min(state.feedbackScroll, maximumScroll(.feedback))
            let effects = showSelectedApplication(keepingScroll: keepScroll)
            if state.starting.remove(.records) != nil, state.applications.selectedID != nil { state.starting.insert(.timeline) }
            return effects
        case .timeline(let id, let entries, let keepScroll):
            guard id == state.applications.selectedID else { return [] }
            state.starting.remove(.timeline)
            let before = state.timeline
            state.timeline = entries
            if !keepScroll || before != entries { state.timelineScroll = 0 }
            state.timelineScroll = min(state.timelineScroll, maximumScroll(.applications))
            return []
        case .updates(let updates, let markedRead, let failure, let first):
            if first { state.starting.remove(.updates) }
            return show(updates, markedRead: markedRead, failure: failure, first: first)
        case .savedSearches(let searches, let open):
            state.savedSearches = searches
            if open {
                state.modals.open(.list(savedSearchesOverlay()))
            } else if case .list(let overlay)? = state.modals.top, overlay.scope == .savedSearches {
                state.modals.replaceTop(.list(savedSearchesOverlay(selected: min(overlay.state.selected, max(0, searches.count - 1)))))
            }
            return []
        case .profile(let profile, let read):
            state.profile = profile
            return showProfile(read)
        case .applyChecked(let id, let refusal, let draft):
            guard let shown = state.detail, shown.opportunity.id == id, state.detailNotice == nil else { return [] }
            if let refusal { return state.toasts.show("cannot apply: \(refusal)", isError: true) }
            state.modals.open(.form(FormModal(FormBuilder.apply(draft, listing: shown.opportunity), purpose: .apply(listingID: id))))
            return []
        case .withdrawChecked(let move, let title, let wasReopened):
            let after = wasReopened ? "You reopened it once already: this withdrawal is final."
                                    : "You can reopen it once, while the listing takes applications."
            state.modals.open(.confirm(Confirmation(title: "Withdraw your application?", message: "\(title)\n\n\(after)",
                                                    yes: "Withdraw", no: "Keep it", answer: .screen(move))))
            return []
        case .reopenRefused(let reason):
            return state.toasts.show("cannot reopen: \(reason)", isError: true)
        case .wrote(let write, let end):
            return wrote(write, end)
        }
    }
}
