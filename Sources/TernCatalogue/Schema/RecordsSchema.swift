internal import GRDB

/// Migration v8-records (issue 17): records a career office can stand behind.
///
/// - The audit log and every application's history become hash chains (``RecordChain``): the
///   rows written before are chained as they are, and from now on the database refuses a row
///   that does not continue its chain, whoever writes it.
/// - Audit rows may name the application they are about; history events may say a staff
///   member acted on a student's behalf (the actor is the staff member, `on_behalf_of` the
///   student).
/// - Organizations get an optimistic version, as listings have, so two reviewers' decisions
///   cannot silently overwrite each other.
/// - The last admin can be neither removed nor demoted.
enum RecordsSchema {
    static let version = "v8-records"

    /// Whether a catalogue at `migration` keeps its records in hash chains.
    static func isChained(_ migration: String) -> Bool {
        let order = CatalogueSchema.migrator.migrations
        guard let at = order.firstIndex(of: migration), let chained = order.firstIndex(of: version) else { return false }
        return at >= chained
    }

    static func migrate(_ db: Database) throws {
        try db.execute(sql: columns)
        try ChainedRecords.backfill(db)
        try db.execute(sql: appendOnly)
        try db.execute(sql: chainTriggers)
        try db.execute(sql: lastAdmin)
    }

    // The update guards are dropped while the chain is filled in and made again right after,
    // in the same transaction.
    private static let columns = """
    DROP TRIGGER audit_log_no_update;
    DROP TRIGGER application_events_no_update;
    ALTER TABLE audit_log ADD COLUMN application_id INTEGER;
    ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
    ALTER TABLE audit_log ADD COLUMN hash TEXT;
    ALTER TABLE application_events ADD COLUMN on_behalf_of TEXT;
    ALTER TABLE application_events ADD COLUMN prev_hash TEXT;
    ALTER TABLE application_events ADD COLUMN hash TEXT;
    ALTER TABLE organizations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    """

    private static let appendOnly = """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
    BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END;
    """

    /// A new row must carry a hash, take the next id, and name the chain's last hash as its
    /// `prev_hash`. The database cannot compute SHA-256 itself, so whether the hash matches the
    /// content is checked by `tern check` and `tern restore`; these triggers keep the order and
    /// the links. Bulk loaders drop and recreate them (they write whole chains themselves).
    static let chainTriggers = """
    CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
    WHEN NEW.hash IS NULL OR length(NEW.hash) <> 64
        OR NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '\(RecordChain.genesis)')
    BEGIN SELECT RAISE(ABORT, 'audit_log rows must continue its hash chain'); END;
    CREATE TRIGGER application_events_chained BEFORE INSERT ON application_events
    WHEN NEW.hash IS NULL OR length(NEW.hash) <> 64
        OR NEW.id <= (SELECT coalesce(max(id), 0) FROM application_events)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM application_events WHERE application_id = NEW.application_id
                                          ORDER BY id DESC LIMIT 1), '\(RecordChain.genesis)')
    BEGIN SELECT RAISE(ABORT, 'application_events rows must continue their application''s hash chain'); END;
    """

    private static let lastAdmin = """
    CREATE TRIGGER staff_keep_last_admin BEFORE DELETE ON staff
    WHEN OLD.role = 'admin' AND (SELECT count(*) FROM staff WHERE role = 'admin') = 1
    BEGIN SELECT RAISE(ABORT, 'the last admin cannot be removed; make another admin first'); END;
    CREATE TRIGGER staff_keep_last_admin_role BEFORE UPDATE OF role ON staff
    WHEN OLD.role = 'admin' AND NEW.role IS NOT 'admin' AND (SELECT count(*) FROM staff WHERE role = 'admin') = 1
    BEGIN SELECT RAISE(ABORT, 'the last admin cannot be demoted; make another admin first'); END;
    """
}
