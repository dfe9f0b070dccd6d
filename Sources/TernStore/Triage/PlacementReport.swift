import Foundation

/// What `tern report` shows: where applications stand and how placements go.
public struct PlacementReport: Sendable {
    /// A group's share of applications that led to a placement (accepted or beyond).
    public struct Rate: Sendable, Hashable {
        public var group: String
        public var placed: Int
        public var applications: Int
        public var rate: Double { applications == 0 ? 0 : Double(placed) / Double(applications) }

        package init(group: String, placed: Int, applications: Int) {
            self.group = group
            self.placed = placed
            self.applications = applications
        }
    }
    public struct Median: Sendable, Hashable {
        public var group: String
        public var days: Double
        public var decided: Int

        package init(group: String, days: Double, decided: Int) {
            self.group = group
            self.days = days
            self.decided = decided
        }
    }
    public var since: String?
    public var perStatus: [(status: ApplicationStatus, count: Int)]
    /// Days from submission to the first decision (shortlisted, offered or rejected).
    public var medianDaysToDecision: Double?
    public var medianDaysToDecisionByOrganization: [Median]
    public var placementByField: [Rate]
    public var placementByOrganization: [Rate]
    /// Open listings nobody has applied to: how many, and the first refs.
    public var listingsWithoutApplicants: Int
    public var listingsWithoutApplicantsSample: [String]
    public var studentsWithoutRecentApplication: Int
    /// Postings approved and declined per reason; nil when this catalogue does not record
    /// posting decisions.
    public var postingDecisions: [(decision: String, reason: String, count: Int)]?

    /// How many weeks the trends cover.
    public static let trendWeeks = 12
    /// Applications made in each of the last ``trendWeeks`` weeks, oldest first. The weeks are
    /// seven-day spans counted back from the report's `now` (not calendar weeks), each taking
    /// what happened after its start and up to and including its end; `since` does not narrow them.
    public var applicationsPerWeek: [Int]
    /// Decisions on applications (shortlisted, offered or rejected, as for the days to a first
    /// decision) in each of those weeks: every such move counts, so an offer after a shortlist is two.
    public var decisionsPerWeek: [Int]
    /// When each week starts (UTC, ISO 8601), oldest first; the last one ends at ``trendEnd``.
    public var trendWeekStarts: [String]
    public var trendEnd: String

    package init(since: String? = nil, perStatus: [(status: ApplicationStatus, count: Int)], medianDaysToDecision: Double? = nil, medianDaysToDecisionByOrganization: [Median], placementByField: [Rate], placementByOrganization: [Rate], listingsWithoutApplicants: Int, listingsWithoutApplicantsSample: [String], studentsWithoutRecentApplication: Int, postingDecisions: [(decision: String, reason: String, count: Int)]? = nil, applicationsPerWeek: [Int], decisionsPerWeek: [Int], trendWeekStarts: [String], trendEnd: String) {
        self.since = since
        self.perStatus = perStatus
        self.medianDaysToDecision = medianDaysToDecision
        self.medianDaysToDecisionByOrganization = medianDaysToDecisionByOrganization
        self.placementByField = placementByField
        self.placementByOrganization = placementByOrganization
        self.listingsWithoutApplicants = listingsWithoutApplicants
        self.listingsWithoutApplicantsSample = listingsWithoutApplicantsSample
        self.studentsWithoutRecentApplication = studentsWithoutRecentApplication
        self.postingDecisions = postingDecisions
        self.applicationsPerWeek = applicationsPerWeek
        self.decisionsPerWeek = decisionsPerWeek
        self.trendWeekStarts = trendWeekStarts
        self.trendEnd = trendEnd
    }
}
