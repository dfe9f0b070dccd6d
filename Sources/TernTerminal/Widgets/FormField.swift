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

    /// What the field holds, cursors aside: for telling whether a form was changed.
    var value: String {
        switch control {
        case .text(let field): "text:" + field.text
        case .choice(let field): "choice:\(field.selected)"
        case .checkbox(let box): "checkbox:\(box.checked)"
        case .checklist(let list): "checklist:" + list.checked.sorted().map(String.init).joined(separator: ",")
        }
    }

    var isMultiline: Bool {
        if case .text(let field) = control { return field.multiline }
        return false
    }

    /// The control as a text field, when it is one (its count and limit: ``TextField/counted``).
    var textField: TextField? {
        if case .text(let field) = control { return field }
        return nil
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
