import GRDB

// The closed sets Tern stores as TEXT columns, stored by their raw value. Conforming them to
// `DatabaseValueConvertible` lets SQL interpolation bind them where they are used:
//
//     try db.execute(literal: "UPDATE applications SET status = \(next) WHERE id = \(id)")
//
// Reading is the other direction, and it must not guess: GRDB's `fromDatabaseValue` answers nil
// for a value Tern does not know, and a nil becomes a GRDB decoding error, which names no table.
// So reads of these columns go through `Row.known(_:stored:rowID:)` (or a record's `init(row:)`
// built on it), which throws `CatalogueError.damaged` naming the table, column, value and row.

extension ApplicationStatus: DatabaseValueConvertible {}     // applications.status, events' from/to_status, triage
extension ActorRole: DatabaseValueConvertible {}             // application_events.actor_role, audit_log.actor_role, posting_decisions
extension Visibility: DatabaseValueConvertible {}            // application_events.visibility
extension RejectionReason.Code: DatabaseValueConvertible {}  // application_events.reason_code
extension Approval: DatabaseValueConvertible {}              // opportunities.approval, organizations.approval
extension DeclineReason: DatabaseValueConvertible {}         // posting_decisions.reason
extension PostingDecisionKind: DatabaseValueConvertible {}   // posting_decisions.decision
extension OpportunityStatus: DatabaseValueConvertible {}     // opportunities.status
extension Field: DatabaseValueConvertible {}                 // opportunities.field, student_interests.field
extension LocationKind: DatabaseValueConvertible {}          // opportunities.location_kind
extension CompensationKind: DatabaseValueConvertible {}      // opportunities.compensation_kind
extension Schedule: DatabaseValueConvertible {}              // opportunities.schedule
extension SkillLevel: DatabaseValueConvertible {}            // student_skills.level
extension OrganizationKind: DatabaseValueConvertible {}      // organizations.kind
extension StaffRole: DatabaseValueConvertible {}             // staff.role
extension FeedbackDirection: DatabaseValueConvertible {}     // feedback.direction
extension AuditedAction: DatabaseValueConvertible {}         // audit_log.action (written; the column also holds other actions)
