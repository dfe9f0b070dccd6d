import Foundation
import TernStore

/// ``StudentStore`` on PostgreSQL: the same answers as the SQLite catalogue's.
extension PostgresCatalogue {
    public func student(username: String) async throws -> Student? {
        throw notYetOnPostgres("student")
    }

    public func updateProfile(of username: String, skills: [StudentSkill], interests: [Field], hoursPerWeek: Int, expectedVersion: Int, now: Date) async throws -> Student {
        throw notYetOnPostgres("updateProfile")
    }

    public func fit(of opportunityID: Int64, for username: String) async throws -> ListingFit? {
        throw notYetOnPostgres("fit")
    }

    public func applications(ofStudent username: String) async throws -> [ApplicationOverview] {
        throw notYetOnPostgres("applications")
    }

    public func application(ofStudent username: String, to opportunityID: Int64) async throws -> Application? {
        throw notYetOnPostgres("application")
    }

    public func application(_ id: Int64, as actor: Actor) async throws -> Application {
        throw notYetOnPostgres("application")
    }

    public func apply(as username: String, to opportunityID: Int64, coverNote: String, portfolioLink: String?, hoursOffered: Int, now: Date) async throws -> Application {
        throw notYetOnPostgres("apply")
    }

    public func refusalToApply(as username: String, to opportunityID: Int64, now: Date) async throws -> String? {
        throw notYetOnPostgres("refusalToApply")
    }

    public func move(_ applicationID: Int64, to next: ApplicationStatus, by actor: Actor, expectedVersion: Int, note: String?, now: Date) async throws -> Application {
        throw notYetOnPostgres("move")
    }

    public func deliver(_ applicationID: Int64, by username: String, link: String, expectedVersion: Int, now: Date) async throws -> Application {
        throw notYetOnPostgres("deliver")
    }

    public func correctDeliverableLink(_ applicationID: Int64, by username: String, link: String, expectedVersion: Int, now: Date) async throws -> Application {
        throw notYetOnPostgres("correctDeliverableLink")
    }

    public func reopen(_ applicationID: Int64, by username: String, expectedVersion: Int, now: Date) async throws -> Application {
        throw notYetOnPostgres("reopen")
    }

    public func refusalToReopen(_ applicationID: Int64, as username: String, now: Date) async throws -> String? {
        throw notYetOnPostgres("refusalToReopen")
    }

    public func reopenableApplications(ofStudent username: String, now: Date) async throws -> Set<Int64> {
        throw notYetOnPostgres("reopenableApplications")
    }

    public func events(of applicationID: Int64, as actor: Actor) async throws -> [ApplicationEvent] {
        throw notYetOnPostgres("events")
    }

    public func feedback(on applicationID: Int64, as actor: Actor) async throws -> [Feedback] {
        throw notYetOnPostgres("feedback")
    }

    public func rateOrganization(application applicationID: Int64, by username: String, rating: Int, strengths: String?, improvements: String?, comment: String?, now: Date) async throws -> Feedback {
        throw notYetOnPostgres("rateOrganization")
    }

    public func portfolio(ofStudent username: String) async throws -> [PortfolioEntry] {
        throw notYetOnPostgres("portfolio")
    }

    public func saveSearch(named name: String, query: OpportunityQuery, for username: String, now: Date) async throws -> SavedSearch {
        throw notYetOnPostgres("saveSearch")
    }

    public func savedSearches(of username: String, today: CalendarDay) async throws -> [SavedSearch] {
        throw notYetOnPostgres("savedSearches")
    }

    public func markSeen(savedSearch id: Int64, by username: String, now: Date) async throws {
        throw notYetOnPostgres("markSeen")
    }

    public func deleteSavedSearch(_ id: Int64, by username: String) async throws {
        throw notYetOnPostgres("deleteSavedSearch")
    }

    public func setSaved(_ opportunityID: Int64, _ saved: Bool, by username: String, now: Date) async throws {
        throw notYetOnPostgres("setSaved")
    }

    public func isSaved(_ opportunityID: Int64, by username: String) async throws -> Bool {
        throw notYetOnPostgres("isSaved")
    }

    public func updates(of username: String, today: CalendarDay, now: Date) async throws -> [StudentUpdate] {
        throw notYetOnPostgres("updates")
    }

    public func markUpdatesRead(of username: String, upTo moment: Date) async throws {
        throw notYetOnPostgres("markUpdatesRead")
    }

    public func disclosures(ofStudent username: String, limit: Int) async throws -> [Disclosure] {
        throw notYetOnPostgres("disclosures")
    }

}
