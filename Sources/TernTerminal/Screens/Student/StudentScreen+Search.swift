import TernStore
import TernViewModels

/// Search as you type, the listing views and the listing-level actions. Queries run as
/// background tasks (StudentScreen+Store): a keystroke only starts one (superseding the one in
/// flight), and the list keeps showing the previous result until the new one comes back.
extension StudentScreen {
    /// The query the listings pane shows: what was typed and filtered, narrowed by the view.
    var effectiveQuery: OpportunityQuery { state.view.applied(to: state.query, username: session.username) }

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
            guard !session.isGuest, let username = session.username else { return guestRefusal(.toggleSaved) }
            if let waiting = waitForDetail(action) { return waiting }
            guard let shown = state.detail, let id = shown.opportunity.id else {
                return state.toasts.show("select a listing to save it", isError: true)
            }
            if let refusal = goneRefusal { return refusal }
            let (store, saved, moment) = (store, !shown.isSaved, now())
            return write(.setSaved(id, saved)) {
                try await store.setSaved(id, saved, by: username, now: moment)
                return nil
            }
        case .saveSearch:
            guard !session.isGuest else { return guestRefusal(.saveSearch) }
            state.modals.open(.form(FormModal(FormBuilder.saveSearch(state.query, listKeys: keyName(.savedSearches)), purpose: .saveSearch)))
        case .savedSearches:
            guard !session.isGuest else { return guestRefusal(.savedSearches) }
            return readSavedSearches(open: true)
        case .apply:
            guard !session.isGuest else { return guestRefusal(.apply) }
            // From My applications, `a` reopens the selected withdrawal; it never applies to
            // whatever listing happens to be in the detail.
            if state.panes.focus == .applications { return try performOnApplication(.apply) }
            if let waiting = waitForDetail(action) { return waiting }
            guard let shown = state.detail, let listingID = shown.opportunity.id else {
                return state.toasts.show("select a listing to apply", isError: true)
            }
            if let refusal = goneRefusal { return refusal }
            if shown.myApplication?.status == .withdrawn { return try performOnApplication(.apply) }
            // Whether the student may, and the form's starting values, are read first: never a
            // form that cannot be sent.
            let (store, session, moment) = (store, session, now())
            return [.run(.prepare) { _ in
                do {
                    let refusal = try await ApplyViewModel.refusal(for: shown, session: session, store: store, now: moment)
                    var student: Student?
                    if refusal == nil, let username = session.username { student = try await store.student(username: username) }
                    return .applyChecked(listingID, refusal: refusal, draft: ApplyViewModel.draft(for: shown, student: student))
                } catch {
                    return .failed("\(error)")
                }
            }]
        case .profile:
            guard !session.isGuest else { return guestRefusal(.profile) }
            return readProfile(.open)
        default:
            break
        }
        return []
    }

    /// The saved searches as an overlay list, with how many new listings match each.
    func savedSearchesOverlay(selected: Int = 0) -> ListOverlay<StudentPurpose> {
        let searches = state.savedSearches
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
        TextOverlay(title: "Profile and portfolio", blocks: PaneContent.profileBlocks(state.profile.student, portfolio: state.profile.portfolio,
                                                                                 disclosures: state.profile.disclosures,
                                                                                 editKeys: keyName(.editProfile)),
                    scope: .profile, purpose: .profile)
    }
}
