import Foundation
import TernText

/// Where search words show in text: each word matches as a prefix at the start of a word,
/// ignoring case and accents, as the catalogue's search does (`cafe` marks "Café").
///
/// ```swift
/// Highlight.columns(in: "Café data", terms: ["cafe"])   // [0..<4]
/// ```
public enum Highlight {
    /// The style a match is drawn in, on top of the text's own: bold and underlined, so it
    /// shows in monochrome and on the selected row alike.
    public static func restyle(_ style: inout Style) {
        style.bold = true
        style.underline = true
    }

    /// The column ranges of matches in `text` (already sanitized, as drawn).
    public static func columns(in text: String, terms: [String]) -> [Range<Int>] {
        let wanted = terms.map(fold).filter { !$0.isEmpty }
        guard !wanted.isEmpty else { return [] }
        let characters = Array(text)
        let folded = characters.map { fold(String($0)) }
        var columns: [Int] = []
        var column = 0
        for c in characters {
            columns.append(column)
            column += DisplayWidth.of(c)
        }
        columns.append(column)
        var ranges: [Range<Int>] = []
        var i = 0
        while i < characters.count {
            let startsWord = i == 0 || !isWordCharacter(characters[i - 1])
            var matchedThrough: Int?
            if startsWord, isWordCharacter(characters[i]) {
                for term in wanted {
                    var joined = "", j = i
                    while j < characters.count, joined.count < term.count {
                        joined += folded[j]
                        j += 1
                    }
                    if joined.hasPrefix(term) { matchedThrough = max(matchedThrough ?? 0, j) }
                }
            }
            if let end = matchedThrough {
                ranges.append(columns[i]..<columns[end])
                i = end
            } else {
                i += 1
            }
        }
        return ranges
    }

    /// `line` with the matches restyled; muted spans (labels) are left alone.
    public static func apply(to line: StyledLine, terms: [String]) -> StyledLine {
        guard !terms.isEmpty else { return line }
        var result: StyledLine = []
        for span in line {
            let ranges = span.style == .muted ? [] : columns(in: span.text, terms: terms)
            guard !ranges.isEmpty else { result.append(span); continue }
            var column = 0
            var current = "", currentMatched = false
            func flush() {
                guard !current.isEmpty else { return }
                var style = span.style
                if currentMatched { restyle(&style) }
                result.append(StyledSpan(current, style))
                current = ""
            }
            for c in span.text {
                let matched = ranges.contains { $0.contains(column) }
                if matched != currentMatched { flush(); currentMatched = matched }
                current.append(c)
                column += DisplayWidth.of(c)
            }
            flush()
        }
        return result
    }

    private static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
