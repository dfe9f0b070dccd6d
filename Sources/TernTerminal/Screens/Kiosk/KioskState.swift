import Foundation
import TernStore
import TernViewModels

/// What the kiosk is doing.
public enum KioskMode: Sendable, Equatable {
    /// Someone is browsing.
    case browsing
    /// Nobody has touched it for a while: featured listings, one after another.
    case attract(index: Int)
    /// The catalogue cannot be read now (missing, locked, being migrated): a calm message, and
    /// another try every few seconds.
    case unavailable
}

/// The hidden staff prompt: what was typed (shown as dots), and how it went.
public struct PINPrompt: Sendable, Equatable {
    public var field = TextField(limit: 32)
    public var message: String?
    /// The stored PIN is from before today's rules (6 characters, the slow hash): staff are told
    /// to change it, here where only they look.
    public var outdated = false
    /// The PIN typed is being checked (the slow hash, in the background).
    public var checking = false
}

/// Everything the kiosk draws; the view is a pure function of this.
public struct KioskState {
    public var size = Size(width: 0, height: 0)
    public let large: Bool
    public let box: BoxStyle
    /// Which keys do what (`[keys.kiosk]`); the bar names them from here.
    public let keys: KeyMap<KioskAction>
    public var mode: KioskMode = .unavailable
    /// The search words, typed straight in (there is nothing else letters could do here).
    public var search = TextField(limit: 60)
    public var field: Field?
    public var listingCount = 0
    /// The first page is in and the count is still being worked out (`listingCount` is the page's).
    public var isCounting = false
    public var listings = ListController<OpportunitySummary, Int64>()
    /// The listings read so far of the search shown; the list draws from these.
    public var pages = ListingPages()
    /// A move that waits for its page to be read.
    public var pendingMove: ListMove?
    public var detail: ListingDetail?
    /// The detail is being read (Enter): the moving keys scroll it. Narrow screens show it
    /// instead of the list; wide ones show both and frame the detail as focused.
    public var showingDetail = false
    public var detailScroll = 0
    public var applyLink: String?
    public var qrCode: QRCode?
    public var featured: [OpportunitySummary] = []
    public var featuredDetail: ListingDetail?
    public var featuredQR: QRCode?
    public var featuredLink: String?
    public var pin: PINPrompt?
    public var today: CalendarDay

    public init(large: Bool, box: BoxStyle, keys: KeyMap<KioskAction> = KioskAction.defaultKeyMap, today: CalendarDay) {
        self.large = large
        self.box = box
        self.keys = keys
        self.today = today
    }

    public static let minimumSize = Size(width: 60, height: 16)
    public static let wideWidth = 100

    public var isWide: Bool { size.width >= Self.wideWidth }
    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    /// Screen rows one listing takes: title and a line of facts, and a blank between in large mode.
    public var rowHeight: Int { large ? 3 : 2 }
}

/// What the kiosk's background reads bring back.
public enum KioskOutcome: Sendable {
    case nothing
    /// The catalogue could not be read: the calm screen.
    case unavailable
    case opened(KioskCatalogue)
    /// A search's first page; `again` when it is the same search read after another process
    /// committed (the selection stays on its listing), not a new one (from the top).
    case firstPage(ListingSearch.Result, again: Bool)
    /// After a full first page, its count.
    case counted(ListingSearch.Result)
    /// A page further down the search `query`.
    case page(OpportunityQuery, Int, [OpportunitySummary])
    /// The selected listing (nil: gone, or no longer public).
    case shown(Int64, KioskListing?)
    /// The featured listings; `entering` the attract screen, or read again while it shows.
    case featured([OpportunitySummary], entering: Bool)
    case featuredShown(Int64, KioskListing?)
    case changed(CatalogueChange)
    case pinChecked(Bool)
}

extension TaskKind {
    /// The kiosk's search as it is typed: a keystroke only starts it, superseding the last.
    static let kioskSearch = TaskKind("kiosk search")
    static let kioskCount = TaskKind("kiosk count")
    static let kioskPage = TaskKind("kiosk page")
    static let kioskDetail = TaskKind("kiosk detail")
    static let kioskFeatured = TaskKind("kiosk featured")
    static let kioskFeaturedDetail = TaskKind("kiosk featured detail")
    static let kioskOpen = TaskKind("kiosk open")
    /// The staff PIN's slow hash (a few tenths of a second): never on the loop.
    static let kioskPIN = TaskKind("kiosk PIN")
}

extension TimerID {
    /// Once a second: is it time for the attract screen?
    static let kioskIdle = TimerID("kiosk idle")
    /// The next featured listing.
    static let kioskAttract = TimerID("kiosk attract")
    /// Another try at opening a catalogue that could not be read.
    static let kioskRetry = TimerID("kiosk retry")
}
