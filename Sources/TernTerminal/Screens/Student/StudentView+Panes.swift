import TernStore
import TernText
import TernViewModels

extension StudentView {
    /// A pane's content; returns where the hardware cursor belongs in it: the search line's
    /// caret while typing, else the start of the selected row, if any.
    static func drawContent(_ pane: StudentPane, _ state: StudentState, into grid: inout CellGrid, area: Rect) -> (x: Int, y: Int)? {
        let focused = state.panes.focus == pane
        switch pane {
        case .listings:
            let listArea = StudentLayout.listingList(area)
            let words = state.searchLine?.text ?? state.query.words
            let caret = SearchBar.draw(into: &grid, area: Rect(x: area.x, y: area.y, width: area.width, height: 1), query: words,
                                       cursor: state.searchLine?.cursor ?? words.count, editing: state.searchLine != nil,
                                       chips: ListingFilters.chips(state.query), matchCount: state.isCounting ? nil : state.listingCount)
            let columns = PaneContent.listingColumns(width: listArea.width - 1).map { column in
                state.query.sort == .pay && column.title == "Pay" ? ListColumn(PaneContent.payPerHourTitle, column.width) : column
            }
            let rows = state.listings.visibleRows
            let newSince = state.newMatches.flatMap { $0.query == state.query ? $0.since : nil }
            ListView.draw(into: &grid, area: listArea, columns: columns,
                          rows: rows.map { row in
                              PaneContent.listingCells(row, columns: columns, today: state.today,
                                                       applied: state.applied.contains(row.id), saved: state.saved.contains(row.id),
                                                       withdrawn: state.withdrawn.contains(row.id),
                                                       isNew: newSince.map { row.postedAt > $0 } ?? false)
                          },
                          rowStyles: rows.map { $0.status == .open && $0.deadline >= state.today ? nil : .muted },
                          state: state.listings.state, focused: focused && state.searchLine == nil,
                          emptyMessage: emptyListingsMessage(state), highlight: state.highlightTerms)
            if state.searchLine != nil { return caret }
            return selectedRow(state.listings.state, area: listArea).map { (area.x, $0) }
        case .detail where state.detailNotice != nil:
            // A listing that left the list: its notice on top, the rest greyed below it.
            let notice = TextView.layout([.paragraph(state.detailNotice ?? "")], width: area.width - 1)
            let top = min(area.height, notice.count + 1)
            TextView.draw(into: &grid, area: Rect(x: area.x, y: area.y, width: area.width, height: top), lines: notice, scroll: 0)
            WidgetSupport.restyle(&grid, Rect(x: area.x, y: area.y, width: area.width, height: top)) { $0 = Style(.error, bold: true) }
            let rest = Rect(x: area.x, y: area.y + top, width: area.width, height: area.height - top)
            drawText(textBlocks(pane, state), into: &grid, area: rest, scroll: state.detailScroll, highlight: [])
            WidgetSupport.restyle(&grid, rest) { $0 = Style(.muted) }
            return nil
        case .detail, .feedback:
            drawText(textBlocks(pane, state), into: &grid, area: area, scroll: pane == .detail ? state.detailScroll : state.feedbackScroll,
                     highlight: pane == .detail ? state.highlightTerms : [])
            return nil
        case .applications:
            guard !state.isGuest else {
                TextView.draw(into: &grid, area: area, lines: TextView.layout([.paragraph(GuestText.pane)], width: area.width), scroll: 0)
                return nil
            }
            let listArea = StudentLayout.applicationList(area)
            let rows = state.applications.visibleRows
            ListView.draw(into: &grid, area: listArea, columns: PaneContent.applicationColumns(width: listArea.width),
                          rows: rows.map(PaneContent.applicationCells), rowStyles: rows.map { Style(.status($0.application.status), bold: true) },
                          state: state.applications.state, focused: focused, emptyMessage: "no applications yet")
            if listArea != area {
                drawText(textBlocks(.applications, state), into: &grid, area: StudentLayout.applicationDetail(area),
                         scroll: state.timelineScroll, highlight: [])
            }
            return selectedRow(state.applications.state, area: listArea).map { (area.x, $0) }
        }
    }

    /// The scrolling text of the detail, Feedback and the selected application; the update
    /// measures the same blocks to know how far each may scroll.
    static func textBlocks(_ pane: StudentPane, _ state: StudentState) -> [TextBlock] {
        switch pane {
        case .listings: []
        case .detail:
            PaneContent.detailBlocks(state.detail, isGuest: state.isGuest, keyMap: state.keyMap,
                                     actions: state.detailNotice != nil ? [] : state.detail?.myApplication.map { mine in
                                         state.actions(on: mine).map { KeyHint(state.keyMap.keyNames(for: action($0)), $0.label) }
                                     } ?? [], offersApply: state.detailNotice == nil)
        case .feedback:
            PaneContent.feedbackBlocks(state.feedback, isGuest: state.isGuest, rateKeys: state.keyMap.keyNames(for: .rateOrganization))
        case .applications:
            PaneContent.applicationBlocks(state.applications.selectedRow, timeline: state.timeline,
                                          actions: applicationActions(state).map { KeyHint(state.keyMap.keyNames(for: action($0)), $0.label) })
        }
    }

    /// Text laid out one column narrower than the area, whose last column the scroll markers
    /// take; `scroll` was kept within the lines by the update.
    private static func drawText(_ blocks: [TextBlock], into grid: inout CellGrid, area: Rect, scroll: Int, highlight terms: [String]) {
        let lines = TextView.layout(blocks, width: area.width - 1).map { Highlight.apply(to: $0, terms: terms) }
        TextView.draw(into: &grid, area: area, lines: lines, scroll: scroll)
    }

    private static func selectedRow(_ list: ListState, area: Rect) -> Int? {
        guard list.count > 0 else { return nil }
        return area.y + 1 + list.selected - list.offset
    }

    static func emptyListingsMessage(_ state: StudentState) -> String {
        func keys(_ action: StudentAction) -> String { state.keyMap.keyNames(for: action) }
        return switch state.view {
        case .saved: "nothing saved yet: press \(keys(.toggleSaved)) on a listing to save it"
        case .forYou: "nothing fits your profile yet: add skills and interests (\(keys(.profile)))"
        case .all: state.query.words.isEmpty && state.query.hasNoFilters
            ? "no open listings" : "no open listings match (\(keys(.clearFilters)) clears filters, \(keys(.back)) the words)"
        }
    }
}
