import TernText

/// A form checkbox: "[x] Remote only".
///
/// ```swift
/// var remote = Checkbox("Remote only")
/// _ = remote.handle(.character(" "))   // checked
/// ```
public struct Checkbox: Sendable, Equatable {
    public var label: String
    public var checked: Bool

    /// ```swift
    /// let paid = Checkbox("Paid only", checked: true)
    /// ```
    public init(_ label: String, checked: Bool = false) {
        self.label = label
        self.checked = checked
    }

    /// Space toggles. Everything else, enter included, is left to the form (enter submits).
    ///
    /// ```swift
    /// if !box.handle(key) { form.handle(key) }
    /// ```
    public mutating func handle(_ key: Key) -> Bool {
        guard key == .character(" ") else { return false }
        checked.toggle()
        return true
    }

    /// Draws "[x] label" (or "[ ] label") on the first row of `area`, the label truncated by
    /// display width. Focused: the box in `Style.selected`, visible without colour.
    ///
    /// ```swift
    /// box.draw(into: &grid, area: Rect(x: 2, y: 8, width: 30, height: 1), focused: false)
    /// ```
    public func draw(into grid: inout CellGrid, area: Rect, focused: Bool) {
        let row = Rect(x: area.x, y: area.y, width: area.width, height: min(1, area.height))
        WidgetSupport.fill(&grid, row)
        guard !row.isEmpty else { return }
        let used = WidgetSupport.write(&grid, checked ? "[x]" : "[ ]", x: row.x, y: row.y, maxWidth: row.width,
                                       style: focused ? .selected : .plain)
        let label = TextLayout.truncate(Sanitizer.line(label), to: row.width - used - 1)
        WidgetSupport.write(&grid, label, x: row.x + used + 1, y: row.y, maxWidth: row.width - used - 1)
    }
}
