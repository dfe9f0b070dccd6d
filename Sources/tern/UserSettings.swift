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
        do {
            theme = try ThemeLoader.load(named: requested ?? config.theme ?? "default",
                                         searchPaths: ThemeLoader.searchPaths(executablePath: CommandLine.arguments[0]))
        } catch {
            warnings.append("\(error); using the default theme")
        }
        return (config, theme, warnings)
    }
}
