internal import GRDB

extension Row {
    /// The closed-set value stored in `column` (one of Tern's enums), read so that a value Tern
    /// does not know throws ``CatalogueError/damaged(table:column:value:row:)`` instead of
    /// quietly becoming a default: a wrong status shown as `submitted` is worse than a refusal.
    ///
    /// `column` is the name in this row (an alias such as `app_status`); `stored` names the
    /// table and column it came from, for the message; `rowID` is the column holding that
    /// table's id in this row, when the query selected one.
    ///
    /// ```swift
    /// let status: ApplicationStatus = try row.known("status", stored: ("applications", "status"))
    /// ```
    func known<Value: RawRepresentable>(_ column: String, stored: (table: String, column: String),
                                        rowID: String? = "id") throws -> Value where Value.RawValue == String {
        guard let value: Value = try knownIfPresent(column, stored: stored, rowID: rowID) else {
            throw damaged(nil, stored: stored, rowID: rowID)
        }
        return value
    }

    /// Like ``known(_:stored:rowID:)`` for a column that is NULL by design: NULL reads as nil,
    /// an unknown value still throws.
    func knownIfPresent<Value: RawRepresentable>(_ column: String, stored: (table: String, column: String),
                                                 rowID: String? = "id") throws -> Value? where Value.RawValue == String {
        try knownIfPresent(column, stored: stored, rowID: rowID, as: Value.init(rawValue:))
    }

    /// Like ``known(_:stored:rowID:)`` for text that `parse` reads (a day, a timestamp): text it
    /// cannot read throws ``CatalogueError/damaged(table:column:value:row:)`` rather than
    /// becoming a stand-in (1 January 1970, or nothing).
    ///
    /// ```swift
    /// let deadline = try row.known("deadline", stored: ("opportunities", "deadline"), as: CalendarDay.init)
    /// ```
    func known<Value>(_ column: String, stored: (table: String, column: String), rowID: String? = "id",
                      as parse: (String) -> Value?) throws -> Value {
        guard let value = try knownIfPresent(column, stored: stored, rowID: rowID, as: parse) else {
            throw damaged(nil, stored: stored, rowID: rowID)
        }
        return value
    }

    /// Like ``known(_:stored:rowID:as:)`` for a column that is NULL by design.
    func knownIfPresent<Value>(_ column: String, stored: (table: String, column: String), rowID: String? = "id",
                               as parse: (String) -> Value?) throws -> Value? {
        let dbValue = self[column] as DatabaseValue? ?? .null
        if dbValue.isNull { return nil }
        guard let raw = String.fromDatabaseValue(dbValue) else { throw damaged(dbValue.description, stored: stored, rowID: rowID) }
        guard let value = parse(raw) else { throw damaged(raw, stored: stored, rowID: rowID) }
        return value
    }

    private func damaged(_ raw: String?, stored: (table: String, column: String), rowID: String?) -> CatalogueError {
        let id: Int64? = rowID.flatMap { hasColumn($0) ? self[$0] as Int64? : nil }
        return CatalogueError.damaged(table: stored.table, column: stored.column, value: raw, row: id)
    }
}
