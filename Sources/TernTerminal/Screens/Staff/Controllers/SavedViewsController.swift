import TernCatalogue
import TernViewModels

/// Saved views: named limits, listed by `V` from any queue, applied, saved and deleted there or
/// with `:view`.
struct SavedViewsController: StaffController {
    unowned let screen: TriageScreen

    var bindings: [StaffBinding] { [StaffBinding(.views) { try open() }] }

    static var command: StaffCommand {
        Command("view", argument: .text("NAME | save NAME | delete NAME"), summary: "apply, save or delete a saved view (a named limit)") { screen, rest in
            try SavedViewsController(screen: screen).run(rest)
        }
    }

    private func run(_ rest: String) throws -> [Effect<TriageOutcome>] {
        let words = rest.split(separator: " ", maxSplits: 1).map(String.init)
        switch words.first {
        case nil:
            return try open()
        case "save"?:
            guard words.count == 2 else { return state.toasts.show(":view save NAME", isError: true) }
            try triage.saveView(words[1])
            return state.toasts.show("saved view “\(words[1])”: \(triage.pattern)")
        case "delete"?:
            guard words.count == 2 else { return state.toasts.show(":view delete NAME", isError: true) }
            try triage.deleteView(words[1])
            return state.toasts.show("deleted view “\(words[1])”")
        default:
            guard let view = try triage.views().first(where: { $0.name == rest }) else {
                return state.toasts.show("no saved view “\(rest)” (\(keys.keyNames(for: .views)) lists them)", isError: true)
            }
            return try apply(view)
        }
    }

    func open(selected: Int = 0) throws -> [Effect<TriageOutcome>] {
        state.modals.open(.list(overlay(try triage.views(), selected: selected)))
        return []
    }

    private func overlay(_ views: [TriageView], selected: Int) -> ListOverlay<TriagePurpose> {
        ListOverlay(title: "Views (\(views.count)) · :view save NAME saves the limit",
                    columns: [ListColumn("Name", .fixed(38)), ListColumn("Limit", .flexible(min: 10))],
                    rows: views.map { [$0.name, $0.pattern] },
                    emptyMessage: "no saved views: set a limit (\(keys.keyNames(for: .limit))), then :view save NAME",
                    scope: .staffViews, purpose: .views(views), selected: selected)
    }

    private func apply(_ view: TriageView) throws -> [Effect<TriageOutcome>] {
        try screen.switchQueue(to: .applications) + screen.applyLimit(pattern: view.pattern, words: triage.searchWords)
    }

    /// A view chosen in the list is applied.
    func chosen(_ index: Int, _ views: [TriageView]) throws -> [Effect<TriageOutcome>] {
        guard views.indices.contains(index) else { return [] }
        state.modals.close()
        return try apply(views[index])
    }

    /// `d` in the list asks before deleting the selected view.
    func askToDelete(_ views: [TriageView]) -> [Effect<TriageOutcome>] {
        guard case .list(let overlay)? = state.modals.top, views.indices.contains(overlay.state.selected) else { return [] }
        let chosen = views[overlay.state.selected]
        state.modals.open(.confirm(Confirmation(title: "Delete saved view “\(chosen.name)”?", message: chosen.pattern,
                                                yes: "Delete", no: "Keep", answer: .screen(.deleteView(chosen.name)))))
        return []
    }

    func deleted(_ name: String) throws -> [Effect<TriageOutcome>] {
        try triage.deleteView(name)
        if case .list(let overlay)? = state.modals.top {
            state.modals.replaceTop(.list(self.overlay(try triage.views(), selected: overlay.state.selected)))
        }
        return state.toasts.show("deleted view “\(name)”")
    }
}
