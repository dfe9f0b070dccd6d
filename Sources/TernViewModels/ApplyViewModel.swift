import Foundation
import TernStore

/// The apply form's values as typed.
public struct ApplicationDraft: Sendable, Equatable {
    public var coverNote: String
    public var portfolioLink: String
    public var hoursOffered: String

    public init(coverNote: String = "", portfolioLink: String = "", hoursOffered: String = "") {
        self.coverNote = coverNote
        self.portfolioLink = portfolioLink
        self.hoursOffered = hoursOffered
    }
}

/// Applying to one listing: whether the student may, the form's starting values, and the
/// submission. The catalogue checks every rule again when it writes; the checks here only
/// save the student from filling in a form that can't be sent. Plain functions over the store,
/// for a screen's background tasks.
///
/// ```swift
/// if let reason = try await ApplyViewModel.refusal(for: detail, session: session, store: store, now: Date()) { show(reason) }
/// let application = try await ApplyViewModel.submit(draft, to: id, session: session, store: store, now: Date())
/// ```
public enum ApplyViewModel {
    /// Why the student can't apply to this listing, in words they can act on; nil if they can.
    /// The rules are the catalogue's own (``StudentStore/refusalToApply(as:to:now:)``); only the
    /// guest case, which has no student to ask about, is answered here.
    public static func refusal(for detail: ListingDetail, session: StudentSession, store: any StudentStore, now: Date) async throws -> String? {
        guard let username = session.username else {
            return "applying needs a student record: your OS login must match one (ask the career center)"
        }
        guard let id = detail.opportunity.id else { return "this listing is not in the catalogue" }
        return try await store.refusalToApply(as: username, to: id, now: now)
    }

    /// Starting values: hours from the listing, capped by the student's weekly hours; the
    /// student's first portfolio link.
    public static func draft(for detail: ListingDetail, student: Student?) -> ApplicationDraft {
        ApplicationDraft(coverNote: "", portfolioLink: student?.portfolioLinks.first ?? "", hoursOffered: "\(detail.opportunity.hours)")
    }

    /// A draft the student must fix before it can be sent.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// A draft checked, as the store takes it.
    public struct Checked: Sendable, Equatable {
        public var coverNote: String
        public var portfolioLink: String?
        public var hoursOffered: Int
    }

    /// Checks a draft before anything is written: what the student must fix, by field.
    public static func check(_ draft: ApplicationDraft) throws -> Checked {
        let note = draft.coverNote.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw Invalid(description: "Cover note: say in a few lines why you fit this project") }
        // One limit per field, the catalogue's: the form counts against the same number.
        if let refusal = StoredText.coverNote.refusal(of: note) { throw Invalid(description: "Cover note: \(refusal.message)") }
        let link = draft.portfolioLink.trimmingCharacters(in: .whitespaces)
        // No link is fine; a link is a web address within the catalogue's limit (StoredText checks both).
        if !link.isEmpty, let refusal = StoredText.portfolioLink.refusal(of: link) {
            throw Invalid(description: "Portfolio link: \(refusal.message)")
        }
        guard let hours = Int(draft.hoursOffered.trimmingCharacters(in: .whitespaces)), (1...60).contains(hours) else {
            throw Invalid(description: "Hours offered: enter a whole number from 1 to 60")
        }
        return Checked(coverNote: note, portfolioLink: link.isEmpty ? nil : link, hoursOffered: hours)
    }

    /// Validates and files the application; it is `submitted` when this returns.
    @discardableResult
    public static func submit(_ draft: ApplicationDraft, to opportunityID: Int64, session: StudentSession, store: any StudentStore,
                              now: Date) async throws -> Application {
        guard session.username != nil else { throw Invalid(description: "guests cannot apply") }
        return try await file(try check(draft), to: opportunityID, session: session, store: store, now: now)
    }

    /// Files a checked draft.
    public static func file(_ checked: Checked, to opportunityID: Int64, session: StudentSession, store: any StudentStore,
                            now: Date) async throws -> Application {
        guard let username = session.username else { throw Invalid(description: "guests cannot apply") }
        return try await store.apply(as: username, to: opportunityID, coverNote: checked.coverNote, portfolioLink: checked.portfolioLink,
                                     hoursOffered: checked.hoursOffered, now: now)
    }
}
