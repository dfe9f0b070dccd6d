import Foundation

/// "Being looked at by NAME": who opened an application, until when. Advisory: the version
/// check, not the claim, is what stops two people overwriting each other.
public struct Claim: Sendable, Hashable {
    public var applicationID: Int64
    public var staffUsername: String
    public var staffName: String
    /// UTC, ISO 8601.
    public var expiresAt: String

    package init(applicationID: Int64, staffUsername: String, staffName: String, expiresAt: String) {
        self.applicationID = applicationID
        self.staffUsername = staffUsername
        self.staffName = staffName
        self.expiresAt = expiresAt
    }
}
