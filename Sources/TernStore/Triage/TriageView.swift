import Foundation

/// A limit pattern saved under a name by one staff member ("design backlog").
public struct TriageView: Sendable, Hashable {
    public var name: String
    public var pattern: String
    /// Every staff member has it; it cannot be deleted.
    public var builtIn = false

    /// The staff queue of applications with work under way on a listing taken down: nothing
    /// ends them automatically, so staff settle each one.
    public static let takenDownWithWorkUnderWay = TriageView(name: "listing taken down with work under way",
                                                             pattern: TriageFilter.takenDownTerm, builtIn: true)

    package init(name: String, pattern: String, builtIn: Bool = false) {
        self.name = name
        self.pattern = pattern
        self.builtIn = builtIn
    }
}
