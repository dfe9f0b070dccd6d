import Dispatch

/// Where a screen's background tasks run: Dispatch's threads, not Swift's cooperative pool.
///
/// A task awaits a store, and the SQLite store does its work synchronously inside the call: on
/// the cooperative pool (one thread per core, two here) two such calls, or a test blocked
/// waiting for one, would leave nothing to run the rest. As a task executor preference this
/// keeps every nonisolated step of a task, the store's included, on a queue that can grow.
final class StoreExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = StoreExecutor()
    private let queue = DispatchQueue(label: "tern.store", qos: .userInitiated, attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
