import Foundation
import TernStore

/// Who is at the terminal: the student the OS account is (or the one staff act for), or a guest
/// who may browse but has no applications. Every student read and write asks the store *as*
/// this actor, so privacy is enforced below the screens. Resolved once, by the command that
/// opens the store, before any screen starts.
///
/// ```swift
/// let access = try catalogue.authorize(.browse, account: .current())
/// let session = try StudentSession(access, student: catalogue.student(username:))
/// session.isGuest   // true when the account is no student
/// ```
public struct StudentSession: Sendable, Equatable {
    public let username: String?
    public let displayName: String

    public var isGuest: Bool { username == nil }
    public var actor: Actor? { username.map { Actor(role: .student, username: $0) } }

    public static let guest = StudentSession(username: nil, displayName: "guest")

    /// The session an access check allowed: its student, looked up by `student`, or a guest.
    public init(_ access: Authorization, student lookup: (String) throws -> Student?) rethrows {
        guard let username = access.student, let student = try lookup(username) else {
            self = .guest
            return
        }
        self.init(username: student.username, displayName: student.name)
    }

    init(username: String?, displayName: String) {
        self.username = username
        self.displayName = displayName
    }

    /// The session for a known student record.
    public init(_ student: Student) {
        self.init(username: student.username, displayName: student.name)
    }

    /// A session for a named student (tests and fixtures; the front end goes through
    /// ``init(_:student:)``, which checks who may be whom). Unknown names browse as guest.
    public static func resolve(requested: String?, login: String? = nil, student lookup: (String) throws -> Student?) rethrows -> StudentSession {
        guard let name = requested ?? login, !name.isEmpty, let student = try lookup(name) else { return .guest }
        return StudentSession(student)
    }

    /// ``resolve(requested:login:student:)`` over a store.
    public static func resolve(store: any StudentStore, requested: String?, login: String? = nil) async throws -> StudentSession {
        guard let name = requested ?? login, !name.isEmpty, let student = try await store.student(username: name) else { return .guest }
        return StudentSession(student)
    }
}
