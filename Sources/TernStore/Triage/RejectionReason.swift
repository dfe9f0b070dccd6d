import Foundation

/// Why an application was rejected, as a code reports can group and a student can read, with
/// free text only for "other".
///
/// ```swift
/// let reason = try RejectionReason(parsing: "position-filled")
/// reason.text   // "position filled"
/// ```
public enum RejectionReason: Sendable, Hashable {
    case skillsMismatch, positionFilled, deadlinePassed, incompleteApplication
    case other(String)

    /// The stored codes (a CHECK constraint holds the column to them).
    public enum Code: String, CaseIterable, Codable, Sendable {
        case skillsMismatch = "skills_mismatch"
        case positionFilled = "position_filled"
        case deadlinePassed = "deadline_passed"
        case incompleteApplication = "incomplete_application"
        case other
    }

    public var code: Code {
        switch self {
        case .skillsMismatch: .skillsMismatch
        case .positionFilled: .positionFilled
        case .deadlinePassed: .deadlinePassed
        case .incompleteApplication: .incompleteApplication
        case .other: .other
        }
    }

    /// What the student reads, and what `status_reason` holds.
    public var text: String {
        switch self {
        case .skillsMismatch: "skills mismatch"
        case .positionFilled: "position filled"
        case .deadlinePassed: "deadline passed"
        case .incompleteApplication: "incomplete application"
        case .other(let why): "other: \(why)"
        }
    }

    /// `skills-mismatch`, `position_filled`, … or `other:TEXT` (the text is required).
    public init(parsing word: String) throws {
        let lowered = word.lowercased()
        if lowered.hasPrefix("other") {
            let rest = word.dropFirst(5).drop { $0 == ":" || $0 == " " || $0 == "=" }
            guard !rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CatalogueError.invalid("a rejection for another reason needs its text, as in other:\"no portfolio link\"")
            }
            try StoredText.statusReason.check(String(rest))
            self = .other(String(rest))
            return
        }
        switch Code(rawValue: lowered.replacingOccurrences(of: "-", with: "_")) {
        case .skillsMismatch: self = .skillsMismatch
        case .positionFilled: self = .positionFilled
        case .deadlinePassed: self = .deadlinePassed
        case .incompleteApplication: self = .incompleteApplication
        case .other, nil:
            throw CatalogueError.invalid("unknown rejection reason \"\(word)\"; use skills-mismatch, position-filled, deadline-passed, incomplete-application or other:TEXT")
        }
    }
}
