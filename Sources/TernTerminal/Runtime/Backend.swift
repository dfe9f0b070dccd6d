/// Where frames go and keys come from: the terminal (``NcursesBackend``) or memory
/// (``InMemoryBackend``, for tests). The loop talks to nothing else.
///
/// ```swift
/// backend.draw(frame.grid, cursor: frame.cursor)
/// if let key = backend.nextInput(timeoutMilliseconds: 400) { … }
/// ```
public protocol Backend: AnyObject {
    /// The screen's size, updated when a resize is read.
    var size: Size { get }
    /// True once input has ended (the terminal went away): the loop stops.
    var inputClosed: Bool { get }
    /// Shows `grid`, writing only the cells that differ from the last frame drawn.
    func draw(_ grid: CellGrid, cursor: (x: Int, y: Int)?)
    /// The next key, mouse event or ``Key/resize`` within `timeoutMilliseconds` (0 polls); nil
    /// when none came.
    func nextInput(timeoutMilliseconds: Int) -> Key?
}
