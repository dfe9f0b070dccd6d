import Dispatch

/// Where store work runs: Dispatch's threads, not Swift's cooperative pool (a screen's
/// background tasks; PostgreSQL's change-feed listener).
///
/// A task awaits a store, and the SQLite store does its work synchronously inside the call: on
/// the cooperative pool (one thread per core, two here) two such calls, or a test blocked
/// waiting for one, would leave nothing to run the rest. As a task executor preference this
/// keeps every nonisolated step of a task, the store's included, on a queue that can grow. A
/// listener waiting on the network is kept off the pool for the same reason: a test suite that
/// blocks the pool's two threads would otherwise starve it for minutes.
public final class StoreExecutor: TaskExecutor, @unchecked Sendable {
    public static let shared = StoreExecutor()
    private let queue = DispatchQueue(label: "tern.store", qos: .userInitiated, attributes: .concurrent)

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
