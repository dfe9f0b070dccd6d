/// A screen's panes: their names (the order of `allCases` is the tab order).
///
/// ```swift
/// enum QueuePane: PaneIdentity { case queue, detail; var title: String { … } }
/// ```
public protocol PaneIdentity: Hashable, CaseIterable, Sendable where AllCases == [Self] {
    var title: String { get }
}

/// The panes of a screen: which has focus, where each goes at a size, the tab bar of the narrow
/// layout, and what a mouse click hit. Row 0 is the screen's title (wide) or the tab bar
/// (narrow); the last row is the status bar; the panes share the body between them.
///
/// ```swift
/// var panes = PaneSet<StudentPane>(focus: .listings, minimum: Size(width: 60, height: 16),
///                                  wide: Size(width: 120, height: 30), arrange: StudentPane.wideArrangement)
/// panes.resize(to: Size(width: 80, height: 24))   // .narrow: one pane and a tab bar
/// panes.focusNext()
/// ```
public struct PaneSet<Pane: PaneIdentity>: Sendable {
    public enum Mode: Sendable, Equatable { case wide, narrow, tooSmall }

    /// What a click landed on.
    public enum Hit: Equatable, Sendable {
        case tab(Pane)
        case pane(Pane, Rect)
    }

    public var focus: Pane
    public private(set) var size: Size
    /// Below this, the screen says it is too small.
    public let minimum: Size
    /// From this size on, every pane shows at once.
    public let wide: Size
    private let arrange: @Sendable (Rect) -> [Pane: Rect]

    public init(focus: Pane, size: Size = Size(width: 0, height: 0), minimum: Size, wide: Size,
                arrange: @escaping @Sendable (Rect) -> [Pane: Rect]) {
        self.focus = focus
        self.size = size
        self.minimum = minimum
        self.wide = wide
        self.arrange = arrange
    }

    public mutating func resize(to size: Size) { self.size = size }

    public var mode: Mode {
        if size.width < minimum.width || size.height < minimum.height { return .tooSmall }
        return size.width >= wide.width && size.height >= wide.height ? .wide : .narrow
    }

    public var screen: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }
    public var body: Rect { Rect(x: 0, y: 1, width: size.width, height: size.height - 2) }
    public var statusRow: Int { size.height - 1 }

    /// The panes on screen now, in tab order: all of them when wide, the focused one when narrow.
    public var shown: [(pane: Pane, rect: Rect)] {
        switch mode {
        case .tooSmall: []
        case .narrow: [(focus, body)]
        case .wide:
            Pane.allCases.compactMap { pane in arrange(body)[pane].map { (pane, $0) } }
        }
    }

    /// Where `pane` is drawn whenever it is on screen (narrow: the whole body), so a list's
    /// page size does not change with the focus.
    public func area(of pane: Pane) -> Rect {
        switch mode {
        case .tooSmall: Rect(x: 0, y: 0, width: 0, height: 0)
        case .narrow: body
        case .wide: arrange(body)[pane] ?? body
        }
    }

    public mutating func focusNext() { focus = Self.step(from: focus, by: 1) }
    public mutating func focusPrevious() { focus = Self.step(from: focus, by: -1) }

    private static func step(from pane: Pane, by delta: Int) -> Pane {
        let all = Pane.allCases
        let index = all.firstIndex(of: pane) ?? 0
        return all[(index + delta + all.count) % all.count]
    }

    /// The tab (narrow layout, row 0) or pane under a click.
    public func hit(column: Int, row: Int) -> Hit? {
        if mode == .narrow, row == 0 {
            return TabBar.tab(atColumn: column, width: size.width, tabs: Pane.allCases.map(\.title)).map { .tab(Pane.allCases[$0]) }
        }
        return shown.first { $0.rect.contains(column: column, row: row) }.map { .pane($0.pane, $0.rect) }
    }

    /// The narrow layout's tab bar on row 0.
    public func drawTabBar(into grid: inout CellGrid, box: BoxStyle = .line) {
        let all = Pane.allCases
        TabBar.draw(into: &grid, row: 0, width: size.width, tabs: all.map(\.title), selected: all.firstIndex(of: focus) ?? 0, box: box)
    }
}
