import GRDB

// How applications and their events are read from SQLite rows.
extension Application: FetchableRecord, TableRecord {
    public static let databaseTableName = "applications"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}

extension ApplicationEvent: FetchableRecord, TableRecord {
    public static let databaseTableName = "application_events"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}
