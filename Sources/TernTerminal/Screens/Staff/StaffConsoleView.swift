import Foundation
import TernStore
import TernText
import TernViewModels

/// Draws the staff console as a pure function of ``TriageState`` and a size.
enum StaffConsoleView {
    static func frame(_ state: TriageState, size: Size) -> Frame {
        ChromeView.frame(state, size: size, toastBox: .line, hints: hints(state), pinned: pinned(state), replacing: { grid in
            guard let login = state.noLongerStaff else { return false }
            drawNoLongerStaff(login, into: &grid, size: size)
            return true
        }, overStatus: { grid, panes in
            if let importing = state.importing, state.commandPrompt == nil {
                drawImport(importing, box: state.box, into: &grid, row: panes.statusRow, width: size.width)
            }
            // A write that takes a while says so, and how to give it up while it waits.
            if let writing = state.writing, writing.slow, state.commandPrompt == nil {
                WidgetSupport.fill(&grid, Rect(x: 0, y: panes.statusRow, width: size.width, height: 1))
                let line = writing.cancelling
                    ? "cancelling… \(writing.label): saved only if it had already gone through; the console says which"
                    : "saving… \(writing.label): waiting for the catalogue (another write may hold it) · "
                        + "\(state.keyMap.keyNames(for: .back)) cancels, nothing is saved"
                WidgetSupport.write(&grid, line, x: 0, y: panes.statusRow, maxWidth: size.width, style: .accent)
            }
        }) { grid, panes in
            if panes.mode == .wide {
                grid.write(" Tern staff console", x: 0, y: 0, style: .accent)
                let right = "signed in as \(state.staffName) (staff) "
                grid.write(right, x: max(0, size.width - DisplayWidth.of(Sanitizer.line(right))), y: 0, style: .muted)
            } else {
                panes.drawTabBar(into: &grid)
            }
            return ChromeView.drawPanes(state, panes, into: &grid, title: { title($0, state) }) { pane, grid, inner in
                pane == .queue ? drawQueue(state, into: &grid, area: inner) : drawDetail(state, into: &grid, area: inner)
            }
        }
    }

    /// All that is left once the account is off the staff list: what happened, and the way out.
    /// No record stays on screen.
    private static func drawNoLongerStaff(_ login: String, into grid: inout CellGrid, size: Size) {
        let lines: [(String, Style)] = [
            ("You are no longer staff", .accent),
            ("", .plain),
            (Sanitizer.line("\(login) was removed from the staff list; nothing more can be done here."), .plain),
            ("", .plain),
            ("q quit", .muted),
        ]
        let top = max(0, (size.height - lines.count) / 2)
        for (offset, (text, style)) in lines.enumerated() {
            let width = DisplayWidth.of(text)
            _ = WidgetSupport.write(&grid, text, x: max(0, (size.width - width) / 2), y: top + offset, maxWidth: size.width, style: style)
        }
    }

    /// " · 1 marked · 2 more marked, hidden by the limit": what an action takes, and what it leaves.
    static func marksTitle(_ marks: TriageMarks) -> String {
        guard !marks.isEmpty else { return "" }
        return (marks.shownCount == 0 ? "" : " · \(marks.shownCount) marked") + (marks.hiddenNote.map { " · " + $0 } ?? "")
    }

    private static func title(_ pane: TriagePane, _ state: TriageState) -> String {
        switch (pane, state.kind) {
        case (.queue, .applications):
            "Applications (\(state.queueCount))" + marksTitle(state.marks) + (state.isLimiting ? " · limiting…" : "")
        case (.queue, .postings):
            "Postings · \(postingsView(state.postingsShowing)) (\(state.postings.state.count))"
                + (state.postingMarks.isEmpty ? "" : " · \(state.postingMarks.count) marked")
        case (.queue, .organizations): "Organizations · waiting (\(state.organizations.state.count))"
        case (.queue, .reports): "Reports"
        case (.detail, .applications): state.file != nil && state.file?.row.id == state.queue.selectedID ? "Application (opened)" : "Application"
        case (.detail, .postings): "Posting"
        case (.detail, .organizations): "Organization"
        case (.detail, .reports): "Report"
        }
    }

    /// The queue tabs, then the counts (or the line being typed), then the list.
    private static func drawQueue(_ state: TriageState, into grid: inout CellGrid, area: Rect) -> (x: Int, y: Int)? {
        guard area.height > 0 else { return nil }
        drawTabs(state, into: &grid, area: Rect(x: area.x, y: area.y, width: area.width, height: 1))
        let info = Rect(x: area.x, y: area.y + 1, width: area.width, height: 1)
        let list = TriageLayout.list(area)
        let focused = state.panes.focus == .queue && state.line == nil
        switch state.kind {
        case .applications:
            var caret: (x: Int, y: Int)?
            if let line = state.line {
                let label = line.kind == .limit ? "limit: " : "search: "
                grid.write(label, x: info.x, y: info.y, style: .accent)
                let labelWidth = DisplayWidth.of(label)
                caret = line.field.draw(into: &grid, area: Rect(x: info.x + labelWidth, y: info.y, width: max(0, info.width - labelWidth), height: 1),
                                        focused: true)
            } else {
                var parts = [TriageContent.countsLine(state.counts)]
                // Nothing ends these on its own: staff must see them (the view in V lists them).
                if state.takenDown > 0 { parts.insert("\(state.takenDown) taken down, work under way (\(TriageFilter.takenDownTerm))", at: 0) }
                if !state.pattern.isEmpty { parts.append("limit: \(state.pattern)") }
                if !state.searchWords.isEmpty { parts.append("/\(state.searchWords)") }
                if state.order == .newestFirst { parts.append("newest first") }
                WidgetSupport.write(&grid, parts.joined(separator: " │ "), x: info.x, y: info.y, maxWidth: info.width, style: .muted)
            }
            let columns = TriageContent.queueColumns(width: list.width - 1)
            let offset = state.queue.state.offset
            let rows = state.queue.visibleRows
            ListView.draw(into: &grid, area: list, columns: columns,
                          rows: rows.enumerated().map { TriageContent.queueCells($1, index: offset + $0, columns: columns, marks: state.marks) },
                          rowStyles: rows.map { $0.claimedBy == nil ? nil : .error },
                          state: state.queue.state, focused: focused,
                          emptyMessage: state.pattern.isEmpty && state.searchWords.isEmpty ? "nothing needs action" : "nothing matches the limit (l changes it)")
            return caret ?? selectedRow(state.queue.state, area: list)
        case .postings:
            let flagged = state.postings.visibleRows.filter { !$0.flags.isEmpty }.count
            let next = postingsView(state.postingsShowing == .pending ? .declined : state.postingsShowing == .declined ? .approved : .pending)
            WidgetSupport.write(&grid, "\(state.pendingPostings) waiting · \(flagged) flagged on screen · \(state.keyMap.keyNames(for: .declinedPostings)) shows \(next)",
                                x: info.x, y: info.y, maxWidth: info.width, style: .muted)
            let columns = TriageContent.postingColumns(width: list.width - 1)
            ListView.draw(into: &grid, area: list, columns: columns,
                          rows: state.postings.visibleRows.map { TriageContent.postingCells($0, marked: state.postingMarks.contains($0.ref), asOf: state.postingsReadAt) },
                          rowStyles: state.postings.visibleRows.map { $0.flags.isEmpty ? nil : .error },
                          state: state.postings.state, focused: focused,
                          emptyMessage: state.postingsShowing == .pending ? "no posting waits for review" : "no \(postingsView(state.postingsShowing)) postings")
            return selectedRow(state.postings.state, area: list)
        case .organizations:
            WidgetSupport.write(&grid, "\(state.pendingOrganizations) waiting", x: info.x, y: info.y, maxWidth: info.width, style: .muted)
            ListView.draw(into: &grid, area: list, columns: TriageContent.organizationColumns,
                          rows: state.organizations.visibleRows.map(TriageContent.organizationCells),
                          state: state.organizations.state, focused: focused, emptyMessage: "no organization waits for review")
            return selectedRow(state.organizations.state, area: list)
        case .reports:
            let text = TriageLayout.report(area)
            let keys = state.keyMap
            WidgetSupport.write(&grid, "as of now · \(keys.keyNames(for: .moveDown))/\(keys.keyNames(for: .moveUp)) scroll · "
                                + "\(keys.keyNames(for: .bottom)) the end · \(keys.keyNames(for: .refresh)) reads again",
                                x: info.x, y: info.y, maxWidth: info.width, style: .muted)
            TextView.draw(into: &grid, area: text, lines: TextView.layout(TriageContent.detailBlocks(state), width: text.width - 1),
                          scroll: state.detailScroll)
            return nil
        }
    }

    static func postingsView(_ approval: Approval) -> String {
        switch approval {
        case .pending: "waiting"
        case .declined: "declined"
        case .approved: "recently approved"
        }
    }

    /// One queue tab's text: "2 Postings 5". A click finds its tab by the same text.
    static func tabText(_ kind: TriageQueueKind, _ state: TriageState) -> String {
        let count: String = switch kind {
        case .applications: " \(state.queueCount)"
        case .postings: " \(state.pendingPostings)"
        case .organizations: " \(state.pendingOrganizations)"
        case .reports: ""
        }
        return "\(kind.rawValue + 1) \(kind.title)\(count)"
    }

    /// "1 Applications 812 · 2 Postings 5 · 3 Organizations 2 · 4 Reports", the current one bold.
    private static func drawTabs(_ state: TriageState, into grid: inout CellGrid, area: Rect) {
        var x = area.x
        for kind in TriageQueueKind.allCases {
            let text = tabText(kind, state)
            let width = DisplayWidth.of(text)
            guard x + width <= area.maxX else { break }
            grid.write(text, x: x, y: area.y, style: kind == state.kind ? .selected : .muted)
            x += width + 2
        }
    }

    private static func drawDetail(_ state: TriageState, into grid: inout CellGrid, area: Rect) -> (x: Int, y: Int)? {
        let blocks: [TextBlock] = state.kind == .reports
            ? [.paragraph("The report reads the whole catalogue: how many applications stand where, how fast organizations decide, who gets placed, and what nobody has applied to."),
               .blank, .paragraph("tern report prints the same as a table, CSV or JSON, --since DATE.")]
            : TriageContent.detailBlocks(state)
        TextView.draw(into: &grid, area: area, lines: TextView.layout(blocks, width: area.width - 1),
                      scroll: state.kind == .reports ? 0 : state.detailScroll)
        return nil
    }

    private static func selectedRow(_ list: ListState, area: Rect) -> (x: Int, y: Int)? {
        guard list.count > 0 else { return nil }
        return (area.x, area.y + 1 + list.selected - list.offset)
    }

    /// "importing jobs.csv · writing ████████▌      62%" on the status row while it runs.
    static func drawImport(_ importing: ConsoleImport, box: BoxStyle, into grid: inout CellGrid, row: Int, width: Int) {
        WidgetSupport.fill(&grid, Rect(x: 0, y: row, width: width, height: 1))
        let phase = importing.progress.map { progress -> String in
            switch progress.phase {
            case .reading: "reading"
            case .validating: "checking \(progress.done)/\(progress.total) rows"
            case .writing: "writing \(progress.done)/\(progress.total) rows"
            }
        } ?? "starting"
        let fraction = importing.progress?.fraction ?? 0
        let label = "importing \((importing.file as NSString).lastPathComponent) · \(phase) "
        let percent = String(format: " %3.0f%%", fraction * 100)
        let barWidth = max(0, min(30, width - DisplayWidth.of(Sanitizer.line(label)) - percent.count - 1))
        let bar = BarChart.bar(Int(fraction * 1000), maximum: 1000, width: barWidth, box: box)
        WidgetSupport.write(&grid, label + TextLayout.pad(bar, to: barWidth) + percent, x: 0, y: row, maxWidth: width, style: .accent)
    }

    // MARK: - The status bar

    static func hints(_ state: TriageState) -> [KeyHint] {
        let map = state.keyMap
        if state.line != nil { return [KeyHint("type", state.line?.kind == .limit ? "a pattern" : "words")] + StatusBar.hints([.keepLine, .cancelLine], keyMap: map) }
        if state.commandPrompt != nil { return [] }
        switch state.modals.top {
        case .form?: return []
        case .confirm?: return StatusBar.hints([.confirmYes, .confirmNo, .switchChoice, .confirmChoice], keyMap: map)
        case .list?: return StatusBar.hints([.moveDown, .moveUp, .open, .deleteView, .back], keyMap: map)
        case .text?, .help?: return StatusBar.hints([.moveDown, .moveUp, .back], keyMap: map)
        case nil: break
        }
        // The bar follows focus: in the detail, the keys that work there (j/k scroll it; the
        // moves still act on the application shown), never the list's. What the queue's
        // controller offers is in `state.bar`, from its bindings.
        let offered = StatusBar.hints(state.bar, keyMap: map)
        guard state.panes.focus == .detail, state.kind != .reports else { return offered }
        return [KeyHint("\(map.keyNames(for: .moveDown))/\(map.keyNames(for: .moveUp))", "scroll")] + offered
    }

    static func pinned(_ state: TriageState) -> [KeyHint] {
        if state.line != nil || state.modals.isOpen { return StatusBar.hints([.quitNow], keyMap: state.keyMap) }
        if state.commandPrompt != nil { return [] }
        if state.panes.focus == .detail {
            // q goes back to the list from here; it quits only from the list.
            let map = state.keyMap
            return StatusBar.hints([.help], keyMap: map) + [KeyHint("\(map.keyNames(for: .back))/\(map.keyNames(for: .quit))", "back to the list")]
        }
        return StatusBar.hints([.help, .quit], keyMap: state.keyMap)
    }
}
