/// What a student (or a script) is looking for: words plus filters plus an order. The same
/// value drives `tern search`, the listings pane and saved searches.
///
/// ```swift
/// var query = OpportunityQuery(words: "pyth")
/// query.locationKinds = [.remote]
/// query.sort = .newest
/// let page = try catalogue.opportunities(matching: query, limit: 40)
/// ```
public struct OpportunityQuery: Sendable, Hashable, Codable {
    /// Free text; each word matches as a prefix over title, organization, skills and brief.
    public var words: String
    public var fields: Set<Field>
    /// Listings must require every one of these skills.
    public var skills: [String]
    public var locationKinds: Set<LocationKind>
    /// Empty means any kind; `paidOnly` narrows to kinds that pay money.
    public var compensationKinds: Set<CompensationKind>
    public var paidOnly: Bool
    public var maxHours: Int?
    public var maxDurationDays: Int?
    /// Only listings whose application deadline is within this many days from today.
    public var deadlineWithinDays: Int?
    /// Organization name, case-insensitive prefix.
    public var organization: String?
    /// Also show closed, filled, archived and past-deadline listings (never drafts).
    public var includeClosed: Bool
    public var sort: OpportunitySort
    /// Only listings the student with this username has saved.
    public var savedBy: String?
    /// Only listings posted strictly after this timestamp (as stored: `2026-11-21T09:30:00Z`);
    /// saved searches count what is new with it.
    public var postedAfter: String?
    /// The student (username) that ``OpportunitySort/match`` ranks for. Whenever it is set, and
    /// whatever the sort, only listings that fit the student at all are shown: one of the
    /// listing's skills is theirs, or its field is one of their interests (see ``ListingFit``).
    public var matchFor: String?

    public init(words: String = "", fields: Set<Field> = [], skills: [String] = [],
                locationKinds: Set<LocationKind> = [], compensationKinds: Set<CompensationKind> = [],
                paidOnly: Bool = false, maxHours: Int? = nil, maxDurationDays: Int? = nil,
                deadlineWithinDays: Int? = nil, organization: String? = nil, includeClosed: Bool = false,
                sort: OpportunitySort = .deadline, savedBy: String? = nil, postedAfter: String? = nil,
                matchFor: String? = nil) {
        self.words = words
        self.fields = fields
        self.skills = skills
        self.locationKinds = locationKinds
        self.compensationKinds = compensationKinds
        self.paidOnly = paidOnly
        self.maxHours = maxHours
        self.maxDurationDays = maxDurationDays
        self.deadlineWithinDays = deadlineWithinDays
        self.organization = organization
        self.includeClosed = includeClosed
        self.sort = sort
        self.savedBy = savedBy
        self.postedAfter = postedAfter
        self.matchFor = matchFor
    }

    /// The words as the search index sees them: letters and digits, lowercased, in order.
    public var searchTerms: [String] {
        var terms: [String] = []
        var current = ""
        for scalar in words.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                terms.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { terms.append(current.lowercased()) }
        return terms
    }

    /// True when no filter narrows the list (words aside). `matchFor` belongs to the order
    /// ("For you"), so it does not count as a filter here.
    public var hasNoFilters: Bool {
        fields.isEmpty && skills.isEmpty && locationKinds.isEmpty && compensationKinds.isEmpty && !paidOnly
            && maxHours == nil && maxDurationDays == nil && deadlineWithinDays == nil
            && (organization ?? "").isEmpty && !includeClosed && savedBy == nil && postedAfter == nil
    }
}

/// The orders a listings page can take. Each is a keyset order ending in the row id, so paging
/// costs the same on page 1 and page 10,000; the two ranked orders (`relevance`, `match`) have
/// no stable key and page by offset.
public enum OpportunitySort: String, CaseIterable, Codable, Sendable {
    /// Soonest application deadline first: what a student must act on.
    case deadline
    case newest
    /// Fewest estimated hours first.
    case hours
    /// Highest pay per estimated hour first, never comparing currencies: listings paying in the
    /// home currency (``Catalogue/homeCurrency()``) first, then each other currency in code
    /// order (CAD, EUR, GBP, JPY…), each by pay per hour; then what pays nothing per hour
    /// (credit and certificates before unpaid).
    case pay
    /// Best text match first (needs words; falls back to deadline without them).
    case relevance
    /// "For you": best ``ListingFit/score`` for ``OpportunityQuery/matchFor`` first, then
    /// soonest deadline (needs `matchFor`; falls back to deadline without it).
    case match
}

/// Where a page ended, so the next page starts right after it.
public struct OpportunityCursor: Sendable, Hashable {
    package var text: String?
    package var number: Int?
    package var id: Int64
    /// Relevance and match are ranked orders with no stable key: they page by offset.
    package var offset: Int

    package init(text: String? = nil, number: Int? = nil, id: Int64, offset: Int) {
        self.text = text
        self.number = number
        self.id = id
        self.offset = offset
    }
}
