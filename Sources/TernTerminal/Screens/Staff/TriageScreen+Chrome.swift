import Foundation
import TernStore
import TernViewModels

extension TriageState: ChromeState {}

/// The console on the shared chrome (``ChromeScreen``): keys on the queues go to the focused
/// queue's controller, then the saved views', then the console's, then the shared chrome; a
/// binding that cannot be done says why, here and nowhere else.
extension TriageScreen: ChromeScreen {
    static let homePane = TriagePane.queue
    static var commandsPurpose: TriagePurpose { .commands }

    /// The controllers a key on the queues goes to, in order.
    var controllers: [any StaffController] {
        let focused: any StaffController = switch state.kind {
        case .applications: ApplicationsController(screen: self)
        case .postings: PostingsController(screen: self)
        case .organizations: OrganizationsController(screen: self)
        case .reports: ReportsController(screen: self)
        }
        return [focused, SavedViewsController(screen: self), ConsoleController(screen: self)]
    }

    var bindings: [StaffBinding] { controllers.flatMap(\.bindings) }

    /// Every controller, whichever queue is shown: help lists them all.
    var allControllers: [any StaffController] {
        [ConsoleController(screen: self), ApplicationsController(screen: self), PostingsController(screen: self),
         OrganizationsController(screen: self), ReportsController(screen: self), SavedViewsController(screen: self),
         ImportController(screen: self)]
    }

    /// Help's sections: the shared chrome's keys around one section per controller, made from its
    /// bindings, so what help lists is what is bound (a controller with nothing to list has none).
    var helpGroups: [(String, [StaffAction])] {
        let own = allControllers.map { (type(of: $0).helpTitle, $0.bindings.helpActions()) }.filter { !$0.1.isEmpty }
        return StaffAction.chromeHelpGroups.before + own + StaffAction.chromeHelpGroups.after
    }

    var commands: [StaffCommand] {
        let applications = ApplicationsController.commands
        return [applications.limit, SavedViewsController.command, applications.sort, applications.undo, ConsoleController.expireCommand,
                ImportController.command, .help(summary: "list these commands"), .quit("quit", aliases: ["q"], summary: "leave the console")]
    }

    /// Where keys are looked up: the queue's own scope first, then the console's, then global.
    var paneScopes: [KeyScope] {
        let own: [KeyScope] = switch state.kind {
        case .applications: [.staffApplications]
        case .postings: [.staffPostings]
        case .organizations: [.staffOrganizations]
        case .reports: []
        }
        return own + [.staffConsole, .global]
    }

    func screenAction(_ action: StaffAction) throws -> [Effect<TriageOutcome>]? {
        guard let binding = bindings.binding(for: action) else {
            // The moving keys are the console's: a move may wait for a page of the queue.
            if case .move(let direction)? = action.intent { return moveQueue(direction) }
            return nil
        }
        if let reason = binding.disabledReason(state) { return state.toasts.show(reason, isError: true) }
        return try binding.handler()
    }

    /// The line's editing keys (ctrl-u and the like) are the text field's, not actions: listed
    /// with the line's own keys so they are found where they work.
    var helpSections: [HelpSection] {
        HelpOverlay.sections(keyMap: state.keyMap, groups: helpGroups).map { section in
            section.title == StaffAction.lineHelpGroup ? HelpSection(section.title, section.hints + TextField.editingHints) : section
        }
    }

    /// Esc: out of the detail, then the marks, then the search words, then the limit.
    func back() throws -> [Effect<TriageOutcome>] {
        if state.panes.focus == .detail {
            return leaveDetail()
        } else if state.kind == .applications, !state.marks.isEmpty {
            let count = state.marks.count
            state.marks.clear()
            return state.toasts.show("cleared \(count) mark\(count == 1 ? "" : "s")")
        } else if state.kind == .postings, !state.postingMarks.isEmpty {
            state.postingMarks = []
        } else if state.kind == .applications, !state.searchWords.isEmpty {
            return applyLimit(pattern: state.pattern, words: "")
        }
        return []
    }

    /// Enter outside Applications (which opens and claims): the detail takes the keys.
    func open() throws -> [Effect<TriageOutcome>] {
        state.panes.focus = .detail
        return []
    }

    /// From the detail, q goes back to the list first (leaving the application).
    func returnHome() throws -> [Effect<TriageOutcome>] {
        leaveDetail()
    }

    /// Back from the detail to the list. Leaving an opened application lets go of its claim
    /// at once: nobody else should see "being looked at" for five minutes after you left.
    func leaveDetail() -> [Effect<TriageOutcome>] {
        state.panes.focus = .queue
        return releaseClaim()
    }

    /// Leaves the console, letting go of any claim first (in the background, then quits).
    func quit() -> [Effect<TriageOutcome>] {
        guard let file = state.file else { return [.quit] }
        state.waiting.insert(TaskKind("release \(file.row.id)"))
        return release(file.row.id, quitting: true)
    }

    func switchQueue(to kind: TriageQueueKind) -> [Effect<TriageOutcome>] {
        let released = state.kind == .applications ? releaseClaim() : []
        let before = state.kind
        state.kind = kind
        state.detailScroll = 0
        state.panes.focus = .queue
        return released + showSelection() + (kind == .reports && before != .reports ? readReport() : [])
    }

    /// The moving keys: the detail (or the report) scrolls; a list moves its selection (the
    /// queue's may wait for a page).
    func moveQueue(_ direction: ListMove) -> [Effect<TriageOutcome>] {
        if state.panes.focus == .detail || state.kind == .reports {
            let (lines, height) = detailExtent
            state.detailScroll = ModalHost<TriagePurpose>.scrolled(state.detailScroll, by: direction, lines: lines, height: height)
            return []
        }
        switch state.kind {
        case .applications: return queueChange(.move(direction))
        case .postings: try? state.postings.move(direction, source: postingRows)
        case .organizations: try? state.organizations.move(direction, source: organizationRows)
        case .reports: return []
        }
        return showSelection()
    }

    /// The chrome's moving keys come through ``screenAction(_:)`` (as ``moveQueue(_:)``), whose
    /// page reads this could not return.
    func moveFocused(_ direction: ListMove) throws {
        _ = moveQueue(direction)
    }

    /// The detail pane's text lines and rows, as the view lays them out.
    var detailExtent: (lines: Int, height: Int) {
        if state.kind == .reports {
            let text = TriageLayout.report(state.panes.area(of: .queue).inset(by: 1))
            return (TextView.layout(TriageContent.detailBlocks(state), width: text.width - 1).count, text.height)
        }
        let inner = state.panes.area(of: .detail).inset(by: 1)
        let blocks = TriageContent.detailBlocks(state)
        return (TextView.layout(blocks, width: inner.width - 1).count, inner.height)
    }
}
