/// One line of `tern audit`: a change to an application, or a look at (or action on) a
/// student's record, with who and when.
public struct AuditTrailEntry: Sendable, Hashable {
    /// UTC, ISO 8601.
    public var at: String
    /// The person: the staff member who typed an organization's decision, not the organization.
    public var actor: String
    public var actorRole: String
    /// `moved`, `note`, `staff_note`, `viewed_student_record`, `act_as_student`, …
    public var action: String
    public var student: String?
    public var applicationID: Int64?
    public var detail: String?

    package init(at: String, actor: String, actorRole: String, action: String, student: String?, applicationID: Int64?, detail: String?) {
        self.at = at
        self.actor = actor
        self.actorRole = actorRole
        self.action = action
        self.student = student
        self.applicationID = applicationID
        self.detail = detail
    }
}
