import TernStore

/// One key per transition in the staff queue: the move, the status it leads to, and the
/// statuses it is legal from (the state machine, as staff). Two moves lead to In progress:
/// starting accepted work, and sending a delivery back for revision.
///
/// ```swift
/// StaffMove.available(for: [.underReview])   // [.shortlist, .reject, .withdraw]
/// StaffMove.shortlist.target                 // .shortlisted
/// ```
public enum StaffMove: String, CaseIterable, Sendable {
    case review, shortlist, offer, reject
    case accept, start, deliver, sendBack = "send_back", complete
    case withdraw, declineOffer = "decline_offer"

    public var target: ApplicationStatus {
        switch self {
        case .review: .underReview
        case .shortlist: .shortlisted
        case .offer: .offered
        case .reject: .rejected
        case .accept: .accepted
        case .start, .sendBack: .inProgress
        case .deliver: .delivered
        case .complete: .completed
        case .withdraw: .withdrawn
        case .declineOffer: .offerDeclined
        }
    }

    /// The verb, for keys, help and the question before a bulk move ("shortlist 3 applications?").
    public var label: String {
        switch self {
        case .review: "review"
        case .shortlist: "shortlist"
        case .offer: "offer"
        case .reject: "reject"
        case .accept: "record accepted"
        case .start: "start work"
        case .deliver: "record delivered"
        case .sendBack: "send back for revision"
        case .complete: "complete"
        case .withdraw: "record withdrawn"
        case .declineOffer: "record offer declined"
        }
    }

    /// Whether the move is legal for staff from `status`.
    public func isLegal(from status: ApplicationStatus) -> Bool {
        switch self {
        case .start: status == .accepted
        case .sendBack: status == .delivered
        default: ApplicationStatus.mayMove(from: status, to: target, as: .staff)
        }
    }

    /// The moves legal from every one of `statuses` (the marked rows', or the selected row's),
    /// in the order of the main path; none for no rows.
    public static func available(for statuses: Set<ApplicationStatus>) -> [StaffMove] {
        guard !statuses.isEmpty else { return [] }
        return allCases.filter { move in statuses.allSatisfy(move.isLegal) }
    }
}
