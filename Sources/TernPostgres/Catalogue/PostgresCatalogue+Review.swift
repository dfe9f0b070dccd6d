import Foundation
import TernStore

/// ``ReviewStore`` on PostgreSQL: the same answers as the SQLite catalogue's.
extension PostgresCatalogue {
    public func postings(approval: Approval?, limit: Int?) async throws -> [PostingReview] {
        throw notYetOnPostgres("postings")
    }

    public func organizations(approval: Approval?) async throws -> [OrganizationReview] {
        throw notYetOnPostgres("organizations")
    }

    public func approve(_ refs: [String], versions: [String: Int], note: String?, by actor: Actor, now: Date) async throws {
        throw notYetOnPostgres("approve")
    }

    public func decline(_ ref: String, reason: DeclineReason, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws -> TakeDownSummary {
        throw notYetOnPostgres("decline")
    }

    public func resubmit(_ ref: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        throw notYetOnPostgres("resubmit")
    }

    public func approveOrganization(_ name: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        throw notYetOnPostgres("approveOrganization")
    }

    public func declineOrganization(_ name: String, reason: DeclineReason, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        throw notYetOnPostgres("declineOrganization")
    }

    public func trustOrganization(_ name: String, note: String?, expectedVersion: Int?, by actor: Actor, now: Date) async throws {
        throw notYetOnPostgres("trustOrganization")
    }

    public func decisions(forListing ref: String) async throws -> [PostingDecision] {
        throw notYetOnPostgres("decisions")
    }

    public func decisions(forOrganization name: String) async throws -> [PostingDecision] {
        throw notYetOnPostgres("decisions")
    }

    public func flags(forListing ref: String) async throws -> [ListingFlag] {
        throw notYetOnPostgres("flags")
    }

    public func closeListing(ref: String, expectedVersion: Int, by actor: Actor, now: Date) async throws -> ExpirySummary {
        throw notYetOnPostgres("closeListing")
    }

    public func archiveListing(ref: String, expectedVersion: Int, by actor: Actor, now: Date) async throws {
        throw notYetOnPostgres("archiveListing")
    }

    public func closeExpired(now: Date) async throws -> ExpirySummary {
        throw notYetOnPostgres("closeExpired")
    }

    public func createListing(_ draft: ListingDraft, by actor: Actor, now: Date) async throws -> Opportunity {
        throw notYetOnPostgres("createListing")
    }

    public func updateListing(ref: String, _ draft: ListingDraft, expectedVersion: Int, by actor: Actor, now: Date) async throws -> Opportunity {
        throw notYetOnPostgres("updateListing")
    }

}
