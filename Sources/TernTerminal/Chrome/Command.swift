import TernText

/// One `:` command: its name and aliases, what it takes, what it does, and its line in `:help`.
/// A screen's commands are a table of these; the command line runs the one a verb names, and
/// refuses a verb none names (never falling through to another).
///
/// ```swift
/// Command("sort", argument: .oneOf(["deadline", "newest", "pay"]), summary: "order the listings") { screen, rest in
///     try screen.sort(by: rest)
/// }
/// ```
struct Command<S: ChromeScreen> {
    /// What follows the name.
    enum Argument {
        case none
        /// Free text, named in `:help` ("WORDS", "FILE").
        case text(String)
        /// One of a few words.
        case oneOf([String])

        var help: String? {
            switch self {
            case .none: nil
            case .text(let name): name
            case .oneOf(let words): words.joined(separator: "|")
            }
        }
    }

    let name: String
    let aliases: [String]
    let argument: Argument
    let summary: String
    let handler: (S, String) throws -> [Effect<S.Outcome>]

    init(_ name: String, aliases: [String] = [], argument: Argument = .none, summary: String,
         _ handler: @escaping (S, String) throws -> [Effect<S.Outcome>]) {
        self.name = name
        self.aliases = aliases
        self.argument = argument
        self.summary = summary
        self.handler = handler
    }

    func matches(_ verb: String) -> Bool { name == verb || aliases.contains(verb) }

    /// ":sort deadline|newest  order the listings".
    var helpLine: TextBlock {
        let names = ([name] + aliases).map { ":" + $0 }.joined(separator: ", ")
        return .field(label: names + (argument.help.map { " " + $0 } ?? ""), value: summary)
    }

    /// `:help`, listing the table it is in.
    static func help(aliases: [String] = [], summary: String) -> Command {
        Command("help", aliases: aliases, summary: summary) { screen, _ in screen.showCommands() }
    }

    /// Leaving, as the screen leaves (letting go of what it holds).
    static func quit(_ name: String, aliases: [String], summary: String) -> Command {
        Command(name, aliases: aliases, summary: summary) { screen, _ in screen.quit() }
    }
}
