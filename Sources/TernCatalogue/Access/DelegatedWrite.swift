import Foundation

/// One write transaction made while staff act for a student: the applications it touched, for
/// its audit row. Bound for the transaction's body only, so a static helper deep in the
/// catalogue (``Catalogue/appendEvent(_:application:actor:from:to:note:visibility:at:reason:enteredBy:onBehalfOf:)``)
/// knows, whatever path the write took, that a student's move is the staff member's.
final class DelegatedWrite: @unchecked Sendable {
    @TaskLocal static var current: DelegatedWrite?
    let acting: Delegation.Acting
    private(set) var applications: [Int64] = []

    init(_ acting: Delegation.Acting) { self.acting = acting }

    /// The actor to record for `actor`, and for whom: the staff member on the student's behalf
    /// when `actor` is the student being acted for.
    func recorded(_ actor: Actor, application: Int64) -> (Actor, onBehalfOf: String?) {
        if !applications.contains(application) { applications.append(application) }
        guard actor.role == .student, actor.username == acting.student else { return (actor, nil) }
        return (Actor(role: .staff, username: acting.staff), acting.student)
    }
}
