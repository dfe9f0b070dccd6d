/// Where an application stands. The state machine is the heart of the product: a move not in
/// ``legalMoves`` is refused by ``Catalogue`` and by the database itself.
///
/// ```swift
/// ApplicationStatus.submitted.canMove(to: .underReview)   // true
/// ApplicationStatus.completed.canMove(to: .submitted)     // false
/// ```
public enum ApplicationStatus: String, CaseIterable, Codable, Sendable, Hashable {
    case submitted
    case underReview = "under_review"
    case shortlisted
    case offered
    case accepted
    case inProgress = "in_progress"
    case delivered
    case completed
    case rejected
    case withdrawn
    case offerDeclined = "offer_declined"
    case expired

    /// Every legal move, in the order of the main path; side exits after it.
    public static let legalMoves: [ApplicationStatus: [ApplicationStatus]] = [
        .submitted: [.underReview, .rejected, .withdrawn, .expired],
        .underReview: [.shortlisted, .rejected, .withdrawn, .expired],
        .shortlisted: [.offered, .rejected, .withdrawn, .expired],
        .offered: [.accepted, .offerDeclined, .withdrawn, .expired],
        .accepted: [.inProgress, .withdrawn],
        .inProgress: [.delivered, .withdrawn],
        // A delivery can be sent back for revision before it is accepted as complete.
        .delivered: [.completed, .inProgress],
        // The student may reopen a withdrawal once, while the listing takes applications
        // (``reopening``); the database guards the "once" and the listing (v9-reopen).
        .withdrawn: [.submitted],
    ]

    /// The one move back out of an ended application: a withdrawal reopened by its student.
    public static let reopening = (from: ApplicationStatus.withdrawn, to: ApplicationStatus.submitted)

    /// Whether `previous → next` is the reopening of a withdrawal.
    public static func isReopening(from previous: ApplicationStatus, to next: ApplicationStatus) -> Bool {
        previous == reopening.from && next == reopening.to
    }

    public var nextStatuses: [ApplicationStatus] { Self.legalMoves[self] ?? [] }

    public func canMove(to next: ApplicationStatus) -> Bool { nextStatuses.contains(next) }

    /// No move leads out of a terminal status, but for a withdrawal's one reopening: a
    /// withdrawn application has ended unless its student takes it back.
    public var isTerminal: Bool { nextStatuses.allSatisfy { Self.isReopening(from: self, to: $0) } }

    /// Whether the application is still being decided or worked on (counts toward "active").
    public var isActive: Bool { !isTerminal }

    /// Who may make the move into this status from `previous`. Students act on their own
    /// applications; organizations and staff decide; only the system expires.
    public static func mayMove(
        from previous: ApplicationStatus, to next: ApplicationStatus, as role: ActorRole
    ) -> Bool {
        guard previous.canMove(to: next) else { return false }
        // Only the student who withdrew takes it back; nobody reopens it for them.
        if isReopening(from: previous, to: next) { return role == .student }
        switch role {
        case .student:
            return [.withdrawn, .accepted, .offerDeclined, .delivered].contains(next)
                || isReopening(from: previous, to: next)
        case .staff:
            // Staff may also record a student's decision on their behalf (phone, email).
            return next != .expired
        case .organization:
            return ![.withdrawn, .accepted, .offerDeclined, .delivered, .expired].contains(next)
        case .system:
            return next == .expired
        }
    }

    /// Human words for screens and tables.
    public var label: String {
        switch self {
        case .submitted: "Submitted"
        case .underReview: "Under review"
        case .shortlisted: "Shortlisted"
        case .offered: "Offered"
        case .accepted: "Accepted"
        case .inProgress: "In progress"
        case .delivered: "Delivered"
        case .completed: "Completed"
        case .rejected: "Rejected"
        case .withdrawn: "Withdrawn"
        case .offerDeclined: "Offer declined"
        case .expired: "Expired"
        }
    }
}

extension ApplicationStatus {
    /// Applications with work under way: a take-down does not end them (a student may be owed
    /// pay or a reference); staff settle each one.
    public static let workUnderWay: [ApplicationStatus] = [.accepted, .inProgress, .delivered]
}

/// Who did something to an application. Events record the role, and staff names are never
/// shown to students.
public enum ActorRole: String, CaseIterable, Codable, Sendable {
    case student, staff, organization, system
}
