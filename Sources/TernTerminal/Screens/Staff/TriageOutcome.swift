import Foundation
import TernStore
import TernViewModels

/// Why a store call was refused, as it comes back from a background task: the catalogue's
/// own error when it was one (a version check, "no longer staff", cancelled), and its words.
public struct Refusal: Error, Sendable, CustomStringConvertible {
    public var error: CatalogueError?
    public var description: String

    public init(_ error: any Error) {
        self.error = (error as? Refusal)?.error ?? error as? CatalogueError
        description = "\(error)"
    }
}

/// How a queue read came about, which says what the console does with it.
public enum QueueReading: Sendable, Equatable {
    /// The console opening: from the top, nothing said.
    case opening
    /// A new limit or search (`l`, `/`, a saved view): from the top, and said.
    case limit
    /// The same limit read again (a write, another process): the selection stays on its
    /// application, nothing said.
    case refresh
    /// A new order: from the top, nothing said.
    case order
}

/// A write the console asked for: what the status bar says while it runs, and what a refusal
/// is about.
public enum TriageWrite: Sendable {
    case move(StaffMove, targets: [TriageRow], fromForm: Bool)
    case undo
    case note(applicationID: Int64)
    case organizationDecision(TriageRow, StaffMove)
    case organizationFeedback
    case approvePostings([String])
    case declinePosting(String)
    case resubmitPosting(String)
    case closeListing(String)
    case archiveListing(String)
    case listing(ref: String?)
    case approveOrganization(String)
    case declineOrganization(String)
    case trustOrganization(String)
    case saveView(String)
    case deleteView(String)
    case expire(onDemand: Bool)
    case open(TriageRow)
    case studentRecord

    /// Whether its form (if it came from one) stays open on a refusal, holding what was typed.
    var fromForm: Bool {
        switch self {
        case .move(_, _, let fromForm): fromForm
        case .note, .organizationDecision, .organizationFeedback, .declinePosting, .resubmitPosting, .listing, .declineOrganization: true
        default: false
        }
    }
}

/// What a write did, for the console to say and to read again.
public enum Written: Sendable {
    case moved(StaffMove, TriageAction, targets: [Int64])
    case undone([Application])
    case noted(Visibility, file: ApplicationFile?)
    case recordedForOrganization(TriageRow, StaffMove)
    case feedbackRecorded
    case approved([String])
    case declined(DeclineReason, TakeDownSummary)
    case resubmitted
    case closed(String, ExpirySummary)
    case archived(String)
    case listingSaved(isNew: Bool, Opportunity, Approval?, [ListingFlag])
    case organizationApproved(String)
    case organizationDeclined(String, DeclineReason)
    case trusted(String)
    case viewSaved(String, pattern: String)
    case viewDeleted(String, [TriageView])
    case expired(ExpirySummary, onDemand: Bool)
    /// An application opened (claimed): a write too, as other staff then see who looks.
    case opened(ApplicationFile)
    /// A student's record (reading it is audited: a write).
    case studentRecord(StudentRecord)
}

/// What the console's background tasks bring back: every read and write of the console is one,
/// so the update never waits on the catalogue.
public enum TriageOutcome: Sendable {
    case report(PlacementReport?, failure: String?)
    case imported(ImportSummary?, failure: String?)
    /// The Applications queue counted with its first page, for a limit or a read-again.
    case queue(Result<TriageWork.Read, Refusal>, QueueReading)
    /// Pages of the queue of generation `generation`, read for a move that waits for them.
    case pages(generation: Int, Result<[Int: [TriageRow]], Refusal>)
    /// Postings and organizations; `selecting`: a posting to select once they are in.
    case review(Result<PostingsReview.Read, Refusal>, selecting: String?)
    case postingDetail(String, Result<PostingDetail, Refusal>)
    case organizationDecisions(String, Result<[PostingDecision], Refusal>)
    /// Rows for marks (a `v` range, or everything the limit shows).
    case marked(Result<[TriageRow], Refusal>, all: Bool)
    /// The saved views, for their list (`selected`; `replacing` the list shown).
    case views(Result<[TriageView], Refusal>, selected: Int, replacing: Bool)
    case wrote(Written)
    /// A write refused, having changed nothing; `again`: the form's purpose aimed at the record
    /// as it is now (read after the refusal), when there is one.
    case refused(Refusal, TriageWrite, again: TriagePurpose?)
    /// A claim let go; `quitting` when the console ends after it.
    case released(quitting: Bool)
}

extension TaskKind {
    static let report = TaskKind("report")
    /// A limit or search being applied; a newer one supersedes it.
    static let limitQueue = TaskKind("limit")
    /// The queue read again (after a write, or another process committed).
    static let queueRead = TaskKind("queue read")
    static let queuePage = TaskKind("queue page")
    static let reviewRead = TaskKind("review read")
    static let postingDetail = TaskKind("posting detail")
    static let organizationDecisions = TaskKind("organization decisions")
    static let marks = TaskKind("marks")
    static let views = TaskKind("views")
    /// Every write of the console: one at a time (keys wait for it), Esc cancels one that waits.
    static let staffWrite = TaskKind("staff write")
    static let release = TaskKind("release")
}

extension TimerID {
    /// A write that has taken this long says so on the status bar (and that Esc cancels it).
    static let slowWrite = TimerID("slow write")
}

/// A write under way: what it is, and whether it has taken long enough to say so.
public struct Writing: Sendable, Equatable {
    public var label: String
    public var slow = false
    /// Asked to stop; its answer (saved, or refused as cancelled) has not come back yet.
    public var cancelling = false
}

extension TriageWrite {
    /// "moving 3 applications", for the status bar while it runs.
    var label: String {
        switch self {
        case .move(let move, let targets, _): "\(move.label): \(targets.count) application\(targets.count == 1 ? "" : "s")"
        case .undo: "undoing"
        case .note: "saving the note"
        case .organizationDecision: "recording the organization's decision"
        case .organizationFeedback: "recording the feedback"
        case .approvePostings(let refs): "approving \(refs.count) posting\(refs.count == 1 ? "" : "s")"
        case .declinePosting: "declining"
        case .resubmitPosting: "resubmitting"
        case .closeListing: "closing the listing"
        case .archiveListing: "archiving the listing"
        case .listing(let ref): ref == nil ? "creating the listing" : "saving the listing"
        case .approveOrganization: "approving the organization"
        case .declineOrganization: "declining the organization"
        case .trustOrganization: "trusting the organization"
        case .saveView: "saving the view"
        case .deleteView: "deleting the view"
        case .expire: "closing listings past their deadline"
        case .open: "opening the application"
        case .studentRecord: "reading the student's record"
        }
    }
}
