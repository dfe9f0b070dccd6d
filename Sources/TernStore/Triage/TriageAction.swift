import Foundation

/// An application and the version its mover saw, so a move made from a stale screen is caught.
public struct ApplicationVersion: Sendable, Hashable {
    public var id: Int64
    public var version: Int
    public init(id: Int64, version: Int) {
        self.id = id
        self.version = version
    }
}

/// A note given with a move: shared with the student, or for staff only.
public struct MoveNote: Sendable, Hashable {
    public var text: String
    public var visibility: Visibility
    public init(_ text: String, visibility: Visibility) {
        self.text = text
        self.visibility = visibility
    }
}

/// One staff action as undo sees it: every application it moved, and where each was.
public struct TriageAction: Sendable, Hashable {
    public var id: Int64
    public var status: ApplicationStatus
    public var applications: [Application]

    package init(id: Int64, status: ApplicationStatus, applications: [Application]) {
        self.id = id
        self.status = status
        self.applications = applications
    }
}
