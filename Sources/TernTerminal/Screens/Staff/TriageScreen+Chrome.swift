import Foundation
import TernCatalogue
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
        guard let binding = bindings.binding(for: action) else { return nil }
        if let reason = binding.disabledReason(state) { return state.toasts.show(reason, isError: true) }
        return try binding.handler()
    }

    /// The line's editing keys (ctrl-u and the like) are the text field's, not actions: listed
    /// with the line's own keys so they are found where they work.
    var helpSections: [HelpSection] {
        HelpOverlay.sections(keyMap: state.keyMap, groups: StaffAction.helpGroups).map { section in
            section.title == StaffAction.lineHelpGroup ? HelpSection(section.title, section.hints + TextField.editingHints) : section
        }
    }

    /// Esc: out of the detail, then the marks, then the search words, then the limit.
    func back() throws -> [Effect<TriageOutcome>] {
        if state.panes.focus == .detail {
            leaveDetail()
        } else if state.kind == .applications, !triage.marks.isEmpty {
            let count = triage.marks.count
            triage.marks.clear()
            state.marks = triage.marks
            return state.toasts.show("cleared \(count) mark\(count == 1 ? "" : "s")")
        } else if state.kind == .postings, !review.marked.isEmpty {
            review.marked.removeAll()
            state.postingMarks = []
        } else if state.kind == .applications, !triage.searchWords.isEmpty {
            return applyLimit(pattern: triage.pattern, words: "")
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
        return []
    }

    /// Back from the detail to the list. Leaving an opened application lets go of its claim
    /// at once: nobody else should see "being looked at" for five minutes after you left.
    func leaveDetail() {
        state.panes.focus = .queue
        releaseClaim()
    }

    /// Lets go of the claim on the opened application, if any (leaving it, or the console).
    public func releaseClaim() {
        guard let file = state.file else { return }
        try? triage.close(file.row.id)
        state.file = nil
        state.detailScroll = 0
    }

    /// Leaves the console, letting go of any claim first.
    func quit() -> [Effect<TriageOutcome>] {
        releaseClaim()
        return [.quit]
    }

    func switchQueue(to kind: TriageQueueKind) throws -> [Effect<TriageOutcome>] {
        if state.kind == .applications, let file = state.file {
            try? triage.close(file.row.id)
            state.file = nil
        }
        let before = state.kind
        state.kind = kind
        state.detailScroll = 0
        state.panes.focus = .queue
        try showSelection()
        return kind == .reports && before != .reports ? readReport() : []
    }

    func moveFocused(_ direction: ListMove) throws {
        if state.panes.focus == .detail || state.kind == .reports {
            let (lines, height) = detailExtent
            state.detailScroll = ModalHost<TriagePurpose>.scrolled(state.detailScroll, by: direction, lines: lines, height: height)
            return
        }
        switch state.kind {
        case .applications: try state.queue.move(direction, source: triage.rows)
        case .postings: try state.postings.move(direction, source: postingRows)
        case .organizations: try state.organizations.move(direction, source: organizationRows)
        case .reports: return
        }
        try showSelection()
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
