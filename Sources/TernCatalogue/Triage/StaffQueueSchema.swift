/// The `v10-staff` migration (issue 18): what undo needs to put an application back as it was.
///
/// ```swift
/// try db.execute(sql: StaffQueueSchema.sql)
/// ```
enum StaffQueueSchema {
    static let version = "v10-staff"

    // - An application's `updated_at` is when it entered its current state: the queue waits by
    //   it and sorts by it. Undo puts back the state AND that time, so each moved row keeps the
    //   time it had before the move. Rows written before this migration have none; undoing them
    //   falls back to the time of the event that moved them into the restored state.
    static let sql = """
    ALTER TABLE triage_action_rows ADD COLUMN from_updated_at TEXT;
    """
}
