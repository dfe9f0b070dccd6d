internal import GRDB

// The closed sets Tern stores as TEXT columns, stored by their raw value. They are TernStore's
// public types, so they do not conform to GRDB's `DatabaseValueConvertible` (that conformance
// would be public too, and GRDB is this module's own business); `StoredEnum` is the internal
// stand-in, and the interpolations below let SQL bind them where they are used:
//
//     try db.execute(literal: "UPDATE applications SET status = \(next) WHERE id = \(id)")
//
// Reading is the other direction, and it must not guess: a value Tern does not know must not
// become a generic decoding error that names no table. So reads of these columns go through
// `Row.known(_:stored:rowID:)` (or a record's `init(row:)` built on it), which throws
// `CatalogueError.damaged` naming the table, column, value and row.
protocol StoredEnum: RawRepresentable<String> {}

extension ApplicationStatus: StoredEnum {}     // applications.status, events' from/to_status, triage
extension ActorRole: StoredEnum {}             // application_events.actor_role, audit_log.actor_role, posting_decisions
extension Visibility: StoredEnum {}            // application_events.visibility
extension RejectionReason.Code: StoredEnum {}  // application_events.reason_code
extension Approval: StoredEnum {}              // opportunities.approval, organizations.approval
extension DeclineReason: StoredEnum {}         // posting_decisions.reason
extension PostingDecisionKind: StoredEnum {}   // posting_decisions.decision
extension OpportunityStatus: StoredEnum {}     // opportunities.status
extension Field: StoredEnum {}                 // opportunities.field, student_interests.field
extension LocationKind: StoredEnum {}          // opportunities.location_kind
extension CompensationKind: StoredEnum {}      // opportunities.compensation_kind
extension Schedule: StoredEnum {}              // opportunities.schedule
extension SkillLevel: StoredEnum {}            // student_skills.level
extension OrganizationKind: StoredEnum {}      // organizations.kind
extension StaffRole: StoredEnum {}             // staff.role
extension FeedbackDirection: StoredEnum {}     // feedback.direction
extension AuditedAction: StoredEnum {}         // audit_log.action (written; the column also holds other actions)

extension SQLInterpolation {
    /// A stored value, bound by its raw value (NULL for nil).
    mutating func appendInterpolation(_ value: (some StoredEnum)?) {
        appendInterpolation(value?.rawValue)
    }

    /// Stored values as a parenthesized list, `IN \(statuses)`, as for any sequence of values.
    mutating func appendInterpolation<Values: Sequence>(_ values: Values) where Values.Element: StoredEnum {
        appendInterpolation(values.map(\.rawValue))
    }
}
