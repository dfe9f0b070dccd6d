import Foundation

/// Marks the thread while a screen's update or view runs, so a store (or a test's stand-in for
/// one) can tell that it is being called where it must never be: on the loop, where a read
/// would freeze every key behind it. Background tasks run elsewhere and are never marked (the
/// mark is the thread's, not inherited by the tasks an update starts).
///
/// ```swift
/// if LoopThread.isCurrent { Issue.record("a store was called on the loop") }
/// ```
public enum LoopThread {
    private static let key = "tern.loop-thread"

    /// True while this thread runs a screen's update or view.
    public static var isCurrent: Bool { Thread.current.threadDictionary[key] != nil }

    /// Runs `body` marked as the loop.
    public static func running<T>(_ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        let outer = dictionary[key]
        dictionary[key] = true
        defer { dictionary[key] = outer }
        return try body()
    }
}
