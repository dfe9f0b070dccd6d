import TernCatalogue
import TernViewModels

extension StudentScreen {
    /// A key: to the modal on top, else the command line or search line when open, else the
    /// focused pane. Every key is looked up in the screen's key map.
    func handle(_ key: Key) throws -> [Effect<StudentOutcome>] {
        state.toasts.clear()
        guard state.panes.mode != .tooSmall else {
            // Nothing is on screen to act on: a key acted on unseen would surprise. Only
            // quitting works, so there is always a way out.
            return state.keyMap.action(for: key, in: [.global])?.intent == .quitNow ? [.quit] : []
        }
        if state.modals.isOpen {
            if case .mouse(let event) = key { return try handleModalMouse(event) }
            return try handleModalKey(key)
        }
        if state.commandPrompt != nil { return try handleCommandKey(key) }
        if state.searchLine != nil { return try handleSearchKey(key) }
        if case .mouse(let event) = key { return try handleMouse(event) }
        return try handlePaneKey(key)
    }

    /// Where keys are looked up on the panes: the focused pane's own scope first.
    var paneScopes: [KeyScope] {
        (state.panes.focus == .applications ? [.myApplications] : []) + [.studentPanes, .global]
    }

    private func handlePaneKey(_ key: Key) throws -> [Effect<StudentOutcome>] {
        guard let action = state.keyMap.action(for: key, in: paneScopes) else { return [] }
        let focus = state.panes.focus
        switch action {
        case .quit:
            // q steps back out of a pane first; on the listings it quits.
            if focus == .listings { return [.quit] }
            state.panes.focus = .listings
        case .quitNow:
            return [.quit]
        case .back:
            if focus != .listings { state.panes.focus = .listings }
            else if !state.query.words.isEmpty { return setSearchWords("") }
        case .help:
            let groups = session.isGuest ? StudentAction.guestHelpGroups : StudentAction.helpGroups
            state.modals.open(.help(HelpModal(sections: HelpOverlay.sections(keyMap: state.keyMap, groups: groups))))
        case .nextPane: state.panes.focusNext()
        case .previousPane: state.panes.focusPrevious()
        case .open:
            if focus == .listings {
                state.panes.focus = .detail
                state.detailScroll = 0
            } else if focus == .applications, let overview = state.applications.selectedRow {
                try openListing(overview.opportunity.id)
                state.panes.focus = .detail
            }
        case .search:
            state.panes.focus = .listings
            state.searchLine = TextField(state.query.words, limit: StoredText.searchWords.limit)
        case .command:
            state.commandPrompt = CommandPrompt()
        case .filters, .clearFilters, .nextView, .toggleSaved, .saveSearch, .savedSearches, .apply, .profile:
            return try perform(action)
        case .updates:
            return openUpdates()
        case .withdraw, .acceptOffer, .declineOffer, .markDelivered, .rateOrganization:
            return try performOnApplication(action)
        case .timelineDown, .timelineUp:
            scrollText(.applications, by: action == .timelineDown ? .pageDown : .pageUp)
        case .moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown:
            if case .move(let direction)? = action.intent { try move(focus, direction) }
        default:
            break  // not in the panes' scopes
        }
        return []
    }

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
            try state.applications.move(move, source: ApplicationRows(applications.applications))
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

    private func handleMouse(_ event: MouseEvent) throws -> [Effect<StudentOutcome>] {
        guard let hit = state.panes.hit(column: event.column, row: event.row) else { return [] }
        switch hit {
        case .tab(let pane):
            if event.kind == .click { state.panes.focus = pane }
        case .pane(let pane, let rect):
            let inner = rect.inset(by: 1)
            switch event.kind {
            case .click:
                state.panes.focus = pane
                if pane == .listings,
                   let index = ListView.index(atScreenRow: event.row, area: StudentLayout.listingList(inner), state: state.listings.state) {
                    try state.listings.select(index: index, source: listings)
                    try showSelectedListing()
                } else if pane == .applications,
                          let index = ListView.index(atScreenRow: event.row, area: StudentLayout.applicationList(inner),
                                                     state: state.applications.state) {
                    try state.applications.select(index: index, source: ApplicationRows(applications.applications))
                    try showSelectedApplication()
                }
            case .wheelUp, .wheelDown:
                // The wheel scrolls what is under it, leaving the focus where it was.
                let move: ListMove = event.kind == .wheelUp ? .up : .down
                if pane == .applications, StudentLayout.applicationDetail(inner).contains(column: event.column, row: event.row) {
                    scrollText(.applications, by: move)
                } else {
                    try self.move(pane, move)
                }
            }
        }
        return []
    }
}
