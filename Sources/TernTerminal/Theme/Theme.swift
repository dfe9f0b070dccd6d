import TernStore

/// One colour as a theme names it: an xterm-256 palette index, or the terminal's own colour.
///
/// ```swift
/// let muted: ColorValue = .index256(244)   // a mid grey, readable on dark and light terminals
/// ```
public enum ColorValue: Sendable, Hashable {
    /// An xterm-256 palette index, 0...255 (0–15 are the 16 basic colours, which the user's
    /// terminal palette may redefine; 16–255 are the fixed cube and grey ramp).
    case index256(Int)
    /// The terminal's own foreground or background ("default" in a theme file): keeps a
    /// transparent or user-chosen background instead of painting over it.
    case `default`
}

/// Which colour each ``ColorRole`` gets, or none at all (`monochrome`).
///
/// Views never see a theme: they draw roles into a ``CellGrid`` and the backend looks the roles
/// up here, degrading them to what the terminal can show (``ColorMapping``).
///
/// ```swift
/// let theme = try ThemeLoader.load(named: "solarized-dark", searchPaths: ThemeLoader.searchPaths(executablePath: "/usr/local/bin/tern"))
/// theme.color(.accent)   // .index256(32)
/// ```
public struct Theme: Sendable, Equatable {
    /// What the theme calls itself (`name = "…"` in its file).
    public var name: String
    /// Every role in ``ColorRole/all`` after loading: a key missing from a theme file takes the
    /// built-in default theme's value, so the backend never meets an unknown role.
    public var colors: [ColorRole: ColorValue]
    /// True: attributes only (bold, reverse, underline, dim), no colours at all.
    public var monochrome: Bool

    public init(name: String, colors: [ColorRole: ColorValue], monochrome: Bool = false) {
        self.name = name
        self.colors = colors
        self.monochrome = monochrome
    }

    /// The colour of `role`, falling back to the built-in default for a role a hand-made theme
    /// left out (a `Theme` built in code need not list every role).
    ///
    /// ```swift
    /// Theme.builtInDefault.color(.background)   // .default
    /// ```
    /// Whether text is lighter than the background, when the theme says (a dark theme); nil when
    /// both are the terminal's own, which only the terminal knows.
    ///
    /// ```swift
    /// highContrast.hasLightText   // true: white on black
    /// ```
    public var hasLightText: Bool? {
        func light(_ value: ColorValue) -> Bool? {
            guard case .index256(let index) = value else { return nil }
            let (r, g, b) = ColorMapping.rgb(index)
            return 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b) > 127.5
        }
        if monochrome { return nil }
        if let text = light(color(.text)) { return text }
        if let background = light(color(.background)) { return !background }
        return nil
    }

    public func color(_ role: ColorRole) -> ColorValue {
        role.fixedColor ?? colors[role] ?? Theme.builtInDefaultColors[role] ?? .default
    }

    /// The same values as `themes/default.toml`, compiled in so that a missing or broken theme
    /// file never leaves Tern without a theme (a test holds the two equal).
    ///
    /// It keeps the terminal's own background and foreground and uses mid-tone 256-colour
    /// indexes that read on dark and light backgrounds alike, since we cannot know which one
    /// the user has.
    ///
    /// ```swift
    /// Theme.builtInDefault.colors[.accent]   // .index256(33)
    /// ```
    public static let builtInDefault = Theme(name: "Default", colors: builtInDefaultColors)

    /// No colours: the theme used under `NO_COLOR`, on terminals with fewer than 8 colours, and
    /// what `themes/monochrome.toml` loads as. Meaning is carried by attributes alone.
    ///
    /// ```swift
    /// Theme.monochromeTheme.monochrome   // true
    /// ```
    public static let monochromeTheme = Theme(
        name: "Monochrome",
        colors: Dictionary(uniqueKeysWithValues: ColorRole.all.map { ($0, ColorValue.default) }),
        monochrome: true
    )

    static let builtInDefaultColors: [ColorRole: ColorValue] = {
        var colors: [ColorRole: ColorValue] = [
            .background: .default,
            .text: .default,
            .muted: .index256(244),
            .accent: .index256(33),
            .selection: .index256(63),
            .border: .index256(241),
            .focusedBorder: .index256(32),
            .error: .index256(160),
            .success: .index256(28),
        ]
        let statuses: [ApplicationStatus: Int] = [
            .submitted: 33, .underReview: 136, .shortlisted: 31, .offered: 29, .accepted: 28,
            .inProgress: 98, .delivered: 32, .completed: 64, .rejected: 160, .withdrawn: 244,
            .offerDeclined: 166, .expired: 242,
        ]
        for (status, index) in statuses { colors[.status(status)] = .index256(index) }
        return colors
    }()
}

/// Why a theme file could not be used, naming the file and the key (or the line, for a TOML
/// syntax error) so the user can fix it.
///
/// ```swift
/// ThemeError(file: "themes/x.toml", key: "text", message: "not a colour: \"purpleish\"").description
/// // themes/x.toml: key 'text': not a colour: "purpleish"
/// ```
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    /// The file as the user would look for it (the path it was read from).
    public var file: String
    /// The offending key as written in the file (`text`, `status.offered`), nil for a syntax
    /// error or a missing file.
    public var key: String?
    /// The 1-based line of the problem when known: always for a syntax error, and for a bad key
    /// whenever the key can be found in the text.
    public var line: Int?
    public var message: String

    public init(file: String, key: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `file: key 'k': message` for a bad key, `file: line N: message` for a syntax error.
    public var description: String {
        if let key { return "\(file): key '\(key)': \(message)" }
        if let line { return "\(file): line \(line): \(message)" }
        return "\(file): \(message)"
    }
}
