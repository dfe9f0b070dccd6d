import Foundation

/// What one expiry pass did.
public struct ExpirySummary: Sendable, Equatable {
    public var listingsClosed = 0
    public var applicationsExpired = 0
    public init(listingsClosed: Int = 0, applicationsExpired: Int = 0) {
        self.listingsClosed = listingsClosed
        self.applicationsExpired = applicationsExpired
    }
}
