import Foundation
import TernStore

/// One step of an application's timeline as a student sees it: the role that acted, never a
/// staff member's name, and never staff-only notes.
public struct TimelineEntry: Sendable, Equatable {
    public var at: String
    public var role: ActorRole
    public var status: ApplicationStatus?
    public var note: String?
    /// Made by the career center for the student (staff acting with `--user`): the student
    /// sees that it was done for them, not by them.
    public var forYou: Bool

    public init(at: String, role: ActorRole, status: ApplicationStatus?, note: String?, forYou: Bool = false) {
        self.at = at
        self.role = role
        self.status = status
        self.note = note
        self.forYou = forYou
    }
}

/// The "My applications" pane's reads: the selected application's timeline, and what the
/// screen asks before offering a move. Plain functions over the store, for a screen's
/// background tasks; the list itself is ``StudentRecords/applications``, held in the state.
///
/// ```swift
/// .run(.timeline) { _ in .timeline(id, try await ApplicationsViewModel.timeline(of: id, session: session, store: store)) }
/// ```
public enum ApplicationsViewModel {
    /// Application `id`'s history as the student may see it, oldest first.
    public static func timeline(of id: Int64, session: StudentSession, store: any StudentStore) async throws -> [TimelineEntry] {
        guard let actor = session.actor else { return [] }
        return try await store.events(of: id, as: actor).map {
            TimelineEntry(at: $0.at, role: $0.actorRole, status: $0.toStatus, note: $0.note, forYou: $0.onBehalfOf != nil)
        }
    }

    /// Whether the student already reopened application `id` once (its history says so).
    public static func wasReopened(_ id: Int64, session: StudentSession, store: any StudentStore) async throws -> Bool {
        guard let actor = session.actor else { return false }
        return try await store.events(of: id, as: actor).contains {
            $0.fromStatus == ApplicationStatus.reopening.from && $0.toStatus == ApplicationStatus.reopening.to
        }
    }

    /// Why withdrawn application `id` cannot be reopened now, in the catalogue's words.
    public static func reopenRefusal(_ id: Int64, session: StudentSession, store: any StudentStore, now: Date) async throws -> String {
        guard let username = session.username else { return "guests have no applications" }
        return try await store.refusalToReopen(id, as: username, now: now) ?? "it can be reopened"
    }
}

/// The "Feedback" pane: what organizations wrote about the student's completed work, and
/// what the student wrote back.
public enum FeedbackViewModel {
    public struct Item: Sendable, Equatable {
        public var applicationID: Int64
        public var opportunity: OpportunitySummary
        public var fromOrganization: Feedback?
        public var fromStudent: Feedback?
    }

    /// The feedback on each completed application among `applications`.
    public static func items(of applications: [ApplicationOverview], session: StudentSession, store: any StudentStore) async throws -> [Item] {
        guard let actor = session.actor else { return [] }
        var items: [Item] = []
        for overview in applications where overview.application.status == .completed {
            let feedback = try await store.feedback(on: overview.id, as: actor)
            items.append(Item(applicationID: overview.id, opportunity: overview.opportunity,
                              fromOrganization: feedback.first { $0.direction == .organizationToStudent },
                              fromStudent: feedback.first { $0.direction == .studentToOrganization }))
        }
        return items
    }

    /// The student's rating of the organization for one completed micro-internship; once only.
    @discardableResult
    public static func rate(_ applicationID: Int64, rating: Int, strengths: String?, improvements: String?, comment: String?,
                            session: StudentSession, store: any StudentStore, now: Date = Date()) async throws -> Feedback {
        guard let username = session.username else { throw CatalogueError.notPermitted("guests cannot rate organizations") }
        return try await store.rateOrganization(application: applicationID, by: username, rating: rating,
                                                strengths: strengths, improvements: improvements, comment: comment, now: now)
    }
}

/// The student's own records as one read: their applications (newest activity first), which
/// withdrawals they may reopen, the feedback on completed work, and the marks on listing rows.
/// A screen reads it in the background and keeps it in its state.
///
/// ```swift
/// let records = try await StudentRecords.read(store: store, session: session, now: Date())
/// records.applications.first?.application.status
/// ```
public struct StudentRecords: Sendable, Equatable {
    public var applications: [ApplicationOverview]
    /// Withdrawn applications the student may reopen now (once, while the listing takes
    /// applications): the screen offers reopening on these only.
    public var reopenable: Set<Int64>
    public var feedback: [FeedbackViewModel.Item]
    public var marks: ListingMarks

    public init(applications: [ApplicationOverview] = [], reopenable: Set<Int64> = [], feedback: [FeedbackViewModel.Item] = [],
                marks: ListingMarks = ListingMarks()) {
        self.applications = applications
        self.reopenable = reopenable
        self.feedback = feedback
        self.marks = marks
    }

    /// Reads them; a guest has none.
    public static func read(store: any ListingStore & StudentStore, session: StudentSession, today: CalendarDay, now: Date) async throws -> StudentRecords {
        guard let username = session.username else { return StudentRecords() }
        let applications = try await store.applications(ofStudent: username)
        return StudentRecords(applications: applications,
                              reopenable: try await store.reopenableApplications(ofStudent: username, now: now),
                              feedback: try await FeedbackViewModel.items(of: applications, session: session, store: store),
                              marks: ListingMarks(applications: applications,
                                                  saved: try await ListingMarks.saved(by: username, listings: store, today: today)))
    }
}
