import TernStore
import TernText
import TernViewModels

/// Draws the student screen as a pure function of ``StudentState`` and a size: no queries, no
/// mutation, nothing that can fail. What is drawn was put into the state by the update.
enum StudentView {
    static func frame(_ state: StudentState, size: Size) -> Frame {
        // The first frame is drawn whole, once what it shows has been read.
        guard state.starting.isEmpty else { return Frame(grid: CellGrid(width: size.width, height: size.height)) }
        return ChromeView.frame(state, size: size, hints: hints(state), pinned: pinned(state)) { grid, panes in
            if panes.mode == .wide {
                drawHeader(state, into: &grid, width: size.width)
            } else {
                panes.drawTabBar(into: &grid, box: state.box)
                drawUnreadBesideTabs(state, into: &grid, width: size.width)
            }
            return ChromeView.drawPanes(state, panes, into: &grid, title: { title($0, state) }) { pane, grid, inner in
                drawContent(pane, state, into: &grid, area: inner)
            }
        }
    }

    /// " Tern · micro-internships" and, at the right, who is signed in, how many of their
    /// Updates are unread (when any), and how many listings the list holds ("open" only when
    /// closed ones are left out).
    private static func drawHeader(_ state: StudentState, into grid: inout CellGrid, width: Int) {
        grid.write(" Tern · micro-internships", x: 0, y: 0, style: .accent)
        let who = state.isGuest ? "browsing as guest" : "signed in as \(state.displayName)"
        let includesClosed = state.query.includeClosed || state.view == .saved
        let noun = state.listingCount == 1 ? "listing" : "listings"
        let label = unreadLabel(state)
        let updates = label.isEmpty ? "" : label + " · "
        let listings = "\(state.listingCount) \(includesClosed ? "" : "open ")\(noun) "
        let right = "\(who) · " + updates + listings
        let x = max(0, width - DisplayWidth.of(Sanitizer.line(right)))
        grid.write(right, x: x, y: 0, style: .muted)
        if !updates.isEmpty {
            // The unread count stands out: it is the one part of the header that asks for a look.
            grid.write(updates, x: x + DisplayWidth.of(Sanitizer.line("\(who) · ")), y: 0, style: .accent)
        }
    }

    /// "12 unread updates (u)", from the key map, or "" when none are unread.
    static func unreadLabel(_ state: StudentState) -> String {
        let unread = state.updates.unread
        return unread == 0 ? "" : "\(unread) unread \(unread == 1 ? "update" : "updates") (\(state.keyMap.keyNames(for: .updates)))"
    }

    /// Narrower screens have the tab bar instead of the header: the unread count goes at its
    /// right end, when the tabs leave room for it.
    private static func drawUnreadBesideTabs(_ state: StudentState, into grid: inout CellGrid, width: Int) {
        let label = unreadLabel(state)
        guard !label.isEmpty else { return }
        let tabs = StudentPane.allCases.reduce(0) { $0 + DisplayWidth.of($1.title) + 3 } - 1
        let labelWidth = DisplayWidth.of(label) + 1
        guard width - tabs >= labelWidth + 1 else { return }
        grid.write(label, x: width - labelWidth, y: 0, style: .accent)
    }

    private static func title(_ pane: StudentPane, _ state: StudentState) -> String {
        switch pane {
        case .listings: "Listings · \(state.view.title) (\(state.isCounting ? "…" : "\(state.listingCount)"))"
        case .applications: state.isGuest ? pane.title : "My applications (\(state.applications.state.count))"
        default: pane.title
        }
    }

    // MARK: - The status bar

    /// The keys the status bar offers now: the open overlay's, else the focused pane's.
    static func hints(_ state: StudentState) -> [KeyHint] {
        let map = state.keyMap
        if state.searchLine != nil { return [KeyHint("type", "to search")] + StatusBar.hints([.keepSearch, .clearSearch], keyMap: map) }
        if state.commandPrompt != nil { return [] }
        switch state.modals.top {
        case .form?: return []
        case .confirm?: return StatusBar.hints([.confirmYes, .confirmNo, .switchChoice, .confirmChoice], keyMap: map)
        case .list?: return StatusBar.hints([.moveDown, .moveUp, .open, .deleteSavedSearch, .back], keyMap: map)
        case .text(let overlay)?:
            return StatusBar.hints((overlay.scope == .profile ? [.editProfile] : []) + [.moveDown, .moveUp, .back], keyMap: map)
        case .help?: return StatusBar.hints([.moveDown, .moveUp, .back], keyMap: map)
        case nil:
            // A key standing for an application action is named by it: "a reopen", "d correct the link".
            let shownActions = state.panes.focus == .applications ? applicationActions(state) : detailApplicationActions(state)
            let labels = Dictionary(shownActions.map { (action($0), $0.label) }, uniquingKeysWith: { first, _ in first })
            return paneHints(state).compactMap { action in
                let names = map.keyNames(for: action)
                return names.isEmpty ? nil : KeyHint(names, labels[action] ?? action.label)
            }
        }
    }

    /// Always shown, whatever else must go: the way to help and the way out.
    static func pinned(_ state: StudentState) -> [KeyHint] {
        if state.searchLine != nil || state.modals.isOpen { return StatusBar.hints([.quitNow], keyMap: state.keyMap) }
        if state.commandPrompt != nil { return [] }
        return StatusBar.hints([.help, .quit], keyMap: state.keyMap)
    }

    /// Only keys that work now: a guest is offered no key that needs a student record; the
    /// detail offers what can be done to the listing on screen or the student's application
    /// to it (accepting an offer included), and nothing on a listing that left the list.
    static func paneHints(_ state: StudentState) -> [StudentAction] {
        if state.isGuest {
            switch state.panes.focus {
            case .listings: return [.search, .filters, .open, .nextPane]
            case .detail: return [.moveDown, .moveUp, .back, .nextPane]
            case .applications, .feedback: return [.nextPane, .back]
            }
        }
        switch state.panes.focus {
        case .listings: return [.search, .filters, .nextView, .open] + listingActions(state) + [.nextPane]
        case .detail: return listingActions(state) + [.moveDown, .moveUp, .back, .nextPane]
        case .applications:
            return [.open] + applicationActions(state).map(action) + [.timelineDown, .nextPane, .back]
        case .feedback:
            // Only offered when there is something left to rate.
            return (state.firstUnrated != nil ? [.rateOrganization] : []) + [.moveDown, .moveUp, .nextPane, .back]
        }
    }

    /// What works on the listing in the detail: applying while it takes applications and the
    /// student has not applied, else what the state machine allows on their application; saving.
    static func listingActions(_ state: StudentState) -> [StudentAction] {
        guard let detail = state.detail, state.detailNotice == nil else { return [] }
        if detail.myApplication != nil { return detailApplicationActions(state).map(action) + [.toggleSaved] }
        return (detail.isAcceptingApplications ? [.apply] : []) + [.toggleSaved]
    }

    /// What the student may do now to their application to the listing in the detail.
    static func detailApplicationActions(_ state: StudentState) -> [StudentApplicationAction] {
        guard state.detailNotice == nil, let mine = state.detail?.myApplication else { return [] }
        return state.actions(on: mine)
    }

    /// What the state machine lets the student do to the selected application now.
    static func applicationActions(_ state: StudentState) -> [StudentApplicationAction] {
        state.applications.selectedRow.map { state.actions(on: $0.application) } ?? []
    }

    /// The key that takes each application action: reopening is applying again, correcting a
    /// link is delivering again.
    static func action(_ action: StudentApplicationAction) -> StudentAction {
        switch action {
        case .withdraw: .withdraw
        case .acceptOffer: .acceptOffer
        case .declineOffer: .declineOffer
        case .markDelivered, .correctLink: .markDelivered
        case .reopen: .apply
        }
    }
}
