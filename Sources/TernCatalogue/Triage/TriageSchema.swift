/// The `v5-triage` migration: what staff triage adds to the catalogue.
///
/// ```swift
/// try db.execute(sql: TriageSchema.v5Triage)
/// ```
enum TriageSchema {
    // - Rejection reasons are a code beside the text, so reports and the student's screen can
    //   group them (roadmap: "structured rejection reasons shown to the student").
    // - `entered_by` names the staff member who typed in an organization's decision; the event's
    //   role stays `organization`, which is what the student sees.
    // - Claims are advisory (who is looking), one row per application; the version check is
    //   still what stops two people overwriting each other.
    // - An undo is a new event, never a deleted one. The state machine has no backward moves,
    //   so an undo inserts a permit for exactly the move it reverses, inside its own
    //   transaction, and removes it before committing; the trigger allows a permitted move.
    // - The queue needs no new index: `applications_by_status(status, updated_at, id)` is
    //   walked once per status, oldest first, and the pages merged.
    static let v5Triage = """
    ALTER TABLE applications ADD COLUMN status_reason_code TEXT CHECK (status_reason_code IS NULL OR status_reason_code IN
        (\(RejectionReason.Code.allCases.map { "'\($0.rawValue)'" }.joined(separator: ","))));
    ALTER TABLE application_events ADD COLUMN reason_code TEXT CHECK (reason_code IS NULL OR reason_code IN
        (\(RejectionReason.Code.allCases.map { "'\($0.rawValue)'" }.joined(separator: ","))));
    ALTER TABLE application_events ADD COLUMN entered_by TEXT;
    ALTER TABLE feedback ADD COLUMN entered_by TEXT;

    CREATE TABLE triage_claims (
        application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        staff_username TEXT NOT NULL,
        staff_name TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );

    CREATE TABLE triage_views (
        id INTEGER PRIMARY KEY,
        staff_username TEXT NOT NULL,
        name TEXT NOT NULL CHECK (length(name) > 0),
        pattern TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (staff_username, name)
    );

    CREATE TABLE triage_actions (
        id INTEGER PRIMARY KEY,
        staff_username TEXT NOT NULL,
        session TEXT NOT NULL,
        to_status TEXT NOT NULL,
        at TEXT NOT NULL,
        undone_at TEXT
    );
    CREATE INDEX triage_actions_by_session ON triage_actions(session, id);
    CREATE TABLE triage_action_rows (
        action_id INTEGER NOT NULL REFERENCES triage_actions(id) ON DELETE CASCADE,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        from_status TEXT NOT NULL,
        version_after INTEGER NOT NULL,
        PRIMARY KEY (action_id, application_id)
    ) WITHOUT ROWID;

    CREATE TABLE triage_undo_permits (
        application_id INTEGER NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        PRIMARY KEY (application_id, from_status, to_status)
    ) WITHOUT ROWID;
    DROP TRIGGER applications_legal_transition;
    CREATE TRIGGER applications_legal_transition BEFORE UPDATE OF status ON applications
    WHEN NEW.status IS NOT OLD.status AND NOT EXISTS (
        SELECT 1 FROM application_transitions WHERE from_status = OLD.status AND to_status = NEW.status)
    AND NOT EXISTS (
        SELECT 1 FROM triage_undo_permits WHERE application_id = NEW.id AND from_status = OLD.status AND to_status = NEW.status)
    BEGIN SELECT RAISE(ABORT, 'illegal application status transition'); END;

    CREATE INDEX audit_log_by_actor ON audit_log(actor_username, id);
    CREATE INDEX application_events_by_actor ON application_events(actor_username, id);
    """
}
