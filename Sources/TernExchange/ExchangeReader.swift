import Foundation
import TernStore

/// Reads an import file into format-neutral rows, one at a time, checking its shape (header,
/// column count, unknown names) with exact positions. Values are checked afterwards by
/// ``ExchangeValidation``. The file is read a segment at a time (``ImportSource``), and held to
/// the first reading's fingerprint when one is given, so no row comes from a changed file.
///
/// ```swift
/// var rows = try ExchangeReader(source, format: .csv, checkingAgainst: scan.fingerprint)
/// while let row = try rows.next() { … }
/// ```
package struct ExchangeReader {
    // One of the two streams, read in place.
    private var csv: CSVRecordStream?
    /// The header's names, and for each the index of its column in ``ExchangeSubject/columns``.
    private var header: [String] = []
    private var columns: [Int] = []
    private var json: JSONElementStream?
    /// The first JSON element, read early for the subject.
    private var pending: JSONValue?
    /// What the file holds: from its header (CSV) or its first record's keys (JSON).
    package let subject: ExchangeSubject

    package init(_ source: ImportSource, format: ExchangeFormat, checkingAgainst fingerprint: ImportFingerprint?,
         subject expected: ExchangeSubject? = nil) throws(ImportError) {
        switch format {
        case .csv:
            var stream = CSVRecordStream(source, checkingAgainst: fingerprint)
            guard let first = try stream.next() else {
                throw ImportError(line: 1, column: 1, message: "empty file: expected a header row")
            }
            let names = first.fields.map { $0.value.trimmingCharacters(in: .whitespaces) }
            let subject = try Self.subjectOf(names, expected: expected, line: first.line)
            var seen = Set<String>()
            var columns: [Int] = []
            for (index, name) in names.enumerated() {
                guard let column = subject.columnIndex(name) else {
                    throw ImportError(line: first.line, column: index + 1, message: "unknown column \"\(name)\"; expected \(subject.columns.joined(separator: ", "))")
                }
                guard seen.insert(name).inserted else {
                    throw ImportError(line: first.line, column: index + 1, message: "column \"\(name)\" appears twice")
                }
                columns.append(column)
            }
            if let missing = subject.columns.first(where: { subject.required.contains($0) && !seen.contains($0) }) {
                throw ImportError(line: first.line, column: names.count + 1, message: "missing required column \"\(missing)\"")
            }
            self.subject = subject
            csv = stream
            header = names
            self.columns = columns
        case .json:
            var stream = JSONElementStream(source, checkingAgainst: fingerprint)
            let first = try stream.next()
            // The first record's keys say what the file holds; an empty array holds listings.
            var subject = expected ?? .opportunities
            if expected == nil, let first, case .object(let members) = first.kind {
                subject = try Self.subjectOf(members.map(\.key), expected: nil, line: first.position.line)
            }
            self.subject = subject
            json = stream
            pending = first
        }
    }

    /// The next row; nil after the last.
    package mutating func next() throws(ImportError) -> ExchangeRow? {
        if csv != nil {
            guard let record = try csv!.next() else { return nil }
            guard record.fields.count == header.count else {
                throw ImportError(line: record.line, column: min(record.fields.count, header.count) + 1,
                                  message: "expected \(header.count) fields, found \(record.fields.count)")
            }
            var row = ExchangeRow(subject: subject, line: record.line, column: 1)
            for (index, field) in record.fields.enumerated() {
                row.cells[columns[index]] = .init(text: field.value, list: nil, line: field.position.line, column: index + 1)
            }
            return row
        }
        let item: JSONValue
        if let first = pending {
            pending = nil
            item = first
        } else {
            guard let next = try json!.next() else { return nil }
            item = next
        }
        return try row(item)
    }

    private func row(_ item: JSONValue) throws(ImportError) -> ExchangeRow {
        guard case .object(let members) = item.kind else {
            throw ImportError(line: item.position.line, column: item.position.column, message: "expected an object")
        }
        var row = ExchangeRow(subject: subject, line: item.position.line, column: item.position.column)
        for member in members {
            let value = member.value
            guard let column = subject.columnIndex(member.key) else {
                throw ImportError(line: value.position.line, column: value.position.column,
                                  message: "unknown key \"\(member.key)\"; expected \(subject.columns.joined(separator: ", "))")
            }
            var cell = ExchangeRow.Cell(text: nil, list: nil, line: value.position.line, column: value.position.column)
            switch value.kind {
            case .null: break
            case .string(let s): cell.text = s
            case .bool(let b): cell.text = b ? "true" : "false"
            case .number(_, let raw): cell.text = raw
            case .array(let elements) where subject.listColumns.contains(member.key):
                var list: [String] = []
                for element in elements {
                    guard let s = element.string else {
                        throw ImportError(line: element.position.line, column: element.position.column, message: "\(member.key): expected a list of strings")
                    }
                    list.append(s)
                }
                cell.list = list
                cell.itemPositions = elements.map(\.position)
            default:
                throw ImportError(line: value.position.line, column: value.position.column, message: "\(member.key): expected a string, number or null")
            }
            row.cells[column] = cell
        }
        for (index, name) in subject.columns.enumerated() where row.cells[index] == nil && subject.required.contains(name) {
            throw ImportError(line: item.position.line, column: item.position.column, message: "\(name): is required")
        }
        return row
    }

    private static func subjectOf(_ names: [String], expected: ExchangeSubject?, line: Int) throws(ImportError) -> ExchangeSubject {
        if let expected { return expected }
        guard let subject = ExchangeSubject.detect(columns: names) else {
            throw ImportError(line: line, column: 1, message: "cannot tell what this file holds: expected a \"ref\" (opportunities), \"username\" (students) or \"student\" and \"opportunity\" (applications) column")
        }
        return subject
    }
}
