import TernText

/// One labelled control in a ``Form``.
public struct FormField: Sendable, Equatable {
    public enum Control: Sendable, Equatable {
        case text(TextField)
        case choice(ChoiceField)
        case checkbox(Checkbox)
        case checklist(Checklist)
    }

    public var label: String
    public var control: Control

    public init(_ label: String, _ control: Control) {
        self.label = label
        self.control = control
    }

    /// The text of a text field ("" for other controls).
    public var text: String {
        if case .text(let field) = control { return field.text }
        return ""
    }

    /// The chosen index of a choice field (0 for other controls).
    public var choice: Int {
        if case .choice(let field) = control { return field.selected }
        return 0
    }

    /// Whether a checkbox is checked.
    public var isChecked: Bool {
        if case .checkbox(let box) = control { return box.checked }
        return false
    }

    /// The checked options of a checklist.
    public var checkedOptions: Set<Int> {
        if case .checklist(let list) = control { return list.checked }
        return []
    }

    var isMultiline: Bool {
        if case .text(let field) = control { return field.multiline }
        return false
    }

    /// Gives the key to the control; false when the control leaves it to the form.
    mutating func handle(_ key: Key) -> Bool {
        switch control {
        case .text(var field):
            defer { control = .text(field) }
            return field.handle(key)
        case .choice(var field):
            defer { control = .choice(field) }
            return field.handle(key)
        case .checkbox(var box):
            defer { control = .checkbox(box) }
            return box.handle(key)
        case .checklist(var list):
            defer { control = .checklist(list) }
            return list.handle(key)
        }
    }
}

/// A modal form over the screen: labelled fields, one focused, an error line, and the keys to
/// submit or cancel. Its keys are fixed (not rebindable) because letters must type into fields.
///
/// ```swift
/// var form = Form(title: "Apply", fields: [FormField("Hours", .text(TextField("10")))])
/// switch form.handle(.enter) { case .submit: save(form.fields[0].text); default: break }
/// ```
public struct Form: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable { case editing, submit, cancel }

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

    /// Esc cancels; ctrl-s submits anywhere; enter submits unless a multi-line field takes it;
    /// tab/shift-tab (and up/down when the field does not use them) move between fields.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape: return .cancel
        case .control("s"): return .submit
        case .tab: move(by: 1); return .editing
        case .backTab: move(by: -1); return .editing
        default: break
        }
        if fields.indices.contains(focus), fields[focus].handle(key) { return .editing }
        switch key {
        case .enter: return .submit
        case .down: move(by: 1)
        case .up: move(by: -1)
        default: break
        }
        return .editing
    }

    private mutating func move(by step: Int) {
        guard !fields.isEmpty else { return }
        focus = (focus + step + fields.count) % fields.count
    }

    static let maximumWidth = 76
    static let multilineRows = 5

    /// Draws the form centred on `screen`; returns where the hardware cursor belongs (the caret
    /// of the focused text field).
    @discardableResult
    public func draw(into grid: inout CellGrid, screen: Rect, box: BoxStyle = .line) -> (x: Int, y: Int)? {
        let width = min(screen.width, Self.maximumWidth)
        let labelWidth = min(20, (fields.map { WidgetSupport.width($0.label) }.max() ?? 0) + 1)
        let controlWidth = max(1, width - 4 - labelWidth - 1)
        let heights = fields.map { field -> Int in
            switch field.control {
            case .text(let text): text.multiline ? Self.multilineRows : 1
            case .checklist(let list): list.height(width: controlWidth)
            default: 1
            }
        }
        let hint = fields.contains(where: \.isMultiline)
            ? "ctrl-s submit · tab next field · esc cancel" : "enter submit · tab next field · esc cancel"
        let body = heights.reduce(0, +) + (subtitle == nil ? 0 : 2) + 2 + (error == nil ? 0 : 1)
        let area = WidgetSupport.centred(width: width, height: body + 2, in: screen)
        let inner = Pane.draw(into: &grid, area: area, title: title, borderStyle: Style(.focusedBorder, bold: true),
                              titleStyle: .accent, box: box)
        guard !inner.isEmpty else { return nil }
        WidgetSupport.fill(&grid, inner)
        let content = Rect(x: inner.x + 1, y: inner.y, width: max(0, inner.width - 2), height: inner.height)
        var y = content.y
        if let subtitle {
            WidgetSupport.write(&grid, TextLayout.truncate(Sanitizer.line(subtitle), to: content.width), x: content.x, y: y,
                                maxWidth: content.width, style: .muted)
            y += 2
        }
        // Rows left for fields once the error and the hint are placed at the bottom.
        let bottom = content.maxY - 1 - (error == nil ? 0 : 1)
        var caret: (x: Int, y: Int)?
        for (index, field) in fields.enumerated() {
            let height = min(heights[index], bottom - y - 1)
            guard height > 0 else { break }
            let focused = index == focus
            WidgetSupport.write(&grid, TextLayout.truncate(Sanitizer.line(field.label), to: labelWidth - 1), x: content.x, y: y,
                                maxWidth: labelWidth, style: focused ? .accent : .muted)
            let controlArea = Rect(x: content.x + labelWidth + 1, y: y, width: max(0, content.width - labelWidth - 1), height: height)
            switch field.control {
            case .text(let text):
                let at = text.draw(into: &grid, area: controlArea, focused: focused)
                if focused { caret = at }
            case .choice(let choice): choice.draw(into: &grid, area: controlArea, focused: focused)
            case .checkbox(let box): box.draw(into: &grid, area: controlArea, focused: focused)
            case .checklist(let list):
                let at = list.draw(into: &grid, area: controlArea, focused: focused)
                if focused { caret = at }
            }
            y += height
        }
        if let error {
            WidgetSupport.write(&grid, TextLayout.truncate(Sanitizer.line(error), to: content.width), x: content.x,
                                y: content.maxY - 2, maxWidth: content.width, style: .error)
        }
        WidgetSupport.write(&grid, TextLayout.truncate(hint, to: content.width), x: content.x, y: content.maxY - 1,
                            maxWidth: content.width, style: .muted)
        return caret
    }
}
