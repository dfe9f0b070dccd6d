import Foundation
import TernCatalogue

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
/// save the student from filling in a form that can't be sent.
///
/// ```swift
/// let apply = ApplyViewModel(catalogue: catalogue, session: session)
/// if let reason = try apply.refusal(for: detail) { show(reason) }
/// let application = try apply.submit(draft, to: detail.opportunity.id)
/// ```
public final class ApplyViewModel {
    let catalogue: Catalogue
    let session: StudentSession
    private let now: () -> Date

    public init(catalogue: Catalogue, session: StudentSession, now: @escaping () -> Date = Date.init) {
        self.catalogue = catalogue
        self.session = session
        self.now = now
    }

    /// Why the student can't apply to this listing, in words they can act on; nil if they can.
    /// The rules are the catalogue's own (``Catalogue/refusalToApply(as:to:now:)``); only the
    /// guest case, which has no student to ask about, is answered here.
    public func refusal(for detail: ListingDetail) throws -> String? {
        guard let username = session.username else {
            return "applying needs a student record: your OS login must match one (ask the career center)"
        }
        guard let id = detail.opportunity.id else { return "this listing is not in the catalogue" }
        return try catalogue.refusalToApply(as: username, to: id, now: now())
    }

    /// Starting values: hours from the listing, capped by the student's weekly hours; the
    /// student's first portfolio link.
    public func draft(for detail: ListingDetail) throws -> ApplicationDraft {
        let student = try session.username.flatMap { try catalogue.student(username: $0) }
        return ApplicationDraft(coverNote: "", portfolioLink: student?.portfolioLinks.first ?? "",
                                hoursOffered: "\(detail.opportunity.hours)")
    }

    /// A draft the student must fix before it can be sent.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Validates and files the application; it is `submitted` when this returns.
    @discardableResult
    public func submit(_ draft: ApplicationDraft, to opportunityID: Int64) throws -> Application {
        guard let username = session.username else { throw Invalid(description: "guests cannot apply") }
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
        return try catalogue.apply(as: username, to: opportunityID, coverNote: note, portfolioLink: link.isEmpty ? nil : link,
                                   hoursOffered: hours, now: now())
    }
}
