/// A terminal size in cells.
///
/// ```swift
/// let size = Size(width: 120, height: 40)
/// ```
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var description: String { "\(width)x\(height)" }
}

/// A kind of background work. Starting a task of a kind supersedes every older task of that
/// kind: one not yet started is skipped, and a result that comes back late is dropped.
///
/// ```swift
/// extension TaskKind { static let search = TaskKind("search") }
/// ```
public struct TaskKind: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }
}

/// Names a timer a screen started, so its ticks can be told apart and it can be stopped.
///
/// ```swift
/// extension TimerID { static let idleReset = TimerID("idle reset") }
/// ```
public struct TimerID: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }
}

/// Everything that reaches a screen comes in through the loop as one of these, one at a time,
/// on the loop's thread. `Outcome` is what the screen's background tasks return.
///
/// ```swift
/// switch event {
/// case .key(let key): handle(key)
/// case .taskFinished(.search, let outcome): show(outcome)
/// default: break
/// }
/// ```
public enum Event<Outcome: Sendable>: Sendable {
    /// A key, or a mouse event (mouse events travel as ``Key/mouse(_:)``).
    case key(Key)
    /// The terminal's size: once when the loop starts, then after every resize.
    case resize(Size)
    /// A timer the screen started is due.
    case tick(TimerID)
    /// Another process (or another connection) committed to the catalogue.
    case catalogueChanged
    /// The catalogue under the reader is no longer the one there (a SQLite file replaced or
    /// restored): a reader that can open it again does; the others read again.
    case catalogueReplaced
    /// The catalogue cannot be reached now (its server restarting): the screen keeps what it
    /// shows and what was typed, and says it is reconnecting; ``catalogueChanged`` follows once
    /// it is back. Sent again at every look while it lasts.
    case catalogueUnreachable
    /// A background task of this kind finished and was not superseded.
    case taskFinished(TaskKind, Outcome)
}
