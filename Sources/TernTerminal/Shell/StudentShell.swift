import Foundation
import TernCatalogue
import TernViewModels

/// The student shell's state and its response to keys: event in, state updated; rendering is a
/// separate pure step (``render(width:height:)``). Data comes from the view models only.
///
/// ```swift
/// let shell = try StudentShell(catalogue: catalogue, session: session)
/// shell.handle(.character("j"))
/// let frame = shell.render(width: 120, height: 40)
/// ```
public final class StudentShell {
    public enum Outcome: Equatable { case running, quit }

    let listings: ListingsViewModel
    let detail: DetailViewModel
    let applications: ApplicationsViewModel
    let feedback: FeedbackViewModel
    let applying: ApplyViewModel
    let profile: ProfileViewModel
    let savedSearches: SavedSearchesViewModel
    let search: ListingSearch
    let session: StudentSession
    public let keyMap: KeyMap
    let box: BoxStyle

    public private(set) var focus: PaneID = .listings
    var listingState = ListState()
    var applicationState = ListState()
    var detailScroll = 0
    var feedbackScroll = 0
    var helpVisible = false
    var helpScroll = 0
    var toast: (message: String, isError: Bool)?
    /// What the student typed and filtered; the view (all, for you, saved) narrows it further.
    var baseQuery = OpportunityQuery()
    var view: ListingView = .all
    /// The search line while `/` is active.
    var searchField = TextField(limit: 200)
    var searchEditing = false
    /// The `:` command line while it is open.
    var commandField: TextField?
    /// A form, confirmation or overlay on top of the panes; it takes every key.
    var modal: Modal?
    /// The last size rendered, so keys that page know how many rows a page is.
    var lastLayout = ShellLayout(width: 120, height: 40)

    /// `today` is injectable so that snapshot tests see the same deadlines every day.
    public init(catalogue: Catalogue, session: StudentSession, keyMap: KeyMap = .defaults, box: BoxStyle = .line,
                today: @escaping () -> CalendarDay = { CalendarDay(Date()) }, now: @escaping () -> Date = Date.init) throws {
        self.session = session
        self.keyMap = keyMap
        self.box = box
        listings = ListingsViewModel(catalogue: catalogue, today: today)
        detail = DetailViewModel(catalogue: catalogue, session: session, today: today)
        applications = ApplicationsViewModel(catalogue: catalogue, session: session)
        feedback = FeedbackViewModel(catalogue: catalogue, session: session)
        applying = ApplyViewModel(catalogue: catalogue, session: session, now: now)
        profile = ProfileViewModel(catalogue: catalogue, session: session)
        savedSearches = SavedSearchesViewModel(catalogue: catalogue, session: session, today: today)
        search = ListingSearch(catalogue: catalogue)
        try reload()
    }

    /// Re-reads everything from the catalogue, keeping the selections (another process committed).
    public func reload() throws {
        let selectedListing = try listings.row(at: listingState.selected)?.id
        try listings.reload()
        listingState.setCount(listings.count, visibleRows: visibleRows(.listings))
        if let selectedListing, let index = try listings.rows(in: 0..<min(listings.count, 1000)).firstIndex(where: { $0.id == selectedListing }) {
            listingState.select(index, visibleRows: visibleRows(.listings))
        }
        let selectedApplication = applications.applications.indices.contains(applicationState.selected)
            ? applications.applications[applicationState.selected].id : nil
        try applications.reload()
        applicationState.setCount(applications.applications.count, visibleRows: visibleRows(.applications))
        if let selectedApplication, let index = applications.applications.firstIndex(where: { $0.id == selectedApplication }) {
            applicationState.select(index, visibleRows: visibleRows(.applications))
        }
        try feedback.reload()
        try profile.reload()
        try refreshSelection()
    }

    /// Loads what depends on the selections: the listing's detail, the application's timeline.
    func refreshSelection() throws {
        try detail.show(try listings.row(at: listingState.selected)?.id)
        try applications.select(applications.applications.isEmpty ? nil : applicationState.selected)
    }

    func visibleRows(_ pane: PaneID) -> Int {
        guard let frame = lastLayout.frames(focused: pane)[pane] else { return 1 }
        let inner = frame.inset(by: 1)
        switch pane {
        case .applications: return max(1, ListView.visibleRows(in: applicationListArea(inner)))
        case .listings: return max(1, ListView.visibleRows(in: listingListArea(inner)))
        default: return max(1, ListView.visibleRows(in: inner))
        }
    }

    /// The listings pane keeps its first row for the search bar.
    func listingListArea(_ inner: Rect) -> Rect {
        Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
    }

    /// The applications pane shows its list on top and the selected application's timeline below.
    func applicationListArea(_ inner: Rect) -> Rect {
        inner.height >= 10 ? inner.splitRows(at: inner.height / 2).0 : inner
    }

    /// Shows a short message in the status bar until the next key.
    public func showToast(_ message: String, isError: Bool = false) {
        toast = (message, isError)
    }

    /// Applies one key. Errors from the catalogue become a toast, never a crash.
    @discardableResult
    public func handle(_ key: Key) -> Outcome {
        toast = nil
        do {
            return try apply(key)
        } catch {
            toast = ("\(error)", true)
            return .running
        }
    }

    private func apply(_ key: Key) throws -> Outcome {
        if case .resize = key { return .running }
        // Ctrl-C always quits, whatever is open: it is the key people press to get out.
        if key == .control("c") { return .quit }
        if modal != nil { try handleModal(key); return .running }
        if commandField != nil { return try handleCommandKey(key) }
        if searchEditing { try handleSearchKey(key); return .running }
        if case .mouse(let event) = key { try handleMouse(event); return .running }
        guard let action = keyMap.action(for: key) else { return .running }
        if helpVisible {
            switch action {
            case .help, .back, .quit: helpVisible = false
            case .moveDown: helpScroll += 1
            case .moveUp: helpScroll = max(0, helpScroll - 1)
            default: break
            }
            return .running
        }
        switch action {
        case .quit:
            // q steps back out of a pane first; on the top level (the listings) it quits.
            // Ctrl-C always quits: it is the key people press to get out.
            if focus == .listings { return .quit }
            focus = .listings
        case .back:
            if focus != .listings { focus = .listings }
            else if !baseQuery.words.isEmpty { try setSearchWords("") }
        case .help:
            helpVisible = true
            helpScroll = 0
        case .nextPane:
            focus = PaneID(rawValue: (focus.rawValue + 1) % PaneID.allCases.count)!
        case .previousPane:
            focus = PaneID(rawValue: (focus.rawValue + PaneID.allCases.count - 1) % PaneID.allCases.count)!
        case .open:
            if focus == .listings { focus = .detail; detailScroll = 0 }
            else if focus == .applications, let overview = applications.applications[safe: applicationState.selected] {
                try selectListing(id: overview.opportunity.id)
                focus = .detail
            }
        case .search:
            focus = .listings
            searchField = TextField(baseQuery.words, limit: 200)
            searchEditing = true
        case .command:
            commandField = TextField(limit: 200)
        case .filters, .clearFilters, .nextView, .toggleSaved, .saveSearch, .savedSearches, .apply, .profile:
            try perform(action)
        case .withdraw, .acceptOffer, .declineOffer, .markDelivered, .rateOrganization:
            try performOnApplication(action)
        case .moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown:
            try move(action)
        }
        return .running
    }

    private func move(_ action: Action) throws {
        func step(_ state: inout ListState, rows: Int) {
            switch action {
            case .moveUp: state.move(by: -1, visibleRows: rows)
            case .moveDown: state.move(by: 1, visibleRows: rows)
            case .top: state.top()
            case .bottom: state.bottom(visibleRows: rows)
            case .pageUp: state.pageUp(visibleRows: rows)
            case .pageDown: state.pageDown(visibleRows: rows)
            default: break
            }
        }
        func scroll(_ offset: inout Int) {
            let page = max(1, visibleRows(focus) - 1)
            switch action {
            case .moveUp: offset = max(0, offset - 1)
            case .moveDown: offset += 1
            case .top: offset = 0
            case .bottom: offset = Int.max / 2
            case .pageUp: offset = max(0, offset - page)
            case .pageDown: offset += page
            default: break
            }
        }
        switch focus {
        case .listings:
            step(&listingState, rows: visibleRows(.listings))
            detailScroll = 0
            try refreshSelection()
        case .applications:
            step(&applicationState, rows: visibleRows(.applications))
            try refreshSelection()
        case .detail: scroll(&detailScroll)
        case .feedback: scroll(&feedbackScroll)
        }
    }

    private func selectListing(id: Int64) throws {
        let rows = try listings.rows(in: 0..<min(listings.count, 5000))
        if let index = rows.firstIndex(where: { $0.id == id }) {
            listingState.select(index, visibleRows: visibleRows(.listings))
        }
        try detail.show(id)
        detailScroll = 0
    }

    private func handleMouse(_ event: MouseEvent) throws {
        let frames = lastLayout.frames(focused: focus)
        guard let (pane, frame) = frames.first(where: { $0.value.contains(column: event.column, row: event.row) }) else {
            // The tab bar in the narrow layout: click a tab to show it.
            if lastLayout.mode == .narrow, event.row == 0, case .click = event.kind {
                let tabWidth = max(1, lastLayout.width / PaneID.allCases.count)
                focus = PaneID(rawValue: min(PaneID.allCases.count - 1, event.column / tabWidth))!
            }
            return
        }
        switch event.kind {
        case .click:
            focus = pane
            let inner = frame.inset(by: 1)
            if pane == .listings, let index = ListView.index(atScreenRow: event.row, area: listingListArea(inner), state: listingState) {
                listingState.select(index, visibleRows: visibleRows(.listings))
                try refreshSelection()
            } else if pane == .applications,
                      let index = ListView.index(atScreenRow: event.row, area: applicationListArea(inner), state: applicationState) {
                applicationState.select(index, visibleRows: visibleRows(.applications))
                try refreshSelection()
            }
        case .wheelUp, .wheelDown:
            let previous = focus
            focus = pane
            try move(event.kind == .wheelUp ? .moveUp : .moveDown)
            focus = previous == pane ? pane : previous
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
