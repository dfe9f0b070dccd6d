import TernText

/// A short-lived notice ("Saved", "Copied link") in a small box at the bottom right.
///
/// ```swift
/// Toast.draw(into: &grid, screen: screen, message: "Application sent")
/// ```
public enum Toast {
    /// The widest message line: a toast should not cover the content it reports on.
    static let maximumTextWidth = 48
    /// Longer messages are cut with "…" after this many lines (a long story belongs in a dialog).
    static let maximumLines = 3

    /// Draws the message in a box right-aligned just above the bottom row (which the status bar
    /// owns), wrapped to at most three lines. Errors draw border and text in `.error`. Nothing is
    /// drawn on a screen too small to hold a box.
    ///
    /// ```swift
    /// Toast.draw(into: &grid, screen: screen, message: "Network unavailable", isError: true)
    /// ```
    public static func draw(into grid: inout CellGrid, screen: Rect, message: String, isError: Bool = false) {
        let textWidth = min(screen.width - 4, maximumTextWidth)
        let maxLines = min(maximumLines, screen.height - 3)
        guard textWidth > 0, maxLines > 0 else { return }
        var lines = TextLayout.wrap(Sanitizer.line(message), width: textWidth)
        if lines.count > maxLines {
            lines.removeLast(lines.count - maxLines)
            let last = lines[maxLines - 1], cut = TextLayout.truncate(last, to: textWidth - 1)
            lines[maxLines - 1] = cut == last ? last + "…" : cut
        }
        let inner = lines.map { DisplayWidth.of($0) }.max() ?? 0
        let area = Rect(x: screen.maxX - inner - 4, y: screen.maxY - 1 - lines.count - 2, width: inner + 4, height: lines.count + 2)
        Pane.draw(into: &grid, area: area, title: "", borderStyle: isError ? .error : Style(.border),
                  titleStyle: .plain, box: .line)
        for (i, line) in lines.enumerated() {
            WidgetSupport.write(&grid, line, x: area.x + 2, y: area.y + 1 + i, maxWidth: inner, style: isError ? .error : .plain)
        }
    }
}
