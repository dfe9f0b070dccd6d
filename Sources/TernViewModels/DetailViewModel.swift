import Foundation
import TernStore

/// Everything the detail pane shows about one listing, gathered in one place so the pane
/// is a pure function of it.
public struct ListingDetail: Sendable, Equatable {
    public var opportunity: Opportunity
    public var organization: Organization?
    /// The signed-in student's own application to this listing, if any.
    public var myApplication: Application?
    /// Days until the application deadline (0 = today, negative = passed).
    public var daysLeft: Int
    public var spotsLeft: Int
    /// How the listing fits the signed-in student (nil for guests).
    public var fit: ListingFit?
    /// Whether the signed-in student bookmarked it.
    public var isSaved: Bool = false

    /// Why the listing suits the student, in one line:
    /// "3 of 4 skills: Python, SQL, Excel; fits your 10 h/week".
    public var fitReason: String? {
        guard let fit else { return nil }
        var parts: [String] = []
        if fit.listingSkills.isEmpty {
            parts.append("no particular skills asked")
        } else if fit.matchedSkills.isEmpty {
            parts.append("none of its \(fit.listingSkills.count) skills yet")
        } else {
            parts.append("\(fit.matchedSkills.count) of \(fit.listingSkills.count) skills: \(fit.matchedSkills.joined(separator: ", "))")
        }
        if fit.inInterests { parts.append("in your interests") }
        parts.append(fit.fitsHours ? "fits your \(fit.hoursPerWeek) h/week"
                                   : "about \(fit.weeklyHours) h/week, more than your \(fit.hoursPerWeek)")
        return parts.joined(separator: "; ")
    }

    /// Closed, filled or archived listings, and open ones past their deadline, take no applications.
    public var isAcceptingApplications: Bool { opportunity.status == .open && daysLeft >= 0 }

    /// "closes today", "3 days left", "closed 2 days ago".
    public var deadlineCountdown: String {
        switch daysLeft {
        case ..<(-1): "deadline passed \(-daysLeft) days ago"
        case -1: "deadline passed yesterday"
        case 0: "closes today"
        case 1: "1 day left"
        default: "\(daysLeft) days left"
        }
    }
}

extension ListingDetail {
    /// Listing `id` as `student` (nil: a guest) may see it, or nil when it is gone, a draft, or
    /// not approved by staff. A listing staff have not approved (still pending, or declined
    /// while it was on screen) is shown only to a student who applied to it: it is part of
    /// their own record. For a screen's background task.
    ///
    /// ```swift
    /// .run(.detail) { _ in .shown(id, try? await ListingDetail.load(id, listings: store, student: nil, today: day)) }
    /// ```
    public static func load(_ id: Int64, listings: any ListingStore, student: (username: String, store: any StudentStore)?,
                            today: CalendarDay) async throws -> ListingDetail? {
        guard let opportunity = try await listings.opportunity(id: id), opportunity.status != .draft else { return nil }
        var mine: Application?, fit: ListingFit?, isSaved = false
        if let student {
            mine = try await student.store.application(ofStudent: student.username, to: id)
            fit = try await student.store.fit(of: id, for: student.username)
            isSaved = try await student.store.isSaved(id, by: student.username)
        }
        if mine == nil, try await listings.approval(ofListing: id) != .approved { return nil }
        let organization = try await listings.organization(named: opportunity.organization)
        let taken = try await listings.spotsTaken(on: id)
        return ListingDetail(opportunity: opportunity, organization: organization, myApplication: mine,
                             daysLeft: today.days(until: opportunity.deadline), spotsLeft: max(0, opportunity.spots - taken),
                             fit: fit, isSaved: isSaved)
    }
}

/// What is left to know of a listing that can no longer be shown: whether it is still in the
/// catalogue, and where staff review left it. The screen words the reason from these.
public struct GoneListing: Sendable, Equatable {
    public var opportunity: Opportunity?
    public var approval: Approval?

    public init(opportunity: Opportunity?, approval: Approval?) {
        self.opportunity = opportunity
        self.approval = approval
    }

    /// Reads it, for a screen's background task.
    public static func read(_ id: Int64, listings: any ListingStore) async throws -> GoneListing {
        let opportunity = try await listings.opportunity(id: id)
        guard let opportunity, opportunity.status != .draft else { return GoneListing(opportunity: nil, approval: nil) }
        return GoneListing(opportunity: opportunity, approval: try await listings.approval(ofListing: id))
    }
}
