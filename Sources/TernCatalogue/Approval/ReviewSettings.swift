internal import GRDB

/// The catalogue settings review flags read: a pay floor per estimated hour (in hundredths of
/// the home currency) and the most hours an unpaid listing may ask before it is flagged. Rows
/// of the `settings` table, so each catalogue keeps its own.
///
/// ```swift
/// let settings = try catalogue.reviewSettings()   // pay floor 15.00, unpaid limit 10 hours
/// try catalogue.setReviewSettings(ReviewSettings(payFloorCents: 1_800, unpaidMaxHours: 8))
/// ```
public struct ReviewSettings: Sendable, Equatable {
    public var payFloorCents: Int
    public var unpaidMaxHours: Int

    public init(payFloorCents: Int, unpaidMaxHours: Int) {
        self.payFloorCents = payFloorCents
        self.unpaidMaxHours = unpaidMaxHours
    }

    /// What a new catalogue starts with: a common local minimum wage, and a short unpaid task.
    public static let defaults = ReviewSettings(payFloorCents: 1_500, unpaidMaxHours: 10)
    static let payFloorKey = "pay_floor_cents"
    static let unpaidMaxHoursKey = "unpaid_max_hours"
}

extension Catalogue {
    /// The review settings; a value missing or unreadable reads as its default.
    public func reviewSettings() throws -> ReviewSettings {
        try read { try Self.reviewSettings($0) }
    }

    static func reviewSettings(_ db: Database) throws -> ReviewSettings {
        let value = { (key: String) in try String.fetchOne(db, SQLRequest(literal: "SELECT value FROM settings WHERE key = \(key)")).flatMap { Int($0) } }
        return ReviewSettings(payFloorCents: try value(ReviewSettings.payFloorKey) ?? ReviewSettings.defaults.payFloorCents,
                              unpaidMaxHours: try value(ReviewSettings.unpaidMaxHoursKey) ?? ReviewSettings.defaults.unpaidMaxHours)
    }

    /// Changes the review settings (staff work; the command authorizes first).
    public func setReviewSettings(_ settings: ReviewSettings) throws {
        guard settings.payFloorCents >= 0, settings.unpaidMaxHours >= 0 else {
            throw CatalogueError.invalid("the pay floor and the unpaid hours limit cannot be negative")
        }
        try write(for: .changeSettings) { db in
            for (key, value) in [(ReviewSettings.payFloorKey, settings.payFloorCents), (ReviewSettings.unpaidMaxHoursKey, settings.unpaidMaxHours)] {
                try db.execute(literal: "INSERT INTO settings(key, value) VALUES (\(key), \(String(value))) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            }
        }
    }
}
