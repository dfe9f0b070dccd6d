import TernStore

/// Which listings the listings pane shows before words and filters narrow them.
public enum ListingView: String, CaseIterable, Sendable {
    case all
    /// Ranked by fit to the student's skills, interests and hours.
    case forYou
    /// The listings the student bookmarked, closed ones included (marked as such).
    case saved

    public var title: String {
        switch self {
        case .all: "All"
        case .forYou: "For you"
        case .saved: "Saved"
        }
    }

    /// The view after this one; guests have only `all`.
    public func next(signedIn: Bool) -> ListingView {
        guard signedIn else { return .all }
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// `query` as this view asks it for `username`: the view's own narrowing on top of what the
    /// student typed and filtered. Guests always get `query` unchanged.
    public func applied(to query: OpportunityQuery, username: String?) -> OpportunityQuery {
        var result = query
        result.savedBy = nil
        result.matchFor = nil
        if result.sort == .match { result.sort = .deadline }
        guard let username else { return result }
        switch self {
        case .all:
            if query.sort == .match { result.sort = .match; result.matchFor = username }
        case .forYou:
            result.sort = query.sort == .deadline || query.sort == .match ? .match : query.sort
            result.matchFor = username
        case .saved:
            result.savedBy = username
            result.includeClosed = true
        }
        return result
    }
}

/// The filter form's values as typed: numbers stay text until applied so a half-typed "1"
/// is not an error yet. Converts to and from ``OpportunityQuery``.
///
/// ```swift
/// var draft = ListingFilters(query)
/// draft.maxHours = "20"
/// let narrowed = try draft.applied(to: query)
/// ```
public struct ListingFilters: Sendable, Equatable {
    public var sort: OpportunitySort
    public var fields: Set<Field>
    public var locationKinds: Set<LocationKind>
    /// nil = any pay; otherwise "paid only" or one kind.
    public var pay: PayFilter
    /// Comma-separated skill names; every one is required.
    public var skills: String
    public var maxHours: String
    public var maxDurationDays: String
    public var deadlineWithinDays: String
    public var organization: String
    public var includeClosed: Bool

    public enum PayFilter: Sendable, Hashable {
        case any, paidOnly
        case kind(CompensationKind)

        public static let all: [PayFilter] = [.any, .paidOnly] + CompensationKind.allCases.map { .kind($0) }

        public var label: String {
            switch self {
            case .any: "any"
            case .paidOnly: "paid only"
            case .kind(let kind): kind.label.lowercased()
            }
        }
    }

    /// A field the student typed wrong, named as the form labels it.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public var field: String
        public var reason: String
        public var description: String { "\(field): \(reason)" }
    }

    public init(_ query: OpportunityQuery) {
        sort = query.sort
        fields = query.fields
        locationKinds = query.locationKinds
        if query.paidOnly { pay = .paidOnly }
        else if query.compensationKinds.count == 1, let kind = query.compensationKinds.first { pay = .kind(kind) }
        else { pay = .any }
        skills = query.skills.joined(separator: ", ")
        maxHours = query.maxHours.map(String.init) ?? ""
        maxDurationDays = query.maxDurationDays.map(String.init) ?? ""
        deadlineWithinDays = query.deadlineWithinDays.map(String.init) ?? ""
        organization = query.organization ?? ""
        includeClosed = query.includeClosed
    }

    /// `query` with these filters (its words kept), or the first field typed wrong.
    public func applied(to query: OpportunityQuery) throws(Invalid) -> OpportunityQuery {
        var result = query
        result.sort = sort
        result.fields = fields
        result.locationKinds = locationKinds
        switch pay {
        case .any: result.paidOnly = false; result.compensationKinds = []
        case .paidOnly: result.paidOnly = true; result.compensationKinds = []
        case .kind(let kind): result.paidOnly = false; result.compensationKinds = [kind]
        }
        result.skills = skills.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        result.maxHours = try Self.number(maxHours, field: "Max hours", range: 1...400)
        result.maxDurationDays = try Self.number(maxDurationDays, field: "Max days", range: 1...365)
        result.deadlineWithinDays = try Self.number(deadlineWithinDays, field: "Closes within", range: 0...365)
        let org = organization.trimmingCharacters(in: .whitespaces)
        result.organization = org.isEmpty ? nil : org
        result.includeClosed = includeClosed
        return result
    }

    private static func number(_ text: String, field: String, range: ClosedRange<Int>) throws(Invalid) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        guard let value = Int(trimmed), range.contains(value) else {
            throw Invalid(field: field, reason: "enter a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The active filters as short chips for the search bar: "remote", "≤20 h", "paid".
    public static func chips(_ query: OpportunityQuery) -> [String] {
        var chips: [String] = []
        if query.sort != .deadline { chips.append("by \(query.sort.label)") }
        chips += query.fields.sorted().map(\.label)
        chips += query.locationKinds.sorted { $0.rawValue < $1.rawValue }.map(\.label)
        if query.paidOnly { chips.append("paid") }
        chips += query.compensationKinds.sorted { $0.rawValue < $1.rawValue }.map(\.label)
        chips += query.skills
        if let hours = query.maxHours { chips.append("≤\(hours) h") }
        if let days = query.maxDurationDays { chips.append("≤\(days) days") }
        if let days = query.deadlineWithinDays { chips.append("closes ≤\(days) d") }
        if let org = query.organization, !org.isEmpty { chips.append("org: \(org)") }
        if query.includeClosed { chips.append("incl. closed") }
        return chips
    }

    /// `query` with every filter and the sort reset, the words kept: one key clears them all.
    public static func cleared(_ query: OpportunityQuery) -> OpportunityQuery {
        OpportunityQuery(words: query.words)
    }
}

extension OpportunitySort {
    /// How the sort reads in chips and the filter form.
    public var label: String {
        switch self {
        case .deadline: "deadline"
        case .newest: "newest"
        case .hours: "fewest hours"
        case .pay: "pay"
        case .relevance: "relevance"
        case .match: "match"
        }
    }
}
