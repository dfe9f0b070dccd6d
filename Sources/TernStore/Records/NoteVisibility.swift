/// Who sees a note staff write, when they do not say: one rule for the console's forms and the
/// command line. A note attached to a decision the student sees (a rejection, an offer) explains
/// that decision, so it is shared with the student; any other note (on a move to review, a
/// shortlist, a note on its own) is for staff. Either can be overridden, and the form shows which
/// it is.
///
/// ```swift
/// Visibility.forNote(movingTo: .rejected)      // .shared
/// Visibility.forNote(movingTo: .shortlisted)   // .staff
/// Visibility.forNote(movingTo: nil)            // .staff (a note on its own)
/// ```
extension Visibility {
    public static func forNote(movingTo status: ApplicationStatus?) -> Visibility {
        switch status {
        case .rejected, .offered: .shared
        default: .staff
        }
    }
}
