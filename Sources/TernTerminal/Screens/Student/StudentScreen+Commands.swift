import Foundation
import TernStore
import TernViewModels

/// The `:` command line, for what is quicker typed than navigated: `:sort pay`, `:view saved`,
/// `:search python sql`, `:save remote data`, `:clear`, `:q`. `:help` lists them, generated from
/// ``commands``.
extension StudentScreen {
    static var commands: [Command<StudentScreen>] {
        [
            Command("search", aliases: ["s"], argument: .text("WORDS"), summary: "search listings for the words") { $0.setSearchWords($1) },
            Command("sort", argument: .oneOf(OpportunitySort.allCases.map(\.rawValue)), summary: "order the listings") { try $0.sort(by: $1) },
            Command("view", argument: .oneOf(["all", "for-you", "saved"]), summary: "which listings to show") { try $0.view($1) },
            Command("save", argument: .text("NAME"), summary: "save the current search") { try $0.saveSearch(named: $1) },
            Command("clear", summary: "clear every filter and the sort") { screen, _ in try screen.perform(.clearFilters) },
            Command("filters", summary: "open the filters form") { screen, _ in try screen.perform(.filters) },
            Command("apply", summary: "apply to the listing on screen") { screen, _ in try screen.perform(.apply) },
            Command("profile", summary: "your profile and portfolio") { screen, _ in try screen.perform(.profile) },
            Command("updates", summary: "what changed since you last looked") { screen, _ in screen.openUpdates() },
            .help(aliases: ["h"], summary: "this list"),
            .quit("q", aliases: ["quit"], summary: "quit tern"),
        ]
    }

    var commands: [Command<StudentScreen>] { Self.commands }

    private func sort(by rest: String) throws -> [Effect<StudentOutcome>] {
        let sorts = FormBuilder.sorts(signedIn: !session.isGuest)
        guard let sort = sorts.first(where: { $0.rawValue == rest.lowercased() || $0.label == rest.lowercased() }) else {
            return state.toasts.show("sort by one of: " + sorts.map(\.rawValue).joined(separator: ", "), isError: true)
        }
        state.query.sort = sort
        return requery()
    }

    private func view(_ rest: String) throws -> [Effect<StudentOutcome>] {
        let wanted = rest.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
        guard let chosen = ListingView.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else {
            return state.toasts.show("view one of: all, for-you, saved", isError: true)
        }
        guard chosen == .all || !session.isGuest else { return guestRefusal(.nextView) }
        state.view = chosen
        return requery()
    }

    private func saveSearch(named name: String) throws -> [Effect<StudentOutcome>] {
        guard !session.isGuest else { return guestRefusal(.saveSearch) }
        guard !name.isEmpty else { return state.toasts.show("save needs a name: :save remote data", isError: true) }
        let (query, store, session, moment) = (state.query, store, session, now())
        return write(.saveSearch(name: name, fromForm: false)) {
            let saved = try await SavedSearchesViewModel.save(named: name, query: query, session: session, store: store, now: moment)
            return .saveSearch(name: saved.name, fromForm: false)
        }
    }
}
