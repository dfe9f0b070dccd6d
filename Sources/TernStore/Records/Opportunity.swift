/// A micro-internship: a project brief an organization posts, with deliverables, a deadline and
/// compensation. This is the whole record, as the detail pane and the exchange formats see it.
///
/// ```swift
/// let opp = try catalogue.opportunity(ref: "brightleaf-instagram-audit")
/// print(opp?.title, opp?.deliverables.first)
/// ```
public struct Opportunity: Sendable, Hashable {
    public var id: Int64?
    /// Stable external key, so that exports re-import onto the same listing.
    public var ref: String
    public var title: String
    public var organization: String
    public var field: Field
    public var brief: String
    public var deliverables: [String]
    public var skills: [String]
    public var hours: Int
    public var durationDays: Int
    public var schedule: Schedule
    public var startsOn: CalendarDay?
    public var deadline: CalendarDay
    public var compensationKind: CompensationKind
    public var compensation: Money?
    public var locationKind: LocationKind
    public var city: String?
    public var spots: Int
    public var status: OpportunityStatus
    public var postedAt: String
    public var version: Int

    public init(id: Int64? = nil, ref: String, title: String, organization: String, field: Field, brief: String,
                deliverables: [String], skills: [String], hours: Int, durationDays: Int, schedule: Schedule,
                startsOn: CalendarDay? = nil, deadline: CalendarDay, compensationKind: CompensationKind,
                compensation: Money?, locationKind: LocationKind, city: String?, spots: Int,
                status: OpportunityStatus, postedAt: String, version: Int = 1) {
        self.id = id
        self.ref = ref
        self.title = title
        self.organization = organization
        self.field = field
        self.brief = brief
        self.deliverables = deliverables
        self.skills = skills
        self.hours = hours
        self.durationDays = durationDays
        self.schedule = schedule
        self.startsOn = startsOn
        self.deadline = deadline
        self.compensationKind = compensationKind
        self.compensation = compensation
        self.locationKind = locationKind
        self.city = city
        self.spots = spots
        self.status = status
        self.postedAt = postedAt
        self.version = version
    }

    /// Pay per estimated hour in hundredths, for sorting by pay; zero when unpaid or credit.
    package var hourlyCents: Int {
        guard let money = compensation, compensationKind.isPaid else { return 0 }
        return compensationKind == .hourly ? money.cents : money.cents / max(hours, 1)
    }
}

/// One row of a listings page: only what a list shows, so a page costs a page.
public struct OpportunitySummary: Sendable, Hashable, Identifiable {
    /// Pay per estimated hour, as the pay order ranks it (``Opportunity`` `hourlyCents`): a fee
    /// or stipend over the listing's hours; nil when nothing is paid.
    public var perHour: Money? {
        guard let money = compensation, compensationKind.isPaid else { return nil }
        return Money(cents: compensationKind == .hourly ? money.cents : money.cents / max(hours, 1), currency: money.currency)
    }

    public var id: Int64
    public var ref: String
    public var title: String
    public var organization: String
    public var field: Field
    public var hours: Int
    public var durationDays: Int
    public var deadline: CalendarDay
    public var compensationKind: CompensationKind
    public var compensation: Money?
    public var locationKind: LocationKind
    public var city: String?
    public var status: OpportunityStatus
    public var postedAt: String
    /// The sort key the page was ordered by, kept so the next page can continue after it.
    public var cursor: OpportunityCursor

    package init(id: Int64, ref: String, title: String, organization: String, field: Field, hours: Int, durationDays: Int, deadline: CalendarDay, compensationKind: CompensationKind, compensation: Money? = nil, locationKind: LocationKind, city: String? = nil, status: OpportunityStatus, postedAt: String, cursor: OpportunityCursor) {
        self.id = id
        self.ref = ref
        self.title = title
        self.organization = organization
        self.field = field
        self.hours = hours
        self.durationDays = durationDays
        self.deadline = deadline
        self.compensationKind = compensationKind
        self.compensation = compensation
        self.locationKind = locationKind
        self.city = city
        self.status = status
        self.postedAt = postedAt
        self.cursor = cursor
    }
}
