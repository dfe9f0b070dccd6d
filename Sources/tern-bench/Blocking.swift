import Dispatch
import TernStore
import TernViewModels

/// Waits for async work from the bench's synchronous timing loops. The bench's thread is not
/// one of Swift's cooperative threads, so blocking it starves nothing.
func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = Box<T>(), done = DispatchSemaphore(value: 0)
    Task {
        box.value = await work()
        done.signal()
    }
    done.wait()
    return box.value!
}

/// ``blocking(_:)`` for work that throws: its error is thrown here.
func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let result: Result<T, any Error> = blocking {
        do { return .success(try await work()) } catch { return .failure(error) }
    }
    return try result.get()
}

/// What a task hands back to the thread waiting for it; written once, before the signal.
private final class Box<T>: @unchecked Sendable { var value: T? }

extension ListingSearch {
    /// A search as the listings screen runs it: the first page, then the count when the page is full.
    static func whole(_ query: OpportunityQuery, in store: any ListingStore, today: CalendarDay, pageSize: Int) async -> Result {
        let first = await firstPage(of: query, in: store, today: today, pageSize: pageSize)
        return first.count == nil && first.failure == nil ? await counted(first, in: store, today: today) : first
    }
}
