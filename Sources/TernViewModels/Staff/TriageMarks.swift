import TernCatalogue

/// The rows marked for a bulk action, in the manner of mutt's tags: kept by application id
/// with the version and status each had when marked, so a bulk move sends exactly what staff
/// saw, and a row changed since is caught by the version check. Marks survive a new limit (mark
/// from one view, then another) and are dropped once acted on.
///
/// ```swift
/// var marks = TriageMarks()
/// marks.toggle(row)
/// marks.count        // 1
/// marks.targets      // [ApplicationVersion(id: row.id, version: row.version)]
/// ```
public struct TriageMarks: Sendable, Equatable {
    public private(set) var rows: [Int64: TriageRow] = [:]
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
        rangeAnchor = nil
    }

    /// What a bulk move sends, oldest id first.
    public var targets: [ApplicationVersion] {
        rows.values.sorted { $0.id < $1.id }.map { ApplicationVersion(id: $0.id, version: $0.version) }
    }

    public var statuses: Set<ApplicationStatus> { Set(rows.values.map(\.status)) }

    /// The rows an action applies to: the marked ones (oldest id first), else `selected`.
    public func targets(selected: TriageRow?) -> [TriageRow] {
        isEmpty ? selected.map { [$0] } ?? [] : rows.values.sorted { $0.id < $1.id }
    }
}
