/// How well one listing fits one student: the parts of the "For you" score, so a screen can say
/// *why* a listing is suggested ("3 of your skills · fits your 12 h/week").
///
/// The score, for student S and listing L:
///
///     score = 4 × (L's skills S has) − 1 × (L's skills S lacks)
///           + 3 if L's field is one of S's interests
///           + 2 if L's weekly hours ≤ S's hours per week
///
/// where L's weekly hours are ⌈hours × 7 / duration_days⌉, except that a listing shorter than a
/// week counts all its hours in one week. The weights below are the only copy; the SQL that
/// ranks ``OpportunitySort/match`` is generated from them (`FitSQL`).
///
/// ```swift
/// let fit = try catalogue.fit(of: listing.id, for: "aokafor")
/// fit?.matchedSkills   // ["Python"]
/// fit?.score           // 4 − 1 + 3 + 2 = 8
/// ```
public struct ListingFit: Sendable, Hashable {
    /// The listing's skills, sorted case-insensitively.
    public var listingSkills: [String]
    /// The listing's skills the student has, in the order of ``listingSkills``.
    public var matchedSkills: [String]
    /// The listing's field is one of the student's interests.
    public var inInterests: Bool
    /// The hours per week the listing asks for (see ``weeklyHours(hours:durationDays:)``).
    public var weeklyHours: Int
    /// The hours per week the student has said they have.
    public var hoursPerWeek: Int

    public init(listingSkills: [String], matchedSkills: [String], inInterests: Bool, weeklyHours: Int, hoursPerWeek: Int) {
        self.listingSkills = listingSkills
        self.matchedSkills = matchedSkills
        self.inInterests = inInterests
        self.weeklyHours = weeklyHours
        self.hoursPerWeek = hoursPerWeek
    }

    public var fitsHours: Bool { weeklyHours <= hoursPerWeek }

    /// Higher is a better fit; see the type's documentation for the formula.
    public var score: Int {
        Self.score(matched: matchedSkills.count, total: listingSkills.count, inInterests: inInterests, fitsHours: fitsHours)
    }

    package static let pointsPerMatchedSkill = 4
    /// Subtracted for each skill the listing asks for that the student lacks.
    package static let pointsPerMissingSkill = 1
    package static let pointsForInterest = 3
    package static let pointsForHours = 2

    package static func score(matched: Int, total: Int, inInterests: Bool, fitsHours: Bool) -> Int {
        pointsPerMatchedSkill * matched - pointsPerMissingSkill * (total - matched)
            + (inInterests ? pointsForInterest : 0) + (fitsHours ? pointsForHours : 0)
    }

    /// Hours per week a listing asks for: its hours spread over its duration, rounded up; a
    /// listing shorter than a week is done within one week, so all its hours fall in it.
    public static func weeklyHours(hours: Int, durationDays: Int) -> Int {
        let days = max(durationDays, 1)
        return days <= 7 ? hours : (hours * 7 + days - 1) / days
    }
}
