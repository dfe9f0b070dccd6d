import Foundation
import TernStore
import TernViewModels

/// The campus kiosk (`tern kiosk`) on the shared runtime: approved open listings to search,
/// filter and read, each with its apply link as a QR code; an attract screen of featured
/// listings after an idle minute, which also clears what the last person typed; a calm
/// "listings are being updated" screen while the catalogue cannot be read. Nothing leaves it
/// but the staff PIN: Ctrl-C, Ctrl-Z, Ctrl-\, `q` and Esc are keys like any other (letters
/// type into the search), and no key opens a file, a shell, an editor or a pager.
///
/// Every read is a background task (KioskScreen+Reads): the update only starts them and
/// takes their results, so a key never waits on the catalogue.
///
/// ```swift
/// let screen = KioskScreen(open: { try KioskCatalogue.start(listings: c, changes: try c.changeFeed()) }, config: config, large: false)
/// Loop(screen: screen, backend: backend).run()    // returns .quit only after the right PIN
/// ```
public final class KioskScreen: Screen {
    public typealias Outcome = KioskOutcome

    public internal(set) var state: KioskState
    let open: KioskOpener
    /// The catalogue as last opened; nil while it cannot be read.
    var catalogue: KioskCatalogue?
    let config: KioskConfig
    let now: () -> Date
    let today: () -> CalendarDay
    var lastActivity: Date
    /// Searches started so far (tests: keys that change nothing start none).
    var searchesStarted = 0
    /// Wrong PINs and the lock they earned, handed to `saveLockout` after every try so that a
    /// restart forgets nothing (nil: kept in memory only).
    var lockout: KioskLockout
    let saveLockout: ((KioskLockout) throws -> Void)?

    /// How often an unreadable catalogue is tried again.
    public static let retryMilliseconds = 2_000
    /// The loop's change feed for this kiosk (hand it to the loop): it follows the catalogue
    /// open now, so the kiosk learns of changes as every screen does, from the loop.
    public let changes = KioskChangeFeed()

    /// `open` opens the catalogue (read-only; the composition root decides how) and is called
    /// again whenever it cannot be read. `lockout`: the wrong PINs so far, as
    /// ``KioskLockout/load(path:)`` read them; `saveLockout` writes them back.
    public init(open: @escaping KioskOpener, config: KioskConfig, large: Bool, box: BoxStyle = .line,
                keys: KeyMap<KioskAction> = KioskAction.defaultKeyMap,
                lockout: KioskLockout = KioskLockout(), saveLockout: ((KioskLockout) throws -> Void)? = nil,
                now: @escaping () -> Date = Date.init, today: @escaping () -> CalendarDay = { CalendarDay(Date()) }) {
        self.open = open
        self.config = config
        self.now = now
        self.today = today
        self.lockout = lockout
        self.saveLockout = saveLockout
        lastActivity = now()
        state = KioskState(large: large, box: box, keys: keys, today: today())
    }

    public func update(_ event: Event<KioskOutcome>) -> [Effect<KioskOutcome>] {
        switch event {
        case .resize(let size):
            let first = state.size.width == 0
            state.size = size
            let timers: [Effect<KioskOutcome>] = first
                ? [.startTimer(.kioskIdle, everyMilliseconds: 1_000), .startTimer(.kioskRetry, everyMilliseconds: Self.retryMilliseconds), reopen()]
                : []
            guard !state.isTooSmall else { return timers }
            let viewport = listViewport
            return timers + listChange { try $0.resize(viewport: viewport, source: $1) }
        case .key(let key):
            return handle(key)
        case .tick(.kioskIdle):
            return idleTick()
        case .tick(.kioskAttract):
            return nextFeatured()
        case .tick(.kioskRetry):
            return retry()
        case .taskFinished(_, let outcome):
            return take(outcome)
        case .catalogueChanged:
            return take(.changed(.data))
        case .catalogueReplaced:
            return take(.changed(.reopen))
        case .catalogueUnreachable:
            return take(.changed(.unreachable))
        case .tick:
            return []
        }
    }

    public static func view(_ state: KioskState, size: Size) -> Frame {
        KioskView.frame(state, size: size)
    }

    /// The calm "being updated" screen is a placeholder: the listings are not there yet.
    public var showsContent: Bool { state.mode != .unavailable }

    // MARK: - Keys

    func handle(_ key: Key) -> [Effect<KioskOutcome>] {
        lastActivity = now()
        let action = state.keys.action(for: key, in: [.kiosk])
        if action == .staffPrompt {
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
        if let action { return act(action) }
        switch key {
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

    private func act(_ action: KioskAction) -> [Effect<KioskOutcome>] {
        switch action {
        case .moveUp: return move(.up)
        case .moveDown: return move(.down)
        case .pageUp: return move(.pageUp)
        case .pageDown: return move(.pageDown)
        case .top: return move(.top)
        case .bottom: return move(.bottom)
        case .open:
            if state.detail != nil { state.showingDetail = true }
        case .back:
            if state.showingDetail {
                state.showingDetail = false
            } else if !state.search.text.isEmpty || state.field != nil {
                state.search = TextField(limit: 60)
                state.field = nil
                return requery()
            }
        case .nextField, .previousField:
            let fields: [Field?] = [nil] + Field.allCases
            let index = fields.firstIndex(of: state.field) ?? 0
            state.field = fields[(index + (action == .nextField ? 1 : fields.count - 1)) % fields.count]
            return requery()
        case .staffPrompt:
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
}
