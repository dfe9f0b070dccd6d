import TernCatalogue
import TernViewModels

/// The `:` command line, for what is quicker typed than navigated: `:sort pay`,
/// `:view saved`, `:search python sql`, `:save remote data`, `:clear`, `:q`.
extension StudentShell {
    static let commandHelp = "commands: search WORDS · sort deadline|newest|hours|pay|relevance|match · view all|for-you|saved · save NAME · clear · profile · q"

    func handleCommandKey(_ key: Key) throws -> Outcome {
        guard var field = commandField else { return .running }
        switch key {
        case .escape:
            commandField = nil
        case .enter:
            commandField = nil
            return try run(command: field.text)
        default:
            _ = field.handle(key)
            commandField = field
        }
        return .running
    }

    func run(command line: String) throws -> Outcome {
        let words = line.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return .running }
        let rest = words.dropFirst().joined(separator: " ")
        switch verb {
        case "q", "quit":
            return .quit
        case "help", "h":
            toast = (Self.commandHelp, false)
        case "search", "s":
            try setSearchWords(rest)
            searchField = TextField(rest, limit: 200)
        case "sort":
            let sorts = FormBuilder.sorts(signedIn: !session.isGuest)
            guard let sort = sorts.first(where: { $0.rawValue == rest.lowercased() || $0.label == rest.lowercased() }) else {
                toast = ("sort by one of: " + sorts.map(\.rawValue).joined(separator: ", "), true)
                return .running
            }
            baseQuery.sort = sort
            requery()
        case "view":
            let wanted = rest.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
            guard let chosen = ListingView.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else {
                toast = ("view one of: all, for-you, saved", true)
                return .running
            }
            guard chosen == .all || !session.isGuest else { toast = ("For you and Saved need a student profile", true); return .running }
            view = chosen
            requery()
        case "save":
            guard !session.isGuest else { toast = ("guests cannot save searches", true); return .running }
            guard !rest.isEmpty else { toast = ("save needs a name: :save remote data", true); return .running }
            let saved = try savedSearches.save(named: rest, query: baseQuery)
            toast = ("saved search “\(saved.name)”", false)
        case "clear":
            try perform(.clearFilters)
        case "profile":
            try perform(.profile)
        case "filters":
            try perform(.filters)
        case "apply":
            try perform(.apply)
        default:
            toast = ("unknown command “\(verb)” — \(Self.commandHelp)", true)
        }
        return .running
    }
}
