/// A field of a listing, as a form labels it and as an import file names its column.
///
/// ```swift
/// ListingField.compensation.column   // "compensation_amount"
/// ListingField.durationDays.label    // "duration (days)"
/// ```
public enum ListingField: String, CaseIterable, Sendable, Hashable {
    case ref, title, organization, field, brief, deliverables, skills, hours, durationDays, schedule, startsOn,
         deadline, compensationKind, compensation, currency, locationKind, city, spots

    /// The column of the import and export formats.
    public var column: String {
        switch self {
        case .durationDays: "duration_days"
        case .startsOn: "starts_on"
        case .compensationKind: "compensation_kind"
        case .compensation: "compensation_amount"
        case .locationKind: "location_kind"
        default: rawValue
        }
    }

    /// How a person reads it, in messages and beside a form's input.
    public var label: String {
        switch self {
        case .durationDays: "duration (days)"
        case .startsOn: "starts on"
        case .compensationKind: "compensation kind"
        case .compensation: "compensation amount"
        case .locationKind: "location kind"
        default: rawValue
        }
    }
}

/// Why a ``ListingDraft`` cannot be saved: the field to put the cursor on, and what is wrong
/// with it. The same problems, worded the same way, refuse an import row.
///
/// ```swift
/// do { try draft.validate() } catch { form.focus(error.field); form.show(error.description) }
/// // error.description: "title: is 201 characters long; the most it can hold is 200"
/// ```
public struct ListingDraftError: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: ListingField
    public var problem: Problem

    /// ```swift
    /// throw ListingDraftError(.hours, .outOfRange(ListingRules.hours, got: 0))   // "hours: must be a whole number from 1 to 400, got 0"
    /// ```
    public init(_ field: ListingField, _ problem: Problem) {
        self.field = field
        self.problem = problem
    }

    public enum Problem: Equatable, Sendable {
        case required
        /// Only whitespace.
        case blank
        /// The text cannot be stored (``StoredText``).
        case unstorable(StoredText.Refusal)
        /// One item of a list (counted from 0) cannot be stored.
        case unstorableItem(index: Int, StoredText.Refusal)
        /// An empty item (counted from 0) in a list: an import drops them, a form must not send them.
        case emptyItem(index: Int)
        case tooManyItems(count: Int)
        case outOfRange(ClosedRange<Int>, got: Int)
        case badRef(String)
        case refTaken(String)
        /// Refs are external keys: an edit keeps the listing's.
        case refChanged(from: String)
        case badCurrency(String)
        case negativeAmount
        /// An amount given for a kind that pays nothing.
        case amountNotPaid(CompensationKind)
        case amountRequired(CompensationKind)
        case cityRequired(LocationKind)
        case duplicateSkill(String)

        /// One line without the field's name, worded as the importer words it.
        public var message: String {
            switch self {
            case .required: "is required"
            case .blank: "must not be blank"
            case .unstorable(let refusal): refusal.message
            case .unstorableItem(let index, let refusal): "item \(index + 1) \(refusal.message)"
            case .emptyItem(let index): "item \(index + 1) is empty"
            case .tooManyItems(let count): "has \(count) items; the most a list holds is \(StoredText.listLimit)"
            case .outOfRange(let range, let value): "must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(value)"
            case .badRef(let ref): "must be letters, digits, '-', '_' or '.' (at most \(ListingRules.refLimit)), not starting with '.', got \"\(ref)\""
            case .refTaken(let ref): "\"\(ref)\" is already another listing's ref"
            case .refChanged(let ref): "cannot be changed (it is \"\(ref)\"): exports and imports find the listing by it"
            case .badCurrency(let code): "must be a three-letter ISO 4217 code such as USD, got \"\(code)\""
            case .negativeAmount: "must be a non-negative amount"
            case .amountNotPaid(let kind): "must be empty for \(kind.rawValue)"
            case .amountRequired(let kind): "is required for \(kind.rawValue)"
            case .cityRequired(let location): "is required for \(location.rawValue) listings"
            case .duplicateSkill(let skill): "lists \"\(skill)\" twice"
            }
        }
    }

    public var message: String { problem.message }

    public var description: String { "\(field.label): \(message)" }
}
