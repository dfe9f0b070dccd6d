import Foundation
import TernCatalogue
import TernViewModels

/// The four queues of the staff console, switched with 1–4 (or `[` and `]`).
public enum TriageQueueKind: Int, CaseIterable, Sendable {
    case applications, postings, organizations, reports

    public var title: String {
        switch self {
        case .applications: "Applications"
        case .postings: "Postings"
        case .organizations: "Organizations"
        case .reports: "Reports"
        }
    }
}

/// The console's two panes: the queue (or the report's charts) and what is selected in it.
public enum TriagePane: PaneIdentity {
    case queue, detail

    public var title: String {
        switch self {
        case .queue: "Queue"
        case .detail: "Detail"
        }
    }

    public static let minimumSize = Size(width: 60, height: 16)
    public static let wideSize = Size(width: 120, height: 30)

    @Sendable public static func wideArrangement(_ body: Rect) -> [TriagePane: Rect] {
        let (queue, detail) = body.splitColumns(at: body.width * 3 / 5)
        return [.queue: queue, .detail: detail]
    }

    public static func paneSet(size: Size) -> PaneSet<TriagePane> {
        PaneSet(focus: .queue, size: size, minimum: minimumSize, wide: wideSize, arrange: wideArrangement)
    }
}

/// What a form, confirmation or overlay in the console is for.
public enum TriagePurpose {
    /// A transition on several rows, asked first ("shortlist 3 applications?").
    case move(StaffMove, targets: [TriageRow])
    /// Rejecting: a reason from the list, an optional note shared or staff-only.
    case reject(targets: [TriageRow])
    case note(applicationID: Int64)
    case organizationFeedback(applicationID: Int64)
    /// The organization's own decision (offer, completion, …), entered by staff on its behalf.
    case organizationDecision(row: TriageRow, moves: [StaffMove])
    /// Postings approved together, each at the version the reviewer saw.
    case approvePostings(refs: [String], versions: [String: Int])
    /// A decline at the version the form opened on (moved on to the version now, after a
    /// refusal has said who changed it, so sending again is a decision on what is there now).
    case declinePosting(ref: String, version: Int)
    /// A new listing (nil), or an edit of one at the version the form opened.
    case listing(ref: String?, version: Int?)
    case closeListing(ref: String, version: Int)
    case archiveListing(ref: String, version: Int)
    case resubmitPosting(ref: String, version: Int)
    case declineOrganization(name: String, version: Int)
    case trustOrganization(name: String, version: Int)
    case views([TriageView])
    case deleteView(String)
    case studentRecord
    case commands
}

/// The console's background work: the report reads the whole catalogue, so it is read off the
/// input path (the queues' queries are each one index walk, read in the update).
public enum TriageOutcome: Sendable {
    case report(PlacementReport?, failure: String?)
    case imported(ImportSummary?, failure: String?)
    /// A new limit or search, counted and its first page read.
    /// `refresh`: the same limit read again after another process committed (the selection
    /// stays on its application, and nothing is said).
    case queue(PreparedQueue?, failure: String?, refresh: Bool)
}

extension TaskKind {
    static let report = TaskKind("report")
    /// A limit or search being applied; a newer one supersedes it.
    static let limitQueue = TaskKind("limit")
}

/// The one-line editor on the queue's top row: a limit pattern (`l`) or words to search (`/`).
public struct QueueLine: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case limit, search }
    public var kind: Kind
    public var field: TextField
}

/// Everything the console draws, and nothing that can query: the view is a pure function of
/// this; the update fills it from the view models.
public struct TriageState {
    public var panes: PaneSet<TriagePane>
    public let keyMap: KeyMap<StaffAction>
    public let box: BoxStyle
    public let staffName: String
    public var kind: TriageQueueKind = .applications

    // MARK: Applications

    public var queue = ListController<TriageRow, Int64>()
    public var counts: [ApplicationStatus: Int] = [:]
    public var queueCount = 0
    public var pattern = ""
    public var searchWords = ""
    /// A limit or search is being applied in the background.
    public var isLimiting = false
    public var order: TriageOrder = .oldestFirst
    public var marks = TriageMarks()
    /// Applications with work under way on listings taken down (the built-in view), shown on
    /// the counts line while there are any.
    public var takenDown = 0
    /// The application opened (claimed) with its history, while it is the one selected.
    public var file: ApplicationFile?
    /// Whether this session has a move to undo.
    public var canUndo = false

    // MARK: Postings and organizations

    public var postings = ListController<PostingReview, String>()
    public var postingsShowing: Approval = .pending
    public var postingMarks: Set<String> = []
    public var postingDetail: PostingDetail?
    public var organizations = ListController<OrganizationReview, String>()
    public var organizationDecisions: [PostingDecision] = []
    public var pendingPostings = 0
    /// When postings were last read: their "waiting N d" is counted from it.
    public var postingsReadAt = Date()
    public var pendingOrganizations = 0

    // MARK: Reports

    public var report: PlacementReport?
    /// The message while the report is being read, or why it could not be.
    public var reportStatus: String? = "Reading the report…"

    /// An import running in the background, drawn as a progress bar.
    public var importing: ConsoleImport?

    /// Set (to the login) once the catalogue says this account is no longer staff: the console
    /// then shows only that, and offers only to quit.
    public var noLongerStaff: String?

    // MARK: Over the panes

    public var detailScroll = 0
    public var line: QueueLine?
    public var modals = ModalHost<TriagePurpose>()
    public var commandPrompt: CommandPrompt?
    public var toasts = Toasts()
    /// What the key bar offers on the queue: the focused controller's bindings that show there,
    /// put here by the update (the view cannot reach the controllers).
    public var bar: [StaffAction] = []

    public init(size: Size, keyMap: KeyMap<StaffAction>, box: BoxStyle, staffName: String) {
        panes = TriagePane.paneSet(size: size)
        self.keyMap = keyMap
        self.box = box
        self.staffName = staffName
    }

    /// The rows an action in Applications applies to: the marked ones, else the selected one.
    public var applicationTargets: [TriageRow] { marks.targets(selected: queue.selectedRow) }
}

/// A posting as the reviewer reads it: the listing in full, its flags, and every decision on it.
public struct PostingDetail: Sendable {
    public var review: PostingReview
    public var listing: Opportunity?
    public var decisions: [PostingDecision]
}
