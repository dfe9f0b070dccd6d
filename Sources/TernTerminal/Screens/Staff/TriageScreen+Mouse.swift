import TernText

extension TriageScreen {
    /// Clicks and the wheel, as on the student screen: a click focuses the pane under it and
    /// selects the row (or the queue tab) it lands on; the wheel scrolls what is under it,
    /// leaving the focus where it was. `tern triage` captures the mouse, so it must answer it.
    func handleMouse(_ event: MouseEvent) throws -> [Effect<TriageOutcome>] {
        guard let hit = state.panes.hit(column: event.column, row: event.row) else { return [] }
        switch hit {
        case .tab(let pane):
            if event.kind == .click { state.panes.focus = pane }
        case .pane(let pane, let rect):
            let inner = rect.inset(by: 1)
            switch event.kind {
            case .click:
                if pane == .detail {
                    state.panes.focus = .detail
                    return []
                }
                state.panes.focus = .queue
                if event.row == inner.y, let kind = Self.queueTab(atColumn: event.column, inner: inner, state: state) {
                    return try switchQueue(to: kind)
                }
                try select(atScreenRow: event.row, list: TriageLayout.list(inner))
            case .wheelUp, .wheelDown:
                let direction: ListMove = event.kind == .wheelUp ? .up : .down
                if pane == .detail || state.kind == .reports {
                    let (lines, height) = detailExtent
                    state.detailScroll = ModalHost<TriagePurpose>.scrolled(state.detailScroll, by: direction, lines: lines, height: height)
                } else {
                    let focus = state.panes.focus
                    state.panes.focus = .queue
                    defer { state.panes.focus = focus }
                    try move(direction)
                }
            }
        }
        return []
    }

    /// Selects the row at `row` on screen in the queue shown (nothing outside its rows).
    private func select(atScreenRow row: Int, list: Rect) throws {
        switch state.kind {
        case .applications:
            guard let index = ListView.index(atScreenRow: row, area: list, state: state.queue.state) else { return }
            try state.queue.select(index: index, source: triage.rows)
        case .postings:
            guard let index = ListView.index(atScreenRow: row, area: list, state: state.postings.state) else { return }
            try state.postings.select(index: index, source: PostingRows(review.postings))
        case .organizations:
            guard let index = ListView.index(atScreenRow: row, area: list, state: state.organizations.state) else { return }
            try state.organizations.select(index: index, source: OrganizationRows(review.organizations))
        case .reports:
            return
        }
        try showSelection()
    }

    /// The queue tab ("2 Postings 3") under `column` on the queue pane's first row, laid out as
    /// ``StaffConsoleView`` draws them.
    static func queueTab(atColumn column: Int, inner: Rect, state: TriageState) -> TriageQueueKind? {
        var x = inner.x
        for kind in TriageQueueKind.allCases {
            let width = DisplayWidth.of(StaffConsoleView.tabText(kind, state))
            guard x + width <= inner.maxX else { return nil }
            if column >= x && column < x + width { return kind }
            x += width + 2
        }
        return nil
    }
}
