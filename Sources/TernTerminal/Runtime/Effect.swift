/// What a running background task may ask: whether a newer task of its kind has superseded
/// it, so long work can stop early (its result would be dropped anyway).
///
/// ```swift
/// .run(.search) { task in
///     let page = try? catalogue.opportunities(matching: query, limit: 100)
///     return task.isSuperseded ? .nothing : .page(page ?? [])
/// }
/// ```
public struct TaskContext: Sendable {
    let superseded: @Sendable () -> Bool
    public var isSuperseded: Bool { superseded() }
}

/// What a screen asks the loop to do after an update. Slow work never runs inside an update:
/// it is returned as `.run`, and its result comes back as ``Event/taskFinished(_:_:)``.
///
/// ```swift
/// return [.run(.search) { _ in .searched(ListingSearch.firstPage(of: query, in: catalogue)) }]
/// ```
public enum Effect<Outcome: Sendable>: Sendable {
    /// Runs `work` off the loop's thread (it may await a store). A newer `.run` of the same kind
    /// supersedes it.
    case run(TaskKind, @Sendable (TaskContext) async -> Outcome)
    /// Supersedes every task of the kind without starting another (its result is dropped).
    case cancel(TaskKind)
    /// Asks the running task of the kind to stop (its store call gives up where it stands) but
    /// still delivers its result: a write interrupted while it waited comes back refused as
    /// cancelled, one that had already committed comes back done, so the screen never says
    /// "nothing was saved" of a write that was.
    case interrupt(TaskKind)
    /// Delivers ``Event/tick(_:)`` every `milliseconds` until stopped; starting a running timer
    /// again restarts its count.
    case startTimer(TimerID, everyMilliseconds: Int)
    case stopTimer(TimerID)
    /// Ends the loop (the program quits).
    case quit
}
