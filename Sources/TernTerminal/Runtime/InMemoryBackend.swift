/// A terminal in memory, for tests: keys are queued by the test, frames are applied to a screen
/// grid cell by cell, only where they differ from the last frame, as ``NcursesBackend`` does. A
/// test reads ``screen`` (what a person would see) and ``cellsWrittenLastDraw`` (what the last
/// frame cost), without ncurses or tmux.
///
/// ```swift
/// let backend = InMemoryBackend(size: Size(width: 80, height: 24))
/// backend.queue(.character("j"))
/// let loop = Loop(screen: screen, backend: backend)
/// loop.runUntilIdle()
/// backend.screen.text()
/// ```
public final class InMemoryBackend: Backend {
    public private(set) var size: Size
    /// Set by the test to end input, as a closed terminal would.
    public var inputClosed = false
    /// What is on the "terminal" now.
    public private(set) var screen: CellGrid
    public private(set) var cursor: (x: Int, y: Int)?
    /// Cells the last draw wrote; a wide character counts once.
    public private(set) var cellsWrittenLastDraw = 0
    /// Every frame drawn so far.
    public private(set) var framesDrawn = 0
    private var previous: CellGrid?
    private var pending: [Key] = []

    public init(size: Size) {
        self.size = size
        screen = CellGrid(width: size.width, height: size.height)
    }

    /// Queues keys for the loop to read, in order.
    public func queue(_ keys: Key...) { pending += keys }

    /// Queues each character of `text` as a key.
    public func queue(typing text: String) { pending += text.map { Key.character($0) } }

    /// Changes the size, as a terminal window resized would: the next input is ``Key/resize``.
    public func resize(to size: Size) {
        self.size = size
        pending.append(.resize)
    }

    /// Keys queued and not yet read.
    public var queuedInput: Int { pending.count }

    public func draw(_ grid: CellGrid, cursor: (x: Int, y: Int)?) {
        framesDrawn += 1
        self.cursor = cursor
        guard grid.width == screen.width, grid.height == screen.height, let previous,
              previous.width == grid.width, previous.height == grid.height
        else {
            // A new size: nothing on screen can be trusted, so every cell is written.
            screen = grid
            self.previous = grid
            cellsWrittenLastDraw = grid.cells.filter { $0.width != 0 }.count
            return
        }
        var written = 0
        var updated = screen
        for y in 0..<grid.height {
            for x in 0..<grid.width where grid[x, y].width != 0 && previous[x, y] != grid[x, y] {
                updated.replace(x: x, y: y, with: grid[x, y], continuation: grid[x, y].width == 2 ? grid[x + 1, y] : nil)
                written += 1
            }
        }
        screen = updated
        self.previous = grid
        cellsWrittenLastDraw = written
    }

    public func nextInput(timeoutMilliseconds: Int) -> Key? {
        pending.isEmpty ? nil : pending.removeFirst()
    }
}
