/// A form field choosing any number of a few options: "[x] Remote  [ ] On site  [x] Hybrid".
/// Left and right move between options, space toggles the one under the cursor.
///
/// ```swift
/// var fields = Checklist(["Software", "Design", "Writing"])
/// _ = fields.handle(.right)
/// _ = fields.handle(.character(" "))   // Design checked
/// ```
public struct Checklist: Sendable, Equatable {
    public var options: [String]
    public var checked: Set<Int>
    /// The option the cursor is on.
    public private(set) var cursor: Int = 0

    public init(_ options: [String], checked: Set<Int> = []) {
        self.options = options
        self.checked = checked
    }

    /// Left/right move (wrapping), space toggles; false for every other key, so the form can
    /// use up/down and tab to move between fields.
    public mutating func handle(_ key: Key) -> Bool {
        guard !options.isEmpty else { return false }
        switch key {
        case .left: cursor = (cursor + options.count - 1) % options.count
        case .right: cursor = (cursor + 1) % options.count
        case .character(" "):
            if checked.contains(cursor) { checked.remove(cursor) } else { checked.insert(cursor) }
        default: return false
        }
        return true
    }

    /// The options laid out in rows of `width` columns: each row lists option indices.
    func rows(width: Int) -> [[Int]] {
        var rows: [[Int]] = [[]]
        var used = 0
        for (index, option) in options.enumerated() {
            let cell = 4 + WidgetSupport.width(option)
            if used > 0, used + 2 + cell > width {
                rows.append([])
                used = 0
            }
            used += (used > 0 ? 2 : 0) + cell
            rows[rows.count - 1].append(index)
        }
        return rows
    }

    /// Rows needed to show every option at this width.
    public func height(width: Int) -> Int { rows(width: width).count }

    /// Draws the options wrapped over `area`'s rows; the option under the cursor is in
    /// `Style.selected` when focused. Returns where the cursor option starts.
    @discardableResult
    public func draw(into grid: inout CellGrid, area: Rect, focused: Bool) -> (x: Int, y: Int) {
        WidgetSupport.fill(&grid, area)
        var caret = (x: area.x, y: area.y)
        for (rowIndex, row) in rows(width: area.width).enumerated() where rowIndex < area.height {
            var x = area.x
            for index in row {
                if x > area.x { x += 2 }
                let y = area.y + rowIndex
                if index == cursor { caret = (x, y) }
                x += WidgetSupport.write(&grid, checked.contains(index) ? "[x]" : "[ ]", x: x, y: y, maxWidth: area.maxX - x,
                                         style: focused && index == cursor ? .selected : .plain)
                x += 1
                x += WidgetSupport.write(&grid, options[index], x: x, y: y, maxWidth: area.maxX - x,
                                         style: checked.contains(index) ? .accent : .plain)
            }
        }
        return caret
    }
}
