import GRDB

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
        guard let raw = self[column] as String? else { return nil }
        guard let value = Value(rawValue: raw) else { throw damaged(raw, stored: stored, rowID: rowID) }
        return value
    }

    private func damaged(_ raw: String?, stored: (table: String, column: String), rowID: String?) -> CatalogueError {
        let id: Int64? = rowID.flatMap { hasColumn($0) ? self[$0] as Int64? : nil }
        return CatalogueError.damaged(table: stored.table, column: stored.column, value: raw, row: id)
    }
}
