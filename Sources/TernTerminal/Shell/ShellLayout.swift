/// The four panes of the student shell.
public enum PaneID: Int, CaseIterable, Sendable {
    case listings, detail, applications, feedback

    public var title: String {
        switch self {
        case .listings: "Listings"
        case .detail: "Project detail"
        case .applications: "My applications"
        case .feedback: "Feedback"
        }
    }
}

/// How the screen is divided, decided by its size alone so that a resize re-lays out cleanly.
///
/// ```swift
/// ShellLayout(width: 120, height: 40).mode   // .wide
/// ShellLayout(width: 80, height: 24).mode    // .narrow
/// ```
public struct ShellLayout: Equatable, Sendable {
    public enum Mode: Sendable, Equatable { case wide, narrow, tooSmall }

    public static let minimumWidth = 60, minimumHeight = 16
    public static let wideWidth = 120, wideHeight = 30

    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var mode: Mode {
        if width < Self.minimumWidth || height < Self.minimumHeight { return .tooSmall }
        return width >= Self.wideWidth && height >= Self.wideHeight ? .wide : .narrow
    }

    public var screen: Rect { Rect(x: 0, y: 0, width: width, height: height) }
    /// Row 0 is the title (wide) or tab bar (narrow); the last row is the status bar.
    public var body: Rect { Rect(x: 0, y: 1, width: width, height: height - 2) }
    public var statusRow: Int { height - 1 }

    /// Where each pane goes. Wide: listings and detail side by side, applications and feedback
    /// below. Narrow: only the focused pane, full size.
    public func frames(focused: PaneID) -> [PaneID: Rect] {
        switch mode {
        case .tooSmall:
            return [:]
        case .narrow:
            return [focused: body]
        case .wide:
            let (top, bottom) = body.splitRows(at: body.height * 3 / 5)
            let (listings, detail) = top.splitColumns(at: top.width * 11 / 20)
            let (applications, feedback) = bottom.splitColumns(at: bottom.width * 11 / 20)
            return [.listings: listings, .detail: detail, .applications: applications, .feedback: feedback]
        }
    }
}
