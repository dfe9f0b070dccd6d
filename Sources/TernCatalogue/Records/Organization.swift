import GRDB

extension Organization: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "organizations"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

extension StaffMember: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "staff"
}

