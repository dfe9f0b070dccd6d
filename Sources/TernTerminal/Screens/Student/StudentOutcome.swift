import Foundation
import TernStore
import TernViewModels

/// A write the student started (each is a background task of kind ``TaskKind/studentWrite``).
public enum StudentWrite: Sendable, Equatable {
    case apply(listingID: Int64)
    /// Withdraw, accept, decline, reopen, deliver or correct the link.
    case move(StudentApplicationAction, applicationID: Int64)
    case rate(applicationID: Int64)
    case setSaved(Int64, Bool)
    /// Saving the current search as `name` (from its form, or `:save`).
    case saveSearch(name: String, fromForm: Bool)
    case deleteSavedSearch(SavedSearch)
    case profile
}

/// How a write ended.
public enum WriteEnd: Sendable, Equatable {
    case done
    /// Cancelled while it waited (Esc): nothing was written.
    case cancelled
    /// The store refused it, in its words.
    case refused(String)
    /// The record changed since the screen read it.
    case conflict(String)
}

/// A write on its way: shown in the status bar once it has taken a moment, and said to be
/// waiting (for another process's write lock) when it takes longer; Esc cancels it.
public struct PendingWrite: Sendable, Equatable {
    public var write: StudentWrite
    /// Ticks of ``TimerID/studentWrite`` since it started.
    public var ticks = 0
    /// Esc asked it to stop; its answer (saved, or cancelled with nothing saved) is awaited.
    public var cancelling = false
    public static let tickMilliseconds = 300
    /// Shown from the first tick (300 ms): a quick write never flashes a message.
    public var isShown: Bool { ticks >= 1 }
    /// From 1.5 s, it is waiting for someone else's write to finish.
    public var isWaiting: Bool { ticks >= 5 }
}

/// A listing found deep in a search, with the page that holds it.
public struct LocatedListing: Sendable, Equatable {
    public var index: Int
    public var page: Int
    public var rows: [OpportunitySummary]
}

/// What the student screen's background tasks bring back. Every read and write of the screen
/// is a task; its result comes back as one of these and ``StudentScreen`` takes it into the state.
public enum StudentOutcome: Sendable {
    /// A search's first page; `again` when it is the same search read after a change (then
    /// counted and the selected listing located in the same task, so the selection stays).
    case listings(ListingSearch.Result, again: Bool, located: LocatedListing?)
    case counted(ListingSearch.Result)
    /// A page further down the search `query`.
    case page(OpportunityQuery, Int, [OpportunitySummary])
    /// Where a listing opened from My applications stands in `query` (nil: not in it).
    case located(OpportunityQuery, Int64, LocatedListing?)
    /// The selected listing's detail (nil: gone, or not shown to students).
    case detail(Int64, ListingDetail?, keepScroll: Bool)
    case detailFailed(Int64, String)
    /// The listing on screen read again after a change.
    case refreshed(Int64, ListingDetail)
    /// The listing on screen can no longer be shown: why.
    case gone(Int64, GoneListing)
    /// The student's own records; `keepScroll` keeps the timeline where it was (a reload).
    case records(StudentRecords, keepScroll: Bool)
    case timeline(Int64, [TimelineEntry], keepScroll: Bool)
    /// Updates read again (after marking them read, when `markedRead`; the first read when
    /// `first`); `failure` says why not.
    case updates(StudentUpdates, markedRead: Bool, failure: String?, first: Bool)
    /// The saved searches, to open their overlay (`open`) or to refresh it.
    case savedSearches([SavedSearch], open: Bool)
    /// The profile: to open its overlay, refresh it, or edit it.
    case profile(StudentProfile, ProfileRead)
    /// Whether the student may apply to `listingID`, and the form's starting values.
    case applyChecked(Int64, refusal: String?, draft: ApplicationDraft)
    /// What the withdrawal's confirmation says: whether it was reopened once already.
    case withdrawChecked(StudentPurpose, title: String, wasReopened: Bool)
    case reopenRefused(String)
    case wrote(StudentWrite, WriteEnd)
    /// A read failed: said in the status bar, the screen as it was. `of`: the kind of read,
    /// when the first frame waits for it.
    case failed(String, of: TaskKind? = nil)
    /// Done, with nothing to show (a saved search marked seen).
    case nothing
}

/// Why the profile was read.
public enum ProfileRead: Sendable {
    /// Open its overlay; refresh the overlay on top (its scroll kept); after a save (from the
    /// top); open the edit form over it.
    case open, refresh, saved, edit
}

extension TaskKind {
    /// A listings query's first page; each newer query supersedes the one in flight.
    static let search = TaskKind("search")
    /// A listings query's count, after a full first page.
    static let searchCount = TaskKind("search count")
    /// A page of the listings further down.
    static let listingPage = TaskKind("listing page")
    /// Finding a listing opened from My applications in the list.
    static let locate = TaskKind("locate listing")
    /// The selected listing's detail.
    static let detail = TaskKind("detail")
    /// The listing on screen read again after a change.
    static let detailRefresh = TaskKind("detail refresh")
    /// The student's applications, feedback and marks.
    static let records = TaskKind("student records")
    static let timeline = TaskKind("timeline")
    /// Reading the student's Updates again after a change.
    static let updates = TaskKind("updates")
    /// Marking the Updates read, once the student opened them.
    static let markUpdatesRead = TaskKind("mark updates read")
    static let savedSearches = TaskKind("saved searches")
    /// Marking a saved search seen as it is opened.
    static let markSearchSeen = TaskKind("mark search seen")
    static let profile = TaskKind("profile")
    /// What a form or confirmation needs before it opens (may the student apply, …).
    static let prepare = TaskKind("prepare")
    /// The student's write: one at a time, cancelled by Esc while it waits.
    public static let studentWrite = TaskKind("student write")
}

extension TimerID {
    /// While a write runs: when to say so, and that it waits.
    static let studentWrite = TimerID("student write")
}
