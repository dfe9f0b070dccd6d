import TernText

/// Draws editable text with a cursor, shared by ``TextField`` and ``SearchBar``.
///
/// The text is sanitized one grapheme cluster at a time, so that each cluster the cursor can sit
/// on maps to exactly one drawn glyph (an ESC becomes the glyph "^[", two columns) and the cursor
/// column is the sum of the glyph widths before it. Views keep no scroll state, so the scroll is
/// derived from the cursor alone: none until the cursor would leave the area, then just enough
/// to keep it at the last column (or row).
enum LineRenderer {
    typealias Glyph = (text: String, width: Int)

    static func glyph(_ c: Character) -> Glyph {
        let text = Sanitizer.line(String(c))
        return (text, DisplayWidth.of(text))
    }

    static func isNewline(_ c: Character) -> Bool { c == "\n" || c == "\r\n" }

    /// East Asian wide letters may break anywhere, as in `TextLayout.wrap`: CJK has no spaces, so
    /// a sentence must not be carried to the next row as one word. Emoji stay with their word.
    static func breaksAnywhere(_ c: Character) -> Bool {
        guard let u = c.unicodeScalars.first, u.value >= 0x1100 else { return false }
        return DisplayWidth.isWide(u.value) && !u.properties.isEmojiPresentation
    }

    /// One row, scrolled horizontally so the cursor cell is visible; clears the row first.
    /// Returns the cursor's screen position.
    @discardableResult
    static func drawSingleLine(_ chars: [Character], cursor: Int, into grid: inout CellGrid, area: Rect,
                               showCursor: Bool, style: Style = .plain) -> (x: Int, y: Int) {
        let row = Rect(x: area.x, y: area.y, width: area.width, height: min(1, area.height))
        WidgetSupport.fill(&grid, row, style: style)
        guard !row.isEmpty else { return (area.x, area.y) }
        let cursor = min(max(0, cursor), chars.count)
        let glyphs = chars.map(glyph)
        let cursorColumn = glyphs[..<cursor].reduce(0) { $0 + $1.width }
        let cursorWidth = min(row.width, cursor < glyphs.count ? max(1, glyphs[cursor].width) : 1)
        let scroll = max(0, cursorColumn + cursorWidth - row.width)
        var column = 0
        for g in glyphs {
            let start = column
            column += g.width
            if start < scroll { continue }  // wholly or partly scrolled off: never half a glyph
            if start >= scroll + row.width { break }
            let x = row.x + start - scroll
            WidgetSupport.write(&grid, g.text, x: x, y: row.y, maxWidth: row.maxX - x, style: style)
        }
        let x = row.x + cursorColumn - scroll
        if showCursor {
            WidgetSupport.restyle(&grid, Rect(x: x, y: row.y, width: cursorWidth, height: 1)) { $0.reverse = true }
        }
        return (x, row.y)
    }

    /// Wrapped rows, scrolled vertically to the cursor; clears the area first. Lines wrap at
    /// spaces when they can, around East Asian wide letters, and between clusters when a word is
    /// wider than the area, never inside a cluster. Every line keeps room for a cursor cell after its last cluster, so the layout
    /// does not jump as the cursor moves. Returns the cursor's screen position.
    @discardableResult
    static func drawMultiline(_ chars: [Character], cursor: Int, into grid: inout CellGrid, area whole: Rect,
                              showCursor: Bool, style: Style = .plain, markers: Bool = false) -> (x: Int, y: Int) {
        WidgetSupport.fill(&grid, whole, style: style)
        guard !whole.isEmpty else { return (whole.x, whole.y) }
        // With markers, the last column says "↑"/"↓" when lines lie above or below the box: a
        // long cover note must not look shorter than it is.
        let area = markers && whole.width > 1 ? Rect(x: whole.x, y: whole.y, width: whole.width - 1, height: whole.height) : whole
        let cursor = min(max(0, cursor), chars.count)
        // A line break (and the end of the text) is a one-column cell the cursor can sit on.
        let glyphs: [Glyph] = chars.map { isNewline($0) ? ("", 1) : glyph($0) } + [("", 1)]
        var position = [(row: Int, column: Int)](repeating: (0, 0), count: glyphs.count)
        var row = 0, column = 0
        var wordStart: Int? = nil  // first cluster of the word being placed
        for i in glyphs.indices {
            let isWord = i < chars.count && !isNewline(chars[i]) && chars[i] != " " && !breaksAnywhere(chars[i])
            if !isWord { wordStart = nil } else if wordStart == nil { wordStart = i }
            if column > 0, column + glyphs[i].width > area.width {
                row += 1
                column = 0
                // Carry the word begun on the full row over, unless it began the row itself.
                if let start = wordStart, start < i, position[start].row == row - 1, position[start].column > 0 {
                    for j in start..<i {
                        position[j] = (row, column)
                        column += glyphs[j].width
                    }
                }
            }
            position[i] = (row, column)
            if i < chars.count, isNewline(chars[i]) {
                row += 1
                column = 0
            } else {
                column += glyphs[i].width
            }
        }
        let caret = position[cursor]
        let scroll = max(0, caret.row - area.height + 1)
        for i in chars.indices where position[i].row >= scroll && position[i].row < scroll + area.height {
            let x = area.x + position[i].column
            WidgetSupport.write(&grid, glyphs[i].text, x: x, y: area.y + position[i].row - scroll, maxWidth: area.maxX - x, style: style)
        }
        let screen = (x: area.x + caret.column, y: area.y + caret.row - scroll)
        if area.width < whole.width {
            let lastRow = position.last?.row ?? 0
            if scroll > 0 { grid.put("↑", x: whole.maxX - 1, y: whole.y, style: .muted) }
            if lastRow >= scroll + area.height { grid.put("↓", x: whole.maxX - 1, y: whole.maxY - 1, style: .muted) }
        }
        if showCursor {
            let width = min(max(1, glyphs[cursor].width), area.width - caret.column)
            WidgetSupport.restyle(&grid, Rect(x: screen.x, y: screen.y, width: width, height: 1)) { $0.reverse = true }
        }
        return screen
    }
}
