import Foundation
import TernTerminal

/// The user's own settings for the full-screen interface: their config file and theme, read
/// with the user's own rights (never the tern group's). A bad file is a warning for the status
/// bar and the defaults are used: a typo in a config must not lock anyone out.
enum UserSettings {
    static func read(theme requested: String?) -> (config: UserConfig, theme: Theme, warnings: [String]) {
        var warnings: [String] = []
        var config = UserConfig.defaults
        do { config = try UserConfig.load(path: UserConfig.defaultPath) } catch { warnings.append("\(error); using defaults") }
        var theme = Theme.builtInDefault
        let asked = requested ?? config.theme
        do {
            // The real executable, not argv[0] (a bare `tern` when run from $PATH).
            theme = try ThemeLoader.load(named: asked ?? "default",
                                         searchPaths: ThemeLoader.searchPaths(executablePath: Installation.executablePath))
        } catch {
            // Nobody asked for a theme: the built-in default is what they get, without a word,
            // wherever this binary was copied to.
            if asked != nil { warnings.append("\(error); using the default theme") }
        }
        return (config, theme, warnings)
    }
}
