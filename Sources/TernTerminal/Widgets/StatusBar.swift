import TernText

/// A key and what it does, as shown in the status bar and the help overlay.
///
/// ```swift
/// KeyHint("j/down", "down")
/// ```
public struct KeyHint: Sendable, Equatable {
    public var keys: String
    public var label: String

    /// ```swift
    /// KeyHint("?", "help")
    /// ```
    public init(_ keys: String, _ label: String) {
        self.keys = keys
        self.label = label
    }
}

/// The bottom line: the keys that work right now, and the latest message.
///
/// ```swift
/// StatusBar.draw(into: &grid, row: screen.maxY - 1, width: screen.width, hints: StatusBar.hints([.open, .quit], keyMap: map))
/// ```
public enum StatusBar {
    /// One row: "keys label" pairs separated by two spaces (keys in `.accent` bold, label `.muted`),
    /// dropping from the end the hints that don't fit, since a half-shown hint is worse than none
    /// (hints come in priority order). `pinned` hints (help, quit) follow the others and are
    /// never dropped for them: the way to help and out must always show. A message, when given,
    /// is right-aligned and wins over the ordinary hints: it is what just happened. Errors are
    /// drawn in `Style.error`.
    ///
    /// ```swift
    /// StatusBar.draw(into: &grid, row: 23, width: 80, hints: [KeyHint("/", "search")], pinned: [KeyHint("q", "quit")], message: "Saved")
    /// ```
    public static func draw(into grid: inout CellGrid, row: Int, width: Int, hints: [KeyHint], pinned: [KeyHint] = [],
                            message: String? = nil, messageIsError: Bool = false) {
        WidgetSupport.fill(&grid, Rect(x: 0, y: row, width: width, height: 1))
        guard width > 0 else { return }
        var room = width
        if let message, !message.isEmpty {
            let text = TextLayout.truncate(Sanitizer.line(message), to: width)
            let used = DisplayWidth.of(text)
            WidgetSupport.write(&grid, text, x: width - used, y: row, maxWidth: used, style: messageIsError ? .error : .plain)
            room = width - used - 2  // two spaces between the last hint and the message
        }
        let pinnedWidth = Self.width(of: pinned)
        var shown: [KeyHint] = []
        var used = 0
        for hint in hints {
            let needed = (used == 0 ? 0 : 2) + Self.width(of: [hint])
            guard used + needed + (pinned.isEmpty ? 0 : 2 + pinnedWidth) <= room else { break }
            shown.append(hint)
            used += needed
        }
        var x = 0
        for hint in shown + pinned {
            let keys = Sanitizer.line(hint.keys), label = Sanitizer.line(hint.label)
            let gap = x == 0 ? 0 : 2
            guard x + gap + Self.width(of: [hint]) <= room else { break }
            x += gap
            x += WidgetSupport.write(&grid, keys, x: x, y: row, maxWidth: room - x, style: .accent)
            if !label.isEmpty {
                x += 1 + WidgetSupport.write(&grid, label, x: x + 1, y: row, maxWidth: room - x - 1, style: .muted)
            }
        }
    }

    /// Columns `hints` take in a row, two spaces between them.
    ///
    /// ```swift
    /// StatusBar.width(of: [KeyHint("?", "help"), KeyHint("q", "quit")])   // 14
    /// ```
    public static func width(of hints: [KeyHint]) -> Int {
        guard !hints.isEmpty else { return 0 }
        return hints.reduce(2 * (hints.count - 1)) { total, hint in
            let label = Sanitizer.line(hint.label)
            return total + DisplayWidth.of(Sanitizer.line(hint.keys)) + (label.isEmpty ? 0 : 1 + DisplayWidth.of(label))
        }
    }

    /// Hints for `actions` from the key map, so the bar shows what actually works (user
    /// rebindings included). An action with no key is left out: a hint without a key is a lie.
    ///
    /// ```swift
    /// StatusBar.hints([.moveDown, .quit], keyMap: StudentAction.defaultKeyMap)   // [KeyHint("j/down", "down"), KeyHint("q", "quit")]
    /// ```
    public static func hints<Action: ScreenAction>(_ actions: [Action], keyMap: KeyMap<Action>) -> [KeyHint] {
        actions.compactMap { action in
            let names = keyMap.keyNames(for: action)
            return names.isEmpty ? nil : KeyHint(names, action.label)
        }
    }
}
