import PostgresNIO

/// A statement put together piece by piece, each value bound where it is written (`$1`, `$2`…),
/// never spliced into the text.
///
/// ```swift
/// var statement = StatementBuilder()
/// statement.append("SELECT id FROM opportunities WHERE hours <= \(statement.bind(20))")
/// ```
struct StatementBuilder {
    private(set) var sql = ""
    private(set) var bindings = PostgresBindings()

    /// The placeholder for `value`, bound now.
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        bindings.append(value, context: .default)
        return "$\(bindings.count)"
    }

    /// The placeholder for an optional value (NULL for nil), as text.
    mutating func bind(text value: String?) -> String {
        if let value { return bind(value) }
        bindings.appendNull()
        return "$\(bindings.count)::text"
    }

    /// The placeholder for an optional integer (NULL for nil).
    mutating func bind(int value: Int64?) -> String {
        if let value { return bind(value) }
        bindings.appendNull()
        return "$\(bindings.count)::bigint"
    }

    mutating func append(_ text: String) {
        sql += text
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
