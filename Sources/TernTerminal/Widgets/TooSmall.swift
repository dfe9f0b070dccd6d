import TernText

/// What the whole screen shows when the terminal is smaller than the layout needs.
///
/// ```swift
/// if screen.width < 60 || screen.height < 16 { TooSmall.draw(into: &grid, screen: screen, minimumWidth: 60, minimumHeight: 16) }
/// ```
public enum TooSmall {
    /// Clears the screen and centres "terminal too small (need 60x16)", wrapped to fit. When even
    /// wrapped it does not fit (a 10x3 screen), shorter wordings are tried, ending with just "60x16",
    /// and a word is never broken across lines (a split "60x1" / "6" would mislead). On a screen too
    /// small for any of them (1x1) the message is cut to "…". Never traps, even on 0x0.
    ///
    /// ```swift
    /// TooSmall.draw(into: &grid, screen: Rect(x: 0, y: 0, width: 40, height: 12), minimumWidth: 60, minimumHeight: 16)
    /// ```
    public static func draw(into grid: inout CellGrid, screen: Rect, minimumWidth: Int, minimumHeight: Int) {
        WidgetSupport.fill(&grid, screen)
        guard !screen.isEmpty else { return }
        let size = "\(minimumWidth)x\(minimumHeight)"
        let wordings = ["terminal too small (need \(size))", "too small (need \(size))", "need \(size)", size]
        var lines = [TextLayout.truncate(wordings[0], to: screen.width)]
        for wording in wordings {
            let wrapped = TextLayout.wrap(wording, width: screen.width)
            let wordsWhole = wording.split(separator: " ").allSatisfy { DisplayWidth.of(String($0)) <= screen.width }
            if wordsWhole, wrapped.count <= screen.height {
                lines = wrapped
                break
            }
        }
        let top = screen.y + (screen.height - lines.count) / 2
        for (i, line) in lines.enumerated() {
            let x = screen.x + (screen.width - DisplayWidth.of(line)) / 2
            WidgetSupport.write(&grid, line, x: x, y: top + i, maxWidth: screen.maxX - x)
        }
    }
}
