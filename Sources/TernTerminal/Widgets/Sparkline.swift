import TernText

/// A row of eight-level blocks, one per value (`▁▂▃▄▅▆▇█`), scaled so that the largest value (or
/// `maximum`) is a full block: the shape of a series at a glance, such as applications per week.
///
/// Zero (and anything below it) is a space, and any value above zero is at least `▁`: "nothing
/// happened that week" must not look like "a little happened". The ASCII style, for flat mode,
/// has five levels, `_.-=#`, and the same space for zero.
///
/// ```swift
/// Sparkline.glyphs([0, 1, 4, 8])                 // " ▁▄█"
/// Sparkline.glyphs([0, 1, 4, 8], box: .ascii)    // " _-#"
/// Sparkline.draw(into: &grid, area: Rect(x: 2, y: 5, width: 12, height: 1), values: weekly)
/// ```
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", "-", "=", "#"]

    /// One glyph per value, scaled to `maximum` (the largest value when nil). Values above the
    /// maximum are drawn full.
    ///
    /// ```swift
    /// Sparkline.glyphs([3, 6], maximum: 12)   // "▂▄"
    /// ```
    public static func glyphs(_ values: [Int], maximum: Int? = nil, box: BoxStyle = .line) -> String {
        let levels = box == .ascii ? asciiLevels : blocks
        let top = maximum ?? values.max() ?? 0
        return String(values.map { value in
            guard value > 0, top > 0 else { return " " }
            // Up, so the smallest value above zero still gets the lowest glyph.
            let level = (Double(min(value, top)) * Double(levels.count) / Double(top)).rounded(.up)
            return levels[max(1, min(levels.count, Int(level))) - 1]
        })
    }

    /// Draws the values' glyphs on the first row of `area` in `style`. With more values than
    /// columns, the last ones (the newest, in a series) are the ones shown, still scaled to the
    /// largest of them all. Clipped to the area and the grid.
    ///
    /// ```swift
    /// Sparkline.draw(into: &grid, area: Rect(x: 0, y: 0, width: 12, height: 1), values: perWeek, box: .ascii)
    /// ```
    public static func draw(into grid: inout CellGrid, area: Rect, values: [Int], maximum: Int? = nil,
                            box: BoxStyle = .line, style: Style = Style(.accent)) {
        let row = WidgetSupport.clip(Rect(x: area.x, y: area.y, width: area.width, height: min(1, area.height)), to: grid)
        WidgetSupport.fill(&grid, row)
        guard !row.isEmpty else { return }
        let line = glyphs(values, maximum: maximum ?? values.max() ?? 0, box: box)
        // The columns left of the grid belong to the area too: drop the values they would have shown.
        let hidden = row.x - area.x
        let shown = line.suffix(max(0, area.width)).dropFirst(hidden)
        for (offset, glyph) in shown.prefix(row.width).enumerated() {
            grid.put(glyph, x: row.x + offset, y: row.y, style: style)
        }
    }
}
