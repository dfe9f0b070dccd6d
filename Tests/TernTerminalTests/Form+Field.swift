@testable import TernTerminal

extension Form {
    /// The field labelled `label`, for a test to read what a form shows (the screens read a form
    /// back by its ``FormSpec``, never by label).
    func field(_ label: String) -> FormField {
        guard let found = fields.first(where: { $0.label == label }) else {
            preconditionFailure("the form “\(title)” has no field labelled “\(label)”")
        }
        return found
    }
}
