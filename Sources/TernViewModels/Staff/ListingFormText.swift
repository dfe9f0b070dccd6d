import Foundation
import TernStore

/// A listing as a staff form holds it: text as typed, turned into a ``ListingDraft`` (whose
/// rules are the import's) with the numbers, days and money read here. A value that does not
/// read is refused naming the field, and nothing is written.
///
/// ```swift
/// var text = ListingFormText(ListingDraft(try catalogue.opportunity(ref: "acme-logo")!))
/// text.hours = "12"
/// let draft = try text.draft()
/// ```
public struct ListingFormText: Sendable, Equatable {
    public var title = ""
    public var organization = ""
    public var field: Field = .marketing
    public var brief = ""
    /// One deliverable per line.
    public var deliverables = ""
    /// Comma-separated.
    public var skills = ""
    public var hours = ""
    public var durationDays = ""
    public var schedule: Schedule = .flexible
    public var startsOn = ""
    public var deadline = ""
    public var compensationKind: CompensationKind = .unpaid
    /// "USD 40" or "40" (the home currency).
    public var amount = ""
    public var locationKind: LocationKind = .remote
    public var city = ""
    public var spots = "1"

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init() {}

    public init(_ draft: ListingDraft) {
        title = draft.title
        organization = draft.organization
        field = draft.field
        brief = draft.brief
        deliverables = draft.deliverables.joined(separator: "\n")
        skills = draft.skills.joined(separator: ", ")
        hours = "\(draft.hours)"
        durationDays = "\(draft.durationDays)"
        schedule = draft.schedule
        startsOn = draft.startsOn?.description ?? ""
        deadline = draft.deadline.description
        compensationKind = draft.compensationKind
        amount = draft.compensation.map { "\($0.currency) \($0.decimal)" } ?? ""
        locationKind = draft.locationKind
        city = draft.city ?? ""
        spots = "\(draft.spots)"
    }

    /// The draft, or the first field that does not read; `homeCurrency` is an amount's
    /// currency when none is typed.
    public func draft(ref: String? = nil, homeCurrency: String) throws -> ListingDraft {
        func number(_ text: String, _ label: String) throws -> Int {
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw Invalid(description: "\(label): give a whole number, not \"\(text)\"")
            }
            return value
        }
        func day(_ text: String, _ label: String) throws -> CalendarDay? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            guard let day = CalendarDay(trimmed) else { throw Invalid(description: "\(label): give a date as YYYY-MM-DD, not \"\(text)\"") }
            return day
        }
        guard let deadline = try day(deadline, "deadline") else { throw Invalid(description: "deadline: is required (YYYY-MM-DD)") }
        var money: Money?
        let typed = amount.split(separator: " ").map(String.init)
        if !typed.isEmpty {
            let (currency, value) = typed.count == 2 ? (typed[0].uppercased(), typed[1]) : (homeCurrency, typed[0])
            guard typed.count <= 2, let parsed = Money(decimal: value, currency: currency) else {
                throw Invalid(description: "amount: give it as 40, 18.50 or EUR 40, not \"\(amount)\"")
            }
            money = parsed
        }
        let trimmedCity = city.trimmingCharacters(in: .whitespaces)
        let draft = ListingDraft(
            ref: ref, title: title, organization: organization, field: field, brief: brief,
            deliverables: deliverables.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            skills: skills.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            hours: try number(hours, "hours"), durationDays: try number(durationDays, "duration (days)"), schedule: schedule,
            startsOn: try day(startsOn, "starts on"), deadline: deadline, compensationKind: compensationKind, compensation: money,
            locationKind: locationKind, city: trimmedCity.isEmpty ? nil : trimmedCity, spots: try number(spots, "spots"))
        try draft.validate()
        return draft
    }
}
