import Foundation
import TernText

/// Writes one error line to stderr: the only way tern writes there. Error text echoes what was
/// wrong (a value or a column name from an import file, a path, an argument), which someone else
/// wrote, so the whole line goes through `Sanitizer.line`: escape sequences, bidi controls and
/// line breaks show as placeholders that a terminal draws and never obeys, and the error stays
/// one line. A line stderr cannot take makes the exit status 1 (``Output/notice(_:)``).
///
/// ```swift
/// printError("unknown field '\u{1B}]0;x\u{7}'")   // stderr: "tern: unknown field '^[]0;x^G'\n"
/// printError("data.csv:2:5: hours: …", prefix: "")   // import errors start with the file
/// ```
func printError(_ message: String, prefix: String = "tern: ") {
    Output.notice(Sanitizer.line(prefix + message) + "\n")
}
