import TernStore

/// The rows marked for a bulk action, in the manner of mutt's tags: kept by application id
/// with the version and status each had when marked, so a bulk move sends exactly what staff
/// saw, and a row changed since is caught by the version check. Marks survive a new limit (mark
/// from one view, then another) and are dropped once acted on. As with mutt's tag-prefix, an
/// action takes only the marked rows the limit shows: those it hides stay marked, untouched,
/// and are counted ("2 more marked, hidden by the limit").
///
/// ```swift
/// var marks = TriageMarks()
/// marks.toggle(row)
/// marks.count        // 1
/// marks.targets      // [ApplicationVersion(id: row.id, version: row.version)]
/// ```
public struct TriageMarks: Sendable, Equatable {
    public private(set) var rows: [Int64: TriageRow] = [:]
    /// The marked rows the limit does not show now (set whenever the queue is read again).
    public var hidden: Set<Int64> = []
    /// Where a `v` range started (an index in the list), until the second `v`.
    public var rangeAnchor: Int?

    public init() {}

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }
    public func contains(_ id: Int64) -> Bool { rows[id] != nil }

    public mutating func toggle(_ row: TriageRow) {
        if rows[row.id] == nil { rows[row.id] = row } else { rows[row.id] = nil }
    }

    public mutating func mark(_ marked: [TriageRow]) {
        for row in marked { rows[row.id] = row }
    }

    public mutating func clear() {
        rows.removeAll()
        hidden.removeAll()
        rangeAnchor = nil
    }

    /// Drops the marks of rows acted on; the others (hidden by the limit) stay marked.
    public mutating func unmark(_ ids: some Sequence<Int64>) {
        for id in ids {
            rows[id] = nil
            hidden.remove(id)
        }
        rangeAnchor = nil
    }

    /// How many marked rows the limit hides: kept, never acted on.
    public var hiddenCount: Int { rows.keys.filter { hidden.contains($0) }.count }
    /// How many marked rows the limit shows: what an action takes.
    public var shownCount: Int { count - hiddenCount }

    /// "2 more marked, hidden by the limit", or nil when the limit hides none.
    public var hiddenNote: String? {
        hiddenCount == 0 ? nil : "\(hiddenCount) \(shownCount == 0 ? "" : "more ")marked, hidden by the limit"
    }

    /// What a bulk move sends, oldest id first: the marked rows the limit shows.
    public var targets: [ApplicationVersion] {
        targets(selected: nil).map { ApplicationVersion(id: $0.id, version: $0.version) }
    }

    public var statuses: Set<ApplicationStatus> { Set(rows.values.map(\.status)) }

    /// The rows an action applies to: the marked ones the limit shows (oldest id first), else
    /// `selected`. Empty when every mark is hidden by the limit: nothing is acted on unseen.
    public func targets(selected: TriageRow?) -> [TriageRow] {
        isEmpty ? selected.map { [$0] } ?? [] : rows.values.filter { !hidden.contains($0.id) }.sorted { $0.id < $1.id }
    }
}
