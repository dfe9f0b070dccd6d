import TernText

/// The glyphs a box is drawn with.
///
/// ```swift
/// Pane.draw(into: &grid, area: area, title: "Listings", focused: true, box: .ascii)
/// ```
public enum BoxStyle: Sendable {
    /// Unicode box drawing: ┌─┐│└┘.
    case line
    /// Plain ASCII +-|: for braille displays and terminals or fonts without box drawing, where
    /// line glyphs read as noise or render as tofu.
    case ascii

    var topLeft: Character { self == .line ? "┌" : "+" }
    var topRight: Character { self == .line ? "┐" : "+" }
    var bottomLeft: Character { self == .line ? "└" : "+" }
    var bottomRight: Character { self == .line ? "┘" : "+" }
    var horizontal: Character { self == .line ? "─" : "-" }
    var vertical: Character { self == .line ? "│" : "|" }
}

/// A bordered, titled region of the screen: the frame every pane, dialog and overlay sits in.
///
/// ```swift
/// let inner = Pane.draw(into: &grid, area: left, title: "Listings", focused: true)
/// ```
public enum Pane {
    /// Draws a bordered, titled pane and returns the inner area. The pane clears its whole area
    /// first, so it can be drawn over anything (overlays, dialogs). The title sits in the top
    /// border, truncated by display width with "…"; focused panes draw the border with
    /// `Style(.focusedBorder, bold: true)` and the title in `.accent` bold, unfocused ones `.border`
    /// and `.muted`, so focus shows both in colour and (bold) in monochrome. An area under 2x2 has
    /// no room for a border: nothing is drawn and the inner area is empty.
    ///
    /// ```swift
    /// let inner = Pane.draw(into: &grid, area: Rect(x: 0, y: 0, width: 30, height: 10), title: "Detail", focused: false)
    /// ```
    @discardableResult
    public static func draw(into grid: inout CellGrid, area: Rect, title: String, focused: Bool, box: BoxStyle = .line) -> Rect {
        draw(into: &grid, area: area, title: title,
             borderStyle: focused ? Style(.focusedBorder, bold: true) : Style(.border),
             titleStyle: focused ? Style(.accent, bold: true) : Style(.muted), box: box)
    }

    /// The same with explicit styles, for dialogs and toasts that colour their frame by meaning
    /// (an error) rather than by focus.
    @discardableResult
    static func draw(into grid: inout CellGrid, area: Rect, title: String, borderStyle: Style, titleStyle: Style,
                     box: BoxStyle) -> Rect {
        let inner = area.inset(by: 1)
        guard area.width >= 2, area.height >= 2 else { return Rect(x: inner.x, y: inner.y, width: 0, height: 0) }
        WidgetSupport.fill(&grid, area)
        let top = area.y, bottom = area.maxY - 1, left = area.x, right = area.maxX - 1
        // Loops run over the visible part only: an area may be far larger than the grid.
        for x in WidgetSupport.span(left + 1, right, limit: grid.width) {
            grid.put(box.horizontal, x: x, y: top, style: borderStyle)
            grid.put(box.horizontal, x: x, y: bottom, style: borderStyle)
        }
        for y in WidgetSupport.span(top + 1, bottom, limit: grid.height) {
            grid.put(box.vertical, x: left, y: y, style: borderStyle)
            grid.put(box.vertical, x: right, y: y, style: borderStyle)
        }
        grid.put(box.topLeft, x: left, y: top, style: borderStyle)
        grid.put(box.topRight, x: right, y: top, style: borderStyle)
        grid.put(box.bottomLeft, x: left, y: bottom, style: borderStyle)
        grid.put(box.bottomRight, x: right, y: bottom, style: borderStyle)
        // "┌ Title ─┐": a space either side keeps the title off the line; at least one line
        // cell stays before the right corner so the border still reads as a border.
        let room = area.width - 5
        let safeTitle = Sanitizer.line(title)
        if room > 0, !safeTitle.isEmpty {
            let shown = TextLayout.truncate(safeTitle, to: room)
            let used = WidgetSupport.write(&grid, " " + shown + " ", x: left + 1, y: top, maxWidth: room + 2, style: titleStyle)
            // The padding spaces belong to the border, not the title (no bold/accent blanks).
            WidgetSupport.restyle(&grid, Rect(x: left + 1, y: top, width: 1, height: 1)) { $0 = borderStyle }
            WidgetSupport.restyle(&grid, Rect(x: left + used, y: top, width: 1, height: 1)) { $0 = borderStyle }
        }
        return inner
    }
}
