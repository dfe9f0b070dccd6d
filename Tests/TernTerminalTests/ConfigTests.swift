import Foundation
import Testing
@testable import TernTerminal

@Suite("User config")
struct ConfigTests {
    @Test func missingFileGivesDefaults() throws {
        let config = try UserConfig.load(path: "/nonexistent/tern/config.toml")
        #expect(config == UserConfig.defaults)
        #expect(config.theme == nil)
        #expect(config.mouse == true)
        #expect(config.asciiBorders == false)
        #expect(config.keyMap == KeyMap.defaults)
    }

    @Test func documentedExample() throws {
        let directory = try ThemeTestFiles.directory("config")
        let path = "\(directory)/config.toml"
        try """
            theme = "solarized-dark"
            mouse = true
            ascii_borders = false
            [keys]
            move_down = ["j", "down", "ctrl-n"]
            quit = ["q"]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try UserConfig.load(path: path)
        #expect(config.theme == "solarized-dark")
        #expect(config.mouse)
        #expect(!config.asciiBorders)
        #expect(config.keyMap.keys(for: .moveDown) == [.character("j"), .down, .control("n")])
        #expect(config.keyMap.action(for: .control("n")) == .moveDown)
        #expect(config.keyMap.keys(for: .quit) == [.character("q")])
        #expect(config.keyMap.action(for: .control("c")) == nil)  // no longer quits
        #expect(config.keyMap.keys(for: .moveUp) == KeyMap.defaults.keys(for: .moveUp))
    }

    @Test func emptyFileGivesDefaults() throws {
        #expect(try UserConfig.parse("# nothing yet\n", file: "c.toml") == UserConfig.defaults)
    }

    @Test func settingsCanBeTurnedOff() throws {
        let config = try UserConfig.parse("mouse = false\nascii_borders = true\n", file: "c.toml")
        #expect(!config.mouse)
        #expect(config.asciiBorders)
        #expect(config.theme == nil)
    }

    @Test func unknownActionNamesFileKeyAndLine() throws {
        let text = "mouse = false\n\n[keys]\nquit = [\"q\"]\nmove_sideways = [\"x\"]\n"
        let error = try #require(throws: ConfigError.self) { try UserConfig.parse(text, file: "/home/u/.config/tern/config.toml") }
        #expect(error.file == "/home/u/.config/tern/config.toml")
        #expect(error.key == "keys.move_sideways")
        #expect(error.line == 5)
        #expect(error.message.hasPrefix("unknown action \"move_sideways\""))
        #expect(error.description.hasPrefix("/home/u/.config/tern/config.toml: line 5: key 'keys.move_sideways': unknown action"))
    }

    @Test func unknownKeyNameNamesFileKeyAndLine() throws {
        let text = "[keys]\nmove_down = [\n  \"j\",\n  \"ctrl-\",\n]\n"
        let error = try #require(throws: ConfigError.self) { try UserConfig.parse(text, file: "config.toml") }
        #expect(error == ConfigError(file: "config.toml", key: "keys.move_down", line: 2, message: "unknown key name \"ctrl-\""))
        #expect(error.description == "config.toml: line 2: key 'keys.move_down': unknown key name \"ctrl-\"")
    }

    @Test("Rejected settings", arguments: [
        ("colour = true\n", "colour", 1),
        ("mouse = \"yes\"\n", "mouse", 1),
        ("\nascii_borders = 1\n", "ascii_borders", 2),
        ("theme = 3\n", "theme", 1),
        ("theme = \"\"\n", "theme", 1),
        ("keys = 1\n", "keys", 1),
        ("[keys]\nquit = 1\n", "keys.quit", 2),
        ("[keys]\nquit = [\"q\", 2]\n", "keys.quit", 2),
        ("[key]\nquit = [\"q\"]\n", "key.quit", 2),
    ])
    func rejects(text: String, key: String, line: Int) throws {
        let error = try #require(throws: ConfigError.self) { try UserConfig.parse(text, file: "c.toml") }
        #expect(error.key == key)
        #expect(error.line == line)
    }

    @Test func syntaxErrorHasLine() throws {
        let error = try #require(throws: ConfigError.self) { try UserConfig.parse("mouse = true\ntheme = \"unterminated\n", file: "c.toml") }
        #expect(error.key == nil)
        #expect(error.line == 2)
        #expect(error.description.hasPrefix("c.toml: line 2: "))
    }

    @Test func singleKeyStringAndOtherNames() throws {
        let config = try UserConfig.parse("[keys]\nquit = \"Q\"\nhelp = [\"f1\", \"?\"]\nopen = [\"enter\", \"space\"]\n", file: "c.toml")
        #expect(config.keyMap.keys(for: .quit) == [.character("Q")])
        #expect(config.keyMap.keys(for: .help) == [.function(1), .character("?")])
        #expect(config.keyMap.action(for: .character(" ")) == .open)
    }

    @Test func laterLineWinsAKeyBothClaim() throws {
        let config = try UserConfig.parse("[keys]\nsearch = [\"s\"]\nfilters = [\"s\", \"f\"]\n", file: "c.toml")
        #expect(config.keyMap.action(for: .character("s")) == .filters)
        let reversed = try UserConfig.parse("[keys]\nfilters = [\"s\", \"f\"]\nsearch = [\"s\"]\n", file: "c.toml")
        #expect(reversed.keyMap.action(for: .character("s")) == .search)
        #expect(reversed.keyMap.keys(for: .filters) == [.character("f")])
    }

    @Test func quitMustKeepAKey() throws {
        let error = try #require(throws: ConfigError.self) {
            try UserConfig.parse("[keys]\nmove_down = [\"q\", \"ctrl-c\"]\n", file: "c.toml")
        }
        #expect(error.key == "keys.quit")
        #expect(error.message.contains("quit"))
    }

    @Test func defaultPathFollowsXDG() {
        #expect(UserConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"]) == "/xdg/tern/config.toml")
        #expect(UserConfig.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.config/tern/config.toml")
        // The XDG spec says a relative value is invalid and must be ignored.
        #expect(UserConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.config/tern/config.toml")
        #expect(UserConfig.defaultPath.hasSuffix("/tern/config.toml"))
    }
}
