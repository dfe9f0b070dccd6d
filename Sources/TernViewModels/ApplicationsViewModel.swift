import Foundation
import TernCatalogue

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

/// The "My applications" pane: the student's applications, the selected one's timeline.
///
/// ```swift
/// let mine = ApplicationsViewModel(catalogue: catalogue, session: session)
/// try mine.reload()
/// mine.applications.first?.application.status
/// ```
public final class ApplicationsViewModel {
    let catalogue: Catalogue
    let session: StudentSession
    public private(set) var applications: [ApplicationOverview] = []
    public private(set) var timeline: [TimelineEntry] = []
    /// Withdrawn applications the student may reopen now (once, while the listing takes
    /// applications): the screen offers reopening on these only.
    public private(set) var reopenable: Set<Int64> = []
    let now: () -> Date

    public init(catalogue: Catalogue, session: StudentSession, now: @escaping () -> Date = Date.init) {
        self.catalogue = catalogue
        self.session = session
        self.now = now
    }

    public func reload(now at: Date? = nil) throws {
        guard let username = session.username else {
            applications = []
            reopenable = []
            return
        }
        applications = try catalogue.applications(ofStudent: username)
        reopenable = try catalogue.reopenableApplications(ofStudent: username, now: at ?? now())
    }

    /// Loads the timeline of the application at `index` in ``applications``.
    public func select(_ index: Int?) throws {
        guard let index, applications.indices.contains(index), let actor = session.actor else {
            timeline = []
            return
        }
        timeline = try catalogue.events(of: applications[index].id, as: actor).map {
            TimelineEntry(at: $0.at, role: $0.actorRole, status: $0.toStatus, note: $0.note, forYou: $0.onBehalfOf != nil)
        }
    }
}

/// The "Feedback" pane: what organizations wrote about the student's completed work, and
/// what the student wrote back.
public final class FeedbackViewModel {
    public struct Item: Sendable, Equatable {
        public var applicationID: Int64
        public var opportunity: OpportunitySummary
        public var fromOrganization: Feedback?
        public var fromStudent: Feedback?
    }

    let catalogue: Catalogue
    let session: StudentSession
    public private(set) var items: [Item] = []

    public init(catalogue: Catalogue, session: StudentSession) {
        self.catalogue = catalogue
        self.session = session
    }

    public func reload() throws {
        guard let username = session.username, let actor = session.actor else {
            items = []
            return
        }
        items = try catalogue.applications(ofStudent: username).filter { $0.application.status == .completed }.map { overview in
            let feedback = try catalogue.feedback(on: overview.id, as: actor)
            return Item(applicationID: overview.id, opportunity: overview.opportunity,
                        fromOrganization: feedback.first { $0.direction == .organizationToStudent },
                        fromStudent: feedback.first { $0.direction == .studentToOrganization })
        }
    }

    /// The first completed micro-internship the student has not rated yet.
    public var firstUnrated: Item? { items.first { $0.fromStudent == nil } }

    /// The student's rating of the organization for one completed micro-internship; once only.
    @discardableResult
    public func rate(_ applicationID: Int64, rating: Int, strengths: String?, improvements: String?, comment: String?,
                     now: Date = Date()) throws -> Feedback {
        guard let username = session.username else { throw CatalogueError.notPermitted("guests cannot rate organizations") }
        let feedback = try catalogue.rateOrganization(application: applicationID, by: username, rating: rating,
                                                      strengths: strengths, improvements: improvements, comment: comment, now: now)
        try reload()
        return feedback
    }
}

extension ApplicationsViewModel {
    /// Whether the student already reopened application `id` once (its history says so).
    public func wasReopened(_ id: Int64) throws -> Bool {
        guard let actor = session.actor else { return false }
        return try catalogue.events(of: id, as: actor).contains {
            $0.fromStatus == ApplicationStatus.reopening.from && $0.toStatus == ApplicationStatus.reopening.to
        }
    }

    /// Why withdrawn application `id` cannot be reopened now, in the catalogue's words.
    public func reopenRefusal(_ id: Int64) throws -> String {
        guard let username = session.username else { return "guests have no applications" }
        return try catalogue.refusalToReopen(id, as: username, now: now()) ?? "it can be reopened"
    }
}
