import Foundation
import TernStore
import TernViewModels

/// What the Postings forms and questions do once answered.
extension PostingsController {
    func approved(_ refs: [String], versions: [String: Int]) -> [Effect<TriageOutcome>] {
        let session = session, moment = now()
        return screen.write(.approvePostings(refs)) { store in
            try await PostingsReview.approve(refs, versions: versions, session: session, now: moment, in: store)
            return .approved(refs)
        }
    }

    func closed(_ ref: String, version: Int) -> [Effect<TriageOutcome>] {
        let actor = session.actor, moment = now()
        return screen.write(.closeListing(ref)) { store in
            .closed(ref, try await store.closeListing(ref: ref, expectedVersion: version, by: actor, now: moment))
        }
    }

    func archived(_ ref: String, version: Int) -> [Effect<TriageOutcome>] {
        let actor = session.actor, moment = now()
        return screen.write(.archiveListing(ref)) { store in
            try await store.archiveListing(ref: ref, expectedVersion: version, by: actor, now: moment)
            return .archived(ref)
        }
    }

    func submitListing(_ text: ListingFormText, ref: String?, version: Int?) -> [Effect<TriageOutcome>] {
        let actor = session.actor, moment = now()
        return screen.write(.listing(ref: ref)) { store in
            // The same rules as an import; an amount without a currency is in the home one.
            let draft = try text.draft(ref: ref, homeCurrency: try await store.homeCurrency())
            let saved: Opportunity
            if let ref, let version {
                saved = try await store.updateListing(ref: ref, draft, expectedVersion: version, by: actor, now: moment)
            } else {
                saved = try await store.createListing(draft, by: actor, now: moment)
            }
            let approval = try await store.approval(ofListing: saved.id ?? 0)
            let flags = approval == .approved ? [] : try await store.flags(forListing: saved.ref)
            return .listingSaved(isNew: ref == nil, saved, approval, flags)
        }
    }

    func submitDecline(_ draft: DeclineDraft, ref: String, version: Int) -> [Effect<TriageOutcome>] {
        let reason = draft.reason, note = PostingsReview.optional(draft.note)
        let session = session, moment = now()
        return screen.write(.declinePosting(ref), lookAgain: Self.listingNow(ref) { .declinePosting(ref: ref, version: $0) }) { store in
            .declined(reason, try await PostingsReview.decline(ref, version: version, reason: reason, note: note, session: session, now: moment, in: store))
        }
    }

    func submitResubmit(note: String, ref: String, version: Int) -> [Effect<TriageOutcome>] {
        let note = PostingsReview.optional(note), session = session, moment = now()
        return screen.write(.resubmitPosting(ref), lookAgain: Self.listingNow(ref) { .resubmitPosting(ref: ref, version: $0) }) { store in
            try await PostingsReview.resubmit(ref, version: version, note: note, session: session, now: moment, in: store)
            return .resubmitted
        }
    }

    /// After a review conflict: the form aimed at the listing's version now.
    static func listingNow(_ ref: String, _ purpose: @escaping @Sendable (Int) -> TriagePurpose)
        -> @Sendable (any CatalogueStore, CatalogueError?) async -> TriagePurpose? {
        { store, error in
            guard case .reviewChanged? = error, let listing = try? await store.opportunity(ref: ref) else { return nil }
            return purpose(listing.version)
        }
    }
}

/// The Organizations queue: approving, declining and trusting the organizations that wait.
struct OrganizationsController: StaffController {
    unowned let screen: TriageScreen
    static let helpTitle = "Organizations"

    var bindings: [StaffBinding] {
        [
            StaffBinding(.approveOrganization, bar: Bar.list, disabledReason: Self.noneWaiting) {
                guard let organization = state.organizations.selectedRow else { return [] }
                let session = session, moment = now()
                return screen.write(.approveOrganization(organization.name)) { store in
                    try await PostingsReview.approveOrganization(organization.name, version: organization.version, session: session, now: moment, in: store)
                    return .organizationApproved(organization.name)
                }
            },
            StaffBinding(.declineOrganization, bar: Bar.list, disabledReason: Self.noneWaiting) {
                guard let organization = state.organizations.selectedRow else { return [] }
                state.modals.open(.form(FormModal(TriageForms.decline(title: "Decline \(organization.name)", subtitle: "Its pending listings are declined with it"),
                                                  purpose: .declineOrganization(name: organization.name, version: organization.version))))
                return []
            },
            StaffBinding(.trustOrganization, bar: Bar.list, disabledReason: Self.noneWaiting) {
                guard let organization = state.organizations.selectedRow else { return [] }
                state.modals.open(.confirm(Confirmation(title: "Trust \(organization.name)?",
                                                        message: "Its later listings are approved on arrival, without review.",
                                                        yes: "Trust", no: "Cancel",
                                                        answer: .screen(.trustOrganization(name: organization.name, version: organization.version)))))
                return []
            },
        ]
    }

    static func noneWaiting(_ state: TriageState) -> String? { state.organizations.selectedRow == nil ? "no organization is waiting" : nil }

    func trusted(_ name: String, version: Int) -> [Effect<TriageOutcome>] {
        let session = session, moment = now()
        return screen.write(.trustOrganization(name)) { store in
            try await PostingsReview.trustOrganization(name, version: version, session: session, now: moment, in: store)
            return .trusted(name)
        }
    }

    func submitDecline(_ draft: DeclineDraft, name: String, version: Int) -> [Effect<TriageOutcome>] {
        let reason = draft.reason, note = PostingsReview.optional(draft.note)
        let session = session, moment = now()
        return screen.write(.declineOrganization(name), lookAgain: { store, error in
            guard case .reviewChanged? = error, let now = try? await store.organizations(approval: nil).first(where: { $0.name == name }) else { return nil }
            return .declineOrganization(name: name, version: now.version)
        }) { store in
            try await PostingsReview.declineOrganization(name, version: version, reason: reason, note: note, session: session, now: moment, in: store)
            return .organizationDeclined(name, reason)
        }
    }
}
