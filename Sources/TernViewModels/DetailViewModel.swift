import Foundation
import TernCatalogue

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

/// Loads a ``ListingDetail`` for the selected listing, as the session's student.
public final class DetailViewModel {
    let catalogue: Catalogue
    let session: StudentSession
    private let today: () -> CalendarDay
    public private(set) var detail: ListingDetail?

    public init(catalogue: Catalogue, session: StudentSession, today: @escaping () -> CalendarDay = { CalendarDay(Date()) }) {
        self.catalogue = catalogue
        self.session = session
        self.today = today
    }

    /// Shows listing `id`, or nothing when nil or gone.
    public func show(_ id: Int64?) throws {
        guard let id, let opportunity = try catalogue.opportunity(id: id), opportunity.status != .draft else {
            detail = nil
            return
        }
        let mine = try session.username.flatMap { try catalogue.application(ofStudent: $0, to: id) }
        detail = ListingDetail(
            opportunity: opportunity, organization: try catalogue.organization(named: opportunity.organization),
            myApplication: mine, daysLeft: today().days(until: opportunity.deadline),
            spotsLeft: max(0, opportunity.spots - (try catalogue.spotsTaken(on: id))))
    }
}
