import Foundation

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
    /// The role their audit rows and the disclosures students see name: advisor, admin, or owner
    /// (``Principal/auditRole``).
    public var auditRole: String

    public init(username: String, name: String, id: String = UUID().uuidString, auditRole: String = "staff") {
        self.username = username
        self.name = name
        self.id = id
        self.auditRole = auditRole
    }

    public var actor: Actor { Actor(role: .staff, username: username) }
}
