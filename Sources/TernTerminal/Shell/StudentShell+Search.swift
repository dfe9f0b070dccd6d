import Foundation
import TernCatalogue
import TernViewModels

/// Search as you type, the listing views and the listing-level actions. Queries go to a
/// background ``ListingSearch``: a keystroke only submits; results are collected between keys.
extension StudentShell {
    /// The query the listings pane shows: what was typed and filtered, narrowed by the view.
    var effectiveQuery: OpportunityQuery { view.applied(to: baseQuery, username: session.username) }

    /// True while a submitted search has not come back: the input loop polls more often.
    public var isSearching: Bool { search.isBusy }

    /// Submits the current query; the list keeps showing the previous result until it returns.
    func requery() {
        search.submit(effectiveQuery, today: listings.day)
    }

    /// Takes a finished search, if any, into the listings pane. Returns whether the screen changed.
    @discardableResult
    public func collectSearchResults() -> Bool {
        guard let result = search.take() else { return false }
        show(result)
        return true
    }

    /// Waits for the newest search and shows it (tests, and the end-to-end wait for a settled list).
    public func settle(timeout: TimeInterval = 10) {
        if let result = search.wait(timeout: timeout) { show(result) }
    }

    private func show(_ result: ListingSearch.Result) {
        if let failure = result.failure {
            toast = (failure, true)
            return
        }
        let isNewQuery = result.query != listings.query
        listings.adopt(result)
        listingState.setCount(listings.count, visibleRows: visibleRows(.listings))
        if isNewQuery {
            listingState.top()
            detailScroll = 0
            try? refreshSelection()
        }
    }

    func setSearchWords(_ words: String) throws {
        baseQuery.words = words
        requery()
    }

    /// Keys while the search line is active: text edits search at once; enter keeps the words
    /// and returns to the list; esc clears them.
    func handleSearchKey(_ key: Key) throws {
        switch key {
        case .enter, .tab, .down:
            searchEditing = false
        case .escape:
            searchEditing = false
            searchField = TextField(limit: 200)
            if !baseQuery.words.isEmpty { try setSearchWords("") }
        default:
            let before = searchField.text
            _ = searchField.handle(key)
            if searchField.text != before { try setSearchWords(searchField.text) }
        }
    }

    /// Listing-level actions: filters, views, bookmarks, saved searches, applying, the profile.
    func perform(_ action: Action) throws {
        switch action {
        case .filters:
            modal = .form(FormBuilder.filters(baseQuery, signedIn: !session.isGuest), .filters)
        case .clearFilters:
            guard !baseQuery.hasNoFilters || baseQuery.sort != .deadline else {
                toast = ("no filters to clear", false)
                return
            }
            baseQuery = ListingFilters.cleared(baseQuery)
            requery()
            toast = ("filters cleared", false)
        case .nextView:
            guard !session.isGuest else {
                toast = ("For you and Saved need a student profile: start tern with --user NAME", true)
                return
            }
            view = view.next(signedIn: true)
            requery()
        case .toggleSaved:
            guard detail.detail != nil else { toast = ("select a listing to save it", true); return }
            let saved = try detail.toggleSaved()
            toast = (saved ? "saved — press v for your Saved view" : "removed from Saved", false)
            if view == .saved { requery() }
        case .saveSearch:
            guard !session.isGuest else { toast = ("guests cannot save searches", true); return }
            modal = .form(FormBuilder.saveSearch(baseQuery), .saveSearch)
        case .savedSearches:
            guard !session.isGuest else { toast = ("guests have no saved searches", true); return }
            try savedSearches.reload()
            var state = ListState()
            state.setCount(savedSearches.searches.count, visibleRows: max(1, ListView.visibleRows(in: overlayArea(lastLayout.body).inset(by: 1))))
            modal = .savedSearches(state)
        case .apply:
            guard let shown = detail.detail, let listingID = shown.opportunity.id else { toast = ("select a listing to apply", true); return }
            if let reason = try applying.refusal(for: shown) {
                toast = ("cannot apply: \(reason)", true)
                return
            }
            modal = .form(FormBuilder.apply(try applying.draft(for: shown), listing: shown.opportunity), .apply(listingID: listingID))
        case .profile:
            guard !session.isGuest else { toast = ("guests have no profile: start tern with --user NAME", true); return }
            try profile.reload()
            modal = .profile(scroll: 0)
        default:
            break
        }
    }
}
