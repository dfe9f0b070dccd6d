import Foundation

/// Reads an import file into format-neutral rows, checking its shape (header, column count,
/// unknown names) with exact positions. Values are checked afterwards by ``ExchangeValidation``.
enum ExchangeReader {
    static func rows(text: String, format: ExchangeFormat, subject expected: ExchangeSubject?) throws(ImportError) -> (ExchangeSubject, [ExchangeRow]) {
        switch format {
        case .csv: try csvRows(text, expected)
        case .json: try jsonRows(text, expected)
        }
    }

    /// Decodes UTF-8, naming the place of the first bad byte in the file's own terms: for CSV
    /// its line and field number, for JSON its line and character column.
    static func decode(_ data: Data, format: ExchangeFormat) throws(ImportError) -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        let bytes = [UInt8](data)
        let bad = firstInvalidUTF8(bytes)
        let position = switch format {
        case .csv: csvPosition(of: bad, in: bytes)
        case .json: characterPosition(of: bad, in: bytes)
        }
        throw ImportError(line: position.line, column: position.column, message: "not UTF-8 text")
    }

    /// The offset of the first byte that does not begin a well-formed UTF-8 sequence (an overlong
    /// form, a surrogate and a stray continuation byte are all ill-formed).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error, .emptyInput: return offset
            }
        }
    }

    /// Line and field number of the byte at `offset`, scanning the (valid) bytes before it as
    /// ``CSVReader`` would: commas and line ends inside quotes belong to the field.
    static func csvPosition(of offset: Int, in bytes: [UInt8]) -> TextPosition {
        var line = 1, field = 1, quoted = false, index = 0
        while index < offset {
            switch bytes[index] {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ","): if !quoted { field += 1 }
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if bytes[index] == UInt8(ascii: "\r"), index + 1 < offset, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                line += 1
                if !quoted { field = 1 }
            default: break
            }
            index += 1
        }
        return TextPosition(line: line, column: field)
    }

    /// Line and character column of the byte at `offset`, as an editor shows them (and as
    /// ``PositionedJSON`` counts).
    static func characterPosition(of offset: Int, in bytes: [UInt8]) -> TextPosition {
        // A byte order mark is not a character anyone sees.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1, lineStart = start, index = start
        while index < offset {
            if bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
                if bytes[index] == UInt8(ascii: "\r"), index + 1 < offset, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return TextPosition(line: line, column: String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1)
    }

    private static func csvRows(_ text: String, _ expected: ExchangeSubject?) throws(ImportError) -> (ExchangeSubject, [ExchangeRow]) {
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(in: text)
        } catch {
            throw ImportError(line: error.position.line, column: error.position.column, message: error.message)
        }
        guard let header = records.first else {
            throw ImportError(line: 1, column: 1, message: "empty file: expected a header row")
        }
        let names = header.fields.map { $0.value.trimmingCharacters(in: .whitespaces) }
        let subject = try subjectOf(names, expected: expected, line: header.line)
        var seen = Set<String>()
        for (index, name) in names.enumerated() {
            guard subject.columns.contains(name) else {
                throw ImportError(line: header.line, column: index + 1, message: "unknown column \"\(name)\"; expected \(subject.columns.joined(separator: ", "))")
            }
            guard seen.insert(name).inserted else {
                throw ImportError(line: header.line, column: index + 1, message: "column \"\(name)\" appears twice")
            }
        }
        if let missing = subject.columns.first(where: { subject.required.contains($0) && !seen.contains($0) }) {
            throw ImportError(line: header.line, column: names.count + 1, message: "missing required column \"\(missing)\"")
        }
        var rows: [ExchangeRow] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                throw ImportError(line: record.line, column: min(record.fields.count, names.count) + 1,
                                  message: "expected \(names.count) fields, found \(record.fields.count)")
            }
            var cells: [String: ExchangeRow.Cell] = [:]
            for (index, field) in record.fields.enumerated() {
                cells[names[index]] = .init(text: field.value, list: nil, line: field.position.line, column: index + 1)
            }
            rows.append(ExchangeRow(line: record.line, column: 1, cells: cells))
        }
        return (subject, rows)
    }

    private static func jsonRows(_ text: String, _ expected: ExchangeSubject?) throws(ImportError) -> (ExchangeSubject, [ExchangeRow]) {
        let document: JSONValue
        do {
            document = try PositionedJSON.parse(text)
        } catch {
            throw ImportError(line: error.position.line, column: error.position.column, message: error.message)
        }
        guard let items = document.array else {
            throw ImportError(line: document.position.line, column: document.position.column, message: "expected an array of records")
        }
        var subject = expected
        var rows: [ExchangeRow] = []
        for item in items {
            guard case .object(let members) = item.kind else {
                throw ImportError(line: item.position.line, column: item.position.column, message: "expected an object")
            }
            let keys = members.map(\.key)
            let rowSubject: ExchangeSubject
            if let subject { rowSubject = subject } else { rowSubject = try subjectOf(keys, expected: nil, line: item.position.line) }
            subject = rowSubject
            var cells: [String: ExchangeRow.Cell] = [:]
            for member in members {
                let value = member.value
                guard rowSubject.columns.contains(member.key) else {
                    throw ImportError(line: value.position.line, column: value.position.column,
                                      message: "unknown key \"\(member.key)\"; expected \(rowSubject.columns.joined(separator: ", "))")
                }
                var cell = ExchangeRow.Cell(text: nil, list: nil, line: value.position.line, column: value.position.column)
                switch value.kind {
                case .null: break
                case .string(let s): cell.text = s
                case .bool(let b): cell.text = b ? "true" : "false"
                case .number(_, let raw): cell.text = raw
                case .array(let elements) where rowSubject.listColumns.contains(member.key):
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
                cells[member.key] = cell
            }
            for name in rowSubject.columns where rowSubject.required.contains(name) && cells[name] == nil {
                throw ImportError(line: item.position.line, column: item.position.column, message: "\(name): is required")
            }
            rows.append(ExchangeRow(line: item.position.line, column: item.position.column, cells: cells))
        }
        return (subject ?? expected ?? .opportunities, rows)
    }

    private static func subjectOf(_ names: [String], expected: ExchangeSubject?, line: Int) throws(ImportError) -> ExchangeSubject {
        if let expected { return expected }
        guard let subject = ExchangeSubject.detect(columns: names) else {
            throw ImportError(line: line, column: 1, message: "cannot tell what this file holds: expected a \"ref\" (opportunities), \"username\" (students) or \"student\" and \"opportunity\" (applications) column")
        }
        return subject
    }
}
