/// One drawn screen: the cells, and where to park the hardware cursor (the selected row or the
/// caret, since screen readers and magnifiers follow it; nil hides it).
///
/// ```swift
/// Frame(grid: grid, cursor: (x: 0, y: 3))
/// ```
public struct Frame: Sendable {
    public var grid: CellGrid
    public var cursor: (x: Int, y: Int)?

    public init(grid: CellGrid, cursor: (x: Int, y: Int)? = nil) {
        self.grid = grid
        self.cursor = cursor
    }
}

/// A full-screen view on the runtime: state, an update that turns events into a new state and
/// effects, and a view that draws the state.
///
/// `view` is static so it cannot reach the screen's view models: it is a pure function of the
/// state and the size. Whatever it shows was put into the state by `update` (or arrived there
/// as a task's result), so drawing never queries, never mutates, and never meets an error.
///
/// ```swift
/// final class Clock: Screen {
///     struct State { var ticks = 0 }
///     private(set) var state = State()
///     func update(_ event: Event<Never>) -> [Effect<Never>] {
///         if case .tick = event { state.ticks += 1 }
///         if case .key(.character("q")) = event { return [.quit] }
///         return []
///     }
///     static func view(_ state: State, size: Size) -> Frame {
///         var grid = CellGrid(width: size.width, height: size.height)
///         grid.write("\(state.ticks)", x: 0, y: 0)
///         return Frame(grid: grid)
///     }
/// }
/// ```
public protocol Screen: AnyObject {
    associatedtype State
    /// What the screen's background tasks return.
    associatedtype Outcome: Sendable

    var state: State { get }
    /// False while the screen shows a placeholder instead of what it is for (the catalogue
    /// cannot be read yet, say). `--exit-after-first-frame` waits for a frame with content.
    var showsContent: Bool { get }
    func update(_ event: Event<Outcome>) -> [Effect<Outcome>]
    static func view(_ state: State, size: Size) -> Frame
}

extension Screen {
    /// Most screens read what they show before their first frame.
    public var showsContent: Bool { true }
}
