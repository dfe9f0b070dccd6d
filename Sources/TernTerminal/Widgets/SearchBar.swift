import TernText

/// The search line: what is typed, the active filters and how many listings match.
///
/// ```swift
/// SearchBar.draw(into: &grid, area: top, query: "rust", cursor: 4, editing: true, chips: ["remote"], matchCount: 12)
/// ```
public enum SearchBar {
    /// The query keeps at least this many columns before chips and the count are dropped:
    /// what the user is typing matters more than a summary of it.
    static let minimumQueryWidth = 10

    /// One row: "/ " + query (with a visible cursor cell in reverse when editing, scrolled
    /// horizontally to keep the cursor visible) + filter chips "[remote] [paid]" in `.accent` +
    /// right-aligned "123 matches" (or "counting…" when nil). Chips sit next to the count, at the
    /// right, so they do not jump around while the query is typed; those that do not fit are
    /// dropped from the end. `cursor` is a grapheme index into `query`, as ``TextField/cursor``.
    /// Returns the cursor's screen position, horizontal scrolling included.
    ///
    /// ```swift
    /// SearchBar.draw(into: &grid, area: Rect(x: 0, y: 1, width: 60, height: 1), query: "data", cursor: 4, editing: false, chips: ["paid"], matchCount: nil)
    /// ```
    @discardableResult
    public static func draw(into grid: inout CellGrid, area: Rect, query: String, cursor: Int, editing: Bool,
                            chips: [String], matchCount: Int?) -> (x: Int, y: Int) {
        let line = Rect(x: area.x, y: area.y, width: area.width, height: min(1, area.height))
        WidgetSupport.fill(&grid, line)
        guard !line.isEmpty else { return (line.x, line.y) }
        let prefix = WidgetSupport.write(&grid, "/ ", x: line.x, y: line.y, maxWidth: line.width, style: .accent)
        var room = line.width - prefix
        var right: [(text: String, style: Style)] = []
        let count = matchCount.map { $0 == 1 ? "1 match" : "\($0) matches" } ?? "counting…"
        if DisplayWidth.of(count) + 2 + minimumQueryWidth <= room {
            right.append((count, .muted))
            room -= DisplayWidth.of(count) + 2
            var fitted: [(text: String, style: Style)] = []
            for chip in chips {
                let text = "[" + Sanitizer.line(chip) + "]"
                guard DisplayWidth.of(text) + 1 + minimumQueryWidth <= room else { break }
                fitted.append((text, Style(.accent)))
                room -= DisplayWidth.of(text) + 1
            }
            right.insert(contentsOf: fitted, at: 0)
        }
        var x = line.maxX
        for (i, part) in right.enumerated().reversed() {
            x -= DisplayWidth.of(part.text)
            WidgetSupport.write(&grid, part.text, x: x, y: line.y, maxWidth: DisplayWidth.of(part.text), style: part.style)
            x -= i == right.count - 1 ? 2 : 1  // two spaces before the count, one between chips
        }
        let field = Rect(x: line.x + prefix, y: line.y, width: max(0, room), height: 1)
        return LineRenderer.drawSingleLine(Array(query), cursor: cursor, into: &grid, area: field, showCursor: editing)
    }
}
