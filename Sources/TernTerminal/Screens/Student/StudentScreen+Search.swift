import TernCatalogue
import TernViewModels

/// Search as you type, the listing views and the listing-level actions. Queries run as
/// background tasks: a keystroke only starts one (superseding the one in flight), and the list
/// keeps showing the previous result until the new one comes back as an event.
extension StudentScreen {
    /// The query the listings pane shows: what was typed and filtered, narrowed by the view.
    var effectiveQuery: OpportunityQuery { state.view.applied(to: state.query, username: session.username) }

    /// Starts the search for the current query.
    func requery() -> [Effect<StudentOutcome>] {
        let query = effectiveQuery, day = today(), catalogue = catalogue
        return [.cancel(.searchCount),
                .run(.search) { task in
                    .listings(await ListingSearch.firstPage(of: query, in: catalogue, today: day))
                }]
    }

    /// A search's first page, or its count, came back.
    func show(_ result: ListingSearch.Result, counted: Bool) throws -> [Effect<StudentOutcome>] {
        if let failure = result.failure { return state.toasts.show(failure, isError: true) }
        if counted {
            // The count of an older query is of no use.
            guard result.query == listings.query else { return [] }
            listings.adopt(result)
            try state.listings.reload(source: listings)
        } else {
            let sameQuery = result.query == listings.query
            let before = state.listings.selectedID
            listings.adopt(result, refresh: true)
            // The same query asked again (another process committed) keeps the selection on its
            // listing; a new query starts from the top.
            if sameQuery { try state.listings.reload(source: listings) } else { try state.listings.reset(source: listings) }
            if !sameQuery {
                try showSelectedListing()
            } else if state.listings.selectedID != before {
                // The listing on screen left the list under the student (another process
                // changed it): say so and keep it, never swap in its neighbour.
                if let gone = before, gone == state.detail?.opportunity.id {
                    if state.detailNotice == nil { try markGone(gone) }
                } else if state.detailNotice == nil {
                    try showSelectedListing()
                }
            }
        }
        state.listingCount = listings.count
        state.isCounting = listings.isCounting
        guard !counted, result.count == nil else { return [] }
        let catalogue = catalogue, day = today()
        return [.run(.searchCount) { task in
            .listings(await ListingSearch.counted(result, in: catalogue, today: day))
        }]
    }

    func setSearchWords(_ words: String) -> [Effect<StudentOutcome>] {
        state.query.words = words
        return requery()
    }

    /// Keys while the search line is open: what is typed searches at once; the key map's
    /// search-line keys keep the words or clear them.
    func handleSearchKey(_ key: Key) throws -> [Effect<StudentOutcome>] {
        guard var line = state.searchLine else { return [] }
        switch state.keyMap.action(for: key, in: [.searchLine])?.intent {
        case .keepSearch?:
            state.searchLine = nil
        case .clearSearch?:
            state.searchLine = nil
            if !state.query.words.isEmpty { return setSearchWords("") }
        case .quitNow?:
            return [.quit]
        default:
            let before = line.text
            _ = line.handle(key)
            state.searchLine = line
            if line.text != before { return setSearchWords(line.text) }
        }
        return []
    }

    /// Listing-level actions: filters, views, bookmarks, saved searches, applying, the profile.
    func perform(_ action: StudentAction) throws -> [Effect<StudentOutcome>] {
        switch action {
        case .filters:
            state.modals.open(.form(FormModal(FormBuilder.filters(state.query, signedIn: !session.isGuest, clearKeys: keyName(.clearFilters)), purpose: .filters)))
        case .clearFilters:
            guard !state.query.hasNoFilters || state.query.sort != .deadline else { return state.toasts.show("no filters to clear") }
            state.query = ListingFilters.cleared(state.query)
            return requery() + state.toasts.show("filters cleared")
        case .nextView:
            guard !session.isGuest else { return guestRefusal(.nextView) }
            state.view = state.view.next(signedIn: true)
            return requery()
        case .toggleSaved:
            guard !session.isGuest else { return guestRefusal(.toggleSaved) }
            guard state.detail != nil else { return state.toasts.show("select a listing to save it", isError: true) }
            if let refusal = goneRefusal { return refusal }
            let saved = try detail.toggleSaved()
            state.detail = detail.detail
            if let id = state.detail?.opportunity.id { marks.setSaved(id, saved) }
            state.saved = marks.saved
            let effects = state.toasts.show(saved ? "saved — press \(keyName(.nextView)) for your Saved view" : "removed from Saved") as [Effect<StudentOutcome>]
            return state.view == .saved ? effects + requery() : effects
        case .saveSearch:
            guard !session.isGuest else { return guestRefusal(.saveSearch) }
            state.modals.open(.form(FormModal(FormBuilder.saveSearch(state.query, listKeys: keyName(.savedSearches)), purpose: .saveSearch)))
        case .savedSearches:
            guard !session.isGuest else { return guestRefusal(.savedSearches) }
            try savedSearches.reload()
            state.modals.open(.list(savedSearchesOverlay()))
        case .apply:
            guard !session.isGuest else { return guestRefusal(.apply) }
            // From My applications, `a` reopens the selected withdrawal; it never applies to
            // whatever listing happens to be in the detail.
            if state.panes.focus == .applications { return try performOnApplication(.apply) }
            guard let shown = state.detail, let listingID = shown.opportunity.id else {
                return state.toasts.show("select a listing to apply", isError: true)
            }
            if let refusal = goneRefusal { return refusal }
            if shown.myApplication?.status == .withdrawn { return try performOnApplication(.apply) }
            if let reason = try applying.refusal(for: shown) { return state.toasts.show("cannot apply: \(reason)", isError: true) }
            state.modals.open(.form(FormModal(FormBuilder.apply(try applying.draft(for: shown), listing: shown.opportunity),
                                              purpose: .apply(listingID: listingID))))
        case .profile:
            guard !session.isGuest else { return guestRefusal(.profile) }
            try profile.reload()
            state.modals.open(.text(profileOverlay()))
        default:
            break
        }
        return []
    }

    /// The saved searches as an overlay list, with how many new listings match each.
    func savedSearchesOverlay(selected: Int = 0) -> ListOverlay<StudentPurpose> {
        let searches = savedSearches.searches
        let columns = [ListColumn("Name", .flexible(min: 12)), ListColumn("New", .fixed(5), alignment: .right),
                       ListColumn("Filters", .flexible(min: 10))]
        let rows = searches.map { search -> [String] in
            [search.name, "\(search.newCount)",
             ([search.query.words].filter { !$0.isEmpty } + ListingFilters.chips(search.query)).joined(separator: " · ")]
        }
        return ListOverlay(title: "Saved searches (\(searches.count))", columns: columns, rows: rows,
                           emptyMessage: "no saved searches: \(keyName(.saveSearch)) saves the current one", scope: .savedSearches,
                           purpose: .savedSearches(searches), selected: selected)
    }

    func profileOverlay() -> TextOverlay<StudentPurpose> {
        TextOverlay(title: "Profile and portfolio", blocks: PaneContent.profileBlocks(profile.student, portfolio: profile.portfolio,
                                                                                 disclosures: profile.disclosures,
                                                                                 editKeys: keyName(.editProfile)),
                    scope: .profile, purpose: .profile)
    }
}
