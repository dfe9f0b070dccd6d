import Foundation
import TernCatalogue
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

/// Loads a ``ListingDetail`` for the selected listing, as the session's student.
public final class DetailViewModel {
    let catalogue: Catalogue
    let session: StudentSession
    private let today: () -> CalendarDay
    public private(set) var detail: ListingDetail?

    /// Bookmarks or un-bookmarks the shown listing; returns whether it is now saved.
    @discardableResult
    public func toggleSaved() throws -> Bool {
        guard let username = session.username else { throw CatalogueError.notPermitted("saving needs a student record: your OS login must match one (ask the career center)") }
        guard var shown = detail, let id = shown.opportunity.id else { throw CatalogueError.notFound("no listing selected") }
        try catalogue.setSaved(id, !shown.isSaved, by: username)
        shown.isSaved.toggle()
        detail = shown
        return shown.isSaved
    }

    public init(catalogue: Catalogue, session: StudentSession, today: @escaping () -> CalendarDay = { CalendarDay(Date()) }) {
        self.catalogue = catalogue
        self.session = session
        self.today = today
    }

    /// Shows listing `id`, or nothing when nil or gone. A listing staff have not approved (still
    /// pending, or declined while it was on screen) is shown only to a student who applied to
    /// it: it is part of their own record.
    public func show(_ id: Int64?) throws {
        guard let id, let opportunity = try catalogue.opportunity(id: id), opportunity.status != .draft else {
            detail = nil
            return
        }
        let mine = try session.username.flatMap { try catalogue.application(ofStudent: $0, to: id) }
        let approval = try catalogue.approval(ofListing: id)
        guard mine != nil || approval == .approved else {
            detail = nil
            return
        }
        detail = ListingDetail(
            opportunity: opportunity, organization: try catalogue.organization(named: opportunity.organization),
            myApplication: mine, daysLeft: today().days(until: opportunity.deadline),
            spotsLeft: max(0, opportunity.spots - (try catalogue.spotsTaken(on: id))),
            fit: try session.username.flatMap { try catalogue.fit(of: id, for: $0) },
            isSaved: try session.username.map { try catalogue.isSaved(id, by: $0) } ?? false)
    }
}
