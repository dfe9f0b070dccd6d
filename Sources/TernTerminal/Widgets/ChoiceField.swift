import TernText

/// A form field choosing one of a few options in place: "◀ Remote ▶".
///
/// ```swift
/// var mode = ChoiceField(["Remote", "On site", "Hybrid"])
/// _ = mode.handle(.right)   // "On site"
/// ```
public struct ChoiceField: Sendable, Equatable {
    public var options: [String]
    /// Index into `options`; out-of-range values are treated as clamped.
    public var selected: Int

    /// ```swift
    /// let pay = ChoiceField(["any", "paid", "unpaid"], selected: 1)
    /// ```
    public init(_ options: [String], selected: Int = 0) {
        self.options = options
        self.selected = selected
    }

    /// Left goes to the previous option, right and space to the next, wrapping around so every
    /// option is reachable with one key. False for other keys, and when there are no options.
    ///
    /// ```swift
    /// if !choice.handle(key) { form.handle(key) }
    /// ```
    public mutating func handle(_ key: Key) -> Bool {
        guard !options.isEmpty else { return false }
        let current = min(max(0, selected), options.count - 1)
        switch key {
        case .left: selected = (current + options.count - 1) % options.count
        case .right, .character(" "): selected = (current + 1) % options.count
        default: return false
        }
        return true
    }

    /// Draws "◀ option ▶" on the first row of `area`, the option truncated by display width so the
    /// arrows always show (they tell the user this field cycles). Focused: arrows `.accent` and
    /// the option in `Style.selected`; unfocused: arrows `.muted`.
    ///
    /// ```swift
    /// choice.draw(into: &grid, area: Rect(x: 12, y: 6, width: 20, height: 1), focused: true)
    /// ```
    public func draw(into grid: inout CellGrid, area: Rect, focused: Bool) {
        let row = Rect(x: area.x, y: area.y, width: area.width, height: min(1, area.height))
        WidgetSupport.fill(&grid, row)
        guard !row.isEmpty else { return }
        let option = options.isEmpty ? "" : Sanitizer.line(options[min(max(0, selected), options.count - 1)])
        let shown = TextLayout.truncate(option, to: row.width - 4)
        let arrows = focused ? Style.accent : Style.muted
        var x = row.x
        x += WidgetSupport.write(&grid, "◀ ", x: x, y: row.y, maxWidth: row.maxX - x, style: arrows)
        x += WidgetSupport.write(&grid, shown, x: x, y: row.y, maxWidth: row.maxX - x, style: focused ? .selected : .plain)
        WidgetSupport.write(&grid, " ▶", x: x, y: row.y, maxWidth: row.maxX - x, style: arrows)
    }
}
