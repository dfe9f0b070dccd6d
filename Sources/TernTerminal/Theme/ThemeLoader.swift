import Foundation
import TOMLKit

/// Reads theme files (`themes/NAME.toml`) into ``Theme`` values.
///
/// The format is strict on purpose: an unknown key or a colour that does not parse is an error
/// naming the file and the key, because a silently ignored typo looks like a bug in Tern.
///
/// ```toml
/// name = "Solarized dark"
/// monochrome = false
/// [colors]
/// background = "#002b36"      # nearest xterm-256 colour
/// text = 246                  # a palette index 0-255
/// error = "bright-red"        # one of the 16 basic colour names
/// muted = "default"           # the terminal's own colour
/// status.offered = "#6c71c4"
/// ```
///
/// ```swift
/// let theme = try ThemeLoader.load(named: "high-contrast", searchPaths: ThemeLoader.searchPaths(executablePath: "/usr/local/bin/tern"))
/// ```
public enum ThemeLoader {
    /// Finds `NAME.toml` in the given theme directories (first hit wins) and parses it.
    /// A name with a path separator is refused, so `--theme` cannot read arbitrary files.
    ///
    /// ```swift
    /// try ThemeLoader.load(named: "campus-light", searchPaths: ["/home/me/.config/tern/themes", "/work/main/themes"])
    /// ```
    public static func load(named name: String, searchPaths: [String]) throws(ThemeError) -> Theme {
        let fileName = "\(name).toml"
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            throw ThemeError(file: fileName, message: "not a theme name: \"\(name)\"")
        }
        for directory in searchPaths {
            let path = (directory as NSString).appendingPathComponent(fileName)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ThemeError(file: path, message: "cannot be read")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ThemeError(file: path, message: "is not UTF-8 text")
            }
            return try parse(text, file: path, name: name)
        }
        let looked = searchPaths.isEmpty ? "no theme directories" : searchPaths.joined(separator: ", ")
        throw ThemeError(file: "themes/\(fileName)", message: "no such theme (looked in \(looked))")
    }

    /// Parses a theme file's text. `file` is used in errors only; `name` is the theme's name when
    /// the file has no `name` key. Roles the file leaves out take ``Theme/builtInDefault``'s colour.
    ///
    /// ```swift
    /// try ThemeLoader.parse("[colors]\ntext = 252\n", file: "themes/mine.toml", name: "mine").colors[.text]   // .index256(252)
    /// ```
    public static func parse(_ text: String, file: String, name: String) throws(ThemeError) -> Theme {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(text: text)
        } catch {
            throw ThemeError(file: file, line: error.line, message: error.message)
        }
        // Errors name a colour role by its key inside [colors] (`text`), as the user thinks of it,
        // but the line is looked up by its full path (`colors.text`).
        func fail(_ key: String, path: String? = nil, _ message: String) -> ThemeError {
            ThemeError(file: file, key: key, line: document.line(ofKey: path ?? key), message: message)
        }

        var theme = Theme(name: name, colors: Theme.builtInDefaultColors)
        for entry in document.entries(of: document.root) {
            switch entry.key {
            case "name":
                guard let value = entry.value.string, !value.isEmpty else { throw fail("name", "expected a non-empty string") }
                theme.name = value
            case "monochrome":
                guard let value = entry.value.bool else { throw fail("monochrome", "expected true or false") }
                theme.monochrome = value
            case let key where key.hasPrefix("colors."):
                let roleKey = String(key.dropFirst("colors.".count))
                guard let role = rolesByKey[roleKey] else {
                    throw fail(roleKey, path: key, "unknown colour role")
                }
                guard let color = color(from: entry.value) else {
                    throw fail(roleKey, path: key, "not a colour: \(TOMLDocument.describe(entry.value))")
                }
                theme.colors[role] = color
            case "colors":
                throw fail("colors", "expected a [colors] table")
            default:
                throw fail(entry.key, "unknown key (expected name, monochrome or a [colors] table)")
            }
        }
        return theme
    }

    /// The theme directories to search, in order: the user's own
    /// (`$XDG_CONFIG_HOME/tern/themes`, default `~/.config/tern/themes`), then the installed
    /// `<prefix>/share/tern/themes` when the executable sits in `<prefix>/bin` (as `make install`
    /// lays it out), then the `themes` directory of the source tree found by walking up from the
    /// executable (so `.build/release/tern` finds `<repo>/themes` without installing).
    ///
    /// ```swift
    /// ThemeLoader.searchPaths(executablePath: "/work/main/.build/release/tern")   // ["/home/me/.config/tern/themes", "/work/main/themes"]
    /// ```
    public static func searchPaths(executablePath: String) -> [String] {
        searchPaths(executablePath: executablePath, environment: ProcessInfo.processInfo.environment)
    }

    static func searchPaths(executablePath: String, environment: [String: String]) -> [String] {
        var paths = [(UserConfig.configDirectory(environment: environment) as NSString).appendingPathComponent("themes")]
        // Resolve symlinks first: .build/release is itself a symlink into .build/<triple>/release,
        // and an installed /usr/local/bin/tern may link into a checkout.
        let executable = resolvedPath(executablePath)
        let binDirectory = (executable as NSString).deletingLastPathComponent
        if (binDirectory as NSString).lastPathComponent == "bin" {
            let prefix = (binDirectory as NSString).deletingLastPathComponent
            paths.append((prefix as NSString).appendingPathComponent("share/tern/themes"))
        }
        var directory = binDirectory
        while directory != "/" && !directory.isEmpty {
            let candidate = (directory as NSString).appendingPathComponent("themes")
            // default.toml marks a real theme directory, not any folder that happens to be named so.
            if FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("default.toml")) {
                paths.append(candidate)
                break
            }
            directory = (directory as NSString).deletingLastPathComponent
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    private static func resolvedPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        guard let resolved = realpath(absolute, nil) else { return absolute }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Theme-file keys to roles: `text` → `.text`, `status.under_review` → `.status(.underReview)`.
    static let rolesByKey: [String: ColorRole] = Dictionary(uniqueKeysWithValues: ColorRole.all.map { ($0.themeKey, $0) })

    /// The 16 basic colour names, in palette order (index = position).
    static let basicColorNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// A colour value from a theme file: "#rrggbb", an integer 0–255, a basic colour name or
    /// "default"; nil for anything else.
    static func color(from value: any TOMLValueConvertible) -> ColorValue? {
        if let index = value.int { return (0...255).contains(index) ? .index256(index) : nil }
        guard let string = value.string?.lowercased() else { return nil }
        if string == "default" { return .default }
        if let index = basicColorNames.firstIndex(of: string) { return .index256(index) }
        guard string.hasPrefix("#"), string.count == 7,
              string.dropFirst().allSatisfy(\.isHexDigit),
              let rgb = Int(string.dropFirst(), radix: 16)
        else { return nil }
        return .index256(ColorMapping.nearest256(red: rgb >> 16, green: (rgb >> 8) & 0xFF, blue: rgb & 0xFF))
    }
}
