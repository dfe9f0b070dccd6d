import Foundation

/// Everything staff may know about one student: profile and skills, every application with
/// its whole timeline (staff-only notes included), and feedback both ways.
public struct StudentRecord: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var overview: ApplicationOverview
        /// Oldest first; staff-only notes have `visibility == .staff`.
        public var events: [ApplicationEvent]
        public var feedback: [Feedback]

        package init(overview: ApplicationOverview, events: [ApplicationEvent], feedback: [Feedback]) {
            self.overview = overview
            self.events = events
            self.feedback = feedback
        }
    }
    public var student: Student
    public var applications: [Entry]
    /// The staff-only notes across all applications, oldest first.
    public var staffNotes: [ApplicationEvent] { applications.flatMap { $0.events.filter { $0.visibility == .staff } } }

    package init(student: Student, applications: [Entry]) {
        self.student = student
        self.applications = applications
    }
}
