/// Migration v11-updates (issue 18): how far each student has read their Updates.
///
/// Updates are derived from what the catalogue already keeps (shared history, feedback, saved
/// listings, saved searches); the one new fact is the moment up to which the student has seen
/// them. One row per student: no row means nothing has been read yet.
enum UpdatesSchema {
    static let version = "v11-updates"

    static let sql = """
    CREATE TABLE student_updates_seen (
        student_id INTEGER PRIMARY KEY REFERENCES students(id) ON DELETE CASCADE,
        seen_up_to TEXT NOT NULL
    );
    """
}
