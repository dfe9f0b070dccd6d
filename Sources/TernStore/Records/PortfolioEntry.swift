import Foundation

/// One completed micro-internship as a student's portfolio shows it: the whole listing, when the
/// work ran, where the result lives, and what each side said afterwards.
///
/// ```swift
/// let done = try catalogue.portfolio(ofStudent: "aokafor")
/// done.first?.opportunity.title   // the most recently completed
/// done.first?.skillsGained        // ["Python", "SQL"], as the organization recorded them
/// ```
public struct PortfolioEntry: Sendable, Hashable, Identifiable {
    public var applicationID: Int64
    public var opportunity: Opportunity
    /// The day the work was accepted or started, whichever came first.
    public var startedOn: CalendarDay?
    /// The day the organization marked the work complete.
    public var completedOn: CalendarDay?
    /// Where the student's work can be seen, as the student gave it.
    public var deliverableLink: String?
    /// What the organization wrote about the student's work.
    public var fromOrganization: Feedback?
    /// What the student wrote about the organization.
    public var fromStudent: Feedback?

    public var id: Int64 { applicationID }

    /// The skills the organization saw the student use, from its feedback.
    public var skillsGained: [String] { fromOrganization?.skillsDemonstrated ?? [] }

    public init(applicationID: Int64, opportunity: Opportunity, startedOn: CalendarDay?, completedOn: CalendarDay?,
                deliverableLink: String?, fromOrganization: Feedback?, fromStudent: Feedback?) {
        self.applicationID = applicationID
        self.opportunity = opportunity
        self.startedOn = startedOn
        self.completedOn = completedOn
        self.deliverableLink = deliverableLink
        self.fromOrganization = fromOrganization
        self.fromStudent = fromStudent
    }
}
