import Foundation
import TernCatalogue

/// Who is at the terminal: the student the OS account is (or the one staff act for), or a guest
/// who may browse but has no applications. Every student view model asks the catalogue *as*
/// this actor, so privacy is enforced below the screens.
///
/// ```swift
/// let access = try catalogue.authorize(.browse, account: .current())
/// let session = try StudentSession(access, catalogue: catalogue)
/// session.isGuest   // true when the account is no student
/// ```
public struct StudentSession: Sendable, Equatable {
    public let username: String?
    public let displayName: String

    public var isGuest: Bool { username == nil }
    public var actor: Actor? { username.map { Actor(role: .student, username: $0) } }

    public static let guest = StudentSession(username: nil, displayName: "guest")

    /// The session an access check allowed: its student, or a guest.
    public init(_ access: Authorization, catalogue: Catalogue) throws {
        guard let username = access.student, let student = try catalogue.student(username: username) else {
            self = .guest
            return
        }
        self.init(username: student.username, displayName: student.name)
    }

    init(username: String?, displayName: String) {
        self.username = username
        self.displayName = displayName
    }

    /// A session for a named student (tests and fixtures; the front end goes through
    /// ``init(_:catalogue:)``, which checks who may be whom). Unknown names browse as guest.
    public static func resolve(catalogue: Catalogue, requested: String?, login: String? = nil) throws -> StudentSession {
        guard let name = requested ?? login, !name.isEmpty, let student = try catalogue.student(username: name) else {
            return .guest
        }
        return StudentSession(username: student.username, displayName: student.name)
    }
}
