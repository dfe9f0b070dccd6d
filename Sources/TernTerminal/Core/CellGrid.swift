import TernText

/// One terminal cell. A wide character occupies its cell (width 2) and the next one, which
/// holds an empty continuation (width 0) so that columns stay aligned.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster of sanitized text, or "" for the continuation of a wide one.
    public var text: String
    public var width: Int
    public var style: Style

    public init(_ text: String = " ", width: Int = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    var isContinuation: Bool { width == 0 }
}

/// The frame: an in-memory grid of cells that views draw into as a pure function of state.
/// Only a backend turns it into terminal output; tests read it back as text.
///
/// ```swift
/// var grid = CellGrid(width: 20, height: 1)
/// grid.write("数据 report", x: 0, y: 0, style: .plain)   // returns 11 columns used
/// grid.text()                                          // "数据 report"
/// ```
public struct CellGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` from column `x` on row `y`, sanitized (this is the boundary where untrusted
    /// text enters the screen) and clipped to `maxWidth` columns and the grid. A wide character
    /// that would straddle the edge becomes a space. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in Sanitizer.line(text) {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // Zero-width marks join the previous cell's cluster rather than taking a column.
                if column > x, column - 1 >= 0 { attach(character, x: column - 1, y: y) }
                continue
            }
            if column + w > limit {
                if column < limit { set(Cell(" ", width: 1, style: style), x: column, y: y); column += 1 }
                break
            }
            if column >= 0 {
                set(Cell(String(character), width: w, style: style), x: column, y: y)
                if w == 2 { set(Cell("", width: 0, style: style), x: column + 1, y: y) }
            }
            column += w
        }
        return column - x
    }

    /// Paints every cell of `rect` blank in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) {
                // Through `set`, so a wide character cut by the rect's edge is blanked whole.
                set(Cell(" ", width: 1, style: style), x: column, y: row)
            }
        }
    }

    /// Restyles existing cells (selection highlight over drawn text).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) {
                change(&cells[row * width + column].style)
            }
        }
    }

    /// Places one already-measured glyph (box drawing, a marker), no sanitizing needed.
    public mutating func put(_ glyph: Character, x: Int, y: Int, style: Style = .plain) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        set(Cell(String(glyph), width: 1, style: style), x: x, y: y)
    }

    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        // Overwriting half of a wide character blanks its other half: never leave a torn glyph.
        if cells[index].isContinuation, x > 0 { cells[index - 1] = Cell(" ", style: cells[index - 1].style) }
        if cells[index].width == 2, x + 1 < width, cell.width != 2 { cells[index + 1] = Cell(" ", style: cells[index + 1].style) }
        cells[index] = cell
    }

    /// Sets one cell exactly as a backend copies it from a frame: a wide character's lead cell
    /// with its continuation. No sanitizing: the cell came from a grid.
    mutating func replace(x: Int, y: Int, with cell: Cell, continuation: Cell?) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        cells[y * width + x] = cell
        if let continuation, x + 1 < width { cells[y * width + x + 1] = continuation }
    }

    private mutating func attach(_ mark: Character, x: Int, y: Int) {
        var index = y * width + x
        if cells[index].isContinuation, x > 0 { index -= 1 }
        cells[index].text += String(mark)
    }

    /// The frame as text, one line per row with trailing spaces trimmed: what snapshot tests
    /// compare and what a person would read off the screen.
    public func text() -> String {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width where !self[column, row].isContinuation { line += self[column, row].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
