import TernText

/// The `:` command line on the status row, for what is quicker typed than navigated. A screen
/// lists its commands as ``CommandSpec``s; `:help` shows them all, generated from that list.
///
/// ```swift
/// var prompt = CommandPrompt()
/// switch prompt.handle(key, keyMap: keyMap) { case .run(let verb, let rest): run(verb, rest); default: break }
/// ```
public struct CommandPrompt: Sendable, Equatable {
    public enum Outcome: Equatable { case editing, cancelled, run(verb: String, rest: String), quit }

    public var field = TextField(limit: 200)

    public init() {}

    /// A key while the prompt is open: enter runs, esc closes (both from the key map's
    /// command-line scope), everything else edits.
    public mutating func handle<Action: ScreenAction>(_ key: Key, keyMap: KeyMap<Action>) -> Outcome {
        let intent = keyMap.action(for: key, in: [.commandLine])?.intent
        switch intent {
        case .runCommand?:
            let words = field.text.split(separator: " ").map(String.init)
            guard let verb = words.first?.lowercased() else { return .cancelled }
            return .run(verb: verb, rest: words.dropFirst().joined(separator: " "))
        case .cancelCommand?: return .cancelled
        case .quitNow?: return .quit
        default:
            _ = field.handle(key)
            return .editing
        }
    }

    /// ": text" on `row`; returns the caret.
    public func draw(into grid: inout CellGrid, row: Int, width: Int) -> (x: Int, y: Int) {
        WidgetSupport.fill(&grid, Rect(x: 0, y: row, width: width, height: 1))
        grid.write(":", x: 0, y: row, style: .accent)
        return field.draw(into: &grid, area: Rect(x: 1, y: row, width: max(0, width - 1), height: 1), focused: true)
    }
}
