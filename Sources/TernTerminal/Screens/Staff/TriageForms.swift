import TernStore
import TernViewModels

/// The console's forms, each declared once over its draft and read back by the same bindings,
/// so what a field means stays in one place.
enum TriageForms {
    // MARK: Rejecting

    static let rejectionReasons = Choices(allCases: ReasonDraft.title)

    /// Who sees a note, in the order every form offers them; which is chosen at first is the one
    /// rule (``NoteDraft/init(movingTo:)``). The form shows it, and the choice is read back as
    /// the enum.
    static let visibilities = Choices<Visibility>([.shared, .staff]) { $0 == .shared ? "shared with the student" : "staff only" }

    static func visibilityField<Draft>(_ path: WritableKeyPath<Draft, Visibility>) -> FormBinding<Draft> {
        .choice("Note is", path, visibilities)
    }

    static func noteText<Draft>(_ path: WritableKeyPath<Draft, String>) -> FormBinding<Draft> {
        .text("Note", path, multiline: true, limit: StoredText.note.limit)
    }

    static func otherReason<Draft>(_ path: WritableKeyPath<Draft, String>) -> FormBinding<Draft> {
        .text("Other reason", path, limit: StoredText.statusReason.limit)
    }

    static var rejectSpec: FormSpec<RejectDraft> {
        FormSpec(blank: RejectDraft(), [
            .choice("Reason", \.reason.code, rejectionReasons),
            otherReason(\.reason.other),
            noteText(\.note.text),
            visibilityField(\.note.visibility),
        ])
    }

    /// `hidden`: how many marks the limit hides ("2 more marked, hidden by the limit"); they are
    /// not rejected, and the form says so.
    static func reject(count: Int, hidden: String? = nil) -> Form {
        rejectSpec.form(title: count == 1 ? "Reject this application" : "Reject \(count) applications",
                        subtitle: "The student sees the reason; the note is shared or staff-only" + (hidden.map { " · \($0), not rejected" } ?? ""),
                        RejectDraft())
    }

    // MARK: Notes and the organization's feedback

    static var noteSpec: FormSpec<NoteDraft> {
        // A note on its own is staff-only unless chosen otherwise: a slip keeps it private.
        FormSpec(blank: NoteDraft(movingTo: nil), [noteText(\.text), visibilityField(\.visibility)])
    }

    static func note(_ row: TriageRow) -> Form {
        noteSpec.form(title: "Note on application \(row.id)", subtitle: "\(row.studentName) · \(row.opportunityTitle)", noteSpec.blank)
    }

    /// What an organization decides (staff type it in for them): the moves that are the
    /// organization's to make, from where the application stands.
    static func organizationMoves(from status: ApplicationStatus) -> [StaffMove] {
        StaffMove.available(for: [status]).filter { ApplicationStatus.mayMove(from: status, to: $0.target, as: .organization) }
    }

    /// `moves` is never empty: the key is disabled when nothing is the organization's to decide.
    static func decisionSpec(moves: [StaffMove]) -> FormSpec<DecisionDraft> {
        FormSpec(blank: DecisionDraft(move: moves.first ?? .reject), [
            .choice("Decision", \.move, Choices(moves, title: \.label)),
            .choice("Reason", \.reason.code, rejectionReasons),
            otherReason(\.reason.other),
        ])
    }

    static func organizationDecision(_ row: TriageRow, moves: [StaffMove]) -> Form {
        let spec = decisionSpec(moves: moves)
        return spec.form(title: "\(row.organization)'s decision", subtitle: "Recorded as the organization's, entered under your name · \(row.studentName)",
                         spec.blank)
    }

    static var feedbackSpec: FormSpec<FeedbackDraft<Int>> {
        FormSpec(blank: FeedbackDraft(rating: 5), [
            .choice("Rating", \.rating, Choices([5, 4, 3, 2, 1]) { "\($0)/5" }),
            .text("Strengths", \.strengths, limit: 500),
            .text("To improve", \.improvements, limit: 500),
            .text("Comment", \.comment, multiline: true, limit: 2000),
        ])
    }

    static func organizationFeedback(_ row: TriageRow) -> Form {
        feedbackSpec.form(title: "\(row.organization)'s feedback", subtitle: "Entered on the organization's behalf, under your name", feedbackSpec.blank)
    }

    // MARK: Listings

    static var listingSpec: FormSpec<ListingFormText> {
        FormSpec(blank: ListingFormText(), [
            .text("Title", \.title, limit: 200),
            .text("Organization", \.organization, limit: 200),
            .choice("Field", \.field, Choices(allCases: \.label)),
            .text("Brief", \.brief, multiline: true, limit: 10_000),
            .text("Deliverables", \.deliverables, multiline: true, limit: 5_000),
            .text("Skills", \.skills, limit: 1_000),
            .text("Hours", \.hours, limit: 4),
            .text("Duration (days)", \.durationDays, limit: 4),
            .choice("Schedule", \.schedule, Choices(allCases: \.rawValue)),
            .text("Starts on", \.startsOn, limit: 10),
            .text("Deadline", \.deadline, limit: 10),
            .choice("Pay", \.compensationKind, Choices(allCases: \.label)),
            .text("Amount", \.amount, limit: 24),
            .choice("Where", \.locationKind, Choices(allCases: \.label)),
            .text("City", \.city, limit: 200),
            .text("Spots", \.spots, limit: 4),
        ])
    }

    static func listing(_ text: ListingFormText, title: String) -> Form {
        listingSpec.form(title: title, subtitle: "The same rules as an import · a new listing waits for review unless its organization is trusted", text)
    }

    // MARK: Postings and organizations

    static var declineSpec: FormSpec<DeclineDraft> {
        FormSpec(blank: DeclineDraft(), [.choice("Reason", \.reason, Choices(allCases: \.label)), noteText(\.note)])
    }

    static func decline(title: String, subtitle: String) -> Form {
        declineSpec.form(title: title, subtitle: subtitle, declineSpec.blank)
    }

    /// A note and nothing else (resubmitting a posting).
    static var noteOnlySpec: FormSpec<String> { FormSpec(blank: "", [noteText(\.self)]) }

    static func noteOnly(title: String, subtitle: String) -> Form {
        noteOnlySpec.form(title: title, subtitle: subtitle, "")
    }
}
