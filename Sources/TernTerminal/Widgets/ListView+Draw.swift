import TernText

/// A table of rows with a header line, drawn from just the visible rows.
///
/// ```swift
/// let range = state.visibleRange(visibleRows: ListView.visibleRows(in: area))
/// ListView.draw(into: &grid, area: area, columns: columns, rows: cells(range), state: state, focused: true)
/// ```
public enum ListView {
    /// Draws the header (column titles, `.muted` bold) and the visible rows. `rows[0]` is row
    /// `state.offset`; columns are separated by one space; cells are sanitized, truncated with
    /// "…" and padded by display width, so CJK and emoji stay aligned. The selected row is drawn
    /// in `Style.selected` across the full width when focused, and only underlined when not, so
    /// the other pane's selection stays visible without competing for attention. `rowStyles[i]`,
    /// when given, styles the last column of `rows[i]` (a status colour). With `state.count == 0`
    /// a muted `emptyMessage` is centred under the header. The last column is kept for "↑" on the
    /// first row and "↓" on the last when rows lie above or below the screen. Words in `terms`
    /// (the search) are marked where cells start with them (``Highlight``).
    ///
    /// ```swift
    /// ListView.draw(into: &grid, area: area, columns: cols, rows: [["Data analyst", "Offered"]], state: state, focused: true)
    /// ```
    public static func draw(into grid: inout CellGrid, area: Rect, columns: [ListColumn], rows: [[String]],
                            rowStyles: [Style?] = [], state: ListState, focused: Bool,
                            emptyMessage: String = "nothing here", highlight terms: [String] = []) {
        WidgetSupport.fill(&grid, area)
        guard !area.isEmpty else { return }
        // The last column is kept for the "more above / below" markers.
        let cells = Rect(x: area.x, y: area.y, width: max(0, area.width - 1), height: area.height)
        let widths = columnWidths(columns, total: cells.width)
        drawCells(into: &grid, columns.map(\.title), columns: columns, widths: widths, area: cells, y: area.y,
                  style: Style(.muted, bold: true), lastStyle: Style(.muted, bold: true), highlight: [])
        let visible = visibleRows(in: area)
        if state.count <= 0 {
            guard visible > 0 else { return }
            let message = TextLayout.truncate(Sanitizer.line(emptyMessage), to: area.width)
            let x = area.x + (area.width - DisplayWidth.of(message)) / 2
            WidgetSupport.write(&grid, message, x: x, y: area.y + 1 + (visible - 1) / 2, maxWidth: area.maxX - x, style: .muted)
            return
        }
        // The only hint a terminal gives that a list goes on past the screen; drawn first, so
        // the selected row's highlight covers its marker too.
        let shown = min(rows.count, visible, max(0, state.count - state.offset))
        if state.offset > 0, shown > 0 { grid.put("↑", x: area.maxX - 1, y: area.y + 1, style: .muted) }
        if state.offset + shown < state.count, shown > 0 { grid.put("↓", x: area.maxX - 1, y: area.y + shown, style: .muted) }
        for i in 0..<min(rows.count, visible) where state.offset + i < state.count {
            let y = area.y + 1 + i
            let lastStyle = (i < rowStyles.count ? rowStyles[i] : nil) ?? .plain
            drawCells(into: &grid, rows[i], columns: columns, widths: widths, area: cells, y: y, style: .plain, lastStyle: lastStyle,
                      highlight: terms)
            if state.offset + i == state.selected {
                let row = Rect(x: area.x, y: y, width: area.width, height: 1)
                if focused {
                    // A search match keeps its mark on the selected row.
                    WidgetSupport.restyle(&grid, row) { style in
                        let matched = style.underline
                        style = .selected
                        if matched { Highlight.restyle(&style) }
                    }
                } else {
                    WidgetSupport.restyle(&grid, row) { $0.underline = true }
                }
            }
        }
    }

    /// Rows of data that fit under the header: `area.height - 1`, at least 0.
    ///
    /// ```swift
    /// ListView.visibleRows(in: Rect(x: 0, y: 0, width: 80, height: 21))   // 20
    /// ```
    public static func visibleRows(in area: Rect) -> Int { max(0, area.height - 1) }

    /// The list index drawn on screen row `row` (for mouse clicks); nil on the header, past the
    /// last row or outside the area.
    ///
    /// ```swift
    /// if let index = ListView.index(atScreenRow: event.row, area: area, state: state) { state.select(index, visibleRows: n) }
    /// ```
    public static func index(atScreenRow row: Int, area: Rect, state: ListState) -> Int? {
        let i = row - area.y - 1
        guard i >= 0, i < visibleRows(in: area) else { return nil }
        let index = max(0, state.offset) + i
        return index < state.count ? index : nil
    }

    /// Column widths for `total` columns: fixed ones as given, flexible ones sharing the rest
    /// (after the one-space separators) equally, the first ones taking the odd columns.
    static func columnWidths(_ columns: [ListColumn], total: Int) -> [Int] {
        var fixed = 0, flexible = 0
        for column in columns {
            switch column.width {
            case .fixed(let w): fixed += max(0, w)
            case .flexible: flexible += 1
            }
        }
        let remaining = max(0, total - max(0, columns.count - 1) - fixed)
        let share = flexible > 0 ? remaining / flexible : 0
        var extra = flexible > 0 ? remaining % flexible : 0
        return columns.map { column in
            switch column.width {
            case .fixed(let w):
                return max(0, w)
            case .flexible(let minimum):
                let bonus = extra > 0 ? 1 : 0
                extra -= bonus
                return max(max(0, minimum), share + bonus)
            }
        }
    }

    /// One line of cells, each padded to its column (or to what of it is inside the area, so a
    /// clipped column still ends in "…" rather than a cut word).
    private static func drawCells(into grid: inout CellGrid, _ cells: [String], columns: [ListColumn], widths: [Int],
                                  area: Rect, y: Int, style: Style, lastStyle: Style, highlight terms: [String]) {
        var x = area.x
        for (c, column) in columns.enumerated() {
            let room = min(widths[c], area.maxX - x)
            guard room > 0 else { break }
            let text = c < cells.count ? Sanitizer.line(cells[c]) : ""
            let cellStyle = c == columns.count - 1 ? lastStyle : style
            let padded = TextLayout.pad(text, to: room, alignment: column.alignment)
            WidgetSupport.write(&grid, padded, x: x, y: y, maxWidth: room, style: cellStyle)
            for match in Highlight.columns(in: padded, terms: terms) {
                WidgetSupport.restyle(&grid, Rect(x: x + match.lowerBound, y: y, width: min(match.count, room - match.lowerBound), height: 1),
                                      Highlight.restyle)
            }
            x += widths[c] + 1
        }
    }
}
