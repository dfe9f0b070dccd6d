import Foundation
import TernCatalogue

/// What a student may do to their own application, as the state machine allows it: the screen
/// offers exactly these, and the catalogue refuses anything else anyway.
public enum StudentApplicationAction: String, CaseIterable, Sendable {
    case withdraw, acceptOffer, declineOffer, markDelivered

    /// The status the action moves the application to.
    public var target: ApplicationStatus {
        switch self {
        case .withdraw: .withdrawn
        case .acceptOffer: .accepted
        case .declineOffer: .offerDeclined
        case .markDelivered: .delivered
        }
    }

    public var label: String {
        switch self {
        case .withdraw: "withdraw"
        case .acceptOffer: "accept offer"
        case .declineOffer: "decline offer"
        case .markDelivered: "mark delivered"
        }
    }

    /// Whether the action needs a confirmation: it cannot be taken back.
    public var isIrreversible: Bool { self == .withdraw || self == .declineOffer }

    /// The actions open to a student on an application in `status`.
    public static func available(for status: ApplicationStatus) -> [StudentApplicationAction] {
        allCases.filter { status.canMove(to: $0.target) && ApplicationStatus.mayMove(from: status, to: $0.target, as: .student) }
    }
}

extension ApplicationsViewModel {
    /// Takes `action` on the student's application `applicationID`, checked against the version
    /// the screen showed (someone else may have moved it since). Delivering needs `link`.
    @discardableResult
    public func perform(_ action: StudentApplicationAction, on applicationID: Int64, expectedVersion: Int,
                        link: String? = nil, note: String? = nil, now: Date = Date()) throws -> Application {
        guard let username = session.username, let actor = session.actor else {
            throw CatalogueError.notPermitted("guests have no applications")
        }
        let moved: Application
        if action == .markDelivered {
            moved = try catalogue.deliver(applicationID, by: username, link: link ?? "", expectedVersion: expectedVersion, now: now)
        } else {
            moved = try catalogue.move(applicationID, to: action.target, by: actor, expectedVersion: expectedVersion, note: note, now: now)
        }
        try reload()
        return moved
    }
}
