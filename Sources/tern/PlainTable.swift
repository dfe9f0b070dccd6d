import TernTerminal
import TernText

/// An aligned text table for the command line, laid out by display width with every cell
/// sanitized: catalogue text is untrusted and goes straight to a terminal.
///
/// ```swift
/// print(PlainTable.render(header: ["ID", "STATUS"], rows: [["12", "submitted"]], limits: [6, 14]))
/// ```
enum PlainTable {
    static func render(header: [String], rows: [[String]], limits: [Int], rightAligned: Set<Int> = []) -> String {
        let body = rows.map { $0.map(Sanitizer.line) }
        let widths = header.indices.map { column in
            min(limits[column], ([header[column]] + body.map { $0[column] }).map(DisplayWidth.of).max() ?? 0)
        }
        return ([header] + body).map { cells in
            cells.enumerated().map { column, text in
                TextLayout.pad(text, to: widths[column], alignment: rightAligned.contains(column) ? .right : .left)
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
