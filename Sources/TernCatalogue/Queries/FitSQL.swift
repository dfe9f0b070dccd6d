/// ``ListingFit``'s score as SQL over a listing `o`, so that "For you" is ordered by the
/// database and pages like any other list. Built from `ListingFit`'s weights; a test checks
/// that SQL and Swift agree on every demo listing.
///
/// A statement using these expressions starts with ``prelude``, which binds one argument: the
/// student's username. Unknown usernames fit nothing.
enum FitSQL {
    /// The student being matched, looked up once per statement.
    static let prelude = "WITH fit_student AS (SELECT id, hours_per_week FROM students WHERE username = ?) "

    private static let studentID = "(SELECT id FROM fit_student)"

    /// Listing skills the student has (opportunity_skills' primary key leads with the listing,
    /// student_skills' with the student: both lookups are index seeks).
    static let matchedSkills = """
        (SELECT count(*) FROM opportunity_skills fit_os
         JOIN student_skills fit_ss ON fit_ss.skill_id = fit_os.skill_id AND fit_ss.student_id = \(studentID)
         WHERE fit_os.opportunity_id = o.id)
        """

    static let listingSkills = "(SELECT count(*) FROM opportunity_skills fit_all WHERE fit_all.opportunity_id = o.id)"

    static let inInterests = """
        EXISTS (SELECT 1 FROM student_interests fit_si WHERE fit_si.student_id = \(studentID) AND fit_si.field = o.field)
        """

    /// `ListingFit.weeklyHours(hours:durationDays:)` in SQL (duration_days is at least 1 by CHECK).
    static let weeklyHours = """
        (CASE WHEN o.duration_days <= 7 THEN o.hours ELSE (o.hours * 7 + o.duration_days - 1) / o.duration_days END)
        """

    static let fitsHours = "(\(weeklyHours) <= (SELECT hours_per_week FROM fit_student))"

    /// matched × (matchedWeight + missingWeight) − total × missingWeight is the same as
    /// matched × matchedWeight − (total − matched) × missingWeight, with one subquery fewer.
    static let score = """
        (\(ListingFit.pointsPerMatchedSkill + ListingFit.pointsPerMissingSkill) * \(matchedSkills)
         - \(ListingFit.pointsPerMissingSkill) * \(listingSkills)
         + \(ListingFit.pointsForInterest) * \(inInterests)
         + \(ListingFit.pointsForHours) * \(fitsHours))
        """

    /// The listing fits the student at all: a shared skill, or a field they are interested in.
    /// Written as one uncorrelated set of ids (built once, from the student's side through
    /// opportunity_skills_by_skill and opportunities_by_field) rather than a per-listing EXISTS:
    /// at 100,000 listings that is 7× faster, because listings that don't fit are never visited.
    static let fitsAtAll = "o.id IN (\(fittingIDs))"

    /// The ids of every listing that fits, as a column `id`: a count starts from them.
    static let fittingIDs = """
        SELECT fit_os.opportunity_id AS id FROM student_skills fit_ss
        JOIN opportunity_skills fit_os ON fit_os.skill_id = fit_ss.skill_id
        WHERE fit_ss.student_id = \(studentID)
        UNION
        SELECT fit_o.id FROM student_interests fit_si JOIN opportunities fit_o ON fit_o.field = fit_si.field
        WHERE fit_si.student_id = \(studentID)
        """

    /// The ids of listings sharing at least `?` of their skills with the student (one argument,
    /// ≥ 1): the student's side of opportunity_skills_by_skill, grouped per listing. For you
    /// reads these bands first and starts from them (see ``ForYouBands``).
    static let sharingSkills = """
        SELECT band_os.opportunity_id AS id FROM student_skills band_ss
        JOIN opportunity_skills band_os ON band_os.skill_id = band_ss.skill_id
        WHERE band_ss.student_id = \(studentID)
        GROUP BY band_os.opportunity_id HAVING count(*) >= ?
        """
}
