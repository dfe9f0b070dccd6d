import Foundation
import TernCatalogue
import TernViewModels

/// The `:` command line, for what is quicker typed than navigated: `:sort pay`, `:view saved`,
/// `:search python sql`, `:save remote data`, `:clear`, `:q`. `:help` lists them, generated from
/// ``commands``.
extension StudentScreen {
    static let commands: [CommandSpec] = [
        CommandSpec("search", aliases: ["s"], argument: "WORDS", summary: "search listings for the words"),
        CommandSpec("sort", argument: OpportunitySort.allCases.map(\.rawValue).joined(separator: "|"), summary: "order the listings"),
        CommandSpec("view", argument: "all|for-you|saved", summary: "which listings to show"),
        CommandSpec("save", argument: "NAME", summary: "save the current search"),
        CommandSpec("clear", summary: "clear every filter and the sort"),
        CommandSpec("filters", summary: "open the filters form"),
        CommandSpec("apply", summary: "apply to the listing on screen"),
        CommandSpec("profile", summary: "your profile and portfolio"),
        CommandSpec("help", aliases: ["h"], summary: "this list"),
        CommandSpec("q", aliases: ["quit"], summary: "quit tern"),
    ]

    func handleCommandKey(_ key: Key) throws -> [Effect<StudentOutcome>] {
        guard var prompt = state.commandPrompt else { return [] }
        switch prompt.handle(key, keyMap: state.keyMap) {
        case .editing:
            state.commandPrompt = prompt
            return []
        case .cancelled:
            state.commandPrompt = nil
            return []
        case .quit:
            return [.quit]
        case .run(let verb, let rest):
            state.commandPrompt = nil
            return try run(verb: verb, rest: rest)
        }
    }

    private func run(verb: String, rest: String) throws -> [Effect<StudentOutcome>] {
        guard let command = Self.commands.first(where: { $0.matches(verb) }) else {
            return state.toasts.show("unknown command “\(verb)” — :help lists the commands", isError: true)
        }
        switch command.name {
        case "q":
            return [.quit]
        case "help":
            state.modals.open(.text(TextOverlay(title: "Commands", blocks: CommandPrompt.helpBlocks(Self.commands), purpose: .commands)))
            return []
        case "search":
            return setSearchWords(rest)
        case "sort":
            let sorts = FormBuilder.sorts(signedIn: !session.isGuest)
            guard let sort = sorts.first(where: { $0.rawValue == rest.lowercased() || $0.label == rest.lowercased() }) else {
                return state.toasts.show("sort by one of: " + sorts.map(\.rawValue).joined(separator: ", "), isError: true)
            }
            state.query.sort = sort
            return requery()
        case "view":
            let wanted = rest.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
            guard let chosen = ListingView.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else {
                return state.toasts.show("view one of: all, for-you, saved", isError: true)
            }
            guard chosen == .all || !session.isGuest else { return guestRefusal(.nextView) }
            state.view = chosen
            return requery()
        case "save":
            guard !session.isGuest else { return guestRefusal(.saveSearch) }
            guard !rest.isEmpty else { return state.toasts.show("save needs a name: :save remote data", isError: true) }
            let saved = try savedSearches.save(named: rest, query: state.query)
            return state.toasts.show("saved search “\(saved.name)”")
        case "clear":
            return try perform(.clearFilters)
        case "profile":
            return try perform(.profile)
        case "filters":
            return try perform(.filters)
        case "apply":
            return try perform(.apply)
        default:
            return []
        }
    }
}
