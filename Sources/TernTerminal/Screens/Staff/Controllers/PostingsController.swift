import Foundation
import TernStore
import TernViewModels

/// The Postings queue: approving what waits (marked together), declining, resubmitting, and
/// the listings staff write, edit, close and archive. The key bar offers what suits postings
/// where they stand: approving only what waits, resubmitting only what was declined, taking
/// down (declining) what is approved.
struct PostingsController: StaffController {
    unowned let screen: TriageScreen
    static let helpTitle = "Postings"

    var bindings: [StaffBinding] {
        [
            StaffBinding(.approvePosting, bar: { $0.postingsShowing == .pending }, disabledReason: Self.approveRefusal) { approve() },
            StaffBinding(.declinePosting, bar: { $0.postingsShowing != .declined }, disabledReason: Self.noneWaiting) { decline() },
            StaffBinding(.resubmitPosting, bar: { $0.postingsShowing == .declined }, disabledReason: Self.noneHere) { resubmit() },
            StaffBinding(.editListing, bar: { $0.postingsShowing != .declined }, disabledReason: Self.noListing) { edit() },
            StaffBinding(.closeListing, bar: { $0.postingsShowing == .approved }, disabledReason: Self.noListing) { close() },
            StaffBinding(.archiveListing, disabledReason: Self.noListing) { archive() },
            StaffBinding(.mark, bar: { Bar.list($0) && $0.postingsShowing == .pending }, disabledReason: Self.markRefusal) { try mark(all: false) },
            StaffBinding(.markRange, disabledReason: Self.markRefusal) { try mark(all: false) },
            StaffBinding(.markAll, disabledReason: Self.markRefusal) { try mark(all: true) },
            StaffBinding(.declinedPostings, bar: Bar.list) { try showNext() },
            StaffBinding(.open, bar: Bar.list) { try screen.open() },
            StaffBinding(.newListing) { newListing() },
        ]
    }

    static func noneWaiting(_ state: TriageState) -> String? { state.postings.selectedRow == nil ? "no posting is waiting" : nil }
    static func noneHere(_ state: TriageState) -> String? { state.postings.selectedRow == nil ? "no posting here" : nil }
    static func noListing(_ state: TriageState) -> String? { state.postingDetail?.listing == nil ? "no posting here" : nil }
    static func markRefusal(_ state: TriageState) -> String? {
        state.postingsShowing == .pending ? nil : "marks are for approving waiting postings"
    }

    static func approveRefusal(_ state: TriageState) -> String? {
        guard !state.postingMarks.isEmpty || state.postings.selectedRow != nil else { return "no posting is waiting" }
        guard state.postingsShowing == .pending else {
            return state.postingsShowing == .declined
                ? "a declined posting is resubmitted (\(state.keyMap.keyNames(for: .resubmitPosting))) before it can be approved"
                : "these postings are approved already"
        }
        return nil
    }

    private func approve() -> [Effect<TriageOutcome>] {
        let refs = state.postingMarks.isEmpty ? state.postings.selectedRow.map { [$0.ref] } ?? [] : state.postingMarks.sorted()
        // Each at the version on screen now: approving what changed since is refused.
        let versions = Dictionary(state.review.postings.filter { refs.contains($0.ref) }.map { ($0.ref, $0.version) }, uniquingKeysWith: { first, _ in first })
        let question = refs.count == 1 ? "Approve this posting?" : "Approve \(refs.count) postings?"
        state.modals.open(.confirm(Confirmation(title: question, message: "Students see approved postings at once.",
                                                yes: "Approve", no: "Cancel", answer: .screen(.approvePostings(refs: refs, versions: versions)))))
        return []
    }

    private func decline() -> [Effect<TriageOutcome>] {
        guard let posting = state.postings.selectedRow else { return [] }
        state.modals.open(.form(FormModal(TriageForms.decline(title: "Decline “\(posting.title)”", subtitle: posting.organization),
                                          purpose: .declinePosting(ref: posting.ref, version: posting.version))))
        return []
    }

    private func resubmit() -> [Effect<TriageOutcome>] {
        guard let posting = state.postings.selectedRow else { return [] }
        state.modals.open(.form(FormModal(TriageForms.noteOnly(title: "Resubmit “\(posting.title)”",
                                                               subtitle: "Back into review; a listing is resubmitted once"),
                                          purpose: .resubmitPosting(ref: posting.ref, version: posting.version))))
        return []
    }

    private func newListing() -> [Effect<TriageOutcome>] {
        var text = ListingFormText()
        text.deadline = CalendarDay(now().addingTimeInterval(21 * 86_400)).description
        text.hours = "10"
        text.durationDays = "14"
        state.modals.open(.form(FormModal(TriageForms.listing(text, title: "New listing"), purpose: .listing(ref: nil, version: nil))))
        return []
    }

    private func edit() -> [Effect<TriageOutcome>] {
        guard let listing = state.postingDetail?.listing, let ref = state.postingDetail?.review.ref else { return [] }
        state.modals.open(.form(FormModal(TriageForms.listing(ListingFormText(ListingDraft(listing)), title: "Edit “\(listing.title)”"),
                                          purpose: .listing(ref: ref, version: listing.version))))
        return []
    }

    private func close() -> [Effect<TriageOutcome>] {
        guard let listing = state.postingDetail?.listing, let ref = state.postingDetail?.review.ref else { return [] }
        state.modals.open(.confirm(Confirmation(title: "Close “\(listing.title)”?",
                                                message: "It takes no more applications; those still waiting expire, an event each.",
                                                yes: "Close", no: "Cancel", answer: .screen(.closeListing(ref: ref, version: listing.version)))))
        return []
    }

    private func archive() -> [Effect<TriageOutcome>] {
        guard let listing = state.postingDetail?.listing, let ref = state.postingDetail?.review.ref else { return [] }
        state.modals.open(.confirm(Confirmation(title: "Archive “\(listing.title)”?", message: "An archived listing is kept but never edited again.",
                                                yes: "Archive", no: "Cancel", answer: .screen(.archiveListing(ref: ref, version: listing.version)))))
        return []
    }

    private func mark(all: Bool) throws -> [Effect<TriageOutcome>] {
        if all {
            state.postingMarks = Set(state.review.postings.map(\.ref))
            return []
        }
        guard let posting = state.postings.selectedRow else { return [] }
        if state.postingMarks.contains(posting.ref) { state.postingMarks.remove(posting.ref) } else { state.postingMarks.insert(posting.ref) }
        return screen.moveQueue(.down)
    }

    private func showNext() throws -> [Effect<TriageOutcome>] {
        let next = PostingsReview.next(after: state.postingsShowing)
        return screen.readReview(showing: next) + state.toasts.show("showing \(StaffConsoleView.postingsView(next)) postings")
    }
}
