import TernText

/// A modal form over the screen: labelled fields, one focused, an error line, and a line saying
/// which keys send and close it. What a key does is decided by whoever hosts the form (the
/// ``ModalHost`` reads the screen's key map); the form moves focus and hands keys to the
/// focused control.
///
/// ```swift
/// var form = Form(title: "Apply", fields: [FormField("Hours", .text(TextField("10")))])
/// _ = form.giveToFocusedField(.character("5"))
/// form.moveFocus(by: 1)
/// ```
public struct Form: Sendable, Equatable {
    public var title: String
    public var fields: [FormField]
    public var focus: Int = 0
    /// Why the last submit was refused, shown above the key hints.
    public var error: String?
    /// A line of context under the title ("Data cleaning sprint — Acme Analytics").
    public var subtitle: String?

    public init(title: String, subtitle: String? = nil, fields: [FormField]) {
        self.title = title
        self.subtitle = subtitle
        self.fields = fields
    }

    /// Hands `key` to the focused control; false when the control has no use for it.
    public mutating func giveToFocusedField(_ key: Key) -> Bool {
        guard fields.indices.contains(focus) else { return false }
        return fields[focus].handle(key)
    }

    /// Moves the focus `step` fields on, wrapping around.
    public mutating func moveFocus(by step: Int) {
        guard !fields.isEmpty else { return }
        focus = (focus + step % fields.count + fields.count) % fields.count
    }

    /// Whether anything typed, chosen or checked differs from `other` (where the cursors are
    /// does not count): closing a form that differs from how it opened loses work.
    public func differs(from other: Form) -> Bool {
        fields.count != other.fields.count || zip(fields, other.fields).contains { $0.value != $1.value }
    }

    /// The first field holding more than it may send, and why, naming the field: "Portfolio
    /// link: 2001 characters; at most 2000 can be sent". Nothing is cut to make it fit.
    public var overCount: (index: Int, reason: String)? {
        for (index, field) in fields.enumerated() {
            guard let text = field.textField, text.isOverCount, let most = text.counted else { continue }
            return (index, "\(field.label): \(text.count) characters; at most \(most) can be sent")
        }
        return nil
    }

    /// Keeps the form from being sent while a field is over its count: says which, and moves
    /// the focus there. True when it refused.
    public mutating func refuseIfOverCount() -> Bool {
        guard let over = overCount else { return false }
        error = over.reason
        focus = over.index
        return true
    }

    /// Whether a multi-line field takes enter, so the hint should say how else to send.
    public var hasMultilineField: Bool { fields.contains(where: \.isMultiline) }

    static let maximumWidth = 76
    static let multilineRows = 5

    /// Draws the form centred on `screen` with `hint` (the keys that send and close it) on its
    /// last row; returns where the hardware cursor belongs (the caret of the focused field).
    /// When the fields do not all fit, they scroll so that the focused one is always whole on
    /// screen, with "↑"/"↓" at the right edge saying more fields lie above or below: typing
    /// must never go into a field the student cannot see.
    @discardableResult
    public func draw(into grid: inout CellGrid, screen: Rect, hint: String, box: BoxStyle = .line) -> (x: Int, y: Int)? {
        let layout = Layout(self, screen: screen)
        let (labelWidth, errorLines) = (layout.labelWidth, layout.errorLines)
        let inner = Pane.draw(into: &grid, area: layout.area, title: title, borderStyle: Style(.focusedBorder, bold: true),
                              titleStyle: .accent, box: box)
        guard !inner.isEmpty else { return nil }
        WidgetSupport.fill(&grid, inner)
        // One column on the right is kept for the scroll markers.
        let content = Rect(x: inner.x + 1, y: inner.y, width: max(0, inner.width - 3), height: inner.height)
        let placed = layout.place(in: content)
        if let subtitle, placed.showsSubtitle {
            WidgetSupport.write(&grid, TextLayout.truncate(Sanitizer.line(subtitle), to: content.width), x: content.x, y: content.y,
                                maxWidth: content.width, style: .muted)
        }
        var caret: (x: Int, y: Int)?
        let top = placed.top, first = placed.first
        var y = top
        var shownThrough = first - 1
        for (index, rowY, height) in placed.fields {
            let field = fields[index]
            let focused = index == focus
            WidgetSupport.write(&grid, TextLayout.truncate(Sanitizer.line(field.label), to: labelWidth - 1), x: content.x, y: rowY,
                                maxWidth: labelWidth, style: focused ? .accent : .muted)
            let controlArea = Rect(x: content.x + labelWidth + 1, y: rowY, width: max(0, content.width - labelWidth - 1),
                                   height: height)
            switch field.control {
            case .text(let text):
                var textArea = controlArea
                // The count shows while the field is typed in, and whenever it is over.
                if let label = text.countLabel, focused || text.isOverCount, let most = text.counted {
                    let reserved = "\(most) / \(most)".count + 1
                    if controlArea.width > reserved + 8 {
                        textArea.width -= reserved
                        let shown = max(label.count, reserved - 1)
                        WidgetSupport.write(&grid, String(repeating: " ", count: shown - label.count) + label,
                                            x: controlArea.maxX - shown, y: rowY, maxWidth: shown,
                                            style: text.isOverCount ? .error : .muted)
                    }
                }
                let at = text.draw(into: &grid, area: textArea, focused: focused, markers: true)
                if focused { caret = at }
            case .choice(let choice): choice.draw(into: &grid, area: controlArea, focused: focused)
            case .checkbox(let box): box.draw(into: &grid, area: controlArea, focused: focused)
            case .checklist(let list):
                let at = list.draw(into: &grid, area: controlArea, focused: focused)
                if focused { caret = at }
            }
            y = rowY + height
            shownThrough = index
        }
        let marker = content.maxX + 1
        if first > 0 { grid.put("↑", x: marker, y: top, style: .muted) }
        if shownThrough < fields.count - 1 { grid.put("↓", x: marker, y: max(top, y - 1), style: .muted) }
        for (offset, line) in errorLines.enumerated() {
            WidgetSupport.write(&grid, TextLayout.truncate(line, to: content.width), x: content.x,
                                y: content.maxY - 1 - errorLines.count + offset, maxWidth: content.width, style: .error)
        }
        WidgetSupport.write(&grid, TextLayout.truncate(Sanitizer.line(hint), to: content.width), x: content.x, y: content.maxY - 1,
                            maxWidth: content.width, style: .muted)
        return caret
    }

    /// The field drawn on screen row `row` when the form is drawn on `screen` (for mouse clicks),
    /// nil off every field. Measured as ``draw(into:screen:hint:box:)`` lays fields out (a test
    /// draws the form and holds the two to the same rows).
    public func field(atRow row: Int, column: Int, screen: Rect) -> Int? {
        let layout = Layout(self, screen: screen)
        let inner = layout.area.inset(by: 1)
        guard !inner.isEmpty, inner.contains(column: column, row: row) else { return nil }
        let content = Rect(x: inner.x + 1, y: inner.y, width: max(0, inner.width - 3), height: inner.height)
        return layout.place(in: content).fields.first { ($0.y..<($0.y + $0.height)).contains(row) }?.index
    }

    /// Where the form's box and fields go: one measurement for drawing and for finding what a
    /// click landed on.
    struct Layout {
        let labelWidth: Int
        let heights: [Int]
        let errorLines: [String]
        let area: Rect
        let hasSubtitle: Bool
        let focus: Int

        init(_ form: Form, screen: Rect) {
            let width = min(screen.width, Form.maximumWidth)
            labelWidth = min(20, (form.fields.map { WidgetSupport.width($0.label) }.max() ?? 0) + 1)
            let controlWidth = max(1, width - 6 - labelWidth)
            heights = form.fields.map { field -> Int in
                switch field.control {
                case .text(let text): text.multiline ? Form.multilineRows : 1
                case .checklist(let list): list.height(width: controlWidth)
                default: 1
                }
            }
            // An error is wrapped whole (up to a few lines), never cut: it says what to fix.
            errorLines = form.error.map { Form.errorLines($0, width: max(1, width - 5)) } ?? []
            hasSubtitle = form.subtitle != nil
            focus = form.focus
            let body = heights.reduce(0, +) + (hasSubtitle ? 2 : 0) + 2 + errorLines.count
            area = WidgetSupport.centred(width: width, height: body + 2, in: screen)
        }

        /// The fields shown in `content`: whether the subtitle has its rows, the first field
        /// row, the first field shown, and each shown field's index, row and height.
        func place(in content: Rect) -> (showsSubtitle: Bool, top: Int, first: Int, fields: [(index: Int, y: Int, height: Int)]) {
            var y = content.y
            // The subtitle names what the form acts on: it gives way only when the screen is too
            // short for it and a field, never because the form has a single field.
            let showsSubtitle = hasSubtitle && content.height >= (heights.first ?? 1) + 4 + errorLines.count
            if showsSubtitle { y += 2 }
            // Rows for fields once the error and the hint have their rows at the bottom (and a
            // blank row above them when there is room).
            let bottom = content.maxY - 1 - errorLines.count
            let room = max(1, bottom - y - (bottom - y > 1 ? 1 : 0))
            let first = Form.firstShown(heights: heights, focus: focus, room: room)
            let top = y, limit = y + room
            var placed: [(index: Int, y: Int, height: Int)] = []
            for index in heights.indices where index >= first {
                let remaining = limit - y
                // A field that does not fit whole waits below the marker; only a focused field
                // taller than the whole form is cut.
                guard remaining > 0, heights[index] <= remaining || index == first else { break }
                let height = min(heights[index], remaining)
                placed.append((index, y, height))
                y += height
            }
            return (showsSubtitle, top, first, placed)
        }
    }

    /// At most this many rows for an error; only a longer one ends in "…".
    static let errorRows = 4

    /// An error wrapped to `width` in up to ``errorRows`` rows.
    static func errorLines(_ error: String, width: Int) -> [String] {
        let lines = TextLayout.wrap(Sanitizer.line(error), width: width)
        guard lines.count > errorRows else { return lines }
        return Array(lines.prefix(errorRows - 1)) + [TextLayout.truncate(lines[(errorRows - 1)...].joined(separator: " "), to: width)]
    }

    /// The first field to show so that the focused field ends within `room` rows: fields scroll
    /// only as far as needed, and never past the focused one.
    static func firstShown(heights: [Int], focus: Int, room: Int) -> Int {
        guard heights.indices.contains(focus) else { return 0 }
        var first = 0
        while first < focus, heights[first...focus].reduce(0, +) > room { first += 1 }
        return first
    }
}
