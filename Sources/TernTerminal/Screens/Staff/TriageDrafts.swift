import TernStore
import TernViewModels

/// A rejection's reason as a form holds it: one of the codes, and the text an "other" reason
/// needs.
struct ReasonDraft: Sendable, Equatable {
    var code: RejectionReason.Code = .skillsMismatch
    var other = ""

    /// How the form offers each code.
    static func title(_ code: RejectionReason.Code) -> String {
        switch code {
        case .skillsMismatch: "skills mismatch"
        case .positionFilled: "position filled"
        case .deadlinePassed: "deadline passed"
        case .incompleteApplication: "incomplete application"
        case .other: "other (say what)"
        }
    }

    /// The reason; an "other" reason needs its text. Text in "Other reason" under another
    /// reason is refused, never dropped: the form stays open with it, and staff choose which
    /// they meant.
    func rejection() throws -> RejectionReason {
        if code != .other, !other.allSatisfy(\.isWhitespace) {
            throw CatalogueError.invalid("“Other reason” holds text but the reason is \(Self.title(code)): choose \(Self.title(.other)) to send it, or clear it")
        }
        return switch code {
        case .skillsMismatch: .skillsMismatch
        case .positionFilled: .positionFilled
        case .deadlinePassed: .deadlinePassed
        case .incompleteApplication: .incompleteApplication
        case .other: try RejectionReason(parsing: "other:" + other)
        }
    }
}

/// A note on an application and who sees it. It opens on the one rule
/// (``Visibility/forNote(movingTo:)``): shared with a decision the student sees, else staff
/// only.
struct NoteDraft: Sendable, Equatable {
    var text = ""
    var visibility: Visibility

    init(movingTo status: ApplicationStatus?) {
        visibility = .forNote(movingTo: status)
    }

    /// The note as sent with a move: nil when nothing was typed.
    var moveNote: MoveNote? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : MoveNote(trimmed, visibility: visibility)
    }
}

/// Rejecting applications: the reason the student sees and a note, shared by default.
struct RejectDraft: Sendable, Equatable {
    var reason = ReasonDraft()
    var note = NoteDraft(movingTo: .rejected)
}

/// An organization's decision, entered by staff: the move, and a reason when it rejects.
struct DecisionDraft: Sendable, Equatable {
    var move: StaffMove
    var reason = ReasonDraft()

    /// The move and, for a rejection, its reason.
    func decided() throws -> (StaffMove, RejectionReason?) {
        guard move == .reject else { return (move, nil) }
        return (move, try reason.rejection())
    }
}

/// Declining a posting or an organization: why, and a note.
struct DeclineDraft: Sendable, Equatable {
    var reason = DeclineReason.allCases[0]
    var note = ""
}
