/// Where a listing or an organization stands in staff review. Students only ever see listings
/// that are ``approved``; new listings and organizations start ``pending``.
///
/// ```swift
/// try catalogue.postings(approval: .pending)   // the review queue
/// ```
public enum Approval: String, CaseIterable, Codable, Sendable {
    case pending, approved, declined
}

/// Why staff declined a listing or an organization: a closed set, so reports can count them and
/// a student-facing screen can word them, with free text in the decision's note.
///
/// ```swift
/// try catalogue.decline("acme-logo", reason: .upfrontCost, note: "asks for a $40 kit", by: reviewer)
/// ```
public enum DeclineReason: String, CaseIterable, Codable, Sendable {
    case payStructure = "pay_structure"
    case upfrontCost = "upfront_cost"
    case notARealProject = "not_a_real_project"
    case thirdPartyRecruiter = "third_party_recruiter"
    case location
    case residentialAddress = "residential_address"
    case needsMoreInformation = "needs_more_information"
    /// Needs a note saying what.
    case other

    /// How a person reads it.
    public var label: String {
        switch self {
        case .payStructure: "pay structure"
        case .upfrontCost: "upfront cost to the student"
        case .notARealProject: "not a real project"
        case .thirdPartyRecruiter: "third-party recruiter"
        case .location: "location"
        case .residentialAddress: "residential address"
        case .needsMoreInformation: "needs more information"
        case .other: "other"
        }
    }
}

/// What a recorded decision did.
public enum PostingDecisionKind: String, CaseIterable, Codable, Sendable {
    case approved, declined, resubmitted, trusted, untrusted
}

/// One recorded decision about a listing (or, with no `ref`, about an organization).
public struct PostingDecision: Sendable, Equatable {
    public var organization: String
    /// The listing's ref; nil for a decision about the organization itself.
    public var ref: String?
    public var decision: PostingDecisionKind
    public var reason: DeclineReason?
    public var note: String?
    public var actor: Actor
    /// UTC, ISO 8601.
    public var at: String

    package init(organization: String, ref: String? = nil, decision: PostingDecisionKind, reason: DeclineReason? = nil, note: String? = nil, actor: Actor, at: String) {
        self.organization = organization
        self.ref = ref
        self.decision = decision
        self.reason = reason
        self.note = note
        self.actor = actor
        self.at = at
    }
}
