import PostgresNIO
import TernStore

/// Rows of the listing statements read into Tern's records. A value Tern does not know (a
/// status, a kind, a day that is not one) or of the wrong type throws
/// ``CatalogueError/damaged(table:column:value:row:)``, as the SQLite catalogue's reads do:
/// reads refuse rather than guess.
enum ListingRecords {
    static func summary(_ row: PostgresRandomAccessRow, sort: OpportunitySort, offset: Int) throws -> OpportunitySummary {
        let id: Int64 = try value(row, "id")
        let cursor: OpportunityCursor
        switch sort {
        case .deadline, .relevance: cursor = OpportunityCursor(text: try value(row, "deadline"), id: id, offset: offset)
        case .match: cursor = OpportunityCursor(text: try value(row, "deadline"), number: try value(row, "fit_score", table: "fit"), id: id, offset: offset)
        case .newest: cursor = OpportunityCursor(text: try value(row, "posted_at"), id: id, offset: offset)
        case .hours: cursor = OpportunityCursor(number: try value(row, "hours"), id: id, offset: offset)
        case .pay: cursor = OpportunityCursor(number: Int(try value(row, "pay_rank") as Int64), id: id, offset: offset)
        }
        return OpportunitySummary(
            id: id, ref: try value(row, "ref"), title: try value(row, "title"), organization: try value(row, "organization"),
            field: try known(row, "field"), hours: try value(row, "hours"), durationDays: try value(row, "duration_days"),
            deadline: try known(row, "deadline", as: CalendarDay.init),
            compensationKind: try known(row, "compensation_kind"),
            compensation: money(cents: try value(row, "compensation_cents"), currency: try value(row, "currency")),
            locationKind: try known(row, "location_kind"), city: try value(row, "city"),
            status: try known(row, "status"), postedAt: try value(row, "posted_at"), cursor: cursor)
    }

    static func opportunity(_ row: PostgresRandomAccessRow) throws -> Opportunity {
        Opportunity(
            id: try value(row, "id"), ref: try value(row, "ref"), title: try value(row, "title"),
            organization: try value(row, "organization"), field: try known(row, "field"), brief: try value(row, "brief"),
            deliverables: try value(row, "deliverables", table: "opportunity_deliverables"),
            skills: try value(row, "skills", table: "skills"), hours: try value(row, "hours"),
            durationDays: try value(row, "duration_days"), schedule: try known(row, "schedule"),
            startsOn: try knownIfPresent(row, "starts_on", table: "opportunities", as: CalendarDay.init),
            deadline: try known(row, "deadline", as: CalendarDay.init),
            compensationKind: try known(row, "compensation_kind"),
            compensation: money(cents: try value(row, "compensation_cents"), currency: try value(row, "currency")),
            locationKind: try known(row, "location_kind"), city: try value(row, "city"), spots: try value(row, "spots"),
            status: try known(row, "status"), postedAt: try value(row, "posted_at"), version: try value(row, "version"))
    }

    static func organization(_ row: PostgresRandomAccessRow) throws -> Organization {
        let table = "organizations"
        return Organization(
            id: try value(row, "id", table: table), name: try value(row, "name", table: table),
            kind: try known(row, "kind", table: table), website: try value(row, "website", table: table),
            contactEmail: try value(row, "contact_email", table: table), description: try value(row, "description", table: table),
            verified: try value(row, "verified", table: table), approval: try known(row, "approval", table: table),
            trusted: try value(row, "trusted", table: table), createdAt: try value(row, "created_at", table: table))
    }

    /// A column's value as `T`; a value of another type (or NULL where there must be one) is damage.
    static func value<T: PostgresDecodable>(_ row: PostgresRandomAccessRow, _ column: String,
                                            table: String = "opportunities") throws -> T {
        do {
            return try row[column].decode(T.self)
        } catch {
            throw CatalogueError.damaged(table: table, column: column, value: nil, row: rowID(row))
        }
    }

    /// A column holding one of a closed set of names (`Field`, `OpportunityStatus`…).
    static func known<Value: RawRepresentable>(_ row: PostgresRandomAccessRow, _ column: String,
                                               table: String = "opportunities") throws -> Value where Value.RawValue == String {
        try known(row, column, table: table, as: Value.init(rawValue:))
    }

    /// A column holding text that `parse` reads (a day): text it cannot read is damage.
    static func known<Value>(_ row: PostgresRandomAccessRow, _ column: String, table: String = "opportunities",
                             as parse: (String) -> Value?) throws -> Value {
        guard let value = try knownIfPresent(row, column, table: table, as: parse) else {
            throw CatalogueError.damaged(table: table, column: column, value: nil, row: rowID(row))
        }
        return value
    }

    static func knownIfPresent<Value>(_ row: PostgresRandomAccessRow, _ column: String, table: String,
                                      as parse: (String) -> Value?) throws -> Value? {
        guard let raw: String = try value(row, column, table: table) as String? else { return nil }
        guard let parsed = parse(raw) else {
            throw CatalogueError.damaged(table: table, column: column, value: raw, row: rowID(row))
        }
        return parsed
    }

    private static func rowID(_ row: PostgresRandomAccessRow) -> Int64? {
        row.contains("id") ? try? row["id"].decode(Int64.self) : nil
    }

    private static func money(cents: Int?, currency: String?) -> Money? {
        guard let cents, let currency else { return nil }
        return Money(cents: cents, currency: currency)
    }
}
