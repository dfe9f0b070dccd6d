import TernText

/// How wide a list column is.
///
/// ```swift
/// let columns = [ListColumn("Title", .flexible(min: 10)), ListColumn("Pay", .fixed(8), alignment: .right)]
/// ```
public enum ColumnWidth: Sendable, Equatable {
    /// Exactly this many columns.
    case fixed(Int)
    /// Flexible columns share what the fixed ones leave equally, never going below `min` (the
    /// row is then clipped at the right instead: a title squeezed to nothing is useless).
    case flexible(min: Int)
}

/// One column of a ``ListView``: its header title, width and alignment.
///
/// ```swift
/// ListColumn("Deadline", .fixed(10), alignment: .right)
/// ```
public struct ListColumn: Sendable, Equatable {
    public var title: String
    public var width: ColumnWidth
    public var alignment: TextLayout.Alignment

    /// ```swift
    /// ListColumn("Organization", .flexible(min: 8))
    /// ```
    public init(_ title: String, _ width: ColumnWidth, alignment: TextLayout.Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Selection and scroll of a virtualized list of `count` rows: the list never holds rows, only
/// positions; the caller fetches just `visibleRange`, so a catalogue of a million listings costs
/// one screenful per frame.
///
/// ```swift
/// var state = ListState(count: 500)
/// state.move(by: 1, visibleRows: 20)
/// let fetch = state.visibleRange(visibleRows: 20)   // 0..<20
/// ```
///
/// Invariants after every mutating call: `0 <= selected < count` (0 when empty), the selection is
/// on screen, and `offset <= max(0, count - visibleRows)` so no screen space is wasted below the
/// last row.
public struct ListState: Sendable, Equatable {
    /// Settable directly (the view tolerates any value), but prefer ``setCount(_:visibleRows:)``,
    /// which also clamps the selection and the scroll.
    public var count: Int
    /// The selected row's index, `0..<count` (0 when empty).
    public private(set) var selected: Int
    /// The index of the first row on screen.
    public private(set) var offset: Int

    /// ```swift
    /// let state = ListState(count: 42)   // selected 0, offset 0
    /// ```
    public init(count: Int = 0) {
        self.count = max(0, count)
        selected = 0
        offset = 0
    }

    /// Changes the row count (a new search result, a refresh) and clamps selection and offset.
    ///
    /// ```swift
    /// state.setCount(3, visibleRows: 10)   // selection 7 becomes 2
    /// ```
    public mutating func setCount(_ count: Int, visibleRows: Int) {
        self.count = max(0, count)
        place(selected, offset: offset, visibleRows: visibleRows)
    }

    /// Moves the selection by `delta` rows (negative is up), clamped to the list, scrolling as needed.
    ///
    /// ```swift
    /// state.move(by: -1, visibleRows: 20)
    /// ```
    public mutating func move(by delta: Int, visibleRows: Int) {
        place(Self.adding(selected, delta), offset: offset, visibleRows: visibleRows)
    }

    /// Selects row `index` (clamped), scrolling it into view: for mouse clicks and jumps.
    ///
    /// ```swift
    /// state.select(120, visibleRows: 20)   // offset becomes 101
    /// ```
    public mutating func select(_ index: Int, visibleRows: Int) {
        place(index, offset: offset, visibleRows: visibleRows)
    }

    /// Scrolls a page down, moving the selection with it so it stays on the same screen row.
    ///
    /// ```swift
    /// state.pageDown(visibleRows: 20)
    /// ```
    public mutating func pageDown(visibleRows: Int) {
        let page = max(1, visibleRows)
        place(Self.adding(selected, page), offset: Self.adding(offset, page), visibleRows: visibleRows)
    }

    /// Scrolls a page up, moving the selection with it.
    ///
    /// ```swift
    /// state.pageUp(visibleRows: 20)
    /// ```
    public mutating func pageUp(visibleRows: Int) {
        let page = max(1, visibleRows)
        place(Self.adding(selected, -page), offset: Self.adding(offset, -page), visibleRows: visibleRows)
    }

    /// Selects the first row.
    ///
    /// ```swift
    /// state.top()
    /// ```
    public mutating func top() {
        selected = 0
        offset = 0
    }

    /// Selects the last row, with the last page on screen.
    ///
    /// ```swift
    /// state.bottom(visibleRows: 20)
    /// ```
    public mutating func bottom(visibleRows: Int) {
        place(count - 1, offset: Int.max, visibleRows: visibleRows)
    }

    /// The rows on screen, `offset..<min(count, offset + visibleRows)`: what the caller fetches.
    ///
    /// ```swift
    /// let rows = viewModel.rows(in: state.visibleRange(visibleRows: 20))
    /// ```
    public func visibleRange(visibleRows: Int) -> Range<Int> {
        let lower = min(max(0, offset), max(0, count))
        return lower..<(lower + min(max(0, count) - lower, max(0, visibleRows)))
    }

    /// Clamps `index` into the list and `proposed` into the scrollable range, then scrolls the
    /// least needed to show the selection. A zero-row viewport is treated as one row, so the
    /// offset still follows the selection.
    private mutating func place(_ index: Int, offset proposed: Int, visibleRows: Int) {
        let rows = max(1, visibleRows)
        selected = count <= 0 ? 0 : min(max(index, 0), count - 1)
        var top = min(max(proposed, 0), max(0, count - rows))
        if selected < top { top = selected }
        if selected >= top + rows { top = selected - rows + 1 }
        offset = top
    }

    /// Saturating addition: a huge jump (bottom via `move(by: .max)`) must clamp, not trap.
    private static func adding(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }
}
