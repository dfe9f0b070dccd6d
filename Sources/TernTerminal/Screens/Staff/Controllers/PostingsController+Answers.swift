import Foundation
import TernCatalogue
import TernViewModels

/// What the Postings forms and questions do once answered.
extension PostingsController {
    func approved(_ refs: [String], versions: [String: Int]) throws -> [Effect<TriageOutcome>] {
        do {
            try review.approve(refs, versions: versions)
        } catch CatalogueError.reviewChanged(let conflict) {
            try review.reload()
            try screen.readReview()
            return state.toasts.show("nothing was approved: \(conflict.description)", isError: true)
        }
        try screen.readReview()
        return state.toasts.show("approved \(refs.count) posting\(refs.count == 1 ? "" : "s"): students see them now")
    }

    func closed(_ ref: String, version: Int) throws -> [Effect<TriageOutcome>] {
        let summary = try catalogue.closeListing(ref: ref, expectedVersion: version, by: session.actor, now: now())
        try screen.reloadAll()
        return state.toasts.show("closed \(ref); \(summary.applicationsExpired) waiting application\(summary.applicationsExpired == 1 ? "" : "s") expired")
    }

    func archived(_ ref: String, version: Int) throws -> [Effect<TriageOutcome>] {
        try catalogue.archiveListing(ref: ref, expectedVersion: version, by: session.actor, now: now())
        try screen.reloadAll()
        return state.toasts.show("archived \(ref)")
    }

    func submitListing(_ form: Form, ref: String?, version: Int?) throws -> [Effect<TriageOutcome>] {
        let draft = try TriageForms.listingText(form).draft(ref: ref, homeCurrency: try catalogue.homeCurrency())
        let saved: Opportunity
        if let ref, let version {
            saved = try catalogue.updateListing(ref: ref, draft, expectedVersion: version, by: session.actor, now: now())
        } else {
            saved = try catalogue.createListing(draft, by: session.actor, now: now())
        }
        state.modals.closeForm()
        try screen.reloadAll()
        // The new listing is selected, so the next key (e, a, x) acts on it.
        if try state.postings.jump(to: saved.ref, source: screen.postingRows) { try screen.showSelection() }
        let approval = try catalogue.approval(ofListing: saved.id ?? 0)
        // Trust skips the review, never the flags: say why a trusted one still waits.
        let flags = approval == .approved ? [] : try catalogue.flags(forListing: saved.ref)
        let waits = "it waits for review in Postings" + (flags.isEmpty ? "" : " (flagged: \(flags.map(\.description).joined(separator: "; ")))")
        return state.toasts.show(ref == nil ? "created \(saved.ref): \(approval == .approved ? "approved on arrival (trusted organization)" : waits)"
                                 : "saved \(saved.ref)")
    }

    func submitDecline(_ form: Form, ref: String, version: Int) throws -> [Effect<TriageOutcome>] {
        let reason = TriageForms.declineReason(form)
        let summary = try review.decline(ref, version: version, reason: reason, note: TriageForms.optional(form.field("Note").text))
        state.modals.closeForm()
        try screen.readReview()
        try triage.reload()
        try screen.readQueue(reset: false)
        return state.toasts.show("declined (\(reason.label)); students no longer see it" + TakeDownSummary.sentence(summary))
    }

    func submitResubmit(_ form: Form, ref: String, version: Int) throws -> [Effect<TriageOutcome>] {
        try review.resubmit(ref, version: version, note: TriageForms.optional(form.field("Note").text))
        state.modals.closeForm()
        try screen.readReview()
        return state.toasts.show("resubmitted: it waits for review again")
    }
}

/// The Organizations queue: approving, declining and trusting the organizations that wait.
struct OrganizationsController: StaffController {
    unowned let screen: TriageScreen

    var bindings: [StaffBinding] {
        [
            StaffBinding(.approveOrganization, bar: Bar.list, disabledReason: Self.noneWaiting) {
                guard let organization = state.organizations.selectedRow else { return [] }
                try review.approveOrganization(organization.name, version: organization.version)
                try screen.readReview()
                return state.toasts.show("approved \(organization.name); its listings still wait for their own review")
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

    func trusted(_ name: String, version: Int) throws -> [Effect<TriageOutcome>] {
        do {
            try review.trustOrganization(name, version: version)
        } catch CatalogueError.reviewChanged(let conflict) {
            try review.reload()
            try screen.readReview()
            return state.toasts.show("\(name) was not trusted: \(conflict.description)", isError: true)
        }
        try screen.readReview()
        return state.toasts.show("\(name) is trusted: its later listings are approved on arrival")
    }

    func submitDecline(_ form: Form, name: String, version: Int) throws -> [Effect<TriageOutcome>] {
        let reason = TriageForms.declineReason(form)
        try review.declineOrganization(name, version: version, reason: reason, note: TriageForms.optional(form.field("Note").text))
        state.modals.closeForm()
        try screen.readReview()
        return state.toasts.show("declined \(name) (\(reason.label))")
    }
}
