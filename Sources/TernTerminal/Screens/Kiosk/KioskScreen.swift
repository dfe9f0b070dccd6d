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
    private var lastActivity: Date
    private var wrongTries = 0
    private var lockedUntil: Date?

    /// The staff prompt opens with this key; it is not shown on screen.
    public static let exitKey = Key.function(10)
    /// Wrong PINs before the prompt locks, and for how long.
    public static let allowedTries = 3
    public static let lockSeconds: TimeInterval = 60
    /// How often an unreadable catalogue is tried again, and a readable one looked at for changes.
    public static let retryMilliseconds = 2_000

    /// `lightText`: the theme's text is lighter than its background (``Theme/hasLightText``), so
    /// the QR code marks its light modules to come out dark on light.
    public init(browser: KioskBrowser, config: KioskConfig, large: Bool, box: BoxStyle = .line, lightText: Bool = false,
                now: @escaping () -> Date = Date.init, today: @escaping () -> CalendarDay = { CalendarDay(Date()) }) {
        self.browser = browser
        self.config = config
        self.now = now
        lastActivity = now()
        state = KioskState(large: large, box: box, today: today())
        state.qrDarkGlyphs = !lightText
        reopen()
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
            state.pin = PINPrompt(message: lockMessage)
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
            if state.showingDetail && !state.isWide {
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
            if state.search.handle(key) { return requery() }
        case .character(let c) where Self.types(c):
            if state.search.handle(key) { return requery() }
        default:
            // Ctrl-C, Ctrl-Z, Ctrl-\ and every other control: nothing at all.
            break
        }
        return []
    }

    /// Letters, digits, punctuation and spaces type; controls never reach the search.
    static func types(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
            && !c.unicodeScalars.contains { $0.properties.generalCategory == .format || $0.properties.generalCategory == .lineSeparator
                || $0.properties.generalCategory == .paragraphSeparator }
    }

    // MARK: - The staff PIN

    private var lockMessage: String? {
        guard let lockedUntil, lockedUntil > now() else { return nil }
        return "too many tries: locked for \(Int(lockedUntil.timeIntervalSince(now()).rounded(.up))) s"
    }

    private func handlePIN(_ key: Key) -> [Effect<KioskOutcome>] {
        guard var pin = state.pin else { return [] }
        switch key {
        case .escape:
            state.pin = nil
            return []
        case .enter:
            if let locked = lockMessage {
                pin.message = locked
                pin.field = TextField(limit: 32)
                state.pin = pin
                return []
            }
            if let hash = config.pinHash, KioskPIN.matches(pin.field.text, hash: hash) {
                return [.quit]
            }
            wrongTries += 1
            pin.field = TextField(limit: 32)
            if wrongTries >= Self.allowedTries {
                wrongTries = 0
                lockedUntil = now().addingTimeInterval(Self.lockSeconds)
                pin.message = lockMessage
            } else {
                let left = Self.allowedTries - wrongTries
                pin.message = "wrong PIN (\(left) \(left == 1 ? "try" : "tries") left)"
            }
            state.pin = pin
        case .character(let c) where Self.types(c):
            _ = pin.field.handle(key)
            state.pin = pin
        case .backspace:
            _ = pin.field.handle(key)
            state.pin = pin
        default:
            break
        }
        return []
    }

    // MARK: - Idle and attract

    private func idleTick() -> [Effect<KioskOutcome>] {
        guard state.mode == .browsing, now().timeIntervalSince(lastActivity) >= Double(config.idleSeconds) else { return [] }
        // Whatever the last person typed goes: the search, the filter, a half-typed PIN.
        state.pin = nil
        let reset = resetBrowsing()
        guarded { state.featured = try browser.featured() }
        guard !state.featured.isEmpty else { return reset }
        state.mode = .attract(index: 0)
        showFeatured(0)
        return reset + [.startTimer(.kioskAttract, everyMilliseconds: config.attractSeconds * 1000)]
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
            state.featuredLink = try browser.applyLink(for: listing.ref)
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

    private func move(_ move: ListMove) {
        if state.showingDetail && !state.isWide {
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

    /// Opens the catalogue (again); on failure, the calm screen.
    private func reopen() {
        do {
            try browser.open()
            state.mode = .browsing
            let model = try listings()
            try state.listings.reset(source: model)
            state.listingCount = model.count
            state.isCounting = false
            if state.size.width > 0 { try state.listings.resize(viewport: listViewport, source: model) }
            try showSelected()
        } catch {
            becomeUnavailable()
        }
    }

    private func retry() -> [Effect<KioskOutcome>] {
        switch state.mode {
        case .unavailable:
            reopen()
        case .browsing, .attract:
            let change: KioskBrowser.Change
            do {
                change = try browser.change()
            } catch {
                becomeUnavailable()
                return []
            }
            switch change {
            case .none: break
            case .file: reopen()
            // Read again in the background, the selection kept on its listing where it still shows.
            case .data: return requery(again: true)
            }
        }
        return []
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
