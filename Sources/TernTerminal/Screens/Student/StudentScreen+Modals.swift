import Foundation
import TernStore
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
                let (store, session, moment, id) = (store, session, now(), application.id)
                return [.run(.prepare) { _ in
                    do { return .reopenRefused(try await ApplicationsViewModel.reopenRefusal(id, session: session, store: store, now: moment)) }
                    catch { return .failed("\(error)") }
                }]
            }
            let offer = possible.isEmpty ? "nothing more to do on it" : "you can " + possible.map(\.label).joined(separator: " or ")
            return state.toasts.show("cannot \(wanted.label): this application is \(application.status.label.lowercased()); \(offer)",
                                     isError: true)
        }
        let move = StudentPurpose.move(wanted, applicationID: application.id, version: application.version)
        switch wanted {
        case .withdraw:
            // What the confirmation says depends on the application's history: read first.
            let (store, session, id) = (store, session, application.id)
            return [.run(.prepare) { _ in
                do { return .withdrawChecked(move, title: title, wasReopened: try await ApplicationsViewModel.wasReopened(id, session: session, store: store)) }
                catch { return .failed("\(error)") }
            }]
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
        state.query = chosen.query
        // Opening moves the search's "last seen" on (in the background); what was new before
        // it stays marked.
        state.newMatches = (state.query, chosen.lastSeenAt)
        state.view = .all
        state.modals.close()
        let new = chosen.newCount == 0 ? "" : ": \(chosen.newCount) new, marked ●"
        let (store, session, moment) = (store, session, now())
        let seen: Effect<StudentOutcome> = .run(.markSearchSeen) { _ in
            do {
                try await SavedSearchesViewModel.markOpened(chosen, session: session, store: store, now: moment)
                return .nothing
            } catch {
                return .failed("could not mark “\(chosen.name)” seen: \(error)")
            }
        }
        return requery() + [seen] + state.toasts.show("showing saved search “\(chosen.name)”\(new)")
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
            return readProfile(.edit)
        default:
            break
        }
        return []
    }

    func confirmed(_ purpose: StudentPurpose) throws -> [Effect<StudentOutcome>] {
        switch purpose {
        case .move(let action, let id, let version):
            let (store, session, moment) = (store, session, now())
            return write(.move(action, applicationID: id)) {
                try await action.perform(on: id, expectedVersion: version, session: session, store: store, now: moment)
                return nil
            }
        case .deleteSavedSearch(let search):
            let (store, session) = (store, session)
            return write(.deleteSavedSearch(search)) {
                try await SavedSearchesViewModel.delete(search, session: session, store: store)
                return nil
            }
        default:
            return []
        }
    }

    /// A form sent: checked here first (what to fix stays in the form), then written in the
    /// background; the form closes when the write is done, and keeps what was typed when the
    /// store refuses it.
    func submit(_ form: Form, _ purpose: StudentPurpose) throws -> [Effect<StudentOutcome>] {
        let (store, session, moment) = (store, session, now())
        switch purpose {
        case .filters:
            state.query = try FormBuilder.filtersSpec(signedIn: !session.isGuest).draft(from: form).applied(to: state.query)
            state.modals.closeForm()
            return requery()
        case .saveSearch:
            let (name, query) = (FormBuilder.saveSearchSpec.draft(from: form), state.query)
            return write(.saveSearch(name: name, fromForm: true)) {
                let saved = try await SavedSearchesViewModel.save(named: name, query: query, session: session, store: store, now: moment)
                return .saveSearch(name: saved.name, fromForm: true)
            }
        case .apply(let listingID):
            guard !session.isGuest else { throw FormRefusal(description: "guests cannot apply") }
            let checked = try ApplyViewModel.check(FormBuilder.applySpec.draft(from: form))
            return write(.apply(listingID: listingID)) {
                try await ApplyViewModel.file(checked, to: listingID, session: session, store: store, now: moment)
                return nil
            }
        case .deliver(let id, let version):
            let correcting = state.myApplications.first { $0.id == id }?.application.status == .delivered
            let action: StudentApplicationAction = correcting ? .correctLink : .markDelivered
            let link = FormBuilder.deliverSpec.draft(from: form)
            return write(.move(action, applicationID: id)) {
                try await action.perform(on: id, expectedVersion: version, link: link, session: session, store: store, now: moment)
                return nil
            }
        case .rate(let id):
            let draft = FormBuilder.rateSpec.draft(from: form)
            guard let rating = draft.rating else {
                throw FormRefusal(description: "Rating: choose 1 to 5 stars (←/→)")
            }
            let (strengths, improvements, comment) = draft.sent
            return write(.rate(applicationID: id)) {
                try await FeedbackViewModel.rate(id, rating: rating, strengths: strengths, improvements: improvements, comment: comment,
                                                 session: session, store: store, now: moment)
                return nil
            }
        case .editProfile:
            let draft = FormBuilder.profileSpec.draft(from: form)
            _ = try ProfileViewModel.check(draft)
            guard let student = state.profile.student else { throw CatalogueError.notPermitted("guests have no profile") }
            return write(.profile) {
                try await ProfileViewModel.save(draft, over: student, session: session, store: store, now: moment)
                return nil
            }
        case .move, .savedSearches, .deleteSavedSearch, .profile, .commands, .updates:
            return []
        }
    }
}

/// Why a form on the student screen cannot be sent as it is: shown in the form, which stays open.
struct FormRefusal: Error, CustomStringConvertible {
    let description: String
}
