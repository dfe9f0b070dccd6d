internal import GRDB

// How the Codable records are read from rows: column by column, so that a closed-set column
// holding a value Tern does not know throws `CatalogueError.damaged` naming table, column, value
// and row (through `Row.known`), instead of the generic decoding error the Codable path gives.
// Plain columns decode with `Row.decode(forColumn:)`, which throws (and never traps) on NULL or
// a wrong type; optional columns read NULL, or a column the query did not select, as nil, as the
// Codable path did.

extension Application: StoredRecord {
    static let databaseTableName = "applications"

    init(row: Row) throws {
        let table = Self.databaseTableName
        self.init(id: try row.decode(forColumn: "id"),
                  studentId: try row.decode(forColumn: "student_id"),
                  opportunityId: try row.decode(forColumn: "opportunity_id"),
                  coverNote: try row.decode(forColumn: "cover_note"),
                  portfolioLink: try row.decode(forColumn: "portfolio_link"),
                  hoursOffered: try row.decode(forColumn: "hours_offered"),
                  status: try row.known("status", stored: (table, "status")),
                  statusReason: try row.decode(forColumn: "status_reason"),
                  createdAt: try row.decode(forColumn: "created_at"),
                  updatedAt: try row.decode(forColumn: "updated_at"),
                  version: try row.decode(forColumn: "version"),
                  deliverableLink: try row.decode(forColumn: "deliverable_link"))
    }
}

extension ApplicationEvent: StoredRecord {
    static let databaseTableName = "application_events"

    init(row: Row) throws {
        let table = Self.databaseTableName
        self.init(id: try row.decode(forColumn: "id"),
                  applicationId: try row.decode(forColumn: "application_id"),
                  actorRole: try row.known("actor_role", stored: (table, "actor_role")),
                  actorUsername: try row.decode(forColumn: "actor_username"),
                  fromStatus: try row.knownIfPresent("from_status", stored: (table, "from_status")),
                  toStatus: try row.knownIfPresent("to_status", stored: (table, "to_status")),
                  note: try row.decode(forColumn: "note"),
                  visibility: try row.known("visibility", stored: (table, "visibility")),
                  at: try row.decode(forColumn: "at"),
                  reasonCode: try row.knownIfPresent("reason_code", stored: (table, "reason_code")),
                  enteredBy: try row.decode(forColumn: "entered_by"),
                  onBehalfOf: try row.decode(forColumn: "on_behalf_of"))
    }
}

extension Organization: StoredRecord {
    static let databaseTableName = "organizations"
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    init(row: Row) throws {
        let table = Self.databaseTableName
        self.init(id: try row.decode(forColumn: "id"),
                  name: try row.decode(forColumn: "name"),
                  kind: try row.known("kind", stored: (table, "kind")),
                  website: try row.decode(forColumn: "website"),
                  contactEmail: try row.decode(forColumn: "contact_email"),
                  description: try row.decode(forColumn: "description"),
                  verified: try row.decode(forColumn: "verified"),
                  approval: try row.known("approval", stored: (table, "approval")),
                  trusted: try row.decode(forColumn: "trusted"),
                  createdAt: try row.decode(forColumn: "created_at"))
    }
}

extension StaffMember: StoredRecord {
    static let databaseTableName = "staff"

    init(row: Row) throws {
        self.init(id: try row.decode(forColumn: "id"),
                  username: try row.decode(forColumn: "username"),
                  name: try row.decode(forColumn: "name"),
                  role: try row.known("role", stored: (Self.databaseTableName, "role")))
    }
}
