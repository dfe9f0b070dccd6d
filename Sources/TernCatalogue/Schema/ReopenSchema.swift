internal import GRDB

/// Migration v9-reopen (issue 18): a student may take back a withdrawal, once.
///
/// Withdrawing used to end an application for good: the student could neither apply again
/// ("already applied") nor undo it. Now `withdrawn → submitted` is a legal move, as
/// ``ApplicationStatus/legalMoves`` says, and the database itself keeps it to what the product
/// promises, whoever writes: once per application (the history holds the first reopening), and
/// only while the listing is open and approved. The deadline is checked by the catalogue,
/// which knows what "today" is for the caller.
enum ReopenSchema {
    static let version = "v9-reopen"

    static let sql = """
    INSERT INTO application_transitions VALUES ('withdrawn','submitted');
    CREATE TRIGGER applications_reopen_once BEFORE UPDATE OF status ON applications
    WHEN OLD.status = 'withdrawn' AND NEW.status = 'submitted' AND (
        EXISTS (SELECT 1 FROM application_events
                WHERE application_id = NEW.id AND from_status = 'withdrawn' AND to_status = 'submitted')
        OR NOT EXISTS (SELECT 1 FROM opportunities
                       WHERE id = NEW.opportunity_id AND status = 'open' AND approval = 'approved'))
    BEGIN SELECT RAISE(ABORT, 'a withdrawn application is reopened once, while its listing takes applications'); END;
    """
}
