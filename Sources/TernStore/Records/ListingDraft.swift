/// The fields of a listing that a staff form edits: the same fields an import file's opportunity
/// row gives, checked by the same rules (``validate()`` and the importer share
/// ``ListingRules`` and ``StoredText``), so a form and an import accept exactly the same data.
///
/// What a form does not edit: the status (``Catalogue/closeListing(ref:expectedVersion:by:now:)``
/// and ``Catalogue/archiveListing(ref:expectedVersion:by:now:)`` move it along legal steps), the
/// approval (staff review), and when it was posted.
///
/// ```swift
/// var draft = ListingDraft(title: "Logo refresh", organization: "Acme Studio", field: .design,
///                          hours: 12, durationDays: 14, deadline: CalendarDay(year: 2026, month: 12, day: 1),
///                          compensationKind: .fixedFee, compensation: Money(cents: 30_000, currency: "USD"))
/// draft.skills = ["Figma"]
/// try draft.validate()
/// let listing = try catalogue.createListing(draft, by: Actor(role: .staff, username: "rpatel"))
/// ```
public struct ListingDraft: Sendable, Hashable {
    /// The listing's stable external key. Nil on a new listing: one is made from the
    /// organization and the title. Never changed by an edit.
    public var ref: String?
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
    /// Required for the paid kinds, absent for the others.
    public var compensation: Money?
    public var locationKind: LocationKind
    /// Required unless the listing is remote.
    public var city: String?
    public var spots: Int

    /// A new listing's draft; what a form leaves out takes an import's default for a missing column.
    ///
    /// ```swift
    /// let draft = ListingDraft(title: "Survey analysis", organization: "Brightleaf", field: .dataAnalysis, hours: 8,
    ///                          durationDays: 10, deadline: CalendarDay(year: 2026, month: 12, day: 15), compensationKind: .unpaid)
    /// ```
    public init(ref: String? = nil, title: String, organization: String, field: Field, brief: String = "",
                deliverables: [String] = [], skills: [String] = [], hours: Int, durationDays: Int,
                schedule: Schedule = .flexible, startsOn: CalendarDay? = nil, deadline: CalendarDay,
                compensationKind: CompensationKind, compensation: Money? = nil, locationKind: LocationKind = .remote,
                city: String? = nil, spots: Int = 1) {
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
    }

    /// The draft an edit form opens with: the listing as stored.
    ///
    /// ```swift
    /// var draft = ListingDraft(try catalogue.opportunity(ref: "acme-logo")!)
    /// ```
    public init(_ listing: Opportunity) {
        self.init(ref: listing.ref, title: listing.title, organization: listing.organization, field: listing.field,
                  brief: listing.brief, deliverables: listing.deliverables, skills: listing.skills, hours: listing.hours,
                  durationDays: listing.durationDays, schedule: listing.schedule, startsOn: listing.startsOn,
                  deadline: listing.deadline, compensationKind: listing.compensationKind,
                  compensation: listing.compensation, locationKind: listing.locationKind, city: listing.city,
                  spots: listing.spots)
    }

    /// The listing this draft describes, under `ref`.
    package func opportunity(ref: String, status: OpportunityStatus, postedAt: String) -> Opportunity {
        Opportunity(ref: ref, title: title, organization: organization, field: field, brief: brief,
                    deliverables: deliverables, skills: skills, hours: hours, durationDays: durationDays,
                    schedule: schedule, startsOn: startsOn, deadline: deadline, compensationKind: compensationKind,
                    compensation: compensation, locationKind: locationKind, city: city, spots: spots,
                    status: status, postedAt: postedAt)
    }

    /// Whether saving `other` over this draft would store nothing new. Text is compared byte for
    /// byte: String equality would take "é" and "e\u{301}" for the same text and drop the edit.
    package func storesLike(_ other: ListingDraft) -> Bool {
        func same(_ a: String?, _ b: String?) -> Bool {
            switch (a, b) {
            case (nil, nil): true
            case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
            default: false
            }
        }
        func same(_ a: [String], _ b: [String]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { same($0, $1) } }
        return same(ref, other.ref) && same(title, other.title) && same(organization, other.organization)
            && same(brief, other.brief) && same(deliverables, other.deliverables) && same(skills, other.skills)
            && same(city, other.city) && same(compensation?.currency, other.compensation?.currency)
            && field == other.field && hours == other.hours && durationDays == other.durationDays
            && schedule == other.schedule && startsOn == other.startsOn && deadline == other.deadline
            && compensationKind == other.compensationKind && compensation?.cents == other.compensation?.cents
            && locationKind == other.locationKind && spots == other.spots
    }
}
