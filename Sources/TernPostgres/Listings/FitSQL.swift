import TernStore

/// ``ListingFit``'s score as PostgreSQL over a listing `o`, the same sum as the SQLite
/// catalogue's: a statement using it opens with the `fit_student` prelude (``ListingSQL``).
/// PostgreSQL's tests are booleans, counted as 0 or 1.
enum FitSQL {
    private static let studentID = "(SELECT id FROM fit_student)"

    static let matchedSkills = """
        (SELECT count(*) FROM opportunity_skills fit_os
         JOIN student_skills fit_ss ON fit_ss.skill_id = fit_os.skill_id AND fit_ss.student_id = \(studentID)
         WHERE fit_os.opportunity_id = o.id)
        """

    static let listingSkills = "(SELECT count(*) FROM opportunity_skills fit_all WHERE fit_all.opportunity_id = o.id)"

    static let inInterests = """
        EXISTS (SELECT 1 FROM student_interests fit_si WHERE fit_si.student_id = \(studentID) AND fit_si.field = o.field)
        """

    /// `ListingFit.weeklyHours(hours:durationDays:)` (duration_days is at least 1 by CHECK).
    static let weeklyHours = """
        (CASE WHEN o.duration_days <= 7 THEN o.hours ELSE (o.hours * 7 + o.duration_days - 1) / o.duration_days END)
        """

    static let fitsHours = "(\(weeklyHours) <= (SELECT hours_per_week FROM fit_student))"

    static let score = """
        (\(ListingFit.pointsPerMatchedSkill + ListingFit.pointsPerMissingSkill) * \(matchedSkills)
         - \(ListingFit.pointsPerMissingSkill) * \(listingSkills)
         + \(ListingFit.pointsForInterest) * (\(inInterests))::int
         + \(ListingFit.pointsForHours) * coalesce((\(fitsHours))::int, 0))
        """

    /// The listing fits the student at all: a shared skill, or a field they are interested in.
    static let fitsAtAll = """
        o.id IN (SELECT fit_os.opportunity_id FROM student_skills fit_ss
                 JOIN opportunity_skills fit_os ON fit_os.skill_id = fit_ss.skill_id
                 WHERE fit_ss.student_id = \(studentID)
                 UNION
                 SELECT fit_o.id FROM student_interests fit_si JOIN opportunities fit_o ON fit_o.field = fit_si.field
                 WHERE fit_si.student_id = \(studentID))
        """
}
