import TernText

/// A run of text in one style.
///
/// ```swift
/// StyledSpan("Offered", Style(.status(.offered)))
/// ```
public struct StyledSpan: Sendable, Equatable {
    public var text: String
    public var style: Style

    /// ```swift
    /// StyledSpan("Remote: ", .muted)
    /// ```
    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One screen line of spans, laid out left to right.
///
/// ```swift
/// let line: StyledLine = [StyledSpan("Pay: ", .muted), StyledSpan("€40/h")]
/// ```
public typealias StyledLine = [StyledSpan]

/// Structured content for a scrollable text view (a listing's detail, an application).
///
/// ```swift
/// let blocks: [TextBlock] = [.heading("Data analyst"), .field(label: "Pay", value: "€40/h"), .blank, .paragraph(description)]
/// ```
public enum TextBlock: Sendable, Equatable {
    case heading(String)
    /// Untrusted multi-line text: its own line breaks are kept.
    case paragraph(String)
    case bullets([String])
    case numbered([String])
    case field(label: String, value: String, valueStyle: Style = .plain)
    /// One empty line: spacing is the caller's choice, never implied.
    case blank
}

/// Lays out and draws read-only, scrollable text.
///
/// ```swift
/// let lines = TextView.layout(blocks, width: inner.width - 1)
/// TextView.draw(into: &grid, area: inner, lines: lines, scroll: scroll)
/// ```
public enum TextView {
    /// Lays blocks out at `width` columns by display width: headings `.accent` bold; paragraphs
    /// wrapped with `TextLayout.wrap` (sanitized with `Sanitizer.block`, so their line breaks stay);
    /// bullets "• " and numbered items "1. " with a hanging indent; fields "Label: value" with the
    /// label `.muted` and the wrapped value indented after the label (or below it when the label
    /// leaves less than a third of the width). Lay out at `area.width - 1` to keep the last column
    /// free for the scroll arrows of ``draw(into:area:lines:scroll:)``.
    ///
    /// ```swift
    /// TextView.layout([.heading("About"), .paragraph("Remote ok.\nPaid.")], width: 40)
    /// ```
    public static func layout(_ blocks: [TextBlock], width: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        var lines: [StyledLine] = []
        for block in blocks {
            switch block {
            case .heading(let text):
                for line in TextLayout.wrap(Sanitizer.line(text), width: width) {
                    lines.append([StyledSpan(line, .accent)])
                }
            case .paragraph(let text):
                for line in TextLayout.wrap(Sanitizer.block(text), width: width) {
                    lines.append(line.isEmpty ? [] : [StyledSpan(line)])
                }
            case .bullets(let items):
                for item in items {
                    hanging(item, marker: "• ", width: width, into: &lines)
                }
            case .numbered(let items):
                // Numbers right-aligned to the widest, so item texts line up past 9.
                let digits = String(items.count).count
                for (n, item) in items.enumerated() {
                    hanging(item, marker: TextLayout.pad("\(n + 1).", to: digits + 1, alignment: .right) + " ",
                            width: width, into: &lines)
                }
            case .field(let label, let value, let valueStyle):
                field(label: label, value: value, valueStyle: valueStyle, width: width, into: &lines)
            case .blank:
                lines.append([])
            }
        }
        return lines
    }

    /// Draws `lines[scroll...]` clipped to `area`, after clearing it. `scroll` is clamped so the
    /// last page stays full. When lines are hidden below, a muted "↓" marks the bottom-right cell;
    /// when hidden above, "↑" the top-right: the only hint a terminal gives that there is more.
    ///
    /// ```swift
    /// TextView.draw(into: &grid, area: inner, lines: lines, scroll: 3)
    /// ```
    public static func draw(into grid: inout CellGrid, area: Rect, lines: [StyledLine], scroll: Int) {
        WidgetSupport.fill(&grid, area)
        guard !area.isEmpty else { return }
        let first = min(max(0, scroll), max(0, lines.count - area.height))
        let shown = min(area.height, lines.count - first)
        for i in 0..<shown {
            WidgetSupport.write(&grid, spans: lines[first + i], x: area.x, y: area.y + i, maxWidth: area.width)
        }
        if first > 0 { grid.put("↑", x: area.maxX - 1, y: area.y, style: .muted) }
        if first + area.height < lines.count { grid.put("↓", x: area.maxX - 1, y: area.maxY - 1, style: .muted) }
    }

    /// An item with a marker on its first line and its other lines indented to match.
    private static func hanging(_ item: String, marker: String, width: Int, into lines: inout [StyledLine]) {
        let indent = DisplayWidth.of(marker)
        // Too narrow for an indent: the item still shows, clipped, rather than vanishing.
        let wrapped = TextLayout.wrap(Sanitizer.block(item), width: max(1, width - indent))
        for (i, line) in wrapped.enumerated() {
            let lead = i == 0 ? StyledSpan(marker, Style(.accent)) : StyledSpan(WidgetSupport.spaces(indent))
            lines.append([lead, StyledSpan(line)])
        }
    }

    private static func field(label: String, value: String, valueStyle: Style, width: Int, into lines: inout [StyledLine]) {
        let prefix = Sanitizer.line(label) + ": "
        let indent = DisplayWidth.of(prefix)
        let safeValue = Sanitizer.block(value)
        if width - indent < max(1, width / 3) {
            // A long label would leave the value a sliver: stack the value under it instead.
            lines.append([StyledSpan(TextLayout.truncate(prefix.trimmingSuffixSpaces, to: width), .muted)])
            for line in TextLayout.wrap(safeValue, width: width) { lines.append([StyledSpan(line, valueStyle)]) }
            return
        }
        for (i, line) in TextLayout.wrap(safeValue, width: width - indent).enumerated() {
            let lead = i == 0 ? StyledSpan(prefix, .muted) : StyledSpan(WidgetSupport.spaces(indent))
            lines.append([lead, StyledSpan(line, valueStyle)])
        }
    }
}

extension String {
    fileprivate var trimmingSuffixSpaces: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
