extension OpportunityStatus {
    /// The moves staff make on a listing by hand. Closing an open listing expires what still
    /// waits on it, so an open listing is closed before it is archived, never archived straight
    /// away with applications left hanging; archived is the end.
    ///
    /// ```swift
    /// OpportunityStatus.open.canMove(to: .closed)     // true
    /// OpportunityStatus.open.canMove(to: .archived)   // false: close it first
    /// ```
    public static let staffMoves: [OpportunityStatus: [OpportunityStatus]] = [
        .open: [.closed],
        .draft: [.archived],
        .closed: [.archived],
        .filled: [.archived],
    ]

    /// Whether staff may move a listing from this status to `next` (see ``staffMoves``).
    ///
    /// ```swift
    /// OpportunityStatus.closed.canMove(to: .archived)   // true
    /// ```
    public func canMove(to next: OpportunityStatus) -> Bool {
        Self.staffMoves[self]?.contains(next) ?? false
    }
}
