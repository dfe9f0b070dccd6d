import Foundation
import GRDB

/// A staff member at work in the catalogue: who they are (the name others see on their claims)
/// and this sitting, which is what "undo the last action" is scoped to.
///
/// ```swift
/// let session = try catalogue.triageSession(for: access)
/// session.actor   // Actor(role: .staff, username: "rpatel")
/// ```
public struct TriageSession: Sendable, Hashable {
    public var username: String
    /// Shown to other staff: "being looked at by Ritu Patel".
    public var name: String
    /// Distinguishes two sittings of the same person (two terminals): each undoes only its own.
    public var id: String

    public init(username: String, name: String, id: String = UUID().uuidString) {
        self.username = username
        self.name = name
        self.id = id
    }

    public var actor: Actor { Actor(role: .staff, username: username) }
}

extension Catalogue {
    /// A triage session for an authorized staff member (or the file's owner, named by login).
    public func triageSession(for access: Authorization) throws -> TriageSession {
        let login = access.principal.account.displayName
        let name = try read { try String.fetchOne($0, sql: "SELECT name FROM staff WHERE username = ?", arguments: [login]) }
        return TriageSession(username: login, name: name ?? login)
    }
}
