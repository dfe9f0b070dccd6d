/// The four panes of the student screen, in tab order.
public enum StudentPane: PaneIdentity {
    case listings, detail, applications, feedback

    public var title: String {
        switch self {
        case .listings: "Listings"
        case .detail: "Project detail"
        case .applications: "My applications"
        case .feedback: "Feedback"
        }
    }

    public static let minimumSize = Size(width: 60, height: 16)
    public static let wideSize = Size(width: 120, height: 30)

    /// Wide: listings and detail side by side above, My applications and Feedback below.
    @Sendable public static func wideArrangement(_ body: Rect) -> [StudentPane: Rect] {
        let (top, bottom) = body.splitRows(at: body.height * 3 / 5)
        let (listings, detail) = top.splitColumns(at: top.width * 11 / 20)
        let (applications, feedback) = bottom.splitColumns(at: bottom.width * 11 / 20)
        return [.listings: listings, .detail: detail, .applications: applications, .feedback: feedback]
    }

    /// A pane set for the student screen at `size`.
    public static func paneSet(size: Size) -> PaneSet<StudentPane> {
        PaneSet(focus: .listings, size: size, minimum: minimumSize, wide: wideSize, arrange: wideArrangement)
    }
}

/// Where things go inside the student panes, shared by the update (page sizes, scroll limits)
/// and the view (drawing), so both always agree.
enum StudentLayout {
    /// The listings pane keeps its first row for the search bar.
    static func listingList(_ inner: Rect) -> Rect {
        Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
    }

    /// My applications: the list on top, the selected application below, when tall enough.
    static func applicationList(_ inner: Rect) -> Rect {
        inner.height >= 10 ? inner.splitRows(at: inner.height / 2).0 : inner
    }

    static func applicationDetail(_ inner: Rect) -> Rect {
        let list = applicationList(inner)
        return Rect(x: inner.x, y: list.maxY, width: inner.width, height: inner.height - list.height)
    }
}
