import TernText
import Foundation
import TernStore
import TernViewModels

/// What the console's forms, questions and lists answer, each to the controller whose it is;
/// and the mouse on the queues.
extension TriageScreen {
    func submit(_ form: Form, _ purpose: TriagePurpose) throws -> [Effect<TriageOutcome>] {
        let applications = ApplicationsController(screen: self), postings = PostingsController(screen: self)
        switch purpose {
        case .reject(let targets): return try applications.submitReject(TriageForms.rejectSpec.draft(from: form), targets: targets)
        case .note(let id): return applications.submitNote(TriageForms.noteSpec.draft(from: form), id: id)
        case .organizationDecision(let row, let moves):
            return try applications.submitDecision(TriageForms.decisionSpec(moves: moves).draft(from: form), row: row)
        case .organizationFeedback(let id): return applications.submitFeedback(TriageForms.feedbackSpec.draft(from: form), id: id)
        case .listing(let ref, let version): return postings.submitListing(TriageForms.listingSpec.draft(from: form), ref: ref, version: version)
        case .declinePosting(let ref, let version):
            return postings.submitDecline(TriageForms.declineSpec.draft(from: form), ref: ref, version: version)
        case .resubmitPosting(let ref, let version):
            return postings.submitResubmit(note: TriageForms.noteOnlySpec.draft(from: form), ref: ref, version: version)
        case .declineOrganization(let name, let version):
            return OrganizationsController(screen: self).submitDecline(TriageForms.declineSpec.draft(from: form), name: name, version: version)
        case .move, .approvePostings, .trustOrganization, .views, .deleteView, .studentRecord, .commands, .closeListing, .archiveListing:
            return []
        }
    }

    func confirmed(_ purpose: TriagePurpose) throws -> [Effect<TriageOutcome>] {
        switch purpose {
        case .move(let move, let targets): return try ApplicationsController(screen: self).perform(move, on: targets)
        case .approvePostings(let refs, let versions): return PostingsController(screen: self).approved(refs, versions: versions)
        case .closeListing(let ref, let version): return PostingsController(screen: self).closed(ref, version: version)
        case .archiveListing(let ref, let version): return PostingsController(screen: self).archived(ref, version: version)
        case .trustOrganization(let name, let version): return OrganizationsController(screen: self).trusted(name, version: version)
        case .deleteView(let name): return SavedViewsController(screen: self).delete(name)
        default: return []
        }
    }

    func chosen(_ index: Int, _ purpose: TriagePurpose) throws -> [Effect<TriageOutcome>] {
        guard case .views(let views) = purpose else { return [] }
        return SavedViewsController(screen: self).chosen(index, views)
    }

    func modalAction(_ action: StaffAction, _ purpose: TriagePurpose) throws -> [Effect<TriageOutcome>] {
        guard action == .deleteView, case .views(let views) = purpose else { return [] }
        return SavedViewsController(screen: self).askToDelete(views)
    }

    // MARK: - Mouse

    /// A click on the queue selects the row (or the queue tab) it lands on; on the detail it
    /// only focuses it. `tern triage` captures the mouse, so it must answer it.
    func clickPane(_ pane: TriagePane, inner: Rect, event: MouseEvent) throws -> [Effect<TriageOutcome>] {
        guard pane == .queue else { return [] }
        if event.row == inner.y, let kind = Self.queueTab(atColumn: event.column, inner: inner, state: state) {
            return switchQueue(to: kind)
        }
        let list = TriageLayout.list(inner)
        switch state.kind {
        case .applications:
            guard let index = ListView.index(atScreenRow: event.row, area: list, state: state.queue.state) else { return [] }
            return queueChange(.select(index))
        case .postings:
            guard let index = ListView.index(atScreenRow: event.row, area: list, state: state.postings.state) else { return [] }
            try state.postings.select(index: index, source: postingRows)
        case .organizations:
            guard let index = ListView.index(atScreenRow: event.row, area: list, state: state.organizations.state) else { return [] }
            try state.organizations.select(index: index, source: organizationRows)
        case .reports:
            return []
        }
        return showSelection()
    }

    /// The wheel scrolls what is under it (the report is on the queue pane), focus staying put.
    func wheel(_ pane: TriagePane, inner: Rect, event: MouseEvent, move: ListMove) throws -> [Effect<TriageOutcome>] {
        let focus = state.panes.focus
        state.panes.focus = pane
        defer { state.panes.focus = focus }
        return moveQueue(move)
    }

    /// The queue tab ("2 Postings 3") under `column` on the queue pane's first row, laid out as
    /// ``StaffConsoleView`` draws them.
    static func queueTab(atColumn column: Int, inner: Rect, state: TriageState) -> TriageQueueKind? {
        var x = inner.x
        for kind in TriageQueueKind.allCases {
            let width = DisplayWidth.of(StaffConsoleView.tabText(kind, state))
            guard x + width <= inner.maxX else { return nil }
            if column >= x && column < x + width { return kind }
            x += width + 2
        }
        return nil
    }
}
