import TernStore
import TernViewModels

/// What a guest is told: what they can do here, and how to become known. `--user NAME` is for
/// staff acting for a student, so a guest is never sent there; Tern knows a student by their
/// OS login, which the career center matches to a student record.
enum GuestText {
    static let canDo = "As a guest you can search, filter and read every open listing."
    static let becomeKnown = "To apply, save listings and follow your applications, your OS login must match a student record: ask the career center to add it, then start tern again."

    /// The My applications pane for a guest.
    static let pane = canDo + " " + becomeKnown

    /// One line for a key a guest pressed that needs a student record.
    static func refusal(_ what: String) -> String {
        "\(what) needs a student record: your OS login must match one (ask the career center)"
    }
}

extension StudentScreen {
    /// Refuses `action` for a guest, saying how to become known.
    func guestRefusal(_ action: StudentAction) -> [Effect<StudentOutcome>] {
        let what: String = switch action {
        case .apply: "applying"
        case .toggleSaved, .saveSearch, .savedSearches: "saving"
        case .nextView: "For you and Saved"
        case .profile: "a profile"
        case .updates: "Updates"
        default: "following applications"
        }
        return state.toasts.show(GuestText.refusal(what.prefix(1).uppercased() + what.dropFirst()), isError: true)
    }
}
