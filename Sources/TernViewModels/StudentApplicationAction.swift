import Foundation
import TernStore

/// What a student may do to their own application, as the state machine allows it: the screen
/// offers exactly these, and the catalogue refuses anything else anyway.
public enum StudentApplicationAction: String, CaseIterable, Sendable {
    case withdraw, acceptOffer, declineOffer, markDelivered
    /// Changing the link of delivered work until the organization confirms it.
    case correctLink
    /// Taking back a withdrawal, once, while the listing takes applications.
    case reopen

    /// The status the action moves the application to (correcting the link keeps it delivered).
    public var target: ApplicationStatus {
        switch self {
        case .withdraw: .withdrawn
        case .acceptOffer: .accepted
        case .declineOffer: .offerDeclined
        case .markDelivered, .correctLink: .delivered
        case .reopen: ApplicationStatus.reopening.to
        }
    }

    public var label: String {
        switch self {
        case .withdraw: "withdraw"
        case .acceptOffer: "accept offer"
        case .declineOffer: "decline offer"
        case .markDelivered: "mark delivered"
        case .correctLink: "correct the link"
        case .reopen: "reopen"
        }
    }

    /// Whether the action needs a confirmation: it cannot be taken back.
    public var isIrreversible: Bool { self == .withdraw || self == .declineOffer }

    /// The actions open to a student on an application in `status`; `reopenable` says whether
    /// a withdrawn one may be reopened now (never before, and its listing takes applications:
    /// see ``StudentRecords/reopenable``).
    public static func available(for status: ApplicationStatus, reopenable: Bool = false) -> [StudentApplicationAction] {
        allCases.filter { action in
            switch action {
            case .correctLink: status == .delivered
            case .reopen: reopenable && status == ApplicationStatus.reopening.from
            default: status.canMove(to: action.target) && ApplicationStatus.mayMove(from: status, to: action.target, as: .student)
            }
        }
    }
}

extension StudentApplicationAction {
    /// Takes this action on the student's application `applicationID`, checked against the
    /// version the screen showed (someone else may have moved it since). Delivering and
    /// correcting the link need `link`.
    @discardableResult
    public func perform(on applicationID: Int64, expectedVersion: Int, link: String? = nil, note: String? = nil,
                        session: StudentSession, store: any StudentStore, now: Date) async throws -> Application {
        guard let username = session.username, let actor = session.actor else {
            throw CatalogueError.notPermitted("guests have no applications")
        }
        switch self {
        case .markDelivered:
            return try await store.deliver(applicationID, by: username, link: link ?? "", expectedVersion: expectedVersion, now: now)
        case .correctLink:
            return try await store.correctDeliverableLink(applicationID, by: username, link: link ?? "", expectedVersion: expectedVersion, now: now)
        case .reopen:
            return try await store.reopen(applicationID, by: username, expectedVersion: expectedVersion, now: now)
        case .withdraw, .acceptOffer, .declineOffer:
            return try await store.move(applicationID, to: target, by: actor, expectedVersion: expectedVersion, note: note, now: now)
        }
    }
}
