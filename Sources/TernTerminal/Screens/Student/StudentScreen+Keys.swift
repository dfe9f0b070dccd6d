import TernCatalogue
import TernViewModels

extension StudentState: ChromeState {}

/// The student screen on the shared chrome (``ChromeScreen``): what its panes do with a key,
/// a click and the wheel; the modals, the command line and the rest of the chain are shared.
extension StudentScreen: ChromeScreen {
    static let homePane = StudentPane.listings
    static var commandsPurpose: StudentPurpose { .commands }

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
            try openListing(overview.opportunity.id)
            state.panes.focus = .detail
        }
        return []
    }

    func moveFocused(_ move: ListMove) throws { try self.move(state.panes.focus, move) }

    /// Moves the list or scrolls the text of `pane`.
    func move(_ pane: StudentPane, _ move: ListMove) throws {
        switch pane {
        case .listings:
            let before = state.listings.selectedID
            try state.listings.move(move, source: listings)
            // Moving is how the student leaves a listing that left the list.
            if state.listings.selectedID != before || state.detailNotice != nil { try showSelectedListing() }
        case .applications:
            let before = state.applications.selectedID
            try state.applications.move(move, source: applicationRows)
            if state.applications.selectedID != before { try showSelectedApplication() }
        case .detail, .feedback:
            scrollText(pane, by: move)
        }
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

    /// Shows listing `id` in the detail, selecting it in the list when it is near what the list
    /// holds; a listing the list does not show (filtered out, closed) is shown all the same.
    func openListing(_ id: Int64) throws {
        if try state.listings.jump(to: id, source: listings) {
            try showSelectedListing()
        } else {
            try showListing(id, keepingScroll: false)
        }
    }

    // MARK: - Mouse

    func clickPane(_ pane: StudentPane, inner: Rect, event: MouseEvent) throws -> [Effect<StudentOutcome>] {
        if pane == .listings,
           let index = ListView.index(atScreenRow: event.row, area: StudentLayout.listingList(inner), state: state.listings.state) {
            try state.listings.select(index: index, source: listings)
            try showSelectedListing()
        } else if pane == .applications,
                  let index = ListView.index(atScreenRow: event.row, area: StudentLayout.applicationList(inner),
                                             state: state.applications.state) {
            try state.applications.select(index: index, source: applicationRows)
            try showSelectedApplication()
        }
        return []
    }

    func wheel(_ pane: StudentPane, inner: Rect, event: MouseEvent, move: ListMove) throws -> [Effect<StudentOutcome>] {
        if pane == .applications, StudentLayout.applicationDetail(inner).contains(column: event.column, row: event.row) {
            scrollText(.applications, by: move)
        } else {
            try self.move(pane, move)
        }
        return []
    }
}
