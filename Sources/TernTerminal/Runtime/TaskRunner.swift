import Foundation
import TernStore

/// Runs a screen's background tasks, one after another per kind, and collects their results
/// for the loop. Starting a task supersedes the older tasks of its kind: one still queued is
/// skipped before it starts, one running is told through ``TaskContext/isSuperseded`` and its
/// result is dropped. The work is async (it awaits stores) and runs on ``StoreExecutor``,
/// never on the loop's thread.
///
/// ```swift
/// let tasks = TaskRunner<Int>()
/// tasks.start(TaskKind("count")) { _ in 42 }
/// tasks.waitUntilIdle(timeout: 5)
/// tasks.takeFinished()   // [(count, 42)]
/// ```
final class TaskRunner<Outcome: Sendable>: @unchecked Sendable {
    // Guards everything below; the workers and the loop meet only here.
    private let condition = NSCondition()
    private var generations: [TaskKind: Int] = [:]
    /// The newest task of each kind: the next one of the kind starts after it.
    private var latest: [TaskKind: Task<Void, Never>] = [:]
    private var unfinished = 0
    private var finished: [(TaskKind, Outcome)] = []

    /// Queues `work`; every earlier task of `kind` is superseded.
    func start(_ kind: TaskKind, _ work: @escaping @Sendable (TaskContext) async -> Outcome) {
        condition.lock()
        defer { condition.unlock() }
        let generation = (generations[kind] ?? 0) + 1
        generations[kind] = generation
        unfinished += 1
        let context = TaskContext { [weak self] in self?.isSuperseded(kind, generation) ?? true }
        let previous = latest[kind]
        // The older task's store reads stop where they stand (SQLite asks the task).
        previous?.cancel()
        latest[kind] = Task(executorPreference: StoreExecutor.shared) { [self] in
            await previous?.value
            let outcome = context.isSuperseded ? nil : await work(context)
            finish(kind, generation, outcome)
        }
    }

    private func finish(_ kind: TaskKind, _ generation: Int, _ outcome: Outcome?) {
        condition.lock()
        if let outcome, generations[kind] == generation { finished.append((kind, outcome)) }
        unfinished -= 1
        if unfinished == 0 { latest.removeAll() }
        condition.broadcast()
        condition.unlock()
    }

    /// Supersedes every task of `kind`.
    func cancel(_ kind: TaskKind) {
        condition.lock()
        generations[kind, default: 0] += 1
        latest[kind]?.cancel()
        condition.unlock()
    }

    /// Cancels the running Swift task of `kind` without superseding it: its result still comes.
    func interrupt(_ kind: TaskKind) {
        condition.lock()
        latest[kind]?.cancel()
        condition.unlock()
    }

    /// True while any task has not finished (superseded ones finish quickly).
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return unfinished > 0
    }

    /// The results that came back since the last call, oldest first.
    func takeFinished() -> [(TaskKind, Outcome)] {
        condition.lock()
        defer { finished = []; condition.unlock() }
        return finished
    }

    /// Blocks until every task has finished or `timeout` seconds passed; true when idle. For
    /// tests and for callers that must not act on a stale result.
    @discardableResult
    func waitUntilIdle(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while unfinished > 0 {
            if !condition.wait(until: deadline) { return unfinished == 0 }
        }
        return true
    }

    private func isSuperseded(_ kind: TaskKind, _ generation: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return generations[kind] != generation
    }
}
