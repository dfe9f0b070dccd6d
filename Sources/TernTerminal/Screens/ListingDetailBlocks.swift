import TernStore
import TernViewModels

/// A listing's own detail, drawn one way on every screen: the kiosk shows it as it is, the
/// student screen adds what is the student's (their application, fit, bookmark) after the facts,
/// and the console frames it with the review. Only what is public about a listing is here: no
/// contact person, no email, nothing of anyone's.
enum ListingDetailBlocks {
    /// Title, facts, then `personal` (what is the reader's own), the brief, the deliverables, the
    /// skills and the organization's public description.
    static func blocks(_ detail: ListingDetail, personal: [TextBlock] = []) -> [TextBlock] {
        let listing = detail.opportunity
        let organization = listing.organization + ((detail.organization?.verified ?? false) ? " ✓ verified" : "")
        let countdown = detail.isAcceptingApplications ? detail.deadlineCountdown
            : listing.status == .open ? "\(detail.deadlineCountdown) — not taking applications"
            : "\(listing.status.rawValue) — not taking applications"
        let closingSoon = detail.isAcceptingApplications && detail.daysLeft <= 3
        // Spots left only mean something while the listing takes applications.
        let spots = detail.isAcceptingApplications ? "\(detail.spotsLeft) of \(listing.spots) left" : "\(listing.spots)"
        var blocks: [TextBlock] = [.heading(listing.title), .field(label: "Organization", value: organization)]
        blocks += facts(listing, deadline: "\(listing.deadline) (\(countdown))", deadlineStyle: closingSoon ? .error : .plain)
        blocks.append(.field(label: "Spots", value: spots))
        let posted = String(listing.postedAt.prefix(10))
        if !posted.isEmpty { blocks.append(.field(label: "Posted", value: posted)) }
        blocks += personal
        blocks += body(listing)
        if let about = detail.organization, !about.description.isEmpty {
            blocks += [.blank, .heading("About \(about.name)"), .paragraph(about.description)]
            if let website = about.website { blocks.append(.field(label: "Website", value: website)) }
        }
        return blocks
    }

    /// What the work is, when, for what pay and where: the same lines wherever a listing is read.
    static func facts(_ listing: Opportunity, deadline: String, deadlineStyle: Style = .plain) -> [TextBlock] {
        let dates = listing.schedule == .flexible ? "flexible dates" : "fixed dates"
        let effort = "about \(listing.hours) h over \(listing.durationDays) day\(listing.durationDays == 1 ? "" : "s"), \(dates)"
            + (listing.startsOn.map { ", starts \($0)" } ?? "")
        return [
            .field(label: "Field", value: listing.field.label),
            .field(label: "Effort", value: effort),
            .field(label: "Pay", value: PayText.full(listing.compensationKind, listing.compensation)),
            .field(label: "Location", value: listing.locationKind.label + (listing.city.map { ", \($0)" } ?? "")),
            .field(label: "Deadline", value: deadline, valueStyle: deadlineStyle),
        ]
    }

    /// The brief, the deliverables (numbered, as the organization listed them) and the skills.
    static func body(_ listing: Opportunity) -> [TextBlock] {
        var blocks: [TextBlock] = [.blank, .heading("Brief"), .paragraph(listing.brief)]
        if !listing.deliverables.isEmpty { blocks += [.blank, .heading("Deliverables"), .numbered(listing.deliverables)] }
        if !listing.skills.isEmpty { blocks += [.blank, .heading("Skills"), .paragraph(listing.skills.joined(separator: " · "))] }
        return blocks
    }
}
