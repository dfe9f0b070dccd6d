import Foundation
import TernCatalogue

/// Who is at the terminal: a student matched by OS login (or `--user`), or a guest who may
/// browse but has no applications. Every student view model asks the catalogue *as* this
/// actor, so privacy is enforced below the screens.
///
/// ```swift
/// let session = try StudentSession.resolve(catalogue: catalogue, requested: nil)
/// session.isGuest   // true when the login matches no student
/// ```
public struct StudentSession: Sendable, Equatable {
    public let username: String?
    public let displayName: String

    public var isGuest: Bool { username == nil }
    public var actor: Actor? { username.map { Actor(role: .student, username: $0) } }

    public static let guest = StudentSession(username: nil, displayName: "guest")

    /// `requested` (from `--user`) wins; otherwise the OS login. Unknown names browse as guest.
    public static func resolve(catalogue: Catalogue, requested: String?, login: String? = ProcessInfo.processInfo.environment["USER"]) throws -> StudentSession {
        guard let name = requested ?? login, !name.isEmpty, let student = try catalogue.student(username: name) else {
            return .guest
        }
        return StudentSession(username: student.username, displayName: student.name)
    }
}
