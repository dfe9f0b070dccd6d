import TernStore
import TernText

/// Writes records of one subject in the import format, the same bytes whatever back end they
/// come from: a CSV header then a line per record, or a JSON array of objects with the keys in
/// ``ExchangeSubject/columns`` order. Streamed: each record goes out as it comes.
///
/// ```swift
/// var writer = ExportWriter(.students, as: .json, emit: write)
/// try writer.start()
/// try writer.record(["username": .text("aokafor"), …])
/// try writer.finish()
/// ```
package struct ExportWriter {
    let columns: [String]
    let format: ExchangeFormat
    let emit: (String) throws -> Void
    private var first = true

    package init(_ subject: ExchangeSubject, as format: ExchangeFormat, emit: @escaping (String) throws -> Void) {
        columns = subject.columns
        self.format = format
        self.emit = emit
    }

    package func start() throws {
        if format == .csv { try emit(CSVWriter.line(columns)) }
    }

    package mutating func record(_ values: [String: ExportValue]) throws {
        switch format {
        case .csv:
            try emit(CSVWriter.line(columns.map { values[$0]?.csvText ?? "" }))
        case .json:
            let body = columns.map { "    \(JSONString.quote($0)): \((values[$0] ?? .null).jsonText)" }.joined(separator: ",\n")
            try emit((first ? "[\n" : ",\n") + "  {\n" + body + "\n  }")
        }
        first = false
    }

    package func finish() throws {
        if format == .json { try emit(first ? "[]\n" : "\n]\n") }
    }
}

/// A value on its way out, rendered per format: lists are arrays in JSON, `|`-joined in CSV.
package enum ExportValue {
    case text(String), number(Int), decimal(String), bool(Bool), list([String]), null

    package static func optional(_ value: String?) -> ExportValue { value.map(ExportValue.text) ?? .null }

    var csvText: String {
        switch self {
        case .text(let s), .decimal(let s): s
        case .number(let n): "\(n)"
        case .bool(let b): b ? "true" : "false"
        case .list(let items): ListCell.join(items)
        case .null: ""
        }
    }

    var jsonText: String {
        switch self {
        case .text(let s): JSONString.quote(s)
        case .number(let n): "\(n)"
        case .decimal(let s): s
        case .bool(let b): b ? "true" : "false"
        case .list(let items): "[" + items.map(JSONString.quote).joined(separator: ", ") + "]"
        case .null: "null"
        }
    }
}
