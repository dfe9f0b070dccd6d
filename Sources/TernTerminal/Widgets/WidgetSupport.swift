import TernText

/// Drawing helpers shared by the widgets. Every widget may be handed an area that is empty, off
/// the grid or larger than it, so everything here clips first: `CellGrid.fill` and `restyle` build
/// ranges from the rect and would trap on a rect lying wholly outside the grid.
enum WidgetSupport {
    /// The part of `rect` inside the grid (an empty rect when they do not meet).
    static func clip(_ rect: Rect, to grid: CellGrid) -> Rect {
        let x0 = max(rect.x, 0), y0 = max(rect.y, 0)
        let x1 = min(rect.maxX, grid.width), y1 = min(rect.maxY, grid.height)
        guard x1 > x0, y1 > y0 else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// `grid.fill`, clipped: safe for any rect. A wide character cut by the rect's left or right
    /// edge (an overlay over CJK text) first loses its outside half too, as `CellGrid.write` does:
    /// `CellGrid.fill` alone would leave half a glyph that the terminal draws across the edge.
    static func fill(_ grid: inout CellGrid, _ rect: Rect, style: Style = .plain) {
        let clipped = clip(rect, to: grid)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            if clipped.x > 0, grid[clipped.x, y].width == 0 {
                grid.put(" ", x: clipped.x - 1, y: y, style: grid[clipped.x - 1, y].style)
            }
            if clipped.maxX < grid.width, grid[clipped.maxX, y].width == 0 {
                grid.put(" ", x: clipped.maxX, y: y, style: grid[clipped.maxX, y].style)
            }
        }
        grid.fill(clipped, style: style)
    }

    /// `grid.restyle`, clipped: safe for any rect.
    static func restyle(_ grid: inout CellGrid, _ rect: Rect, _ change: (inout Style) -> Void) {
        let clipped = clip(rect, to: grid)
        if !clipped.isEmpty { grid.restyle(clipped, change) }
    }

    /// `grid.write` limited to `maxWidth` columns, also when `x` is left of the grid: the columns
    /// before 0 are skipped whole-cluster, and a wide character straddling column 0 becomes a
    /// space (the grid alone would leave stale cells there). Returns the columns advanced.
    @discardableResult
    static func write(_ grid: inout CellGrid, _ text: String, x: Int, y: Int, maxWidth: Int, style: Style = .plain) -> Int {
        guard maxWidth > 0, y >= 0, y < grid.height else { return 0 }
        guard x < 0 else { return grid.write(text, x: x, y: y, maxWidth: maxWidth, style: style) }
        let safe = Sanitizer.line(text)
        var column = x
        var index = safe.startIndex
        while index < safe.endIndex, column < 0 {
            column += DisplayWidth.of(safe[index])
            index = safe.index(after: index)
        }
        let skipped = column - x
        guard skipped < maxWidth else { return maxWidth }
        if column > 0 { grid.put(" ", x: 0, y: y, style: style) }  // the right half of a cut wide char
        return skipped + grid.write(String(safe[index...]), x: column, y: y, maxWidth: maxWidth - skipped, style: style)
    }

    /// Writes styled spans one after another, all within `maxWidth` columns.
    static func write(_ grid: inout CellGrid, spans: [StyledSpan], x: Int, y: Int, maxWidth: Int) {
        var used = 0
        for span in spans where used < maxWidth {
            used += write(&grid, span.text, x: x + used, y: y, maxWidth: maxWidth - used, style: span.style)
        }
    }

    /// `lower..<upper` cut to `0..<limit`; empty (never trapping) when they do not meet.
    static func span(_ lower: Int, _ upper: Int, limit: Int) -> Range<Int> {
        let lo = max(lower, 0), hi = min(upper, limit)
        return lo < hi ? lo..<hi : 0..<0
    }

    /// `n` spaces; never traps on a negative count.
    static func spaces(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }

    /// A `width` x `height` rect centred in `outer`, shrunk to fit it.
    static func centred(width: Int, height: Int, in outer: Rect) -> Rect {
        let w = min(max(0, width), outer.width), h = min(max(0, height), outer.height)
        return Rect(x: outer.x + (outer.width - w) / 2, y: outer.y + (outer.height - h) / 2, width: w, height: h)
    }

    /// Display width of text as the grid will draw it (sanitized for one line).
    static func width(_ text: String) -> Int { DisplayWidth.of(Sanitizer.line(text)) }
}
