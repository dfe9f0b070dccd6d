import TernViewModels

/// A rating with what went well, what to improve and a comment, as typed: the student's rating
/// of an organization (`Int?`: nil until stars are chosen) and the organization's feedback that
/// staff enter for it (`Int`).
struct FeedbackDraft<Rating: Equatable>: Equatable {
    var rating: Rating
    var strengths = ""
    var improvements = ""
    var comment = ""

    /// The three texts as sent: trimmed, nil when empty.
    var sent: (strengths: String?, improvements: String?, comment: String?) {
        (PostingsReview.optional(strengths), PostingsReview.optional(improvements), PostingsReview.optional(comment))
    }
}

extension FeedbackDraft: Sendable where Rating: Sendable {}
