import Foundation

/// Timings (or any figures) of one measured item, with the summary the bench prints: p50, p95
/// and max by nearest rank (p95 of 15 samples is the 15th smallest, that is the max; of 40,
/// the 38th).
///
/// ```swift
/// var samples = Samples()
/// samples.append(12.5)
/// print(samples.p50, samples.p95, samples.max)
/// ```
struct Samples {
    private(set) var values: [Double] = []

    init(_ values: [Double] = []) { self.values = values }

    mutating func append(_ value: Double) { values.append(value) }
    mutating func append(contentsOf other: Samples) { values += other.values }

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    /// The smallest sample at or above `fraction` of them (nearest rank); nan when empty.
    func percentile(_ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count, Swift.max(1, rank)) - 1]
    }

    var p50: Double { percentile(0.5) }
    var p95: Double { percentile(0.95) }
    var max: Double { values.max() ?? .nan }

    /// Samples pooled from several items: a figure over all of them ("p95 over the counts").
    static func pooled(_ parts: [Samples]) -> Samples {
        Samples(parts.flatMap(\.values))
    }
}

/// Monotonic milliseconds, for timing.
enum Stopwatch {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func milliseconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }

    /// How long `body` took, in milliseconds.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return milliseconds(since: start)
    }
}

/// How long the timed runs of one in-process item may take before it stops short of `runs`:
/// a query of seconds gets ``minimumRuns``, one of milliseconds all of `runs`.
nonisolated(unsafe) var itemBudgetMilliseconds = 8_000.0
let minimumRuns = 3

/// Up to `runs` timed calls of `body`, after `warmUp` untimed ones (caches, the page cache,
/// SQLite's statement cache: what a second keystroke finds). Stops early once the timed runs
/// have taken ``itemBudgetMilliseconds`` and there are at least ``minimumRuns``; the row printed
/// says how many were taken.
func timed(runs: Int, warmUp: Int = 1, _ body: () throws -> Void) rethrows -> Samples {
    for _ in 0..<warmUp { try body() }
    var samples = Samples()
    var spent = 0.0
    while samples.count < runs, samples.count < minimumRuns || spent < itemBudgetMilliseconds {
        let ms = try Stopwatch.time(body)
        samples.append(ms)
        spent += ms
    }
    return samples
}
