import Foundation
import TernStore
import TernViewModels

/// Everything the kiosk reads, as background tasks and their results: the update starts a task
/// and returns; the result comes back as a ``KioskOutcome`` and lands in the state. A failed
/// read of any kind turns the kiosk to its calm screen, tried again every few seconds.
extension KioskScreen {
    // MARK: - Results

    func take(_ outcome: KioskOutcome) -> [Effect<KioskOutcome>] {
        switch outcome {
        case .nothing:
            return []
        case .unavailable:
            becomeUnavailable()
            return []
        case .opened(let opened):
            // The calm screen stays until the first page is in; the attract screen stays, read
            // again; a search someone had typed runs again, so the box and the list agree.
            catalogue = opened
            changes.follow(opened.changes)
            return refreshFeatured() + requery(again: false)
        case .firstPage(let result, let again):
            return show(result, counted: false, again: again)
        case .counted(let result):
            return show(result, counted: true, again: false)
        case .page(let query, let index, let rows):
            state.pages.insert(rows, at: index, for: query)
            guard let move = state.pendingMove else { return listChange { try $0.reload(source: $1) } }
            state.pendingMove = nil
            return self.move(move)
        case .shown(let id, let listing):
            guard id == state.listings.selectedID else { return [] }
            if id != state.detail?.opportunity.id { state.detailScroll = 0 }
            state.detail = listing?.detail
            state.applyLink = listing?.applyLink
            state.qrCode = state.applyLink.flatMap(QRCode.init)
            if state.detail == nil { state.showingDetail = false }
            return []
        case .featured(let featured, let entering):
            return takeFeatured(featured, entering: entering)
        case .featuredShown(let id, let listing):
            guard case .attract(let index) = state.mode, state.featured.indices.contains(index), state.featured[index].id == id else { return [] }
            state.featuredDetail = listing?.detail
            // No link for a listing that is no longer shown to the public.
            state.featuredLink = listing?.applyLink
            state.featuredQR = state.featuredLink.flatMap(QRCode.init)
            return []
        case .changed(let change):
            switch change {
            case .none: return []
            case .reopen: return [reopen()]
            // The calm "being updated" screen until the catalogue opens again (the retry timer).
            case .unreachable:
                becomeUnavailable()
                return []
            // Read again in the background, the selection kept on its listing where it still
            // shows; the attract screen too.
            case .data: return refreshFeatured() + requery(again: true)
            }
        case .pinChecked(let matches):
            return pinChecked(matches)
        }
    }

    // MARK: - Opening and watching

    /// Opens the catalogue (again) in the background.
    func reopen() -> Effect<KioskOutcome> {
        let open = self.open
        return .run(.kioskOpen) { _ in
            do { return .opened(try await open()) } catch { return .unavailable }
        }
    }

    /// An unreadable catalogue is opened again; a readable one is watched by the loop's feed.
    func retry() -> [Effect<KioskOutcome>] {
        catalogue == nil ? [reopen()] : []
    }

    func becomeUnavailable() {
        catalogue = nil
        changes.follow(nil)
        state.mode = .unavailable
        state.detail = nil
        state.qrCode = nil
        state.listingCount = 0
        state.pages.clear()
        state.pendingMove = nil
    }

    // MARK: - The list

    var listViewport: Int { max(1, KioskView.listArea(state).height / state.rowHeight) }

    /// With the detail read (Enter, at every size), the moving keys scroll it; else they choose.
    func move(_ move: ListMove) -> [Effect<KioskOutcome>] {
        if state.showingDetail {
            let lines = KioskView.detailLineCount(state)
            state.detailScroll = ModalHost<Never>.scrolled(state.detailScroll, by: move, lines: lines, height: KioskView.detailTextArea(state).height)
            return []
        }
        state.pendingMove = nil
        let effects = listChange { try $0.move(move, source: $1) }
        if effects.contains(where: { if case .run(.kioskPage, _) = $0 { true } else { false } }) { state.pendingMove = move }
        return effects
    }

    /// Changes the list over the pages in memory; when it needs a page that is not there, the
    /// page is read in the background and the change waits for it. A new selection shows its
    /// listing; `rereadDetail` reads the selected one again too (the catalogue changed).
    func listChange(rereadDetail: Bool = false,
                    _ change: (inout ListController<OpportunitySummary, Int64>, ListingPages) throws -> Void) -> [Effect<KioskOutcome>] {
        let before = state.listings.selectedID, pages = state.pages
        do {
            try change(&state.listings, pages)
        } catch let missing as PagesNotHeld {
            return missing.pages.map(readPage)
        } catch {
            becomeUnavailable()
            return []
        }
        let stale = rereadDetail || state.listings.selectedID != before || state.detail?.opportunity.id != state.listings.selectedID
        return stale ? showSelected() : []
    }

    private func readPage(_ index: Int) -> Effect<KioskOutcome> {
        guard let listings = catalogue?.listings else { return .cancel(.kioskPage) }
        let query = state.pages.query, previous = state.pages.row(before: index), day = state.today
        return .run(.kioskPage) { _ in
            do {
                return .page(query, index, try await ListingSearch.page(index, of: query, after: previous, in: listings, today: day))
            } catch {
                return .unavailable
            }
        }
    }

    /// Starts the search for what is typed, in the background: a keystroke never waits on the
    /// catalogue (a one-letter prefix costs a tenth of a second at 1,000,000 listings), and a
    /// newer one cancels the older search where it stands. The list shows the last result
    /// meanwhile. `again`: the same search, read after another process committed.
    func requery(again: Bool = false) -> [Effect<KioskOutcome>] {
        guard let listings = catalogue?.listings else { return [] }
        let query = KioskCatalogue.query(words: state.search.text, field: state.field), day = state.today
        searchesStarted += 1
        return [.cancel(.kioskCount), .run(.kioskSearch) { _ in
            .firstPage(await ListingSearch.firstPage(of: query, in: listings, today: day), again: again)
        }]
    }

    /// A search's first page, or its count, came back.
    private func show(_ result: ListingSearch.Result, counted: Bool, again: Bool) -> [Effect<KioskOutcome>] {
        guard let listings = catalogue?.listings else { return [] }
        guard result.failure == nil else {
            becomeUnavailable()
            return []
        }
        if state.mode == .unavailable { state.mode = .browsing }
        // The count of an older query is of no use.
        if counted, result.query != state.pages.query { return [] }
        state.pages.adopt(result, refresh: !counted)
        state.listingCount = state.pages.count
        state.isCounting = state.pages.isCounting
        // A count, or the same search read again, keeps the selection on its listing.
        var effects = counted || again ? listChange(rereadDetail: !counted) { try $0.reload(source: $1) }
                                       : listChange(rereadDetail: true) { try $0.reset(source: $1) }
        guard !counted, result.count == nil else { return effects }
        let day = state.today
        effects.append(.run(.kioskCount) { _ in .counted(await ListingSearch.counted(result, in: listings, today: day)) })
        return effects
    }

    /// The selected listing's detail and link, read in the background.
    func showSelected() -> [Effect<KioskOutcome>] {
        guard let id = state.listings.selectedID, let catalogue else {
            (state.detail, state.applyLink, state.qrCode, state.showingDetail) = (nil, nil, nil, false)
            return [.cancel(.kioskDetail)]
        }
        let day = state.today
        return [.run(.kioskDetail) { _ in
            do { return .shown(id, try await catalogue.shown(id, today: day)) } catch { return .unavailable }
        }]
    }

    func resetBrowsing() -> [Effect<KioskOutcome>] {
        state.search = TextField(limit: 60)
        state.field = nil
        state.showingDetail = false
        return requery()
    }
}
