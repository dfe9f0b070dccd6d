import Foundation

/// A review decision refused because the posting or organization changed after the reviewer
/// looked at it: says what happened, by whom and when, so they can look again. A change the
/// reviewer made themself (in another window, or a second press) is reported as theirs.
///
/// ```swift
/// // A opened the decline form; B approved the listing; A sends the decline:
/// CatalogueError.reviewChanged(conflict).description
/// // "acme-logo was approved by bsmith at 14:02; look again"
/// ```
public struct ReviewConflict: Sendable, Equatable {
    /// The listing's ref or the organization's name.
    public var subject: String
    /// What was done, as a past participle: approved, declined, resubmitted, trusted, edited,
    /// closed, archived; "changed" when nothing on record says what.
    public var change: String
    /// Who did it (a login, or `system`); nil when nothing on record says.
    public var by: String?
    /// When, UTC ISO 8601.
    public var at: String?
    /// The reviewer refused is the one who made the change.
    public var isYours: Bool

    public var description: String {
        let when = at.map { " " + Self.clock($0) } ?? ""
        if isYours { return "you \(change) \(subject)\(when); look again" }
        return "\(subject) was \(change)\(by.map { " by \($0)" } ?? "")\(when); look again"
    }

    /// "at 14:02" today, "on 2026-12-05 at 14:02" before, in local time.
    package static func clock(_ iso: String, now: Date = Date()) -> String {
        guard let date = Timestamp.date(iso) else { return "at \(iso)" }
        let calendar = Calendar.current
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        if calendar.isDate(date, inSameDayAs: now) { return "at \(time)" }
        return "on \(CalendarDay(date).description) at \(time)"
    }

    package init(subject: String, change: String, by: String? = nil, at: String? = nil, isYours: Bool) {
        self.subject = subject
        self.change = change
        self.by = by
        self.at = at
        self.isYours = isYours
    }
}
