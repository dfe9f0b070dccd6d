import TernText

/// The latest message ("application sent", "cannot apply: …"): in the status bar when it fits
/// beside the keys that must stay there, else in a box just above it, wrapped, so a message is
/// never cut off at the screen's edge. It goes at the next key, or after ``lifetimeMilliseconds``
/// (a timer of the loop's).
///
/// ```swift
/// effects += state.toasts.show("saved search “remote”")
/// // later: case .tick(Toasts.timer): state.toasts.clear()
/// ```
public struct Toasts: Sendable, Equatable {
    public struct Message: Sendable, Equatable {
        public var text: String
        public var isError: Bool
    }

    public static let timer = TimerID("toast")
    public static let lifetimeMilliseconds = 8000

    public private(set) var current: Message?

    public init() {}

    /// Shows `text`; returns the effect that times it out.
    public mutating func show<Outcome>(_ text: String, isError: Bool = false) -> [Effect<Outcome>] {
        current = Message(text: text, isError: isError)
        return [.startTimer(Self.timer, everyMilliseconds: Self.lifetimeMilliseconds)]
    }

    public mutating func clear() { current = nil }

    /// Clears the message only if it is still `text` (a later message stays).
    public mutating func clear(_ text: String) {
        if current?.text == text { current = nil }
    }

    /// Said while the catalogue cannot be reached: what is shown and typed is kept meanwhile.
    public static let reconnecting = "reconnecting to the catalogue… (what you typed is kept)"

    /// The status bar on `row` with `hints` (dropped from the end when short of room) and
    /// `pinned` (kept: help and quit must always show), and the message.
    public func draw(into grid: inout CellGrid, row: Int, width: Int, hints: [KeyHint], pinned: [KeyHint], box: BoxStyle = .line) {
        let pinnedWidth = StatusBar.width(of: pinned)
        if let current, DisplayWidth.of(Sanitizer.line(current.text)) + 2 + pinnedWidth > width {
            StatusBar.draw(into: &grid, row: row, width: width, hints: hints, pinned: pinned)
            Toast.draw(into: &grid, screen: Rect(x: 0, y: 0, width: width, height: row + 1), message: current.text,
                       isError: current.isError, box: box)
        } else {
            StatusBar.draw(into: &grid, row: row, width: width, hints: hints, pinned: pinned, message: current?.text,
                           messageIsError: current?.isError ?? false)
        }
    }
}
