import TernText

/// Horizontal bars, one per row: a label column aligned by display width, the bar in eighths of
/// a cell (`▏▎▍▌▋▊▉█`), and the value printed just after the bar.
///
/// ```
/// Design    ████████▌ 17
/// 東京大学  ███▎ 7
/// Writing   0
/// ```
///
/// Labels are untrusted (organization names, fields): sanitized and truncated by display width
/// with "…". The ASCII style, for flat mode, draws `#` per whole cell instead.
///
/// ```swift
/// BarChart.draw(into: &grid, area: Rect(x: 2, y: 3, width: 40, height: 6),
///               bars: report.placementByField.map { BarChart.Bar($0.group, $0.placed) })
/// ```
public enum BarChart {
    /// One bar: what it counts and how much.
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Int
        /// What is printed after the bar; the value itself when nil ("12.5%" for a rate, say).
        public var text: String?

        /// ```swift
        /// BarChart.Bar("Design", 17)
        /// BarChart.Bar("Design", 125, text: "12.5%")
        /// ```
        public init(_ label: String, _ value: Int, text: String? = nil) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    /// A cell filled by one to eight eighths, from the left.
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// The bar for `value` out of `maximum` in at most `width` columns, to the nearest eighth of a
    /// cell (ASCII: the nearest whole cell). A value above zero always shows at least the
    /// thinnest mark, so that it never reads as none; zero or less is no bar at all.
    ///
    /// ```swift
    /// BarChart.bar(3, maximum: 8, width: 4)               // "█▌"
    /// BarChart.bar(3, maximum: 8, width: 4, box: .ascii)  // "##"
    /// ```
    public static func bar(_ value: Int, maximum: Int, width: Int, box: BoxStyle = .line) -> String {
        guard value > 0, maximum > 0, width > 0 else { return "" }
        let share = Double(min(value, maximum)) / Double(maximum)
        if box == .ascii {
            return String(repeating: "#", count: max(1, Int((share * Double(width)).rounded())))
        }
        let total = max(1, Int((share * Double(width * 8)).rounded()))
        return String(repeating: "█", count: total / 8) + (total % 8 == 0 ? "" : String(eighths[total % 8 - 1]))
    }

    /// Draws one bar per row of `area` (bars past its last row are left out), scaled so that the
    /// largest value (or `maximum`) fills the columns that the labels and values leave. The
    /// label column is as wide as the widest label, but never more than half of the room the
    /// values leave; labels are padded or truncated to it by display width. Bars are drawn in
    /// `style`, labels and values plain. Clipped to the area and the grid.
    ///
    /// ```swift
    /// BarChart.draw(into: &grid, area: area, bars: [BarChart.Bar("Design", 17), BarChart.Bar("東京大学", 7)], box: .ascii)
    /// ```
    public static func draw(into grid: inout CellGrid, area: Rect, bars: [Bar], maximum: Int? = nil,
                            box: BoxStyle = .line, style: Style = Style(.accent)) {
        WidgetSupport.fill(&grid, area)
        guard area.width > 0, area.height > 0 else { return }
        let labels = bars.map { Sanitizer.line($0.label) }
        let texts = bars.map { Sanitizer.line($0.text ?? "\($0.value)") }
        let valueWidth = texts.map(DisplayWidth.of).max() ?? 0
        let widest = labels.map(DisplayWidth.of).max() ?? 0
        let labelWidth = min(widest, max(0, (area.width - valueWidth - 2) / 2))
        let barX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let barWidth = max(0, area.maxX - barX - 1 - valueWidth)
        let top = maximum ?? bars.map(\.value).max() ?? 0
        for (index, item) in bars.prefix(area.height).enumerated() {
            let y = area.y + index
            if labelWidth > 0 {
                let label = TextLayout.pad(TextLayout.truncate(labels[index], to: labelWidth), to: labelWidth)
                WidgetSupport.write(&grid, label, x: area.x, y: y, maxWidth: labelWidth)
            }
            let drawn = bar(item.value, maximum: top, width: barWidth, box: box)
            WidgetSupport.write(&grid, drawn, x: barX, y: y, maxWidth: max(0, area.maxX - barX), style: style)
            // Every bar glyph is one column: the value's place does not depend on what the grid clipped.
            let valueX = barX + drawn.count + 1
            WidgetSupport.write(&grid, texts[index], x: valueX, y: y, maxWidth: area.maxX - valueX)
        }
    }
}
