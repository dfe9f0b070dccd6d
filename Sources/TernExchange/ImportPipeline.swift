import Foundation
import TernStore

/// Makes items on a thread of its own and hands them over in order, at most `depth` ahead of
/// the taker: an import reads and checks its rows on one core while the other writes them, so the
/// write lock is held for the writing alone rather than for reading, checking and writing one
/// after the other.
///
/// The maker stops when ``cancel()`` is called (the taker failed) or when `emit` says so; an
/// error it throws reaches the taker, after the items made before it, from ``next()``.
///
/// ```swift
/// let pipeline = ImportPipeline<[Row]>(depth: 4) { emit in
///     while let batch = try read() { guard emit(batch) else { return } }
/// }
/// defer { pipeline.cancel() }
/// while let batch = try pipeline.next() { try write(batch) }
/// ```
package final class ImportPipeline<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Item] = []
    private var head = 0
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private let depth: Int
    private let stopped = DispatchSemaphore(value: 0)
    private var joined = false

    package init(depth: Int, make: @escaping @Sendable (_ emit: (Item) -> Bool) throws -> Void) {
        self.depth = depth
        let thread = Thread { [self] in
            do {
                try make { item in self.put(item) }
            } catch {
                condition.withLock { failure = error }
            }
            condition.withLock {
                finished = true
                condition.broadcast()
            }
            stopped.signal()
        }
        // The readers keep nothing deep on the stack, but a thread's default stack is small.
        thread.stackSize = 4 << 20
        thread.name = "tern import reader"
        thread.start()
    }

    deinit { cancel() }

    /// Queues an item, waiting while `depth` are waiting already; false once cancelled.
    private func put(_ item: Item) -> Bool {
        condition.withLock {
            while queue.count - head >= depth && !cancelled { condition.wait() }
            guard !cancelled else { return false }
            queue.append(item)
            condition.broadcast()
            return true
        }
    }

    /// The next item, waiting for it; nil after the last; the maker's error once the items made
    /// before it are taken.
    package func next() throws -> Item? {
        try condition.withLock {
            while head == queue.count && !finished { condition.wait() }
            if head < queue.count {
                let item = queue[head]
                head += 1
                // Drop taken items now and then, so the queue's storage stays small.
                if head == queue.count || head >= 64 {
                    queue.removeFirst(head)
                    head = 0
                }
                condition.broadcast()
                return item
            }
            if let failure { throw failure }
            return nil
        }
    }

    /// Stops the maker and waits until it has stopped. Safe to call more than once.
    package func cancel() {
        let wait = condition.withLock {
            cancelled = true
            condition.broadcast()
            defer { joined = true }
            return !joined
        }
        if wait { stopped.wait() }
    }
}
