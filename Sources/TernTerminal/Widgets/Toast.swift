import TernText

/// A short-lived notice ("Saved", "Copied link") in a small box at the bottom right.
///
/// ```swift
/// Toast.draw(into: &grid, screen: screen, message: "Application sent")
/// ```
public enum Toast {
    /// The widest line of a short message: a toast should not cover the content it reports on.
    static let maximumTextWidth = 48
    /// A message that needs more lines than this at ``maximumTextWidth`` is laid out wider
    /// instead (up to the screen), so a long message still shows whole in few lines.
    static let preferredLines = 3

    /// Draws the message in a box right-aligned just above the bottom row (which the status bar
    /// owns), whole: wrapped at 48 columns, wider when that would take more than three lines, and
    /// as tall as it needs. Only a message longer than the whole screen above the status bar is
    /// cut, its last line saying how many lines did not fit. Errors draw border and text in
    /// `.error`; `box` follows `ascii_borders`. Nothing is drawn on a screen too small to hold a box.
    ///
    /// ```swift
    /// Toast.draw(into: &grid, screen: screen, message: "Network unavailable", isError: true)
    /// ```
    public static func draw(into grid: inout CellGrid, screen: Rect, message: String, isError: Bool = false, box: BoxStyle = .line) {
        let widest = screen.width - 4
        let maxLines = screen.height - 3
        guard widest > 0, maxLines > 0 else { return }
        let text = Sanitizer.line(message)
        var lines = TextLayout.wrap(text, width: min(widest, maximumTextWidth))
        if lines.count > preferredLines { lines = TextLayout.wrap(text, width: widest) }
        if lines.count > maxLines {
            // Taller than the screen: the rest is named, never silently dropped.
            let hidden = lines.count - maxLines + 1
            lines = Array(lines.prefix(maxLines - 1)) + [TextLayout.truncate("… \(hidden) more \(hidden == 1 ? "line" : "lines")", to: widest)]
        }
        let inner = lines.map { DisplayWidth.of($0) }.max() ?? 0
        let area = Rect(x: screen.maxX - inner - 4, y: screen.maxY - 1 - lines.count - 2, width: inner + 4, height: lines.count + 2)
        Pane.draw(into: &grid, area: area, title: "", borderStyle: isError ? .error : Style(.border),
                  titleStyle: .plain, box: box)
        for (i, line) in lines.enumerated() {
            WidgetSupport.write(&grid, line, x: area.x + 2, y: area.y + 1 + i, maxWidth: inner, style: isError ? .error : .plain)
        }
    }
}
