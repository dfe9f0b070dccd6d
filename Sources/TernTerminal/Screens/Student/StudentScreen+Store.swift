import Foundation
import TernStore
import TernViewModels

/// Everything the student screen reads and writes, as background tasks and their results: the
/// update starts a task and returns; the result comes back as a ``StudentOutcome`` and lands in
/// the state. The closures capture values only (the store, the session, queries, ids, the day),
/// never the screen or its state. A result for something no longer shown is dropped.
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

    // MARK: - Listings

    /// Changes the list over the pages in memory. When it needs a page that is not there, the
    /// page is read in the background (its effect added to `effects`) and the list stays as it
    /// was: false.
    @discardableResult
    func changeListings(_ effects: inout [Effect<StudentOutcome>],
                        _ change: (inout ListController<OpportunitySummary, Int64>, ListingPages) throws -> Void) throws -> Bool {
        // Copied first: the change must not read the state it is changing.
        let pages = state.pages
        do {
            try change(&state.listings, pages)
            return true
        } catch let missing as PagesNotHeld {
            effects += missing.pages.map(readPage)
            return false
        }
    }

    /// Moves the listings' selection; a move past the pages in memory waits for its page.
    func moveListings(_ move: ListMove) throws -> [Effect<StudentOutcome>] {
        state.pendingMove = nil
        let before = state.listings.selectedID
        var effects: [Effect<StudentOutcome>] = []
        guard try changeListings(&effects, { try $0.move(move, source: $1) }) else {
            state.pendingMove = move
            return effects
        }
        // Moving is how the student leaves a listing that left the list.
        if state.listings.selectedID != before || state.detailNotice != nil { effects += showSelectedListing() }
        return effects
    }

    private func readPage(_ index: Int) -> Effect<StudentOutcome> {
        let query = state.pages.query, previous = state.pages.row(before: index), day = today(), store = store
        return .run(TaskKind("listing page \(index)")) { _ in
            do {
                return .page(query, index, try await ListingSearch.page(index, of: query, after: previous, in: store, today: day))
            } catch {
                return .failed("\(error)")
            }
        }
    }

    /// Starts the search for the current query, superseding the one in flight; the list keeps
    /// showing the last result meanwhile. The same query asked again (another process
    /// committed, a listing saved or unsaved) is counted and its selected listing located in
    /// the same task, so the selection stays on its record however deep it is.
    func requery() -> [Effect<StudentOutcome>] {
        let query = effectiveQuery, day = today(), store = store
        let again = state.loaded && query == state.pages.query
        let selected = again ? state.listings.selectedID : nil, hint = state.listings.state.selected
        return [.cancel(.searchCount), .run(.search) { _ in
            var result = await ListingSearch.firstPage(of: query, in: store, today: day)
            guard again, result.failure == nil else { return .listings(result, again: again, located: nil) }
            if result.count == nil { result = await ListingSearch.counted(result, in: store, today: day) }
            var located: LocatedListing?
            if let selected, let count = result.count, result.failure == nil, !result.firstPage.contains(where: { $0.id == selected }),
               let found = try? await ListingSearch.locate(selected, near: hint, in: query, count: count, store: store, today: day) {
                located = LocatedListing(index: found.index, page: found.page, rows: found.rows)
            }
            return .listings(result, again: true, located: located)
        }]
    }

    /// A search's first page came back (with its count and the selected listing, when asked again).
    private func showListings(_ result: ListingSearch.Result, again: Bool, located: LocatedListing?) -> [Effect<StudentOutcome>] {
        let first = state.starting.remove(.search) != nil
        defer { if first, state.detailPending != nil { state.starting.insert(.detail) } }
        if let failure = result.failure {
            // Said, and the screen is no longer a placeholder: the list shows what it had.
            state.loaded = true
            return state.toasts.show(failure, isError: true)
        }
        let sameQuery = again && state.loaded && result.query == state.pages.query
        let before = state.listings.selectedID
        state.pages.adopt(result, refresh: true)
        if let located { state.pages.insert(located.rows, at: located.page, for: result.query) }
        state.loaded = true
        state.listingCount = state.pages.count
        state.isCounting = state.pages.isCounting
        var effects: [Effect<StudentOutcome>] = []
        do {
            if sameQuery {
                // The same query asked again keeps the selection on its listing.
                guard try changeListings(&effects, { try $0.reload(source: $1) }) else { return effects }
                if state.listings.selectedID != before {
                    // The listing on screen left the list under the student (another process
                    // changed it): say so and keep it, never swap in its neighbour.
                    if let gone = before, gone == state.detail?.opportunity.id {
                        if state.detailNotice == nil { effects += markGone(gone) }
                    } else if state.detailNotice == nil {
                        effects += showSelectedListing()
                    }
                }
            } else {
                // A new query starts from the top.
                guard try changeListings(&effects, { try $0.reset(source: $1) }) else { return effects }
                effects += showSelectedListing()
            }
        } catch {
            return state.toasts.show("\(error)", isError: true)
        }
        guard !again, result.count == nil else { return effects }
        let store = store, day = today()
        return effects + [.run(.searchCount) { _ in .counted(await ListingSearch.counted(result, in: store, today: day)) }]
    }

    // MARK: - The detail

    /// The detail pane follows the listings' selection.
    func showSelectedListing() -> [Effect<StudentOutcome>] {
        showListing(state.listings.selectedID, keepingScroll: false)
    }

    /// Reads listing `id` for the detail; until it comes back, actions on the detail wait.
    func showListing(_ id: Int64?, keepingScroll: Bool) -> [Effect<StudentOutcome>] {
        guard let id else {
            (state.detail, state.detailNotice, state.detailPending, state.detailScroll) = (nil, nil, nil, 0)
            state.actionAfterDetail = nil
            return [.cancel(.detail), .cancel(.detailRefresh)]
        }
        state.detailPending = id
        // An action pressed for the listing shown before is not taken on this one.
        state.actionAfterDetail = nil
        let (store, day) = (store, today())
        let student = session.username.map { (username: $0, store: store as any StudentStore) }
        return [.cancel(.detailRefresh), .run(.detail) { _ in
            do {
                return .detail(id, try await ListingDetail.load(id, listings: store, student: student, today: day), keepScroll: keepingScroll)
            } catch {
                return .detailFailed(id, "\(error)")
            }
        }]
    }

    /// Reads the listing on screen again after a change; one that can no longer be shown stays
    /// as it was, greyed, with the reason.
    func refreshDetail() -> [Effect<StudentOutcome>] {
        // Already gone: it stays as the student last saw it until they move. Being read: it
        // comes fresh anyway.
        guard let id = state.detail?.opportunity.id, state.detailNotice == nil, state.detailPending == nil else { return [] }
        let (store, day) = (store, today())
        let student = session.username.map { (username: $0, store: store as any StudentStore) }
        return [.run(.detailRefresh) { _ in
            do {
                if let detail = try await ListingDetail.load(id, listings: store, student: student, today: day) { return .refreshed(id, detail) }
                return .gone(id, try await GoneListing.read(id, listings: store))
            } catch {
                return .failed("\(error)")
            }
        }]
    }

    /// Keeps the listing `id` on screen, greyed, saying that it left the list; why is read in
    /// the background. No action is aimed at it meanwhile.
    func markGone(_ id: Int64) -> [Effect<StudentOutcome>] {
        state.detailNotice = "This listing no longer matches what the list shows" + moveOn
        state.detailScroll = 0
        let store = store
        return [.run(.detailRefresh) { _ in
            do { return .gone(id, try await GoneListing.read(id, listings: store)) } catch { return .failed("\(error)") }
        }]
    }

    /// Shows listing `id` in the detail, selecting it in the list when the list holds it; a
    /// listing further down is looked for in the background, and one the list does not show
    /// (filtered out, closed) is shown all the same.
    func openListing(_ id: Int64) throws -> [Effect<StudentOutcome>] {
        var effects: [Effect<StudentOutcome>] = [], jumped = false
        try changeListings(&effects) { jumped = try $0.jump(to: id, source: $1) }
        if jumped { return effects + showSelectedListing() }
        let query = state.pages.query, count = state.pages.count, hint = state.listings.state.selected, day = today(), store = store
        return effects + showListing(id, keepingScroll: false) + [.run(.locate) { _ in
            let found = try? await ListingSearch.locate(id, near: hint, in: query, count: count, store: store, today: day)
            return .located(query, id, found.map { LocatedListing(index: $0.index, page: $0.page, rows: $0.rows) })
        }]
    }

    // MARK: - The student's records

    /// Reads the student's applications, feedback and marks again.
    func readRecords(keepScroll: Bool) -> [Effect<StudentOutcome>] {
        guard !session.isGuest else { return [] }
        let (store, session, day, moment) = (store, session, today(), now())
        return [.run(.records) { _ in
            do {
                return .records(try await StudentRecords.read(store: store, session: session, today: day, now: moment), keepScroll: keepScroll)
            } catch {
                return .failed("\(error)", of: .records)
            }
        }]
    }

    /// The part below My applications follows its selection, newest event first.
    func showSelectedApplication(keepingScroll: Bool = false) -> [Effect<StudentOutcome>] {
        guard let id = state.applications.selectedID else {
            if !keepingScroll || !state.timeline.isEmpty { state.timelineScroll = 0 }
            state.timeline = []
            return [.cancel(.timeline)]
        }
        let (store, session) = (store, session)
        return [.run(.timeline) { _ in
            do {
                return .timeline(id, try await ApplicationsViewModel.timeline(of: id, session: session, store: store), keepScroll: keepingScroll)
            } catch {
                return .failed("\(error)", of: .timeline)
            }
        }]
    }

    func readSavedSearches(open: Bool) -> [Effect<StudentOutcome>] {
        let (store, session, day) = (store, session, today())
        return [.run(.savedSearches) { _ in
            do { return .savedSearches(try await SavedSearchesViewModel.read(session: session, store: store, today: day), open: open) }
            catch { return .failed("\(error)") }
        }]
    }

    func readProfile(_ read: ProfileRead) -> [Effect<StudentOutcome>] {
        let (store, session) = (store, session)
        return [.run(.profile) { _ in
            do { return .profile(try await ProfileViewModel.read(session: session, store: store), read) } catch { return .failed("\(error)") }
        }]
    }

    /// The profile overlay shows the profile as it is now, after an edit made elsewhere.
    func refreshProfileOverlay() -> [Effect<StudentOutcome>] {
        guard case .text(let overlay)? = state.modals.top, overlay.scope == .profile else { return [] }
        return readProfile(.refresh)
    }

    private func showProfile(_ read: ProfileRead) -> [Effect<StudentOutcome>] {
        let onTop: TextOverlay<StudentPurpose>? = if case .text(let overlay)? = state.modals.top, overlay.scope == .profile { overlay } else { nil }
        switch read {
        case .open:
            state.modals.open(.text(profileOverlay()))
        case .refresh:
            guard let onTop else { return [] }
            var fresh = profileOverlay()
            fresh.scroll = onTop.scroll
            state.modals.replaceTop(.text(fresh))
        case .saved:
            if onTop != nil { state.modals.replaceTop(.text(profileOverlay())) }
        case .edit:
            // Edited against the profile as it is now, not as the overlay first read it: an edit
            // made elsewhere meanwhile would make the first save fail.
            guard onTop != nil else { return [] }
            state.modals.replaceTop(.text(profileOverlay()))
            guard let student = state.profile.student else { return [] }
            state.modals.open(.form(FormModal(FormBuilder.profile(ProfileDraft(student)), purpose: .editProfile)))
        }
        return []
    }

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

    private var formIsOpen: Bool { if case .form? = state.modals.top { true } else { false } }

    private func wrote(_ write: StudentWrite, _ end: WriteEnd) -> [Effect<StudentOutcome>] {
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

    private func finish(_ write: StudentWrite) -> [Effect<StudentOutcome>] {
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
