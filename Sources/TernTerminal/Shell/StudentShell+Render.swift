import TernCatalogue
import TernText
import TernViewModels

extension StudentShell {
    /// A frame: the grid for this state at this size, and where to park the hardware cursor
    /// (the selected row, so screen readers follow the selection).
    public struct Frame {
        public var grid: CellGrid
        public var cursor: (x: Int, y: Int)?
    }

    /// Renders the whole screen as a pure function of the shell's state.
    public func render(width: Int, height: Int) -> Frame {
        let layout = ShellLayout(width: width, height: height)
        if layout != lastLayout {
            lastLayout = layout
            listingState.setCount(listings.count, visibleRows: visibleRows(.listings))
            applicationState.setCount(applications.applications.count, visibleRows: visibleRows(.applications))
        }
        var grid = CellGrid(width: width, height: height)
        if layout.mode == .tooSmall {
            TooSmall.draw(into: &grid, screen: layout.screen, minimumWidth: ShellLayout.minimumWidth, minimumHeight: ShellLayout.minimumHeight)
            return Frame(grid: grid, cursor: nil)
        }
        if layout.mode == .wide {
            let who = session.isGuest ? "browsing as guest" : "signed in as \(session.displayName)"
            grid.write(" Tern · micro-internships", x: 0, y: 0, style: .accent)
            let right = "\(who) · \(listings.count) open listings "
            grid.write(right, x: max(0, width - DisplayWidth.of(Sanitizer.line(right))), y: 0, style: .muted)
        } else {
            TabBar.draw(into: &grid, row: 0, width: width, tabs: PaneID.allCases.map(\.title), selected: focus.rawValue)
        }
        var cursor: (x: Int, y: Int)?
        for (pane, frame) in layout.frames(focused: focus).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let inner = Pane.draw(into: &grid, area: frame, title: title(pane), focused: pane == focus, box: box)
            let paneCursor = drawContent(pane, into: &grid, area: inner)
            if pane == focus, let paneCursor { cursor = paneCursor }
        }
        StatusBar.draw(into: &grid, row: layout.statusRow, width: width, hints: statusHints,
                       message: toast?.message, messageIsError: toast?.isError ?? false)
        if let field = commandField {
            cursor = drawCommandLine(field, into: &grid, row: layout.statusRow, width: width)
        }
        if let modal {
            cursor = drawModal(modal, into: &grid, layout: layout)
        }
        if helpVisible {
            HelpOverlay.draw(into: &grid, screen: layout.screen, sections: helpSections, scroll: helpScroll)
            cursor = nil
        }
        return Frame(grid: grid, cursor: cursor)
    }

    private func title(_ pane: PaneID) -> String {
        switch pane {
        case .listings: "Listings · \(view.title) (\(listings.isCounting ? "…" : "\(listings.count)"))"
        case .applications: session.isGuest ? pane.title : "My applications (\(applications.applications.count))"
        default: pane.title
        }
    }

    /// The keys the status bar offers for the focused pane.
    func hintActions(for pane: PaneID) -> [Action] {
        switch pane {
        case .listings: [.search, .filters, .nextView, .open, .apply, .toggleSaved, .nextPane, .help, .quit]
        case .detail: [.apply, .toggleSaved, .moveDown, .moveUp, .back, .nextPane, .help, .quit]
        case .applications:
            [.open] + (currentApplication.map { StudentApplicationAction.available(for: $0.application.status).map(Self.action) } ?? [])
                + [.nextPane, .back, .help, .quit]
        case .feedback: [.rateOrganization, .moveDown, .moveUp, .nextPane, .back, .help, .quit]
        }
    }

    static func action(_ action: StudentApplicationAction) -> Action {
        switch action {
        case .withdraw: .withdraw
        case .acceptOffer: .acceptOffer
        case .declineOffer: .declineOffer
        case .markDelivered: .markDelivered
        }
    }

    /// What the bottom bar offers right now: the open overlay's keys, else the focused pane's.
    var statusHints: [KeyHint] {
        if searchEditing { return [KeyHint("type", "to search"), KeyHint("enter", "keep"), KeyHint("esc", "clear"), KeyHint("ctrl-c", "quit")] }
        if commandField != nil { return [] }
        switch modal {
        case .form?: return []
        case .confirm?: return [KeyHint("y", "yes"), KeyHint("n/esc", "no"), KeyHint("←/→", "choose"), KeyHint("enter", "confirm")]
        case .savedSearches?: return [KeyHint("j/k", "move"), KeyHint("enter", "open"), KeyHint("d", "delete"), KeyHint("esc", "close")]
        case .profile?: return [KeyHint("e", "edit"), KeyHint("j/k", "scroll"), KeyHint("esc", "close")]
        case nil: return StatusBar.hints(hintActions(for: focus), keyMap: keyMap)
        }
    }

    /// The help overlay, generated from the same key map the input handler uses.
    var helpSections: [HelpSection] {
        HelpOverlay.sections(keyMap: keyMap, groups: [
            ("Move", [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom]),
            ("Panes", [.nextPane, .previousPane, .open, .back]),
            ("Find", [.search, .filters, .clearFilters, .nextView, .savedSearches, .saveSearch, .command]),
            ("Listing", [.apply, .toggleSaved]),
            ("My applications", [.withdraw, .acceptOffer, .declineOffer, .markDelivered, .rateOrganization]),
            ("General", [.profile, .help, .quit]),
        ])
    }

    var emptyListingsMessage: String {
        switch view {
        case .saved: "nothing saved yet: press s on a listing to save it"
        case .forYou: "nothing fits your profile yet: add skills and interests (p)"
        case .all: baseQuery.words.isEmpty && baseQuery.hasNoFilters ? "no open listings" : "no open listings match (x clears filters, esc the words)"
        }
    }

    /// Draws a pane's content; returns where the hardware cursor belongs in it: the search
    /// line's caret while typing, else the start of the selected row, if any.
    private func drawContent(_ pane: PaneID, into grid: inout CellGrid, area: Rect) -> (x: Int, y: Int)? {
        switch pane {
        case .listings:
            let listArea = listingListArea(area)
            let words = searchEditing ? searchField.text : baseQuery.words
            let caret = SearchBar.draw(into: &grid, area: Rect(x: area.x, y: area.y, width: area.width, height: 1), query: words,
                                       cursor: searchEditing ? searchField.cursor : words.count, editing: searchEditing,
                                       chips: ListingFilters.chips(baseQuery), matchCount: listings.isCounting ? nil : listings.count)
            let rows = (try? listings.rows(in: listingState.visibleRange(visibleRows: ListView.visibleRows(in: listArea)))) ?? []
            let today = listings.day
            ListView.draw(into: &grid, area: listArea, columns: PaneContent.listingColumns(width: listArea.width),
                          rows: rows.map { PaneContent.listingCells($0, width: listArea.width, today: today) }, state: listingState,
                          focused: focus == .listings && !searchEditing, emptyMessage: emptyListingsMessage)
            if searchEditing { return caret }
            return selectedScreenRow(listingState, area: listArea).map { (area.x, $0) }
        case .detail:
            drawScrolling(PaneContent.detailBlocks(detail.detail, isGuest: session.isGuest, keyMap: keyMap), into: &grid, area: area, scroll: &detailScroll)
            return nil
        case .applications:
            guard !session.isGuest else {
                TextView.draw(into: &grid, area: area, lines: TextView.layout([.paragraph("You are browsing as a guest. Start tern with --user NAME, or ask the career center to add your login, to apply and follow applications.")], width: area.width), scroll: 0)
                return nil
            }
            let listArea = applicationListArea(area)
            let visible = applicationState.visibleRange(visibleRows: ListView.visibleRows(in: listArea))
            let rows = Array(applications.applications[visible.clamped(to: applications.applications.indices)])
            ListView.draw(into: &grid, area: listArea, columns: PaneContent.applicationColumns(width: listArea.width),
                          rows: rows.map(PaneContent.applicationCells), rowStyles: rows.map { Style(.status($0.application.status), bold: true) },
                          state: applicationState, focused: focus == .applications, emptyMessage: "no applications yet")
            if listArea != area {
                let timelineArea = Rect(x: area.x, y: listArea.maxY, width: area.width, height: area.height - listArea.height)
                let actions = rows.isEmpty ? [] : applications.applications[safe: applicationState.selected].map {
                    StudentApplicationAction.available(for: $0.application.status)
                        .map { KeyHint(keyMap.keyNames(for: Self.action($0)), $0.label) }
                } ?? []
                let blocks = PaneContent.actionBlocks(actions) + PaneContent.timelineBlocks(applications.timeline)
                TextView.draw(into: &grid, area: timelineArea, lines: TextView.layout(blocks, width: timelineArea.width), scroll: 0)
            }
            return selectedScreenRow(applicationState, area: listArea).map { (area.x, $0) }
        case .feedback:
            drawScrolling(PaneContent.feedbackBlocks(feedback.items, isGuest: session.isGuest, rateKeys: keyMap.keyNames(for: .rateOrganization)),
                          into: &grid, area: area, scroll: &feedbackScroll)
            return nil
        }
    }

    /// A scrolling text pane. Text is laid out one column narrower than the area because the
    /// scroll markers take the last column; the stored scroll is clamped so scrolling back up
    /// never needs extra key presses.
    private func drawScrolling(_ blocks: [TextBlock], into grid: inout CellGrid, area: Rect, scroll: inout Int) {
        let lines = TextView.layout(blocks, width: area.width - 1)
        scroll = min(scroll, max(0, lines.count - area.height))
        TextView.draw(into: &grid, area: area, lines: lines, scroll: scroll)
    }

    private func selectedScreenRow(_ state: ListState, area: Rect) -> Int? {
        guard state.count > 0 else { return nil }
        return area.y + 1 + state.selected - state.offset
    }
}

extension StudentShell {
    /// ": text" on the status row; returns the caret.
    func drawCommandLine(_ field: TextField, into grid: inout CellGrid, row: Int, width: Int) -> (x: Int, y: Int) {
        WidgetSupport.fill(&grid, Rect(x: 0, y: row, width: width, height: 1))
        grid.write(":", x: 0, y: row, style: .accent)
        return field.draw(into: &grid, area: Rect(x: 1, y: row, width: max(0, width - 1), height: 1), focused: true)
    }

    /// Draws the overlay on top of the panes; returns where the hardware cursor goes.
    func drawModal(_ modal: Modal, into grid: inout CellGrid, layout: ShellLayout) -> (x: Int, y: Int)? {
        let screen = layout.body
        switch modal {
        case .form(let form, _):
            return form.draw(into: &grid, screen: screen, box: box)
        case .confirm(let action, _, _, let title, let selected):
            let question = action == .withdraw ? "Withdraw your application?" : "Decline this offer?"
            let message = "\(title)\n\nThis cannot be undone."
            Dialog.draw(into: &grid, screen: screen, title: question, message: message, buttons: ["Yes", "No"], selected: selected, box: box)
            return nil
        case .savedSearches(let state):
            let area = overlayArea(screen)
            let inner = Pane.draw(into: &grid, area: area, title: "Saved searches (\(savedSearches.searches.count))", focused: true, box: box)
            let columns = [ListColumn("Name", .flexible(min: 12)), ListColumn("New", .fixed(5), alignment: .right),
                           ListColumn("Filters", .flexible(min: 10))]
            let rows = savedSearches.searches.map { search -> [String] in
                [search.name, search.newCount == 0 ? "–" : "\(search.newCount)",
                 ([search.query.words].filter { !$0.isEmpty } + ListingFilters.chips(search.query)).joined(separator: " · ")]
            }
            ListView.draw(into: &grid, area: inner, columns: columns, rows: Array(rows.dropFirst(state.offset)), state: state,
                          focused: true, emptyMessage: "no saved searches: S saves the current one")
            return selectedScreenRow(state, area: inner).map { (inner.x, $0) }
        case .profile(let scroll):
            let area = overlayArea(screen)
            let inner = Pane.draw(into: &grid, area: area, title: "Profile and portfolio", focused: true, box: box)
            var offset = scroll
            let lines = TextView.layout(PaneContent.profileBlocks(profile.student, portfolio: profile.portfolio), width: inner.width - 1)
            offset = min(offset, max(0, lines.count - inner.height))
            TextView.draw(into: &grid, area: inner, lines: lines, scroll: offset)
            return nil
        }
    }

    /// Overlays cover most of the body, leaving a margin so the panes show they are underneath.
    func overlayArea(_ screen: Rect) -> Rect {
        let width = min(screen.width - 4, 100), height = screen.height - 2
        return Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + 1, width: width, height: height)
    }
}
