/// A form declared once over the value it edits (its draft): each field binds a label to a place
/// in the draft, so the form opens showing a draft and is read back into one by the same
/// bindings, never by looking a label up. What a field means, and which value each choice
/// stands for, is said in one place.
///
/// ```swift
/// let spec = FormSpec(blank: ApplicationDraft(), [
///     .text("Cover note", \.coverNote, multiline: true),
///     .text("Hours offered", \.hoursOffered, limit: 3),
/// ])
/// let form = spec.form(title: "Apply", draft)     // shows the draft
/// let sent = spec.draft(from: form)               // an ApplicationDraft again
/// ```
struct FormSpec<Draft> {
    /// What the draft holds where no field is bound.
    let blank: Draft
    let bindings: [FormBinding<Draft>]

    init(blank: Draft, _ bindings: [FormBinding<Draft>]) {
        self.blank = blank
        self.bindings = bindings
    }

    /// The form showing `draft`, its fields in the order declared.
    func form(title: String, subtitle: String? = nil, _ draft: Draft) -> Form {
        Form(title: title, subtitle: subtitle, fields: bindings.map { FormField($0.label, $0.control(draft)) })
    }

    /// The draft `form` holds. A form this spec did not build (other fields, or the same in
    /// another order) is a mistake in the code: it stops the program rather than read a value
    /// from the wrong field.
    func draft(from form: Form) -> Draft {
        precondition(form.fields.map(\.label) == bindings.map(\.label),
                     "the form “\(form.title)” was not built by this spec: \(form.fields.map(\.label)) vs \(bindings.map(\.label))")
        var draft = blank
        for (binding, field) in zip(bindings, form.fields) { binding.read(field.control, &draft) }
        return draft
    }
}
