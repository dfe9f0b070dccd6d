import Foundation
import TernCatalogue
import TernViewModels

/// What sits on top of the panes and takes every key until it closes.
enum Modal {
    /// What a submitted form is for.
    enum Purpose: Equatable {
        case filters, saveSearch, editProfile
        case apply(listingID: Int64)
        case deliver(applicationID: Int64, version: Int)
        case rate(applicationID: Int64)
    }

    case form(Form, Purpose)
    /// "Withdraw your application?" with Yes/No; No is selected first.
    case confirm(StudentApplicationAction, applicationID: Int64, version: Int, title: String, selected: Int)
    case savedSearches(ListState)
    case profile(scroll: Int)
}

extension StudentShell {
    /// The application the student's key acts on: the selected one in My applications, else
    /// their application to the listing on screen.
    var currentApplication: (application: Application, title: String)? {
        if focus == .applications, let overview = applications.applications[safe: applicationState.selected] {
            return (overview.application, overview.opportunity.title)
        }
        if let shown = detail.detail, let mine = shown.myApplication { return (mine, shown.opportunity.title) }
        return nil
    }

    /// Withdraw, accept, decline, deliver, rate: checked against the state machine first so the
    /// student is told at once what is possible, never shown a form that cannot be sent.
    func performOnApplication(_ action: Action) throws {
        guard !session.isGuest else { toast = ("guests have no applications: start tern with --user NAME", true); return }
        if action == .rateOrganization {
            try openRating()
            return
        }
        let wanted: StudentApplicationAction = switch action {
        case .withdraw: .withdraw
        case .acceptOffer: .acceptOffer
        case .declineOffer: .declineOffer
        default: .markDelivered
        }
        guard let (application, title) = currentApplication else {
            toast = ("select one of your applications first (Tab to My applications)", true)
            return
        }
        let possible = StudentApplicationAction.available(for: application.status)
        guard possible.contains(wanted) else {
            let offer = possible.isEmpty ? "nothing more to do on it" : "you can " + possible.map(\.label).joined(separator: " or ")
            toast = ("cannot \(wanted.label): this application is \(application.status.label.lowercased()); \(offer)", true)
            return
        }
        switch wanted {
        case .withdraw, .declineOffer:
            modal = .confirm(wanted, applicationID: application.id, version: application.version, title: title, selected: 1)
        case .markDelivered:
            modal = .form(FormBuilder.deliver(title: title), .deliver(applicationID: application.id, version: application.version))
        case .acceptOffer:
            try applications.perform(.acceptOffer, on: application.id, expectedVersion: application.version)
            try afterApplicationChange("offer accepted — the organization will be in touch")
        }
    }

    private func openRating() throws {
        let candidate: FeedbackViewModel.Item?
        if focus == .feedback {
            candidate = feedback.firstUnrated
        } else if let (application, _) = currentApplication {
            candidate = feedback.items.first { $0.applicationID == application.id }
            guard candidate != nil else {
                toast = ("you can rate the organization once the work is completed", true)
                return
            }
        } else {
            candidate = feedback.firstUnrated
        }
        guard let item = candidate else { toast = ("nothing to rate: no completed micro-internships", true); return }
        guard item.fromStudent == nil else { toast = ("you have already rated \(item.opportunity.organization) for this", true); return }
        modal = .form(FormBuilder.rate(title: item.opportunity.title, organization: item.opportunity.organization), .rate(applicationID: item.applicationID))
    }

    private func afterApplicationChange(_ message: String) throws {
        try reload()
        toast = (message, false)
    }

    // MARK: Keys

    func handleModal(_ key: Key) throws {
        guard let current = modal else { return }
        switch current {
        case .form(var form, let purpose):
            switch form.handle(key) {
            case .editing:
                modal = .form(form, purpose)
            case .cancel:
                modal = nil
            case .submit:
                form.error = nil
                do {
                    modal = nil
                    try submit(form, purpose)
                } catch {
                    // The form stays open with what was typed, and says what to fix.
                    form.error = "\(error)"
                    modal = .form(form, purpose)
                }
            }
        case .confirm(let action, let id, let version, let title, var selected):
            switch key {
            case .left, .right, .tab, .backTab, .character("h"), .character("l"):
                selected = 1 - selected
                modal = .confirm(action, applicationID: id, version: version, title: title, selected: selected)
            case .character("y"), .character("Y"):
                modal = nil
                try confirm(action, id: id, version: version)
            case .enter:
                modal = nil
                if selected == 0 { try confirm(action, id: id, version: version) }
            case .escape, .character("n"), .character("N"), .character("q"):
                modal = nil
            default:
                break
            }
        case .savedSearches(var state):
            try handleSavedSearchesKey(key, state: &state)
        case .profile(let scroll):
            switch keyMap.action(for: key) {
            case .back, .quit, .profile: modal = nil
            case .moveDown: modal = .profile(scroll: scroll + 1)
            case .moveUp: modal = .profile(scroll: max(0, scroll - 1))
            default:
                if key == .character("e"), let student = profile.student {
                    modal = .form(FormBuilder.profile(ProfileDraft(student)), .editProfile)
                }
            }
        }
    }

    private func confirm(_ action: StudentApplicationAction, id: Int64, version: Int) throws {
        try applications.perform(action, on: id, expectedVersion: version)
        try afterApplicationChange(action == .withdraw ? "application withdrawn" : "offer declined")
    }

    private func submit(_ form: Form, _ purpose: Modal.Purpose) throws {
        switch purpose {
        case .filters:
            baseQuery = try FormBuilder.filterDraft(form, base: baseQuery, signedIn: !session.isGuest).applied(to: baseQuery)
            requery()
        case .saveSearch:
            let saved = try savedSearches.save(named: form.field("Name").text, query: baseQuery)
            toast = ("saved search “\(saved.name)” — o lists your saved searches", false)
        case .apply(let listingID):
            try applying.submit(FormBuilder.applicationDraft(form), to: listingID)
            try afterApplicationChange("application sent — it shows as Submitted in My applications")
        case .deliver(let id, let version):
            try applications.perform(.markDelivered, on: id, expectedVersion: version, link: form.field("Deliverable link").text)
            try afterApplicationChange("marked delivered — the organization will review it")
        case .rate(let id):
            func optional(_ text: String) -> String? {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            }
            let rating = FormBuilder.ratings[min(form.field("Rating").choice, FormBuilder.ratings.count - 1)]
            try feedback.rate(id, rating: rating, strengths: optional(form.field("Strengths").text),
                              improvements: optional(form.field("To improve").text), comment: optional(form.field("Comment").text))
            toast = ("thank you — your rating is saved", false)
        case .editProfile:
            do {
                try profile.save(FormBuilder.profileDraft(form))
            } catch CatalogueError.versionConflict {
                throw ProfileDraft.Invalid(description: "your profile changed elsewhere meanwhile; press esc and edit it again")
            }
            try reload()
            modal = .profile(scroll: 0)
            toast = ("profile saved — For you now ranks by it", false)
            if view == .forYou { requery() }
        }
    }

    private func handleSavedSearchesKey(_ key: Key, state: inout ListState) throws {
        let rows = max(1, ListView.visibleRows(in: overlayArea(lastLayout.body).inset(by: 1)))
        let searches = savedSearches.searches
        switch keyMap.action(for: key) {
        case .moveDown: state.move(by: 1, visibleRows: rows)
        case .moveUp: state.move(by: -1, visibleRows: rows)
        case .back, .quit, .savedSearches:
            modal = nil
            return
        case .open:
            guard let chosen = searches[safe: state.selected] else { return }
            baseQuery = try savedSearches.open(chosen)
            view = .all
            modal = nil
            requery()
            toast = ("showing saved search “\(chosen.name)”", false)
            return
        default:
            if key == .character("d"), let chosen = searches[safe: state.selected] {
                try savedSearches.delete(chosen)
                state.setCount(savedSearches.searches.count, visibleRows: rows)
                toast = ("deleted saved search “\(chosen.name)”", false)
            }
        }
        modal = .savedSearches(state)
    }
}
