import Foundation

/// A date without a time, as deadlines are written ("apply by 2026-12-01"), stored as
/// `YYYY-MM-DD` text so that SQL orders it correctly and humans can read the file.
///
/// ```swift
/// let today = CalendarDay(Date())
/// today.adding(days: 7).description   // "2026-11-28"
/// ```
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Deadlines are local days: a campus in Tokyo and one in Boston see their own today.
    package static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        return calendar
    }()

    public init(_ date: Date) {
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    package init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, refusing impossible dates such as 2026-02-30.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var components = DateComponents(year: y, month: m, day: d)
        components.hour = 12
        guard let date = Self.calendar.date(from: components),
              Self.calendar.component(.day, from: date) == d
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
        return "\(y)-\(m)-\(d)"
    }

    /// Noon of the day, so that adding days never trips over a daylight-saving change.
    package var noon: Date {
        Self.calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
    }

    public func adding(days: Int) -> CalendarDay {
        CalendarDay(Self.calendar.date(byAdding: .day, value: days, to: noon)!)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDay) -> Int {
        Self.calendar.dateComponents([.day], from: noon, to: other.noon).day!
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Timestamps are stored as ISO 8601 UTC text with second precision.
package enum Timestamp {
    package static func string(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }

    package static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
