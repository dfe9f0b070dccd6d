import Foundation
import TernCatalogue
import TernViewModels

/// Forms, confirmations and overlays on the student screen, and the actions on the student's
/// own applications that open them.
extension StudentScreen {
    /// The application a key acts on: the selected one in My applications, else the student's
    /// application to the listing on screen.
    var currentApplication: (application: Application, title: String)? {
        if state.panes.focus == .applications, let overview = state.applications.selectedRow {
            return (overview.application, overview.opportunity.title)
        }
        if let shown = state.detail, let mine = shown.myApplication { return (mine, shown.opportunity.title) }
        return nil
    }

    /// Withdraw, accept, decline, deliver (or correct the link), reopen, rate: checked against
    /// the state machine first so the student is told at once what is possible, never shown a
    /// form that cannot be sent. Every move asks first, naming the listing.
    func performOnApplication(_ action: StudentAction) throws -> [Effect<StudentOutcome>] {
        guard !session.isGuest else { return guestRefusal(action) }
        if action == .rateOrganization { return openRating() }
        guard let (application, title) = currentApplication else {
            return state.toasts.show("select one of your applications first (\(keyName(.nextPane)) to My applications)", isError: true)
        }
        let wanted: StudentApplicationAction = switch action {
        case .withdraw: .withdraw
        case .acceptOffer: .acceptOffer
        case .declineOffer: .declineOffer
        case .apply: .reopen
        default: application.status == .delivered ? .correctLink : .markDelivered
        }
        let possible = state.actions(on: application)
        guard possible.contains(wanted) else {
            if wanted == .reopen, application.status == .withdrawn {
                return state.toasts.show("cannot reopen: \(try applications.reopenRefusal(application.id))", isError: true)
            }
            let offer = possible.isEmpty ? "nothing more to do on it" : "you can " + possible.map(\.label).joined(separator: " or ")
            return state.toasts.show("cannot \(wanted.label): this application is \(application.status.label.lowercased()); \(offer)",
                                     isError: true)
        }
        let move = StudentPurpose.move(wanted, applicationID: application.id, version: application.version)
        switch wanted {
        case .withdraw:
            let after = try applications.wasReopened(application.id)
                ? "You reopened it once already: this withdrawal is final."
                : "You can reopen it once, while the listing takes applications."
            state.modals.open(.confirm(Confirmation(title: "Withdraw your application?", message: "\(title)\n\n\(after)",
                                                    yes: "Withdraw", no: "Keep it", answer: .screen(move))))
        case .declineOffer:
            state.modals.open(.confirm(Confirmation(title: "Decline this offer?", message: "\(title)\n\nThis cannot be undone.",
                                                    yes: "Decline", no: "Keep it", answer: .screen(move))))
        case .acceptOffer:
            state.modals.open(.confirm(Confirmation(
                title: "Accept this offer?",
                message: "\(title)\n\nThe organization is told you will do the work, and the spot is yours.",
                yes: "Accept", no: "Not now", answer: .screen(move))))
        case .reopen:
            state.modals.open(.confirm(Confirmation(
                title: "Reopen your application?",
                message: "\(title)\n\nIt goes back to the organization as Submitted. You can reopen it only this once.",
                yes: "Reopen", no: "Leave it", answer: .screen(move))))
        case .markDelivered, .correctLink:
            state.modals.open(.form(FormModal(FormBuilder.deliver(title: title, link: wanted == .correctLink ? application.deliverableLink ?? "" : ""),
                                              purpose: .deliver(applicationID: application.id, version: application.version))))
        }
        return []
    }

    /// `r`: from Feedback, the first completed micro-internship not rated yet; elsewhere, the
    /// application on screen.
    private func openRating() -> [Effect<StudentOutcome>] {
        let item: FeedbackViewModel.Item
        if state.panes.focus != .feedback, let (application, _) = currentApplication {
            guard let completed = state.feedback.first(where: { $0.applicationID == application.id }) else {
                return state.toasts.show("you can rate the organization once the work is completed", isError: true)
            }
            guard completed.fromStudent == nil else {
                return state.toasts.show("you have already rated \(completed.opportunity.organization) for this", isError: true)
            }
            item = completed
        } else {
            guard !state.feedback.isEmpty else {
                return state.toasts.show("nothing to rate yet: you rate an organization once your work for it is completed", isError: true)
            }
            guard let unrated = state.firstUnrated else {
                return state.toasts.show("nothing left to rate: you have rated every completed micro-internship")
            }
            item = unrated
        }
        state.modals.open(.form(FormModal(FormBuilder.rate(title: item.opportunity.title, organization: item.opportunity.organization),
                                          purpose: .rate(applicationID: item.applicationID))))
        return []
    }

    // MARK: - What the modals answer

    /// A filter that cannot be used is said by the field's own label, with the focus moved there
    /// to fix it; anything else keeps the form open with what was typed, saying what to fix.
    func formRefused(_ error: any Error, _ purpose: StudentPurpose) throws -> [Effect<StudentOutcome>] {
        state.modals.refuseForm("\(error)")
        if let invalid = error as? ListingFilters.Invalid, case .form(var modal)? = state.modals.top,
           let index = modal.form.fields.firstIndex(where: { $0.label == invalid.field }) {
            modal.form.focus = index
            state.modals.replaceTop(.form(modal))
        }
        return []
    }

    func chosen(_ index: Int, _ purpose: StudentPurpose) throws -> [Effect<StudentOutcome>] {
        guard case .savedSearches(let searches) = purpose, searches.indices.contains(index) else { return [] }
        let chosen = searches[index]
        state.query = try savedSearches.open(chosen)
        // Opening moves the search's "last seen" on; what was new before it stays marked.
        state.newMatches = (state.query, chosen.lastSeenAt)
        state.view = .all
        state.modals.close()
        let new = chosen.newCount == 0 ? "" : ": \(chosen.newCount) new, marked ●"
        return requery() + state.toasts.show("showing saved search “\(chosen.name)”\(new)")
    }

    func modalAction(_ action: StudentAction, _ purpose: StudentPurpose) throws -> [Effect<StudentOutcome>] {
        switch (action, purpose) {
        case (.deleteSavedSearch, .savedSearches(let searches)):
            guard case .list(let overlay)? = state.modals.top, searches.indices.contains(overlay.state.selected) else { return [] }
            let chosen = searches[overlay.state.selected]
            state.modals.open(.confirm(Confirmation(title: "Delete saved search “\(chosen.name)”?",
                                                    message: "Its new-listing count goes with it.",
                                                    yes: "Delete", no: "Keep", answer: .screen(.deleteSavedSearch(chosen)))))
        case (.editProfile, .profile):
            // Edited against the profile as it is now, not as the overlay first read it: an edit
            // made elsewhere meanwhile would make the first save fail.
            try profile.reload()
            state.modals.replaceTop(.text(profileOverlay()))
            guard let student = profile.student else { return [] }
            state.modals.open(.form(FormModal(FormBuilder.profile(ProfileDraft(student)), purpose: .editProfile)))
        default:
            break
        }
        return []
    }

    func confirmed(_ purpose: StudentPurpose) throws -> [Effect<StudentOutcome>] {
        switch purpose {
        case .move(let action, let id, let version):
            try applications.perform(action, on: id, expectedVersion: version)
            let done: String = switch action {
            case .withdraw: "application withdrawn"
            case .declineOffer: "offer declined"
            case .acceptOffer: "offer accepted — the organization will be in touch"
            case .reopen: "application reopened — it is Submitted again"
            case .markDelivered, .correctLink: "saved"
            }
            return try afterApplicationChange(done)
        case .deleteSavedSearch(let search):
            try savedSearches.delete(search)
            if case .list(let overlay)? = state.modals.top {
                state.modals.replaceTop(.list(savedSearchesOverlay(selected: overlay.state.selected)))
            }
            return state.toasts.show("deleted saved search “\(search.name)”")
        default:
            return []
        }
    }

    func submit(_ form: Form, _ purpose: StudentPurpose) throws -> [Effect<StudentOutcome>] {
        switch purpose {
        case .filters:
            state.query = try FormBuilder.filterDraft(form, base: state.query, signedIn: !session.isGuest).applied(to: state.query)
            state.modals.closeForm()
            return requery()
        case .saveSearch:
            let saved = try savedSearches.save(named: form.field("Name").text, query: state.query)
            state.modals.closeForm()
            return state.toasts.show("saved search “\(saved.name)” — \(keyName(.savedSearches)) lists your saved searches")
        case .apply(let listingID):
            try applying.submit(FormBuilder.applicationDraft(form), to: listingID)
            state.modals.closeForm()
            return try afterApplicationChange("application sent — it shows as Submitted in My applications")
        case .deliver(let id, let version):
            let correcting = applications.applications.first { $0.id == id }?.application.status == .delivered
            try applications.perform(correcting ? .correctLink : .markDelivered, on: id, expectedVersion: version,
                                     link: form.field("Deliverable link").text)
            state.modals.closeForm()
            return try afterApplicationChange(correcting ? "deliverable link corrected — the organization sees the new one"
                                                         : "marked delivered — the organization will review it")
        case .rate(let id):
            func optional(_ text: String) -> String? {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            }
            guard let rating = FormBuilder.rating(form) else {
                throw FormRefusal(description: "Rating: choose 1 to 5 stars (←/→)")
            }
            try feedback.rate(id, rating: rating, strengths: optional(form.field("Strengths").text),
                              improvements: optional(form.field("To improve").text), comment: optional(form.field("Comment").text))
            state.modals.closeForm()
            state.feedback = feedback.items
            return state.toasts.show("thank you — your rating is saved")
        case .editProfile:
            do {
                try profile.save(FormBuilder.profileDraft(form))
            } catch CatalogueError.versionConflict {
                throw ProfileDraft.Invalid(description: "your profile changed elsewhere meanwhile; press \(keyName(.cancelForm)) and edit it again")
            }
            state.modals.closeForm()
            try profile.reload()
            if case .text? = state.modals.top { state.modals.replaceTop(.text(profileOverlay())) }
            let effects = state.toasts.show("profile saved — For you now ranks by it") as [Effect<StudentOutcome>]
            return state.view == .forYou ? effects + requery() : effects
        case .move, .savedSearches, .deleteSavedSearch, .profile, .commands, .updates:
            return []
        }
    }
}

/// Why a form on the student screen cannot be sent as it is: shown in the form, which stays open.
struct FormRefusal: Error, CustomStringConvertible {
    let description: String
}
