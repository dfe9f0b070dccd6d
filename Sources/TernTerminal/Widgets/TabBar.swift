import TernText

/// The row of screen tabs at the top: " Listings │ Detail │ Applications ".
///
/// ```swift
/// TabBar.draw(into: &grid, row: 0, width: screen.width, tabs: ["Listings", "Detail"], selected: 0)
/// ```
public enum TabBar {
    /// Draws the tabs, each padded by a space and separated by `│` (`|` with ASCII borders), the selected one in
    /// `Style.selected` (reverse video, so it shows in monochrome too). When the row is too
    /// narrow every tab name is cut to the same longest length that fits, with "…": all tabs
    /// stay visible and keep their positions relative to each other.
    ///
    /// ```swift
    /// TabBar.draw(into: &grid, row: 0, width: 40, tabs: ["Listings", "Detail", "Applications"], selected: 2)
    /// ```
    public static func draw(into grid: inout CellGrid, row: Int, width: Int, tabs: [String], selected: Int, box: BoxStyle = .line) {
        WidgetSupport.fill(&grid, Rect(x: 0, y: row, width: width, height: 1))
        let (texts, spans) = layout(width: width, tabs: tabs)
        for (i, text) in texts.enumerated() {
            let x = spans[i].lowerBound
            guard x < width else { break }
            if i > 0 { grid.put(box.vertical, x: x - 1, y: row, style: Style(.border)) }
            WidgetSupport.write(&grid, text, x: x, y: row, maxWidth: width - x, style: i == selected ? .selected : .plain)
        }
    }

    /// The index of the tab drawn at `column` (for mouse clicks); nil on a separator or past the
    /// last tab. Measured exactly as ``draw(into:row:width:tabs:selected:)`` lays tabs out.
    ///
    /// ```swift
    /// TabBar.tab(atColumn: 12, width: 80, tabs: ["Listings", "Detail"])   // 1
    /// ```
    public static func tab(atColumn column: Int, width: Int, tabs: [String]) -> Int? {
        layout(width: width, tabs: tabs).spans.firstIndex { $0.contains(column) && column < width }
    }

    /// Each tab's padded text and the columns it covers.
    private static func layout(width: Int, tabs: [String]) -> (texts: [String], spans: [Range<Int>]) {
        guard width > 0, !tabs.isEmpty else { return ([], []) }
        let names = tabs.map { Sanitizer.line($0) }
        let chrome = 3 * names.count - 1  // a space each side of every name, a bar between them
        // Measured on the cut names: a wide letter that does not fit leaves a name narrower than the cap.
        func total(_ cap: Int) -> Int { names.reduce(chrome) { $0 + DisplayWidth.of(TextLayout.truncate($1, to: cap)) } }
        var cap = names.map { DisplayWidth.of($0) }.max() ?? 0
        while cap > 1, total(cap) > width { cap -= 1 }
        var texts: [String] = [], spans: [Range<Int>] = []
        var x = 0
        for (i, name) in names.enumerated() {
            if i > 0 { x += 1 }
            let text = " " + TextLayout.truncate(name, to: cap) + " "
            let w = DisplayWidth.of(text)
            texts.append(text)
            spans.append(x..<(x + w))
            x += w
        }
        return (texts, spans)
    }
}
