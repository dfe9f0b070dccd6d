import TernText

/// A modal question or error over the screen: "Withdraw application?" [ Yes ]  [ No ].
///
/// ```swift
/// Dialog.draw(into: &grid, screen: screen, title: "Withdraw?", message: "This cannot be undone.", buttons: ["Yes", "No"], selected: 1)
/// ```
public enum Dialog {
    /// The widest a dialog grows for a long message: wider lines are harder to read.
    static let maximumWidth = 60
    /// The narrowest it shrinks to, screen permitting, so a one-word message still looks like a dialog.
    static let minimumWidth = 20

    /// Centred modal box over the screen (its area cleared first), the title in the top border,
    /// the message sanitized and wrapped (its own line breaks kept), and buttons like
    /// "[ Yes ]  [ No ]" centred on the last row with the selected one in `Style.selected`. Error
    /// dialogs draw border and title in `.error`. On a screen too small for everything the
    /// buttons keep their row (compacted to "[Yes] [No]" if need be) and the message is cut:
    /// the way out matters most.
    ///
    /// ```swift
    /// Dialog.draw(into: &grid, screen: screen, title: "Import failed", message: error, buttons: ["OK"], selected: 0, isError: true)
    /// ```
    public static func draw(into grid: inout CellGrid, screen: Rect, title: String, message: String, buttons: [String],
                            selected: Int, isError: Bool = false, box: BoxStyle = .line) {
        guard !screen.isEmpty else { return }
        let layout = Layout(screen: screen, title: title, message: message, buttons: buttons)
        let inner = Pane.draw(into: &grid, area: layout.area, title: title,
                              borderStyle: isError ? .error : Style(.focusedBorder, bold: true),
                              titleStyle: isError ? .error : .accent, box: box)
        guard !inner.isEmpty else { return }
        // Short of rows, the blank row above the buttons goes first, then message lines.
        let buttonRows = buttons.isEmpty ? 0 : (inner.height >= layout.lines.count + 2 ? 2 : 1)
        let body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height - buttonRows)
        for (i, line) in layout.lines.prefix(body.height).enumerated() {
            WidgetSupport.write(&grid, line, x: body.x, y: body.y + i, maxWidth: body.width)
        }
        for (i, span) in layout.buttonSpans(in: inner).enumerated() {
            WidgetSupport.write(&grid, span.label, x: span.x, y: inner.maxY - 1, maxWidth: inner.maxX - span.x,
                                style: i == selected ? .selected : .plain)
        }
    }

    /// The button drawn at `column`, `row` when the dialog is drawn on `screen` (for mouse
    /// clicks); nil off every button. Measured by the same ``Layout`` that draws them.
    public static func button(atColumn column: Int, row: Int, screen: Rect, title: String, message: String,
                              buttons: [String]) -> Int? {
        guard !screen.isEmpty, !buttons.isEmpty else { return nil }
        let layout = Layout(screen: screen, title: title, message: message, buttons: buttons)
        let inner = layout.area.inset(by: 1)
        guard !inner.isEmpty, row == inner.maxY - 1 else { return nil }
        return layout.buttonSpans(in: inner).firstIndex { (($0.x)..<($0.x + $0.width)).contains(column) }
    }

    /// Where a dialog's box, message lines and buttons go: one measurement for drawing and for
    /// finding what a click landed on.
    struct Layout {
        let area: Rect
        let lines: [String]
        let buttons: [String]
        let labels: [String]
        let buttonsWidth: Int

        init(screen: Rect, title: String, message: String, buttons: [String]) {
            self.buttons = buttons
            labels = buttons.map { "[ " + Sanitizer.line($0) + " ]" }
            buttonsWidth = labels.reduce(0) { $0 + DisplayWidth.of($1) } + 2 * max(0, labels.count - 1)
            let text = Sanitizer.block(message)
            let longest = text.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
            let width = max(WidgetSupport.width(title) + 6, buttonsWidth + 4, min(longest + 4, Dialog.maximumWidth), Dialog.minimumWidth)
            lines = TextLayout.wrap(text, width: min(width, screen.width) - 4)
            // Border, message, a blank row and the buttons.
            area = WidgetSupport.centred(width: width, height: lines.count + (labels.isEmpty ? 0 : 2) + 2, in: screen)
        }

        /// Each button's label, column and drawn width on the last row of `inner`, centred;
        /// short of columns, "[Yes] [No]" before cutting a button in half.
        func buttonSpans(in inner: Rect) -> [(label: String, x: Int, width: Int)] {
            guard !labels.isEmpty else { return [] }
            let compact = buttonsWidth > inner.width
            let shown = compact ? buttons.map { "[" + Sanitizer.line($0) + "]" } : labels
            let gap = compact ? 1 : 2
            let shownWidth = shown.reduce(0) { $0 + DisplayWidth.of($1) } + gap * (shown.count - 1)
            var x = inner.x + max(0, (inner.width - shownWidth) / 2)
            var spans: [(label: String, x: Int, width: Int)] = []
            for (i, label) in shown.enumerated() {
                if i > 0 { x += gap }
                let width = min(DisplayWidth.of(label), max(0, inner.maxX - x))
                spans.append((label, x, width))
                x += width
            }
            return spans
        }
    }
}
