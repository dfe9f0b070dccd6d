import Foundation
import TernStore

/// The loop's change feed for a kiosk: the feed of whichever catalogue the kiosk has open now.
/// The kiosk opens its catalogue again after a failure or a replaced file, so the feed the loop
/// asks must follow it; while nothing is open it sees no change (the kiosk's retry timer opens
/// it again). Following is a pointer swap on the loop thread; the looks themselves run in the
/// loop's background check.
///
/// ```swift
/// let screen = KioskScreen(open: open, config: config, large: false)
/// Loop(screen: screen, backend: backend, changeFeed: screen.changes).run()
/// ```
public final class KioskChangeFeed: ChangeFeed, @unchecked Sendable {
    private let lock = NSLock()
    private var current: (any ChangeFeed)?

    init() {}

    /// From now on, the feed of the catalogue just opened (nil: none is open).
    func follow(_ feed: (any ChangeFeed)?) {
        lock.withLock { current = feed }
    }

    public func change() throws -> CatalogueChange {
        try lock.withLock { current }?.change() ?? .none
    }

    public func hasChanged() throws -> Bool {
        try change() != .none
    }
}
