import Foundation
import TernStore
import TernViewModels

/// The listings and their detail: pages held in the state, read in the background as the list
/// moves past them; the selected listing read when it is chosen.
extension StudentScreen {
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

    func readPage(_ index: Int) -> Effect<StudentOutcome> {
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
    func showListings(_ result: ListingSearch.Result, again: Bool, located: LocatedListing?) -> [Effect<StudentOutcome>] {
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
}
