import Foundation
import TernStore
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
public enum TriagePurpose: Sendable {
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

/// A change to the Applications list that waits for the pages it needs.
enum QueueChange: Sendable, Equatable {
    case move(ListMove), select(Int), reload, reset, resize(Int)
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
    /// The queue's count and the pages around what is on screen; the list draws from these.
    public var pages = TriagePages()
    /// A change to the list that waits for its pages to be read.
    var pendingChange: QueueChange?
    public var counts: [ApplicationStatus: Int] { pages.countsByStatus }
    public var queueCount: Int { pages.count }
    public var pattern = ""
    public var searchWords = ""
    /// A limit or search is being applied in the background.
    public var isLimiting: Bool { waiting.contains(.limitQueue) }
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
    /// Postings as shown and the organizations waiting, read whole (what waits is small).
    public var review = PostingsReview.Read(showing: .pending, postings: [], organizations: [], pendingPostings: 0)
    public var postingsShowing: Approval { review.showing }
    public var postingMarks: Set<String> = []
    public var postingDetail: PostingDetail?
    public var organizations = ListController<OrganizationReview, String>()
    public var organizationDecisions: [PostingDecision] = []
    public var pendingPostings: Int { review.pendingPostings }
    /// When postings were last read: their "waiting N d" is counted from it.
    public var postingsReadAt = Date()
    public var pendingOrganizations: Int { review.organizations.count }

    // MARK: Reports

    public var report: PlacementReport?
    /// The message while the report is being read, or why it could not be.
    public var reportStatus: String? = "Reading the report…"

    /// An import running in the background, drawn as a progress bar.
    public var importing: ConsoleImport?

    /// A write under way (the status bar says so once it takes a while; Esc cancels it).
    public var writing: Writing?
    /// The background work keys wait for (a write, a limit, a page, a detail): a key typed
    /// meanwhile is held and handled once it is in, on what it brought, as if it were instant.
    var waiting: Set<TaskKind> = []
    var heldKeys: [Key] = []

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
