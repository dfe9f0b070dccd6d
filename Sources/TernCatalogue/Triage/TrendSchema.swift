/// The `v6-report-trends` migration: what the report's weekly trends need to be index range
/// scans rather than reads of every application and every event.
///
/// ```swift
/// try db.execute(sql: TrendSchema.v6ReportTrends)
/// ```
enum TrendSchema {
    /// The moves that decide an application, for the report's "days to first decision" and its
    /// decisions per week alike. SQL, as written in the partial index below: a query uses that
    /// index only if it says the same.
    static let decisionStatuses = "('shortlisted','offered','rejected')"

    // - Applications by when they were made, carrying what the report's other sections read
    //   with it (status, listing): with `--since`, those sections become range scans too, and
    //   without it a scan of this index is narrower than one of the table.
    // - Only decision events are indexed by time: the others are never counted by it, and
    //   leaving them out keeps every other event's write as cheap as before. The status rides
    //   along so that counting never reads the events themselves (SQLite checks the query's
    //   `to_status IN (…)` against the index, not against the index's own WHERE).
    static let v6ReportTrends = """
    CREATE INDEX applications_by_created ON applications(created_at, status, opportunity_id);
    CREATE INDEX application_events_decisions_by_at ON application_events(at, to_status) WHERE to_status IN \(decisionStatuses);
    """
}
