import TernStore

/// Rows in the text format of `COPY … FROM STDIN`: columns separated by tabs, rows ended by a
/// newline, NULL as `\N`, and in text the backslash, tab, newline and carriage return escaped.
/// Integers go as their digits and text as its bytes, so nothing is re-rendered on the way (the
/// 0/1 of SQLite's flags is what PostgreSQL's booleans read as false/true).
struct CopyText {
    private(set) var bytes: [UInt8] = []

    /// Appends one row, or says which value PostgreSQL could not hold as it is.
    mutating func append(row: [StoredValue], columns: [String], table: String) throws {
        for (index, value) in row.enumerated() {
            if index > 0 { bytes.append(0x09) }
            switch value {
            case .null:
                bytes.append(contentsOf: [0x5C, 0x4E])   // \N
            case .integer(let number):
                bytes.append(contentsOf: String(number).utf8)
            case .real(let number):
                // Where a column holds numbers of another kind than Tern writes, PostgreSQL's
                // own type check refuses the row, and the copy with it.
                bytes.append(contentsOf: String(number).utf8)
            case .text(let text):
                for byte in text.utf8 {
                    switch byte {
                    case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                    case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                    case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                    case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                    case 0x00:
                        throw CatalogueError.refused(
                            "\(table).\(column(index, of: columns)) holds a NUL character, which PostgreSQL cannot store; nothing was copied")
                    default: bytes.append(byte)
                    }
                }
            case .blob:
                throw CatalogueError.refused(
                    "\(table).\(column(index, of: columns)) holds binary data where Tern keeps text; nothing was copied")
            }
        }
        bytes.append(0x0A)
    }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    private func column(_ index: Int, of columns: [String]) -> String {
        index < columns.count ? columns[index] : "column \(index + 1)"
    }
}
