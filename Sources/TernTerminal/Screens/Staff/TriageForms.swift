import TernStore
import TernViewModels

/// The console's forms, each read back by the same type, so what a field means stays in one
/// place.
enum TriageForms {
    // MARK: Rejecting

    static let rejectionReasons: [String] = ["skills mismatch", "position filled", "deadline passed", "incomplete application", "other (say what)"]
    /// Who sees a note, in the order every form offers them; which is chosen at first is the one
    /// rule (``Visibility/forNote(movingTo:)``): shared with a decision the student sees, else
    /// staff only. The form shows it, and the choice is read back as the enum, not an index.
    static let visibilities: [Visibility] = [.shared, .staff]

    static func visibilityField(movingTo status: ApplicationStatus?) -> FormField {
        let chosen = visibilities.firstIndex(of: .forNote(movingTo: status)) ?? 1
        return FormField("Note is", .choice(ChoiceField(visibilities.map { $0 == .shared ? "shared with the student" : "staff only" }, selected: chosen)))
    }

    static func noteVisibility(_ form: Form) -> Visibility {
        visibilities[min(max(0, form.field("Note is").choice), visibilities.count - 1)]
    }

    /// `hidden`: how many marks the limit hides ("2 more marked, hidden by the limit"); they are
    /// not rejected, and the form says so.
    static func reject(count: Int, hidden: String? = nil) -> Form {
        Form(title: count == 1 ? "Reject this application" : "Reject \(count) applications",
             subtitle: "The student sees the reason; the note is shared or staff-only" + (hidden.map { " · \($0), not rejected" } ?? ""), fields: [
                FormField("Reason", .choice(ChoiceField(rejectionReasons))),
                FormField("Other reason", .text(TextField(limit: StoredText.statusReason.limit))),
                FormField("Note", .text(TextField(multiline: true, limit: StoredText.note.limit))),
                visibilityField(movingTo: .rejected),
             ])
    }

    /// The reason and note a reject form holds; an "other" reason needs its text. Text in
    /// "Other reason" under another reason is refused, never dropped: the form stays open
    /// with it, and staff choose which they meant.
    static func rejection(_ form: Form) throws -> (RejectionReason, MoveNote?) {
        let choice = form.field("Reason").choice
        let other = form.field("Other reason").text
        if choice < rejectionReasons.count - 1, !other.allSatisfy(\.isWhitespace) {
            throw CatalogueError.invalid("“Other reason” holds text but the reason is \(rejectionReasons[choice]): choose \(rejectionReasons.last!) to send it, or clear it")
        }
        let reason: RejectionReason = switch choice {
        case 0: .skillsMismatch
        case 1: .positionFilled
        case 2: .deadlinePassed
        case 3: .incompleteApplication
        default: try RejectionReason(parsing: "other:" + form.field("Other reason").text)
        }
        let text = form.field("Note").text.trimmingCharacters(in: .whitespacesAndNewlines)
        let note = text.isEmpty ? nil : MoveNote(text, visibility: noteVisibility(form))
        return (reason, note)
    }

    // MARK: Notes and the organization's feedback

    static func note(_ row: TriageRow) -> Form {
        Form(title: "Note on application \(row.id)", subtitle: "\(row.studentName) · \(row.opportunityTitle)", fields: [
            FormField("Note", .text(TextField(multiline: true, limit: StoredText.note.limit))),
            // A note on its own is staff-only unless chosen otherwise: a slip keeps it private.
            visibilityField(movingTo: nil),
        ])
    }


    /// What an organization decides (staff type it in for them): the moves that are the
    /// organization's to make, from where the application stands.
    static func organizationMoves(from status: ApplicationStatus) -> [StaffMove] {
        StaffMove.available(for: [status]).filter { ApplicationStatus.mayMove(from: status, to: $0.target, as: .organization) }
    }

    static func organizationDecision(_ row: TriageRow, moves: [StaffMove]) -> Form {
        Form(title: "\(row.organization)'s decision", subtitle: "Recorded as the organization's, entered under your name · \(row.studentName)", fields: [
            FormField("Decision", .choice(ChoiceField(moves.map(\.label)))),
            FormField("Reason", .choice(ChoiceField(rejectionReasons))),
            FormField("Other reason", .text(TextField(limit: StoredText.statusReason.limit))),
        ])
    }

    /// The move and, for a rejection, its reason.
    static func decision(_ form: Form, moves: [StaffMove]) throws -> (StaffMove, RejectionReason?) {
        let move = moves[min(form.field("Decision").choice, moves.count - 1)]
        guard move == .reject else { return (move, nil) }
        return (move, try rejection(form).0)
    }

    static let ratings = [5, 4, 3, 2, 1]

    static func organizationFeedback(_ row: TriageRow) -> Form {
        Form(title: "\(row.organization)'s feedback", subtitle: "Entered on the organization's behalf, under your name", fields: [
            FormField("Rating", .choice(ChoiceField(ratings.map { "\($0)/5" }))),
            FormField("Strengths", .text(TextField(limit: 500))),
            FormField("To improve", .text(TextField(limit: 500))),
            FormField("Comment", .text(TextField(multiline: true, limit: 2000))),
        ])
    }

    // MARK: Listings

    static func listing(_ text: ListingFormText, title: String) -> Form {
        let fields = Field.allCases, kinds = CompensationKind.allCases, places = LocationKind.allCases, schedules = Schedule.allCases
        return Form(title: title, subtitle: "The same rules as an import · a new listing waits for review unless its organization is trusted", fields: [
            FormField("Title", .text(TextField(text.title, limit: 200))),
            FormField("Organization", .text(TextField(text.organization, limit: 200))),
            FormField("Field", .choice(ChoiceField(fields.map(\.label), selected: fields.firstIndex(of: text.field) ?? 0))),
            FormField("Brief", .text(TextField(text.brief, multiline: true, limit: 10_000))),
            FormField("Deliverables", .text(TextField(text.deliverables, multiline: true, limit: 5_000))),
            FormField("Skills", .text(TextField(text.skills, limit: 1_000))),
            FormField("Hours", .text(TextField(text.hours, limit: 4))),
            FormField("Duration (days)", .text(TextField(text.durationDays, limit: 4))),
            FormField("Schedule", .choice(ChoiceField(schedules.map(\.rawValue), selected: schedules.firstIndex(of: text.schedule) ?? 0))),
            FormField("Starts on", .text(TextField(text.startsOn, limit: 10))),
            FormField("Deadline", .text(TextField(text.deadline, limit: 10))),
            FormField("Pay", .choice(ChoiceField(kinds.map(\.label), selected: kinds.firstIndex(of: text.compensationKind) ?? 0))),
            FormField("Amount", .text(TextField(text.amount, limit: 24))),
            FormField("Where", .choice(ChoiceField(places.map(\.label), selected: places.firstIndex(of: text.locationKind) ?? 0))),
            FormField("City", .text(TextField(text.city, limit: 200))),
            FormField("Spots", .text(TextField(text.spots, limit: 4))),
        ])
    }

    static func listingText(_ form: Form) -> ListingFormText {
        var text = ListingFormText()
        text.title = form.field("Title").text
        text.organization = form.field("Organization").text
        text.field = Field.allCases[min(form.field("Field").choice, Field.allCases.count - 1)]
        text.brief = form.field("Brief").text
        text.deliverables = form.field("Deliverables").text
        text.skills = form.field("Skills").text
        text.hours = form.field("Hours").text
        text.durationDays = form.field("Duration (days)").text
        text.schedule = Schedule.allCases[min(form.field("Schedule").choice, Schedule.allCases.count - 1)]
        text.startsOn = form.field("Starts on").text
        text.deadline = form.field("Deadline").text
        text.compensationKind = CompensationKind.allCases[min(form.field("Pay").choice, CompensationKind.allCases.count - 1)]
        text.amount = form.field("Amount").text
        text.locationKind = LocationKind.allCases[min(form.field("Where").choice, LocationKind.allCases.count - 1)]
        text.city = form.field("City").text
        text.spots = form.field("Spots").text
        return text
    }

    // MARK: Postings and organizations

    static func decline(title: String, subtitle: String) -> Form {
        Form(title: title, subtitle: subtitle, fields: [
            FormField("Reason", .choice(ChoiceField(DeclineReason.allCases.map(\.label)))),
            FormField("Note", .text(TextField(multiline: true, limit: StoredText.note.limit))),
        ])
    }

    static func declineReason(_ form: Form) -> DeclineReason {
        DeclineReason.allCases[min(form.field("Reason").choice, DeclineReason.allCases.count - 1)]
    }

    static func noteOnly(title: String, subtitle: String) -> Form {
        Form(title: title, subtitle: subtitle, fields: [FormField("Note", .text(TextField(multiline: true, limit: StoredText.note.limit)))])
    }

    /// An empty text field is no value.
    static func optional(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
