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
    /// right, so they do not jump around while the query is typed. Chips that do not fit are
    /// counted in "+2 more" (or "[4 filters]" when none fits): an active filter is never hidden.
    /// Short of room, the count goes before that sign does. `cursor` is a grapheme index into
    /// `query`, as ``TextField/cursor``. Returns the cursor's screen position, horizontal
    /// scrolling included.
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
        let room = line.width - prefix
        let count = matchCount.map { $0 == 1 ? "1 match" : "\($0) matches" } ?? "counting…"
        let right = rightSide(chips: chips.map { "[" + Sanitizer.line($0) + "]" }, count: count, room: room - minimumQueryWidth)
        let used = right.isEmpty ? 0 : right.reduce(0) { $0 + DisplayWidth.of($1.text) } + right.count - 1 + 2
        var x = line.maxX
        for (i, part) in right.enumerated().reversed() {
            x -= DisplayWidth.of(part.text)
            WidgetSupport.write(&grid, part.text, x: x, y: line.y, maxWidth: DisplayWidth.of(part.text), style: part.style)
            x -= i == right.count - 1 ? 2 : 1  // two spaces before the count, one between chips
        }
        let field = Rect(x: line.x + prefix, y: line.y, width: max(0, room - used), height: 1)
        return LineRenderer.drawSingleLine(Array(query), cursor: cursor, into: &grid, area: field, showCursor: editing)
    }

    /// The chips that fit in `room` columns, then "+N more" for the rest, then the count; the
    /// count is dropped before the sign that filters are active.
    static func rightSide(chips: [String], count: String, room: Int) -> [(text: String, style: Style)] {
        func width(_ parts: [String]) -> Int { parts.isEmpty ? 0 : parts.reduce(0) { $0 + DisplayWidth.of($1) } + parts.count - 1 + 2 }
        for withCount in [true, false] {
            for shown in stride(from: chips.count, through: 0, by: -1) {
                let hidden = chips.count - shown
                let more = hidden == 0 ? [] : [shown == 0 ? "[\(hidden) filter\(hidden == 1 ? "" : "s")]" : "+\(hidden) more"]
                let parts = Array(chips.prefix(shown)) + more + (withCount ? [count] : [])
                guard width(parts) <= room else { continue }
                return parts.enumerated().map { i, text in
                    (text, withCount && i == parts.count - 1 ? Style.muted : Style(.accent))
                }
            }
        }
        return []
    }
}
