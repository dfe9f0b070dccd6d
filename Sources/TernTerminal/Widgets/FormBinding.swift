/// One field of a ``FormSpec``: a label bound to a place in the draft. It makes the field's
/// control from a draft (so a form opens showing what is there) and writes the control's value
/// back to the same place.
///
/// ```swift
/// FormBinding<ApplicationDraft>.text("Hours offered", \.hoursOffered, limit: 3)
/// FormBinding<ListingFormText>.choice("Where", \.locationKind, Choices(allCases: \.label))
/// ```
struct FormBinding<Draft> {
    let label: String
    let control: (Draft) -> FormField.Control
    let read: (FormField.Control, inout Draft) -> Void

    /// Free text.
    static func text(_ label: String, _ path: WritableKeyPath<Draft, String>, multiline: Bool = false,
                     limit: Int? = nil, counted: Int? = nil) -> Self {
        Self(label: label, control: { .text(TextField($0[keyPath: path], multiline: multiline, limit: limit, counted: counted)) }) {
            guard case .text(let field) = $0 else { mismatch(label, "text") }
            $1[keyPath: path] = field.text
        }
    }

    /// One of `choices`, read back as the value itself.
    static func choice<Value: Equatable>(_ label: String, _ path: WritableKeyPath<Draft, Value>, _ choices: Choices<Value>) -> Self {
        Self(label: label, control: { .choice(ChoiceField(choices.titles, selected: choices.index(of: $0[keyPath: path]))) }) {
            guard case .choice(let field) = $0 else { mismatch(label, "choice") }
            $1[keyPath: path] = choices.value(at: field.selected)
        }
    }

    /// Any number of `choices`, read back as the set of values checked.
    static func checklist<Value: Hashable>(_ label: String, _ path: WritableKeyPath<Draft, Set<Value>>, _ choices: Choices<Value>) -> Self {
        Self(label: label, control: { .checklist(Checklist(choices.titles, checked: choices.indices(of: $0[keyPath: path]))) }) {
            guard case .checklist(let list) = $0 else { mismatch(label, "checklist") }
            $1[keyPath: path] = Set(list.checked.map(choices.value(at:)))
        }
    }

    /// A checkbox saying `text`.
    static func toggle(_ label: String, _ path: WritableKeyPath<Draft, Bool>, _ text: String) -> Self {
        Self(label: label, control: { .checkbox(Checkbox(text, checked: $0[keyPath: path])) }) {
            guard case .checkbox(let box) = $0 else { mismatch(label, "checkbox") }
            $1[keyPath: path] = box.checked
        }
    }

    /// A field whose control changed kind after the spec built it: a mistake in the code.
    private static func mismatch(_ label: String, _ kind: String) -> Never {
        preconditionFailure("the field “\(label)” is no longer a \(kind) field")
    }
}
