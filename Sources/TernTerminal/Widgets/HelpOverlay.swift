import TernText

/// A titled group of key hints in the help overlay.
///
/// ```swift
/// HelpSection("Moving", [KeyHint("j/down", "down"), KeyHint("k/up", "up")])
/// ```
public struct HelpSection: Sendable, Equatable {
    public var title: String
    public var hints: [KeyHint]

    /// ```swift
    /// HelpSection("General", [KeyHint("?", "help")])
    /// ```
    public init(_ title: String, _ hints: [KeyHint]) {
        self.title = title
        self.hints = hints
    }
}

/// The "?" overlay: every key, grouped, generated from the same key map the input handler uses.
///
/// ```swift
/// HelpOverlay.draw(into: &grid, screen: screen, sections: HelpOverlay.sections(keyMap: map, groups: groups), scroll: 0)
/// ```
public enum HelpOverlay {
    /// The frame title.
    static let title = "Help — keys"

    /// Centred box titled "Help — keys" over the screen, sections with headings and aligned
    /// "keys  label" rows (keys `.accent` bold), scrollable with "↑"/"↓" markers when it does not
    /// fit, and an "esc close" footer so the way out is always on screen. The key column is as
    /// wide as the widest keys but at most half the box, so labels keep room on narrow screens.
    ///
    /// ```swift
    /// HelpOverlay.draw(into: &grid, screen: Rect(x: 0, y: 0, width: 80, height: 24), sections: sections, scroll: 0)
    /// ```
    public static func draw(into grid: inout CellGrid, screen: Rect, sections: [HelpSection], scroll: Int) {
        let allHints = sections.flatMap(\.hints)
        let keysWidth = allHints.map { WidgetSupport.width($0.keys) }.max() ?? 0
        let rowsWidth = allHints.map { keysWidth + 2 + WidgetSupport.width($0.label) }.max() ?? 0
        let titlesWidth = sections.map { WidgetSupport.width($0.title) }.max() ?? 0
        let contentWidth = max(rowsWidth, titlesWidth, DisplayWidth.of(title) + 2, DisplayWidth.of("esc close"))
        let contentLines = sections.reduce(0) { $0 + 1 + $1.hints.count } + max(0, sections.count - 1)
        // Border and one column of padding each side; border and the footer row vertically.
        let box = WidgetSupport.centred(width: contentWidth + 4, height: contentLines + 3, in: screen)
        let inner = Pane.draw(into: &grid, area: box, title: title, focused: true)
        let body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height - 1)
        guard !body.isEmpty else { return }
        let keyColumn = min(keysWidth, body.width / 2)
        var lines: [StyledLine] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { lines.append([]) }
            lines.append([StyledSpan(TextLayout.truncate(Sanitizer.line(section.title), to: body.width), .accent)])
            for hint in section.hints {
                let keys = TextLayout.pad(Sanitizer.line(hint.keys), to: keyColumn)
                let label = TextLayout.truncate(Sanitizer.line(hint.label), to: body.width - keyColumn - 2)
                lines.append([StyledSpan(keys, .accent), StyledSpan("  "), StyledSpan(label)])
            }
        }
        // The right padding column takes the scroll arrows, so they never cover a label.
        TextView.draw(into: &grid, area: Rect(x: body.x, y: body.y, width: body.width + 1, height: body.height),
                      lines: lines, scroll: scroll)
        let footer = inner.maxY - 1
        let used = WidgetSupport.write(&grid, "esc", x: body.x, y: footer, maxWidth: body.width, style: .accent)
        WidgetSupport.write(&grid, " close", x: body.x + used, y: footer, maxWidth: body.width - used, style: .muted)
    }

    /// How many lines the sections take, and how many of them show on `screen`: the limits of
    /// the overlay's scroll.
    ///
    /// ```swift
    /// let (lines, shown) = HelpOverlay.extent(sections: sections, screen: screen)
    /// ```
    public static func extent(sections: [HelpSection], screen: Rect) -> (lines: Int, shown: Int) {
        let lines = sections.reduce(0) { $0 + 1 + $1.hints.count } + max(0, sections.count - 1)
        return (lines, max(0, min(lines + 3, screen.height) - 3))
    }

    /// Sections from the key map: one per group, a hint per bound action, in the order given.
    ///
    /// ```swift
    /// HelpOverlay.sections(keyMap: StudentAction.defaultKeyMap, groups: [("Moving", [.moveUp, .moveDown]), ("General", [.help, .quit])])
    /// ```
    public static func sections<Action: ScreenAction>(keyMap: KeyMap<Action>, groups: [(String, [Action])]) -> [HelpSection] {
        groups.map { HelpSection($0.0, StatusBar.hints($0.1, keyMap: keyMap)) }
    }
}
