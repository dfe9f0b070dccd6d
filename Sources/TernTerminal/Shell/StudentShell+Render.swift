import TernCatalogue
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
            let selectedRow = drawContent(pane, into: &grid, area: inner)
            if pane == focus, let selectedRow { cursor = (inner.x, selectedRow) }
        }
        StatusBar.draw(into: &grid, row: layout.statusRow, width: width,
                       hints: StatusBar.hints(hintActions(for: focus), keyMap: keyMap),
                       message: toast?.message, messageIsError: toast?.isError ?? false)
        if helpVisible {
            HelpOverlay.draw(into: &grid, screen: layout.screen, sections: helpSections, scroll: helpScroll)
            cursor = nil
        }
        return Frame(grid: grid, cursor: cursor)
    }

    private func title(_ pane: PaneID) -> String {
        switch pane {
        case .listings: "Listings (\(listings.count))"
        case .applications: session.isGuest ? pane.title : "My applications (\(applications.applications.count))"
        default: pane.title
        }
    }

    /// The keys the status bar offers for the focused pane.
    func hintActions(for pane: PaneID) -> [Action] {
        switch pane {
        case .listings: [.moveDown, .moveUp, .open, .nextPane, .search, .filters, .help, .quit]
        case .detail: [.moveDown, .moveUp, .back, .nextPane, .help, .quit]
        case .applications: [.moveDown, .moveUp, .open, .nextPane, .back, .help, .quit]
        case .feedback: [.moveDown, .moveUp, .nextPane, .back, .help, .quit]
        }
    }

    /// The help overlay, generated from the same key map the input handler uses.
    var helpSections: [HelpSection] {
        HelpOverlay.sections(keyMap: keyMap, groups: [
            ("Move", [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom]),
            ("Panes", [.nextPane, .previousPane, .open, .back]),
            ("Find", [.search, .filters, .command]),
            ("General", [.help, .quit]),
        ])
    }

    /// Draws a pane's content; returns the screen row of its selected item, if any.
    private func drawContent(_ pane: PaneID, into grid: inout CellGrid, area: Rect) -> Int? {
        switch pane {
        case .listings:
            let rows = (try? listings.rows(in: listingState.visibleRange(visibleRows: ListView.visibleRows(in: area)))) ?? []
            ListView.draw(into: &grid, area: area, columns: PaneContent.listingColumns(width: area.width),
                          rows: rows.map { PaneContent.listingCells($0, width: area.width) }, state: listingState,
                          focused: focus == .listings, emptyMessage: "no open listings match")
            return selectedScreenRow(listingState, area: area)
        case .detail:
            drawScrolling(PaneContent.detailBlocks(detail.detail, isGuest: session.isGuest), into: &grid, area: area, scroll: &detailScroll)
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
                TextView.draw(into: &grid, area: timelineArea, lines: TextView.layout(PaneContent.timelineBlocks(applications.timeline), width: timelineArea.width), scroll: 0)
            }
            return selectedScreenRow(applicationState, area: listArea)
        case .feedback:
            drawScrolling(PaneContent.feedbackBlocks(feedback.items, isGuest: session.isGuest), into: &grid, area: area, scroll: &feedbackScroll)
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
