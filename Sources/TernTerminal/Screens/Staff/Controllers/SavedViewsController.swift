import TernStore
import TernViewModels

/// Saved views: named limits, listed by `V` from any queue, applied, saved and deleted there or
/// with `:view`. The list is read, and views saved and deleted, in the background.
struct SavedViewsController: StaffController {
    unowned let screen: TriageScreen
    static let helpTitle = "Saved views"

    var bindings: [StaffBinding] { [StaffBinding(.views) { open() }] }

    static var command: StaffCommand {
        Command("view", argument: .text("NAME | save NAME | delete NAME"), summary: "apply, save or delete a saved view (a named limit)") { screen, rest in
            SavedViewsController(screen: screen).run(rest)
        }
    }

    private func run(_ rest: String) -> [Effect<TriageOutcome>] {
        let words = rest.split(separator: " ", maxSplits: 1).map(String.init)
        switch words.first {
        case nil:
            return open()
        case "save"?:
            guard words.count == 2 else { return state.toasts.show(":view save NAME", isError: true) }
            let name = words[1], pattern = state.pattern, session = session, moment = now()
            return screen.write(.saveView(name)) { store in
                try await TriageWork.saveView(name, pattern: pattern, session: session, now: moment, in: store)
                return .viewSaved(name, pattern: pattern)
            }
        case "delete"?:
            guard words.count == 2 else { return state.toasts.show(":view delete NAME", isError: true) }
            return delete(words[1])
        default:
            // Applied by name once the views are read.
            return read(selected: 0, replacing: false, applying: rest)
        }
    }

    func open(selected: Int = 0) -> [Effect<TriageOutcome>] {
        read(selected: selected, replacing: false, applying: nil)
    }

    /// The views, read in the background (keys wait for them); `applying`: a view's name to
    /// apply once they are in, rather than list them.
    private func read(selected: Int, replacing: Bool, applying name: String?) -> [Effect<TriageOutcome>] {
        state.waiting.insert(.views)
        let session = session, store = screen.store, hint = keys.keyNames(for: .views)
        return [.run(.views) { _ in
            do {
                let views = try await TriageWork.views(session: session, in: store)
                guard let name else { return .views(.success(views), selected: selected, replacing: replacing) }
                // A name: only that view, or none (said so).
                guard let view = views.first(where: { $0.name == name }) else {
                    return .views(.failure(Refusal(Said("no saved view “\(name)” (\(hint) lists them)"))), selected: -1, replacing: false)
                }
                return .views(.success([view]), selected: -1, replacing: false)
            } catch {
                return .views(.failure(Refusal(error)), selected: selected, replacing: replacing)
            }
        }]
    }

    /// The views came back: listed (or the list shown replaced); `selected` -1 applies the one
    /// view named at `:view NAME`.
    func show(_ views: [TriageView], selected: Int, replacing: Bool) -> [Effect<TriageOutcome>] {
        if selected < 0 {
            guard let view = views.first else { return [] }
            return apply(view)
        }
        if replacing {
            if case .list? = state.modals.top { state.modals.replaceTop(.list(overlay(views, selected: selected))) }
            return []
        }
        state.modals.open(.list(overlay(views, selected: selected)))
        return []
    }

    private func overlay(_ views: [TriageView], selected: Int) -> ListOverlay<TriagePurpose> {
        ListOverlay(title: "Views (\(views.count)) · :view save NAME saves the limit",
                    columns: [ListColumn("Name", .fixed(38)), ListColumn("Limit", .flexible(min: 10))],
                    rows: views.map { [$0.name, $0.pattern] },
                    emptyMessage: "no saved views: set a limit (\(keys.keyNames(for: .limit))), then :view save NAME",
                    scope: .staffViews, purpose: .views(views), selected: selected)
    }

    private func apply(_ view: TriageView) -> [Effect<TriageOutcome>] {
        screen.switchQueue(to: .applications) + screen.applyLimit(pattern: view.pattern, words: state.searchWords)
    }

    /// A view chosen in the list is applied.
    func chosen(_ index: Int, _ views: [TriageView]) -> [Effect<TriageOutcome>] {
        guard views.indices.contains(index) else { return [] }
        state.modals.close()
        return apply(views[index])
    }

    /// `d` in the list asks before deleting the selected view.
    func askToDelete(_ views: [TriageView]) -> [Effect<TriageOutcome>] {
        guard case .list(let overlay)? = state.modals.top, views.indices.contains(overlay.state.selected) else { return [] }
        let chosen = views[overlay.state.selected]
        state.modals.open(.confirm(Confirmation(title: "Delete saved view “\(chosen.name)”?", message: chosen.pattern,
                                                yes: "Delete", no: "Keep", answer: .screen(.deleteView(chosen.name)))))
        return []
    }

    func delete(_ name: String) -> [Effect<TriageOutcome>] {
        let session = session
        return screen.write(.deleteView(name)) { store in
            try await TriageWork.deleteView(name, session: session, in: store)
            return .viewDeleted(name, try await TriageWork.views(session: session, in: store))
        }
    }

    /// A view deleted: the list shown (if any) without it.
    func deleted(_ name: String, _ views: [TriageView]) -> [Effect<TriageOutcome>] {
        if case .list(let overlay)? = state.modals.top {
            state.modals.replaceTop(.list(self.overlay(views, selected: overlay.state.selected)))
        }
        return state.toasts.show("deleted view “\(name)”")
    }
}

/// A refusal the console words itself.
struct Said: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
