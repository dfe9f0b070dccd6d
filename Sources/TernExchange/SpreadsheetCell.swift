/// Keeps a CSV cell from opening as a live formula in a spreadsheet, reversibly.
///
/// Spreadsheets take a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a
/// formula (`=HYPERLINK("http://evil.example/…")` in a cover note). Every CSV tern writes puts
/// one `'` before such a cell, which spreadsheets show as text and do not display; `tern import`
/// takes it off again, so an export re-imports byte for byte. To keep that exact, a cell that
/// itself begins with `'` followed by one of those characters or by another `'` gets one more `'`
/// as well. The rule, both ways:
///
/// - writing: a cell that begins with `=` `+` `-` `@` tab or CR, or with `'` followed by one of
///   those or by `'`, gets a `'` in front;
/// - reading: a cell that begins with `'` followed by one of those or by `'` loses its first `'`.
///
/// Every other cell is left alone (`'Tis the season` stays as it is both ways).
///
/// ```swift
/// SpreadsheetCell.neutralised("=1+2")    // "'=1+2"
/// SpreadsheetCell.neutralised("'=1+2")   // "''=1+2"
/// SpreadsheetCell.restored("''=1+2")     // "'=1+2"
/// ```
public enum SpreadsheetCell {
    /// What a spreadsheet reads as the start of a formula.
    package static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell as written to CSV.
    public static func neutralised(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard let first = scalars.first else { return cell }
        if formulaStarts.contains(first) || (first == "'" && isGuarded(scalars.dropFirst().first)) {
            return "'" + cell
        }
        return cell
    }

    /// The cell as read from CSV: what ``neutralised(_:)`` was given.
    public static func restored(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.first == "'", isGuarded(scalars.dropFirst().first) else { return cell }
        return String(scalars.dropFirst())
    }

    private static func isGuarded(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar == "'" || formulaStarts.contains(scalar)
    }
}
