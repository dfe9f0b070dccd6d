/// An editable text field for forms: a name, a cover note, a search query.
///
/// The cursor counts grapheme clusters (what a person sees as one character), so it can never
/// sit inside an emoji or between a letter and its accent, and one backspace removes a whole
/// 👨‍👩‍👧. Layout on screen is by display width.
///
/// ```swift
/// var note = TextField("", multiline: true, limit: 2000)
/// _ = note.handle(.character("数"))
/// note.draw(into: &grid, area: area, focused: true)
/// ```
public struct TextField: Sendable, Equatable {
    /// The text. Setting it keeps the cursor inside it.
    public var text: String {
        didSet { cursor = min(cursor, text.count) }
    }
    /// A grapheme index, `0...text.count`.
    public private(set) var cursor: Int
    /// Whether enter inserts a line break and up/down move between lines.
    public var multiline: Bool
    /// The most grapheme clusters the text may hold; typing past it is ignored. For short
    /// inputs only (a number of hours, a search line): text that is stored uses ``counted``.
    public var limit: Int?
    /// The most Unicode scalars the text may hold when it is sent (the catalogue's own limit
    /// for the field, counted the way it counts). Typing or pasting past it is kept, never cut:
    /// the form shows the count against it ("312 / 300") and refuses to send until it fits.
    public var counted: Int?

    /// A field with the cursor at the end of `text`, ready to append.
    ///
    /// ```swift
    /// let name = TextField("Ada", limit: 80)
    /// ```
    public init(_ text: String = "", multiline: Bool = false, limit: Int? = nil, counted: Int? = nil) {
        self.text = text
        self.cursor = text.count
        self.multiline = multiline
        self.limit = limit
        self.counted = counted
    }

    /// The text's length as ``counted`` measures it: Unicode scalars, as the catalogue counts.
    public var count: Int { text.unicodeScalars.count }

    /// Whether the text holds more than ``counted`` allows, so it cannot be sent as it is.
    public var isOverCount: Bool { counted.map { count > $0 } ?? false }

    /// "312 / 300": the count against ``counted``, for the form to show beside the field.
    public var countLabel: String? { counted.map { "\(count) / \($0)" } }

    /// The editing keys a text field keeps whatever the key map says (they are not actions, so
    /// no config rebinds them), for help screens to list.
    public static let editingHints: [KeyHint] = [
        KeyHint("ctrl-u", "clear to the line's start"), KeyHint("ctrl-w", "delete the word before"),
        KeyHint("ctrl-a/ctrl-e", "line start/end"),
    ]

    /// Editing keys: characters insert, and so does a paste, whole (one event, one frame);
    /// backspace/delete; left/right/home/end (home/end = line
    /// start/end when multiline); ctrl-a/ctrl-e; ctrl-u clears to line start; ctrl-w deletes the
    /// previous word; enter inserts "\n" only when multiline. Returns false for keys it does not
    /// handle (tab, escape, up/down in single-line, up on the first line or down on the last when
    /// multiline) so the form can use them, e.g. to move focus. Control characters arriving as
    /// `.character` are refused: they would be stored and only ever shown as placeholders.
    ///
    /// ```swift
    /// if !field.handle(key) { form.handle(key) }
    /// ```
    public mutating func handle(_ key: Key) -> Bool {
        var chars = Array(text)
        let at = min(max(0, cursor), chars.count)
        switch key {
        case .character(let c) where c == "\n" || c == "\r\n" || c == "\r":
            guard multiline else { return false }
            insert("\n", into: chars, at: at)
        case .character(let c):
            guard !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return false }
            insert(String(c), into: chars, at: at)
        case .paste(let pasted):
            insert(pasteable(pasted), into: chars, at: at, fitting: true)
        case .enter:
            guard multiline else { return false }
            insert("\n", into: chars, at: at)
        case .backspace:
            guard at > 0 else { return true }
            chars.remove(at: at - 1)
            commit(chars, cursor: at - 1)
        case .delete:
            guard at < chars.count else { return true }
            chars.remove(at: at)
            commit(chars, cursor: at)
        case .left:
            cursor = max(0, at - 1)
        case .right:
            cursor = min(chars.count, at + 1)
        case .home, .control("a"):
            cursor = lineStart(chars, at)
        case .end, .control("e"):
            cursor = lineEnd(chars, at)
        case .control("u"):
            let start = lineStart(chars, at)
            chars.removeSubrange(start..<at)
            commit(chars, cursor: start)
        case .control("w"):
            // Readline's unix-word-rubout: the spaces before the cursor, then the word before them.
            var start = at
            while start > 0, chars[start - 1].isWhitespace { start -= 1 }
            while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
            chars.removeSubrange(start..<at)
            commit(chars, cursor: start)
        case .up, .down:
            guard multiline else { return false }
            return moveVertically(chars, from: at, down: key == .down)
        default:
            return false
        }
        return true
    }

    /// Draws the text (single line: scrolled horizontally by display width so the cursor stays
    /// visible; multiline: wrapped, scrolled vertically to the cursor) with the cursor cell in
    /// reverse when focused. With `markers`, a multiline field keeps its last column for "↑"/"↓"
    /// when lines lie above or below the box (forms draw them). Returns the screen position of
    /// the cursor, for parking the hardware cursor there (screen readers and magnifiers follow it).
    ///
    /// ```swift
    /// let caret = field.draw(into: &grid, area: Rect(x: 10, y: 4, width: 30, height: 1), focused: true)
    /// ```
    @discardableResult
    public func draw(into grid: inout CellGrid, area: Rect, focused: Bool, markers: Bool = false) -> (x: Int, y: Int) {
        let chars = Array(text)
        if multiline {
            return LineRenderer.drawMultiline(chars, cursor: cursor, into: &grid, area: area, showCursor: focused, markers: markers)
        }
        return LineRenderer.drawSingleLine(chars, cursor: cursor, into: &grid, area: area, showCursor: focused)
    }

    // MARK: - Editing

    /// A paste as this field takes it: a single-line field turns line breaks into spaces;
    /// control characters are gone already (``PastedText``), and anything that is not stays out.
    private func pasteable(_ pasted: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in pasted.unicodeScalars {
            if scalar == "\n" {
                kept.append(multiline ? "\n" : " ")
            } else if scalar.properties.generalCategory != .control {
                kept.append(scalar)
            }
        }
        return String(kept)
    }

    /// Inserts `s` at `index`. Past ``limit`` a typed character is ignored; a paste (`fitting`)
    /// keeps the clusters that fit.
    private mutating func insert(_ s: String, into chars: [Character], at index: Int, fitting: Bool = false) {
        var s = s
        if fitting, let limit {
            let room = max(0, limit - chars.count)
            if s.count > room { s = String(s.prefix(room)) }
        }
        guard !s.isEmpty else { return }
        let before = String(chars[..<index]) + s
        let updated = before + String(chars[index...])
        if let limit, updated.count > limit { return }
        text = updated
        // Counted on the new text: an inserted combining mark joins the cluster before it.
        cursor = min(before.count, text.count)
    }

    /// Stores edited clusters; removing one can make its neighbours join, so the cursor is
    /// recounted on the joined text.
    private mutating func commit(_ chars: [Character], cursor index: Int) {
        text = String(chars)
        cursor = min(String(chars[..<index]).count, text.count)
    }

    private func lineStart(_ chars: [Character], _ index: Int) -> Int {
        guard multiline else { return 0 }
        var i = index
        while i > 0, !LineRenderer.isNewline(chars[i - 1]) { i -= 1 }
        return i
    }

    private func lineEnd(_ chars: [Character], _ index: Int) -> Int {
        guard multiline else { return chars.count }
        var i = index
        while i < chars.count, !LineRenderer.isNewline(chars[i]) { i += 1 }
        return i
    }

    /// Moves to the same display column on the previous or next line (or that line's end when it
    /// is shorter). False on the first line going up or the last going down.
    private mutating func moveVertically(_ chars: [Character], from index: Int, down: Bool) -> Bool {
        let start = lineStart(chars, index)
        let column = chars[start..<index].reduce(0) { $0 + LineRenderer.glyph($1).width }
        let targetStart: Int
        if down {
            let end = lineEnd(chars, index)
            guard end < chars.count else { return false }
            targetStart = end + 1
        } else {
            guard start > 0 else { return false }
            targetStart = lineStart(chars, start - 1)
        }
        let targetEnd = lineEnd(chars, targetStart)
        var i = targetStart, used = 0
        while i < targetEnd {
            let w = LineRenderer.glyph(chars[i]).width
            if used + w > column { break }
            used += w
            i += 1
        }
        cursor = i
        return true
    }
}
