/// Writes RFC 4180 CSV that `CSVReader` reads back to the same values. A cell a spreadsheet
/// would open as a formula is written with a `'` in front, which the reader takes off again
/// (``SpreadsheetCell``).
///
/// Lines end in "\n" rather than RFC 4180's "\r\n": exports are meant for Unix tools and
/// version control, and every spreadsheet and `CSVReader` accept both.
package enum CSVWriter {
    /// One record followed by "\n"; fields are quoted only when they need it.
    package static func line(_ fields: [String]) -> String {
        // A lone empty field would come out as a blank line, which readers skip, losing the record.
        if fields.count == 1 && fields[0].isEmpty {
            return "\"\"\n"
        }
        var result = ""
        for (index, field) in fields.map(SpreadsheetCell.neutralised).enumerated() {
            if index > 0 {
                result.append(",")
            }
            result.append(needsQuoting(field) ? quoted(field) : field)
        }
        result.append("\n")
        return result
    }

    /// A header record followed by one record per row.
    package static func document(header: [String], rows: [[String]]) -> String {
        var result = line(header)
        for row in rows {
            result.append(line(row))
        }
        return result
    }

    /// Works on Unicode scalars, not Characters: a quote followed by a combining mark is a single
    /// Character that is not equal to "\"", yet it still has to be escaped.
    private static func needsQuoting(_ field: String) -> Bool {
        let scalars = field.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        // Many tools trim unquoted edge whitespace, and a leading U+FEFF would be taken for a BOM.
        if first == " " || first == "\t" || first == "\u{FEFF}" || last == " " || last == "\t" {
            return true
        }
        return scalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
    }

    private static func quoted(_ field: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append("\"")
        for scalar in field.unicodeScalars {
            if scalar == "\"" {
                scalars.append("\"")
            }
            scalars.append(scalar)
        }
        scalars.append("\"")
        return String(scalars)
    }
}
