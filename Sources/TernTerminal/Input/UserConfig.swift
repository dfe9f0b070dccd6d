import Foundation
import TOMLKit

/// The user's settings from `$XDG_CONFIG_HOME/tern/config.toml` (default
/// `~/.config/tern/config.toml`). Every key is optional; a missing file means all defaults.
///
/// ```toml
/// theme = "solarized-dark"
/// mouse = true
/// ascii_borders = false
/// [keys.student]
/// move_down = ["j", "down", "ctrl-n"]
/// quit = ["q"]
/// ```
///
/// ```swift
/// let config = try UserConfig.load(path: UserConfig.defaultPath)
/// config.studentKeys.action(for: .control("n"), in: [.global])   // .moveDown with the file above
/// ```
public struct UserConfig: Sendable, Equatable {
    /// The theme name (`themes/NAME.toml`), nil to use the default (or `--theme`).
    public var theme: String?
    /// Mouse reporting (click a pane, row or tab; the wheel scrolls), on by default as the
    /// README promises. `false` leaves the mouse to the terminal: while a program grabs it, the
    /// terminal's own select-to-copy and paste stop working (most still do them with Shift held).
    public var mouse: Bool
    /// Draw boxes with `+-|` instead of line-drawing characters, for braille displays and
    /// terminals or fonts without them.
    public var asciiBorders: Bool
    /// The student screen's keys: the defaults with `[keys.student]` applied through
    /// ``KeyMap/bind(_:to:)`` (a plain `[keys]` table, from before there were several screens,
    /// is read as the student's).
    public var studentKeys: KeyMap<StudentAction>
    /// The staff console's keys (`tern triage`): the defaults with `[keys.staff]` applied.
    public var staffKeys: KeyMap<StaffAction>
    /// The kiosk's keys (`tern kiosk`, in the kiosk account's config): the defaults with
    /// `[keys.kiosk]` applied; only keys that type nothing.
    public var kioskKeys: KeyMap<KioskAction> = KioskAction.defaultKeyMap
    /// Key bindings that could not be used (an unknown action or key name, a typing key where
    /// text is typed), each naming its line. Only that binding is skipped: the theme, the other
    /// settings and every other binding still apply.
    public var warnings: [ConfigError] = []

    public init(theme: String? = nil, mouse: Bool = true, asciiBorders: Bool = false,
                studentKeys: KeyMap<StudentAction> = StudentAction.defaultKeyMap,
                staffKeys: KeyMap<StaffAction> = StaffAction.defaultKeyMap) {
        self.theme = theme
        self.mouse = mouse
        self.asciiBorders = asciiBorders
        self.studentKeys = studentKeys
        self.staffKeys = staffKeys
    }

    /// Everything at its default, what a missing config file gives.
    public static let defaults = UserConfig()

    /// Reads the config at `path`. A missing file gives ``defaults``; an unknown key or a wrong
    /// type is a ``ConfigError`` naming the file, key and line. A bad key binding is not: it is
    /// skipped and named in ``warnings``, and the rest of the file applies.
    ///
    /// ```swift
    /// let config = try UserConfig.load(path: "/home/me/.config/tern/config.toml")
    /// ```
    public static func load(path: String) throws(ConfigError) -> UserConfig {
        guard let text = try ConfigError.text(of: path) else { return .defaults }
        return try parse(text, file: path)
    }

    /// Parses config text; `file` is used in errors only.
    ///
    /// ```swift
    /// try UserConfig.parse("mouse = false\n", file: "config.toml").mouse   // false
    /// ```
    public static func parse(_ text: String, file: String) throws(ConfigError) -> UserConfig {
        let document = try ConfigError.document(text, file: file)
        func fail(_ key: String, _ message: String) -> ConfigError {
            ConfigError(file: file, key: key, in: document, message: message)
        }

        var config = UserConfig()
        // Entries come in file order, so when two actions claim one key the later line wins,
        // as a reader of the file would expect.
        for entry in document.entries(of: document.root) {
            switch entry.key {
            case "theme":
                guard let name = entry.value.string, !name.isEmpty else { throw fail("theme", "expected a theme name string") }
                config.theme = name
            case "mouse":
                guard let value = entry.value.bool else { throw fail("mouse", "expected true or false") }
                config.mouse = value
            case "ascii_borders":
                guard let value = entry.value.bool else { throw fail("ascii_borders", "expected true or false") }
                config.asciiBorders = value
            case let key where key.hasPrefix("keys.staff."):
                do { try bind(&config.staffKeys, entry, action: String(key.dropFirst("keys.staff.".count)), fail: fail) }
                catch { config.warnings.append(error) }
            case let key where key.hasPrefix("keys.kiosk."):
                do { try bind(&config.kioskKeys, entry, action: String(key.dropFirst("keys.kiosk.".count)), fail: fail) }
                catch { config.warnings.append(error) }
            case let key where key.hasPrefix("keys."):
                var actionName = String(key.dropFirst("keys.".count))
                if actionName.hasPrefix("student.") { actionName = String(actionName.dropFirst("student.".count)) }
                // One bad binding skips that line alone: a typo must not take the theme and
                // every other setting with it.
                do { try bind(&config.studentKeys, entry, action: actionName, fail: fail) }
                catch { config.warnings.append(error) }
            case "keys":
                throw fail("keys", "expected a [keys] table")
            default:
                throw fail(entry.key, "unknown setting (known: theme, mouse, ascii_borders, and [keys.student], [keys.staff] and [keys.kiosk] tables)")
            }
        }
        // Rebinding can take every key away from quitting (`move_down = ["q", "ctrl-c"]`), which
        // would leave no way out but killing the terminal.
        if config.studentKeys.keys(for: .quit).isEmpty && config.studentKeys.keys(for: .quitNow).isEmpty {
            let key = document.line(ofKey: "keys.student.quit") != nil ? "keys.student.quit" : "keys.quit"
            throw ConfigError(file: file, key: key, in: document,
                              message: "no key is left to quit; bind at least one")
        }
        if config.staffKeys.keys(for: .quit).isEmpty && config.staffKeys.keys(for: .quitNow).isEmpty {
            throw ConfigError(file: file, key: "keys.staff.quit", in: document,
                              message: "no key is left to quit the staff console; bind at least one")
        }
        // Without a key for it nobody could leave the kiosk.
        if config.kioskKeys.keys(for: .staffPrompt).isEmpty {
            throw ConfigError(file: file, key: "keys.kiosk.staff_prompt", in: document,
                              message: "no key is left to open the kiosk's staff prompt; bind at least one")
        }
        return config
    }

    /// Binds one `[keys.SCREEN]` entry in `map`: an unknown action, an unknown key name, or a
    /// typing key bound where text is typed is an error naming the entry, and `map` is left as
    /// it was.
    private static func bind<Action: ScreenAction>(_ map: inout KeyMap<Action>, _ entry: TOMLDocument.Entry, action name: String,
                                                   fail: (String, String) -> ConfigError) throws(ConfigError) {
        guard let action = Action(rawValue: name) else { throw fail(entry.key, "unknown action \"\(name)\"") }
        var trial = map
        trial.bind(action, to: try keys(entry, fail: fail))
        // Keys bound where text is typed must type nothing themselves.
        if action.scope.typesText, let typed = trial.keys(for: action).first(where: { if case .character = $0 { true } else { false } }) {
            throw fail(entry.key, "\"\(typed)\" types text in a field; bind a key that types nothing (ctrl-…, f1, esc, tab)")
        }
        map = trial
    }

    /// The key names of a `[keys]` entry: a list, or one name (`quit = "q"` is an easy slip).
    private static func keys(_ entry: TOMLDocument.Entry, fail: (String, String) -> ConfigError) throws(ConfigError) -> [Key] {
        var names: [String] = []
        if let single = entry.value.string {
            names = [single]
        } else if let array = entry.value.array {
            for element in array {
                guard let name = element.string else {
                    throw fail(entry.key, "expected key names as strings, found \(TOMLDocument.describe(element))")
                }
                names.append(name)
            }
        } else {
            throw fail(entry.key, "expected a list of key names such as [\"j\", \"down\", \"ctrl-n\"]")
        }
        var keys: [Key] = []
        for name in names {
            guard let key = Key(name: name) else { throw fail(entry.key, "unknown key name \"\(name)\"") }
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// `$XDG_CONFIG_HOME/tern/config.toml`, or `~/.config/tern/config.toml` when
    /// `XDG_CONFIG_HOME` is unset or not absolute (as the XDG spec says to treat it).
    ///
    /// ```swift
    /// UserConfig.defaultPath   // "/home/me/.config/tern/config.toml"
    /// ```
    public static var defaultPath: String {
        defaultPath(environment: ProcessInfo.processInfo.environment)
    }

    static func defaultPath(environment: [String: String]) -> String {
        (configDirectory(environment: environment) as NSString).appendingPathComponent("config.toml")
    }

    /// `$XDG_CONFIG_HOME/tern` or `~/.config/tern`: where the config and the user's themes live.
    static func configDirectory(environment: [String: String]) -> String {
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = (home as NSString).appendingPathComponent(".config")
        }
        return (base as NSString).appendingPathComponent("tern")
    }
}
