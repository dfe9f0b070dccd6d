import Foundation
import TernCatalogue
import TernViewModels

/// The campus kiosk (`tern kiosk`) on the shared runtime: approved open listings to search,
/// filter and read, each with its apply link as a QR code; an attract screen of featured
/// listings after an idle minute, which also clears what the last person typed; a calm
/// "listings are being updated" screen while the catalogue cannot be read. Nothing leaves it
/// but the staff PIN: Ctrl-C, Ctrl-Z, Ctrl-\, `q` and Esc are keys like any other (letters
/// type into the search), and no key opens a file, a shell, an editor or a pager.
///
/// ```swift
/// let screen = KioskScreen(browser: KioskBrowser(path: path), config: config, large: false)
/// Loop(screen: screen, backend: backend).run()    // returns .quit only after the right PIN
/// ```
public final class KioskScreen: Screen {
    public typealias Outcome = KioskOutcome

    public internal(set) var state: KioskState
    let browser: KioskBrowser
    let config: KioskConfig
    let now: () -> Date
    let today: () -> CalendarDay
    private var lastActivity: Date
    /// Searches started so far (tests: keys that change nothing start none).
    private(set) var searchesStarted = 0
    /// Wrong PINs and the lock they earned, handed to `saveLockout` after every try so that a
    /// restart forgets nothing (nil: kept in memory only).
    var lockout: KioskLockout
    let saveLockout: ((KioskLockout) throws -> Void)?

    /// The staff prompt opens with this key; it is not shown on screen.
    public static let exitKey = Key.function(10)
    /// How often an unreadable catalogue is tried again, and a readable one looked at for changes.
    public static let retryMilliseconds = 2_000

    /// `lockout`: the wrong PINs so far, as ``KioskLockout/load(path:)`` read them; `saveLockout`
    /// writes them back (``KioskLockout/save(path:)``).
    public init(browser: KioskBrowser, config: KioskConfig, large: Bool, box: BoxStyle = .line,
                lockout: KioskLockout = KioskLockout(), saveLockout: ((KioskLockout) throws -> Void)? = nil,
                now: @escaping () -> Date = Date.init, today: @escaping () -> CalendarDay = { CalendarDay(Date()) }) {
        self.browser = browser
        self.config = config
        self.now = now
        self.today = today
        self.lockout = lockout
        self.saveLockout = saveLockout
        lastActivity = now()
        state = KioskState(large: large, box: box, today: today())
        _ = reopen()
    }

    public func update(_ event: Event<KioskOutcome>) -> [Effect<KioskOutcome>] {
        switch event {
        case .resize(let size):
            let first = state.size.width == 0
            state.size = size
            guard !state.isTooSmall else { return [] }
            guarded { try state.listings.resize(viewport: listViewport, source: try listings()) }
            guarded { try showSelected() }
            return first ? [.startTimer(.kioskIdle, everyMilliseconds: 1_000), .startTimer(.kioskRetry, everyMilliseconds: Self.retryMilliseconds)] : []
        case .key(let key):
            return handle(key)
        case .tick(.kioskIdle):
            return idleTick()
        case .tick(.kioskAttract):
            return nextFeatured()
        case .tick(.kioskRetry):
            return retry()
        case .taskFinished(_, .firstPage(let result, let again)):
            return show(result, counted: false, again: again)
        case .taskFinished(_, .counted(let result)):
            return show(result, counted: true, again: false)
        case .tick, .catalogueChanged, .taskFinished:
            return []
        }
    }

    public static func view(_ state: KioskState, size: Size) -> Frame {
        KioskView.frame(state, size: size)
    }

    /// The calm "being updated" screen is a placeholder: the listings are not there yet.
    public var showsContent: Bool { state.mode != .unavailable }

    // MARK: - Keys

    private func handle(_ key: Key) -> [Effect<KioskOutcome>] {
        lastActivity = now()
        if key == Self.exitKey {
            state.pin = PINPrompt(message: lockMessage, outdated: config.pinHash.map { !KioskPIN.isCurrent($0) } ?? false)
            return []
        }
        if state.pin != nil { return handlePIN(key) }
        switch state.mode {
        case .unavailable:
            return []
        case .attract:
            // Any key: back to browsing, from the top, with nothing of the last person's.
            state.mode = .browsing
            return [.stopTimer(.kioskAttract)] + resetBrowsing()
        case .browsing:
            break
        }
        guard !state.isTooSmall else { return [] }
        switch key {
        case .up: move(.up)
        case .down: move(.down)
        case .pageUp: move(.pageUp)
        case .pageDown: move(.pageDown)
        case .home: move(.top)
        case .end: move(.bottom)
        case .enter:
            if state.detail != nil { state.showingDetail = true }
        case .escape:
            if state.showingDetail {
                state.showingDetail = false
            } else if !state.search.text.isEmpty || state.field != nil {
                state.search = TextField(limit: 60)
                state.field = nil
                return requery()
            }
        case .tab, .backTab:
            let fields: [Field?] = [nil] + Field.allCases
            let index = fields.firstIndex(of: state.field) ?? 0
            state.field = fields[(index + (key == .tab ? 1 : fields.count - 1)) % fields.count]
            return requery()
        case .backspace, .delete, .left, .right:
            return edit(key)
        case .character(let c) where Self.types(c):
            return edit(key)
        case .paste:
            // A bracketed paste, whole: one search, cut to the search line's limit.
            return edit(key)
        default:
            // Ctrl-C, Ctrl-Z, Ctrl-\ and every other control: nothing at all.
            break
        }
        return []
    }

    /// A key for the search line. Only a change to its text searches: a letter past the limit,
    /// ←/→, or Backspace on an empty line does nothing else, so a long paste (each character a
    /// key) stops costing anything at the limit.
    private func edit(_ key: Key) -> [Effect<KioskOutcome>] {
        let before = state.search.text
        guard state.search.handle(key), state.search.text != before else { return [] }
        // Typing is about the list: on a wide screen the keys go back to it.
        state.showingDetail = state.showingDetail && !state.isWide
        return requery()
    }

    /// Letters, digits, punctuation and spaces type; controls never reach the search.
    static func types(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
            && !c.unicodeScalars.contains { $0.properties.generalCategory == .format || $0.properties.generalCategory == .lineSeparator
                || $0.properties.generalCategory == .paragraphSeparator }
    }

    // MARK: - Idle and attract

    private func idleTick() -> [Effect<KioskOutcome>] {
        refreshLockMessage()
        let effects = newDay()
        guard now().timeIntervalSince(lastActivity) >= Double(config.idleSeconds) else { return effects }
        // A half-typed PIN goes however the prompt was opened (over the attract screen too).
        state.pin = nil
        guard state.mode == .browsing else { return effects }
        // Whatever the last person typed goes: the search, the filter.
        let reset = resetBrowsing()
        guarded { state.featured = try browser.featured() }
        guard !state.featured.isEmpty else { return effects + reset }
        state.mode = .attract(index: 0)
        showFeatured(0)
        return effects + reset + [.startTimer(.kioskAttract, everyMilliseconds: config.attractSeconds * 1000)]
    }

    /// Past midnight: every "closes in N days" counts from the new day, and a listing whose
    /// deadline was yesterday leaves the list (the search runs again, the selection kept).
    private func newDay() -> [Effect<KioskOutcome>] {
        let day = today()
        guard day != state.today else { return [] }
        state.today = day
        guard state.mode != .unavailable else { return [] }
        if case .attract = state.mode { refreshFeatured() }
        return requery(again: true)
    }

    /// The featured listings read again (the catalogue changed, or a day passed): a listing
    /// declined, closed or full meanwhile leaves the attract screen with its code and link.
    private func refreshFeatured() {
        guard case .attract(let index) = state.mode else { return }
        let shown = state.featuredDetail?.opportunity.id
        guarded { state.featured = try browser.featured() }
        guard case .attract = state.mode else { return }
        guard !state.featured.isEmpty else {
            // Nothing left to feature: the (empty) list, and the attract timer stops on its tick.
            (state.featuredDetail, state.featuredLink, state.featuredQR) = (nil, nil, nil)
            state.mode = .browsing
            return
        }
        let next = state.featured.firstIndex { $0.id == shown } ?? min(index, state.featured.count - 1)
        state.mode = .attract(index: next)
        showFeatured(next)
    }

    private func nextFeatured() -> [Effect<KioskOutcome>] {
        guard case .attract(let index) = state.mode, !state.featured.isEmpty else { return [.stopTimer(.kioskAttract)] }
        let next = (index + 1) % state.featured.count
        state.mode = .attract(index: next)
        showFeatured(next)
        return []
    }

    private func showFeatured(_ index: Int) {
        guard state.featured.indices.contains(index) else { return }
        let listing = state.featured[index]
        guarded {
            state.featuredDetail = try browser.detail(listing.id)
            // No link for a listing that is no longer shown to the public.
            state.featuredLink = state.featuredDetail == nil ? nil : try browser.applyLink(for: listing.ref)
            state.featuredQR = state.featuredLink.flatMap(QRCode.init)
        }
    }

    private func resetBrowsing() -> [Effect<KioskOutcome>] {
        state.search = TextField(limit: 60)
        state.field = nil
        state.showingDetail = false
        return requery()
    }

    // MARK: - The catalogue

    private func listings() throws -> ListingsViewModel {
        guard let listings = browser.listings else { throw CatalogueError.unusable("the catalogue is not open") }
        return listings
    }

    var listViewport: Int { max(1, KioskView.listArea(state).height / state.rowHeight) }

    /// With the detail read (Enter, at every size), the moving keys scroll it; else they choose.
    private func move(_ move: ListMove) {
        if state.showingDetail {
            let lines = KioskView.detailLineCount(state)
            state.detailScroll = ModalHost<Never>.scrolled(state.detailScroll, by: move, lines: lines, height: KioskView.detailTextArea(state).height)
            return
        }
        let before = state.listings.selectedID
        guarded { try state.listings.move(move, source: try listings()) }
        if state.listings.selectedID != before { guarded { try showSelected() } }
    }

    /// Starts the search for what is typed, in the background: a keystroke never waits on
    /// SQLite (a one-letter prefix costs a tenth of a second at 1,000,000 listings), and a newer
    /// one stops the older search where it stands. The list shows the last result meanwhile.
    /// `again`: the same search, read after another process committed.
    private func requery(again: Bool = false) -> [Effect<KioskOutcome>] {
        guard let catalogue = browser.catalogue, let model = browser.listings else { return [] }
        let query = KioskBrowser.query(words: state.search.text, field: state.field), day = model.day
        searchesStarted += 1
        return [.cancel(.kioskCount), .run(.kioskSearch) { task in
            .firstPage(ListingSearch.firstPage(of: query, in: catalogue, today: day, superseded: { task.isSuperseded }), again: again)
        }]
    }

    /// A search's first page, or its count, came back.
    private func show(_ result: ListingSearch.Result, counted: Bool, again: Bool) -> [Effect<KioskOutcome>] {
        guard let catalogue = browser.catalogue, let model = browser.listings, state.mode != .unavailable else { return [] }
        guard result.failure == nil else {
            becomeUnavailable()
            return []
        }
        if counted {
            // The count of an older query is of no use.
            guard result.query == model.query else { return [] }
            model.adopt(result)
        } else {
            model.adopt(result, refresh: true)
        }
        guarded {
            // A count, or the same search read again, keeps the selection on its listing.
            if counted || again { try state.listings.reload(source: model) } else { try state.listings.reset(source: model) }
            state.listingCount = model.count
            state.isCounting = model.isCounting
            if !counted { try showSelected() }
        }
        guard !counted, result.count == nil else { return [] }
        let day = model.day
        return [.run(.kioskCount) { task in
            .counted(ListingSearch.counted(result, in: catalogue, today: day, superseded: { task.isSuperseded }))
        }]
    }

    private func showSelected() throws {
        let id = state.listings.selectedID
        if id != state.detail?.opportunity.id { state.detailScroll = 0 }
        state.detail = try browser.detail(id)
        state.applyLink = try state.detail.flatMap { try browser.applyLink(for: $0.opportunity.ref) }
        state.qrCode = state.applyLink.flatMap(QRCode.init)
        if state.detail == nil { state.showingDetail = false }
    }

    /// Opens the catalogue (again); on failure, the calm screen. The attract screen stays, read
    /// again; a search someone had typed runs again, so the box and the list agree.
    private func reopen() -> [Effect<KioskOutcome>] {
        do {
            try browser.open()
            if case .attract = state.mode {} else { state.mode = .browsing }
            let model = try listings()
            try state.listings.reset(source: model)
            state.listingCount = model.count
            state.isCounting = false
            if state.size.width > 0 { try state.listings.resize(viewport: listViewport, source: model) }
            try showSelected()
        } catch {
            becomeUnavailable()
            return []
        }
        refreshFeatured()
        return state.search.text.isEmpty && state.field == nil ? [] : requery()
    }

    private func retry() -> [Effect<KioskOutcome>] {
        switch state.mode {
        case .unavailable:
            return reopen()
        case .browsing, .attract:
            let change: CatalogueChange
            do {
                change = try browser.change()
            } catch {
                becomeUnavailable()
                return []
            }
            switch change {
            case .none: return []
            case .reopen: return reopen()
            // Read again in the background, the selection kept on its listing where it still
            // shows; the attract screen at once (a few rows).
            case .data:
                refreshFeatured()
                return requery(again: true)
            }
        }
    }

    private func becomeUnavailable() {
        browser.close()
        state.mode = .unavailable
        state.detail = nil
        state.qrCode = nil
        state.listingCount = 0
    }

    /// Runs `work`; a catalogue error turns the kiosk to its calm screen, never a crash.
    private func guarded(_ work: () throws -> Void) {
        do {
            try work()
        } catch {
            becomeUnavailable()
        }
    }
}
