import Foundation

/// What the triage queue shows: a typed query, built by hand or parsed from a one-line limit
/// pattern (mutt's `l`). Empty `statuses` means "needs action": submitted, under review,
/// delivered, and offers unanswered for a while.
///
/// ```swift
/// let filter = try TriageFilter(pattern: "status:submitted field:design age>7d organization:acme student:tnguyen logo")
/// filter.olderThanDays   // 7
/// filter.words           // ["logo"]
/// ```
public struct TriageFilter: Sendable, Hashable {
    public var statuses: [ApplicationStatus] = []
    public var fields: [Field] = []
    /// `age>7d`: waiting (since the last status change) more than this many days.
    public var olderThanDays: Int?
    /// `age<3d`: waiting fewer than this many days.
    public var youngerThanDays: Int?
    /// `organization:acme`: organizations whose name starts with this (any case).
    public var organization: String?
    /// `student:tnguyen`: one student, by username.
    public var student: String?
    /// `opportunity:REF`: one listing, by its ref.
    public var opportunityRef: String?
    /// Free words: each must appear in the listing's title, the organization's or the student's name.
    public var words: [String] = []
    /// `is:taken-down`: only applications to listings staff have declined (taken down). With no
    /// `status:`, the ones with work under way (accepted, in progress, delivered): the staff
    /// queue "listing taken down with work under way".
    public var takenDown = false

    /// The limit term of that queue, as staff type it.
    public static let takenDownTerm = "is:taken-down"

    public init(statuses: [ApplicationStatus] = [], fields: [Field] = [], olderThanDays: Int? = nil, youngerThanDays: Int? = nil,
                organization: String? = nil, student: String? = nil, opportunityRef: String? = nil, words: [String] = []) {
        self.statuses = statuses
        self.fields = fields
        self.olderThanDays = olderThanDays
        self.youngerThanDays = youngerThanDays
        self.organization = organization
        self.student = student
        self.opportunityRef = opportunityRef
        self.words = words
    }

    /// The statuses a queue with no `status:` term shows.
    public static let needingAction: [ApplicationStatus] = [.submitted, .underReview, .delivered, .offered]

    /// Parses a limit pattern. Terms: `status:S` and `field:F` (repeatable: any of them),
    /// `age>Nd`, `age<Nd`, `organization:PREFIX` (or `org:`), `student:USERNAME`,
    /// `opportunity:REF`; anything else without a colon is a free word. A value with spaces
    /// goes in double quotes (`organization:"acme studio"`). A bad term is named in the error.
    public init(pattern: String) throws {
        try StoredText.searchWords.check(pattern)
        for term in try Self.terms(pattern) {
            try apply(term)
        }
        if takenDown, statuses.isEmpty { statuses = ApplicationStatus.workUnderWay }
    }

    private mutating func apply(_ term: String) throws {
        let lowered = term.lowercased()
        if lowered.hasPrefix("age>") || lowered.hasPrefix("age<") {
            let digits = lowered.dropFirst(4).hasSuffix("d") ? lowered.dropFirst(4).dropLast() : lowered.dropFirst(4)
            guard let days = Int(digits), days >= 0, days <= 36_500 else {
                throw CatalogueError.invalid("\"\(term)\": age takes a number of days, as in age>7d")
            }
            if lowered.hasPrefix("age>") { olderThanDays = days } else { youngerThanDays = days }
            return
        }
        guard let colon = term.firstIndex(of: ":") else {
            words.append(term)
            return
        }
        let key = term[..<colon].lowercased()
        let value = String(term[term.index(after: colon)...])
        guard !value.isEmpty else { throw CatalogueError.invalid("\"\(term)\": \(key) needs a value after the colon") }
        switch key {
        case "status":
            guard let status = ApplicationStatus(rawValue: value.lowercased().replacingOccurrences(of: "-", with: "_")) else {
                throw CatalogueError.invalid("\"\(term)\": no status \"\(value)\"; one of \(ApplicationStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !statuses.contains(status) { statuses.append(status) }
        case "field":
            guard let field = Field(rawValue: value.lowercased().replacingOccurrences(of: "-", with: "_")) else {
                throw CatalogueError.invalid("\"\(term)\": no field \"\(value)\"; one of \(Field.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !fields.contains(field) { fields.append(field) }
        case "organization", "org": organization = value
        case "student": student = value
        case "opportunity", "listing": opportunityRef = value
        case "is":
            guard value.lowercased() == "taken-down" else { throw CatalogueError.invalid("\"\(term)\": is: takes taken-down") }
            takenDown = true
        default:
            throw CatalogueError.invalid("\"\(term)\": unknown term \(key); use status:, field:, age>Nd, age<Nd, organization:, student:, opportunity:, is:taken-down or plain words")
        }
    }

    /// Splits at spaces outside double quotes; the quotes themselves are dropped.
    package static func terms(_ pattern: String) throws -> [String] {
        var terms: [String] = []
        var current = ""
        var quoted = false
        for character in pattern {
            if character == "\"" {
                quoted.toggle()
            } else if character.isWhitespace && !quoted {
                if !current.isEmpty { terms.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else { throw CatalogueError.invalid("a quote in the pattern is never closed") }
        if !current.isEmpty { terms.append(current) }
        return terms
    }
}
