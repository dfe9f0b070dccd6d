/// One step of the PostgreSQL catalogue's schema: a number, a name and the SQL that makes it.
/// Steps are listed in order in ``PostgresSchema/migrations`` and never edited once released: a
/// change is a new step at the end (as GRDB's migrations are in the SQLite catalogue). The
/// catalogue records each step it has taken in `tern_schema_migrations`.
public struct PostgresMigration: Sendable {
    /// The schema version this step makes: `schema vN` in messages.
    public let version: Int
    public let name: String
    /// Any number of statements, run in one transaction with the step's record.
    let sql: String
}
