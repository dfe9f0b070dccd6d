import TernText

/// Fits sanitized text into terminal columns: truncate with an ellipsis, pad to a fixed width, wrap
/// into lines. Widths are ``DisplayWidth`` columns; a grapheme cluster is never split, so an emoji
/// or an accented letter is always drawn whole or not at all.
///
/// Give it sanitized text (``Sanitizer/line(_:)`` for `truncate`/`pad`, ``Sanitizer/block(_:)``
/// for `wrap`): raw controls measure 0 columns here but would not draw as 0.
///
/// ```swift
/// TextLayout.pad(TextLayout.truncate(title, to: 20), to: 20)   // exactly 20 columns
/// ```
public enum TextLayout {
    /// Where ``TextLayout/pad(_:to:alignment:)`` puts text inside the width.
    ///
    /// ```swift
    /// TextLayout.pad("42", to: 5, alignment: .right)   // "   42"
    /// ```
    public enum Alignment: Sendable, Equatable {
        /// Text first, spaces after.
        case left
        /// Spaces first, text after.
        case right
        /// Spaces split around the text; the odd one goes after.
        case center
    }

    /// Shortens text to at most `width` columns, ending it with `ellipsis` when anything was cut.
    /// Whole grapheme clusters only: a wide character that would straddle the limit is left out,
    /// so the result can be one column short. `width` ≤ 0 gives "", and an ellipsis wider than
    /// `width` is itself cut to fit (so width 1 gives "…" for any longer text).
    ///
    /// ```swift
    /// TextLayout.truncate("数据分析师", to: 6)   // "数据…" (5 columns: 数据分 would need 7)
    /// ```
    public static func truncate(_ s: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(s) <= width { return s }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        if ellipsisWidth > width { return String(prefix(ellipsis[...], fitting: width).text) }
        return String(prefix(s[...], fitting: width - ellipsisWidth).text) + ellipsis
    }

    /// Makes text exactly `width` columns: truncated (with "…") when longer, padded with spaces
    /// when shorter. A one-column gap left by a dropped wide character is padded too.
    ///
    /// ```swift
    /// TextLayout.pad("数据", to: 6, alignment: .center)   // " 数据 "
    /// ```
    public static func pad(_ s: String, to width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        var fitted = s
        var used = DisplayWidth.of(s)
        if used > width {
            fitted = truncate(s, to: width)
            used = DisplayWidth.of(fitted)
        }
        let gap = width - used
        guard gap > 0 else { return fitted }
        switch alignment {
        case .left: return fitted + spaces(gap)
        case .right: return spaces(gap) + fitted
        case .center: return spaces(gap / 2) + fitted + spaces(gap - gap / 2)
        }
    }

    /// Wraps text into lines of at most `width` columns. Breaks at spaces (runs of spaces between
    /// words are kept inside a line, dropped at a break, trimmed at a line's end); a word wider
    /// than a whole line is broken between clusters; East Asian wide text (CJK, kana, Hangul)
    /// may break between any two of its characters (no kinsoku rules). Every "\n" (or CRLF) ends
    /// a paragraph and empty paragraphs stay as empty lines; leading spaces (indentation) are kept
    /// on a paragraph's first line when they fit. `width` ≤ 0 gives no lines; a cluster wider than
    /// `width` (a two-column character when `width` is 1) cannot be drawn and is left out.
    ///
    /// ```swift
    /// TextLayout.wrap("Design lead\n\nRemote ok", width: 8)   // ["Design", "lead", "", "Remote", "ok"]
    /// ```
    public static func wrap(_ s: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            wrapParagraph(paragraph, width: width, into: &lines)
        }
        return lines
    }

    // MARK: - Internals

    /// The longest run of whole clusters from the start of `s` that fits in `width` columns.
    static func prefix(_ s: Substring, fitting width: Int) -> (text: Substring, width: Int) {
        var used = 0
        var end = s.startIndex
        var i = s.startIndex
        while i < s.endIndex {
            let next = s.index(after: i)
            let w = DisplayWidth.of(s[i])
            if used + w > width { break }
            used += w
            end = next
            i = next
        }
        return (s[..<end], used)
    }

    private static func spaces(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }

    /// A word (or a lone breakable wide character) and the spaces before it.
    private struct Piece {
        var text: Substring
        var width: Int
        var spacesBefore: Int
    }

    /// Whether a line may break before and after this cluster even without a space: East Asian
    /// wide letters and symbols, but not emoji (those stay with their word).
    private static func breaksAround(_ c: Character) -> Bool {
        guard let u = c.unicodeScalars.first, u.value >= 0x1100 else { return false }
        return DisplayWidth.isWide(u.value) && !u.properties.isEmojiPresentation
    }

    private static func wrapParagraph(_ p: Substring, width: Int, into lines: inout [String]) {
        if DisplayWidth.of(String(p)) <= width {
            lines.append(String(trimmingTrailingSpaces(p)))
            return
        }
        let linesBefore = lines.count
        var line = ""
        var lineWidth = 0
        var hasContent = false
        var isFirstPiece = true
        for piece in pieces(of: p) {
            defer { isFirstPiece = false }
            if hasContent {
                if lineWidth + piece.spacesBefore + piece.width <= width {
                    line += spaces(piece.spacesBefore)
                    line += piece.text
                    lineWidth += piece.spacesBefore + piece.width
                    continue
                }
                lines.append(line)
                line = ""
                lineWidth = 0
                hasContent = false
            } else if isFirstPiece && piece.spacesBefore + piece.width <= width {
                line = spaces(piece.spacesBefore) + piece.text  // indentation
                lineWidth = piece.spacesBefore + piece.width
                hasContent = true
                continue
            }
            if piece.width <= width {
                line = String(piece.text)
                lineWidth = piece.width
                hasContent = true
                continue
            }
            for c in piece.text {  // hard break between clusters
                let w = DisplayWidth.of(c)
                if w > width { continue }
                if lineWidth + w > width {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(c)
                lineWidth += w
                hasContent = true
            }
        }
        if hasContent || lines.count == linesBefore { lines.append(line) }  // a paragraph is at least a line
    }

    /// Splits a paragraph into words and lone breakable wide characters.
    private static func pieces(of p: Substring) -> [Piece] {
        var pieces: [Piece] = []
        var spaces = 0
        var wordStart: Substring.Index? = nil
        var wordWidth = 0
        var wordSpaces = 0
        var i = p.startIndex
        while i < p.endIndex {
            let c = p[i]
            let next = p.index(after: i)
            let isSpace = c == " "
            let isBreakable = !isSpace && breaksAround(c)
            if let start = wordStart, isSpace || isBreakable {
                pieces.append(Piece(text: p[start..<i], width: wordWidth, spacesBefore: wordSpaces))
                wordStart = nil
            }
            if isSpace {
                spaces += 1
            } else if isBreakable {
                pieces.append(Piece(text: p[i..<next], width: DisplayWidth.of(c), spacesBefore: spaces))
                spaces = 0
            } else {
                if wordStart == nil {
                    wordStart = i
                    wordWidth = 0
                    wordSpaces = spaces
                    spaces = 0
                }
                wordWidth += DisplayWidth.of(c)
            }
            i = next
        }
        if let start = wordStart {
            pieces.append(Piece(text: p[start...], width: wordWidth, spacesBefore: wordSpaces))
        }
        return pieces
    }

    private static func trimmingTrailingSpaces(_ s: Substring) -> Substring {
        var end = s.endIndex
        while end > s.startIndex {
            let before = s.index(before: end)
            guard s[before] == " " else { break }
            end = before
        }
        return s[..<end]
    }
}
