import TernStore
import TernViewModels

extension StudentState: ChromeState {}

/// The student screen on the shared chrome (``ChromeScreen``): what its panes do with a key,
/// a click and the wheel; the modals, the command line and the rest of the chain are shared.
extension StudentScreen: ChromeScreen {
    static let homePane = StudentPane.listings
    static var commandsPurpose: StudentPurpose { .commands }

    /// While a write runs, Esc (or the form's cancel key) cancels it; the form it came from
    /// takes no keys until it is done.
    func interceptKey(_ key: Key) throws -> [Effect<StudentOutcome>]? {
        guard state.writing != nil else { return nil }
        if key == .escape || state.keyMap.action(for: key, in: [.form])?.intent == .cancelForm { return cancelWrite() }
        if case .form? = state.modals.top { return state.toasts.show(savingMessage) }
        return nil
    }

    var textLineIsOpen: Bool { state.searchLine != nil }
    func handleTextLineKey(_ key: Key) throws -> [Effect<StudentOutcome>] { try handleSearchKey(key) }

    /// Where keys are looked up on the panes: the focused pane's own scope first.
    var paneScopes: [KeyScope] {
        (state.panes.focus == .applications ? [.myApplications] : []) + [.studentPanes, .global]
    }

    var helpSections: [HelpSection] {
        HelpOverlay.sections(keyMap: state.keyMap, groups: session.isGuest ? StudentAction.guestHelpGroups : StudentAction.helpGroups)
    }

    func screenAction(_ action: StudentAction) throws -> [Effect<StudentOutcome>]? {
        switch action {
        case .search:
            state.panes.focus = .listings
            state.searchLine = TextField(state.query.words, limit: StoredText.searchWords.limit)
            return []
        case .filters, .clearFilters, .nextView, .toggleSaved, .saveSearch, .savedSearches, .apply, .profile:
            return try perform(action)
        case .updates:
            return openUpdates()
        case .withdraw, .acceptOffer, .declineOffer, .markDelivered, .rateOrganization:
            return try performOnApplication(action)
        case .timelineDown, .timelineUp:
            scrollText(.applications, by: action == .timelineDown ? .pageDown : .pageUp)
            return []
        default:
            return nil
        }
    }

    func back() throws -> [Effect<StudentOutcome>] {
        if state.panes.focus != .listings { state.panes.focus = .listings }
        else if !state.query.words.isEmpty { return setSearchWords("") }
        return []
    }

    func open() throws -> [Effect<StudentOutcome>] {
        if state.panes.focus == .listings {
            state.panes.focus = .detail
            state.detailScroll = 0
        } else if state.panes.focus == .applications, let overview = state.applications.selectedRow {
            state.panes.focus = .detail
            return try openListing(overview.opportunity.id)
        }
        return []
    }

    /// The chrome's hook returns nothing: what the move starts goes out at the end of the update.
    func moveFocused(_ move: ListMove) throws { deferred += try self.move(state.panes.focus, move) }

    /// Moves the list or scrolls the text of `pane`.
    func move(_ pane: StudentPane, _ move: ListMove) throws -> [Effect<StudentOutcome>] {
        switch pane {
        case .listings:
            return try moveListings(move)
        case .applications:
            let before = state.applications.selectedID, rows = applicationRows
            try state.applications.move(move, source: rows)
            if state.applications.selectedID != before { return showSelectedApplication() }
        case .detail, .feedback:
            scrollText(pane, by: move)
        }
        return []
    }

    func scrollText(_ pane: StudentPane, by move: ListMove) {
        let (lines, height) = textExtent(pane)
        switch pane {
        case .detail: state.detailScroll = ModalHost<StudentPurpose>.scrolled(state.detailScroll, by: move, lines: lines, height: height)
        case .feedback: state.feedbackScroll = ModalHost<StudentPurpose>.scrolled(state.feedbackScroll, by: move, lines: lines, height: height)
        case .applications: state.timelineScroll = ModalHost<StudentPurpose>.scrolled(state.timelineScroll, by: move, lines: lines, height: height)
        case .listings: break
        }
    }

    // MARK: - Mouse

    func clickPane(_ pane: StudentPane, inner: Rect, event: MouseEvent) throws -> [Effect<StudentOutcome>] {
        if pane == .listings,
           let index = ListView.index(atScreenRow: event.row, area: StudentLayout.listingList(inner), state: state.listings.state) {
            var effects: [Effect<StudentOutcome>] = []
            guard try changeListings(&effects, { try $0.select(index: index, source: $1) }) else { return effects }
            return effects + showSelectedListing()
        } else if pane == .applications,
                  let index = ListView.index(atScreenRow: event.row, area: StudentLayout.applicationList(inner),
                                             state: state.applications.state) {
            let rows = applicationRows
            try state.applications.select(index: index, source: rows)
            return showSelectedApplication()
        }
        return []
    }

    func wheel(_ pane: StudentPane, inner: Rect, event: MouseEvent, move: ListMove) throws -> [Effect<StudentOutcome>] {
        if pane == .applications, StudentLayout.applicationDetail(inner).contains(column: event.column, row: event.row) {
            scrollText(.applications, by: move)
        } else {
            return try self.move(pane, move)
        }
        return []
    }
}
