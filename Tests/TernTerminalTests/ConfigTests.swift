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
        #expect(config.studentKeys == StudentAction.defaultKeyMap)
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
        #expect(config.studentKeys.keys(for: .moveDown) == [.character("j"), .down, .control("n")])
        #expect(config.studentKeys.action(for: .control("n"), in: [.studentPanes, .global]) == .moveDown)
        #expect(config.studentKeys.keys(for: .quit) == [.character("q")])
        // ctrl-c is quit_now's key, not quit's: it still quits from anywhere.
        #expect(config.studentKeys.action(for: .control("c"), in: [.studentPanes, .global]) == .quitNow)
        #expect(config.studentKeys.keys(for: .moveUp) == StudentAction.defaultKeyMap.keys(for: .moveUp))
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

    /// Issue 18, point 9: one bad binding is skipped and named; the theme, the other settings
    /// and the other bindings still apply.
    @Test func aBadKeyBindingIsSkippedAloneAndNamedByLine() throws {
        let text = "theme = \"solarized-dark\"\nascii_borders = true\n[keys.student]\nmove_down = [\"ctrl-n\"]\nsave_search = [\"ctrl-\"]\nquit = [\"Q\"]\n"
        let config = try UserConfig.parse(text, file: "config.toml")
        #expect(config.theme == "solarized-dark")
        #expect(config.asciiBorders)
        #expect(config.studentKeys.keys(for: .moveDown) == [.control("n")])
        #expect(config.studentKeys.keys(for: .quit) == [.character("Q")])
        #expect(config.studentKeys.keys(for: .saveSearch) == StudentAction.defaultKeyMap.keys(for: .saveSearch))
        #expect(config.warnings.map(\.description) == ["config.toml: line 5: key 'keys.student.save_search': unknown key name \"ctrl-\""])
    }

    @Test func unknownActionNamesFileKeyAndLine() throws {
        let text = "mouse = false\n\n[keys]\nquit = [\"q\"]\nmove_sideways = [\"x\"]\n"
        let error = try #require(try UserConfig.parse(text, file: "/home/u/.config/tern/config.toml").warnings.first)
        #expect(error.file == "/home/u/.config/tern/config.toml")
        #expect(error.key == "keys.move_sideways")
        #expect(error.line == 5)
        #expect(error.message.hasPrefix("unknown action \"move_sideways\""))
        #expect(error.description.hasPrefix("/home/u/.config/tern/config.toml: line 5: key 'keys.move_sideways': unknown action"))
    }

    @Test func unknownKeyNameNamesFileKeyAndLine() throws {
        let text = "[keys]\nmove_down = [\n  \"j\",\n  \"ctrl-\",\n]\n"
        let error = try #require(try UserConfig.parse(text, file: "config.toml").warnings.first)
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
        ("[key]\nquit = [\"q\"]\n", "key.quit", 2),
    ])
    func rejects(text: String, key: String, line: Int) throws {
        let error = try #require(throws: ConfigError.self) { try UserConfig.parse(text, file: "c.toml") }
        #expect(error.key == key)
        #expect(error.line == line)
    }

    @Test("Skipped bindings", arguments: [
        ("[keys]\nquit = 1\n", "keys.quit", 2),
        ("[keys]\nquit = [\"q\", 2]\n", "keys.quit", 2),
    ])
    func skips(text: String, key: String, line: Int) throws {
        let error = try #require(try UserConfig.parse(text, file: "c.toml").warnings.first)
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
        #expect(config.studentKeys.keys(for: .quit) == [.character("Q")])
        #expect(config.studentKeys.keys(for: .help) == [.function(1), .character("?")])
        #expect(config.studentKeys.action(for: .character(" "), in: [.studentPanes, .global]) == .open)
    }

    @Test func laterLineWinsAKeyBothClaim() throws {
        let config = try UserConfig.parse("[keys]\nsearch = [\"s\"]\nfilters = [\"s\", \"f\"]\n", file: "c.toml")
        #expect(config.studentKeys.action(for: .character("s"), in: [.studentPanes, .global]) == .filters)
        let reversed = try UserConfig.parse("[keys]\nfilters = [\"s\", \"f\"]\nsearch = [\"s\"]\n", file: "c.toml")
        #expect(reversed.studentKeys.action(for: .character("s"), in: [.studentPanes, .global]) == .search)
        #expect(reversed.studentKeys.keys(for: .filters) == [.character("f")])
    }

    @Test func quitMustKeepAKey() throws {
        let error = try #require(throws: ConfigError.self) {
            try UserConfig.parse("[keys]\nmove_down = [\"q\", \"ctrl-c\"]\n", file: "c.toml")
        }
        #expect(error.key == "keys.quit")
        #expect(error.message.contains("quit"))
    }

    @Test func theStudentSectionAndTheOlderKeysTableBothBindTheStudentScreen() throws {
        let section = try UserConfig.parse("[keys.student]\nmove_down = [\"ctrl-n\"]\n", file: "c.toml")
        #expect(section.studentKeys.keys(for: .moveDown) == [.control("n")])
        let older = try UserConfig.parse("[keys]\nmove_down = [\"ctrl-n\"]\n", file: "c.toml")
        #expect(older.studentKeys == section.studentKeys)
    }

    /// `[keys.kiosk]` binds the kiosk (issue 19: it was refused as "not read yet"): only keys
    /// that type nothing, no action the kiosk does not have, and never without a way to staff.
    @Test func theKioskSectionBindsKeysThatTypeNothingAndKeepsTheStaffPrompt() throws {
        let config = try UserConfig.parse("[keys.kiosk]\nmove_down = [\"ctrl-n\", \"down\"]\nstaff_prompt = [\"f12\"]\n", file: "c.toml")
        #expect(config.warnings.isEmpty)
        #expect(config.kioskKeys.action(for: .control("n"), in: [.kiosk]) == .moveDown)
        #expect(config.kioskKeys.action(for: .function(12), in: [.kiosk]) == .staffPrompt)
        #expect(config.kioskKeys.action(for: .function(10), in: [.kiosk]) == nil)
        let typing = try #require(try UserConfig.parse("[keys.kiosk]\nmove_down = [\"j\"]\n", file: "c.toml").warnings.first)
        #expect(typing.key == "keys.kiosk.move_down" && typing.line == 2)
        #expect(typing.message.contains("types text"))
        let unknown = try #require(try UserConfig.parse("[keys.kiosk]\nquit = [\"esc\"]\n", file: "c.toml").warnings.first)
        #expect(unknown.message.contains("unknown action \"quit\""))
        #expect(throws: ConfigError.self) { try UserConfig.parse("[keys.kiosk]\nstaff_prompt = []\n", file: "c.toml") }
    }

    @Test func theStaffSectionBindsTheConsoleAndLeavesTheStudentScreenAlone() throws {
        let config = try UserConfig.parse("[keys.staff]\nshortlist = [\"S\"]\nundo = [\"ctrl-z\"]\n", file: "c.toml")
        #expect(config.staffKeys.action(for: .character("S"), in: [.staffApplications]) == .transition(.shortlist))
        #expect(config.staffKeys.action(for: .character("s"), in: [.staffApplications]) == nil)
        #expect(config.staffKeys.keys(for: .undo) == [.control("z")])
        #expect(config.studentKeys == StudentAction.defaultKeyMap)
        let unknown = try #require(try UserConfig.parse("[keys.staff]\napply = [\"a\"]\n", file: "c.toml").warnings.first)
        #expect(unknown.key == "keys.staff.apply")
        #expect(unknown.message.contains("unknown action"))
        let noWayOut = try #require(throws: ConfigError.self) {
            try UserConfig.parse("[keys.staff]\nquit = []\nquit_now = []\n", file: "c.toml")
        }
        #expect(noWayOut.message.contains("no key is left to quit the staff console"))
    }

    @Test func aKeyThatTypesTextCannotSendAForm() throws {
        let error = try #require(try UserConfig.parse("[keys.student]\nsend_form = [\"s\"]\n", file: "c.toml").warnings.first)
        #expect(error.key == "keys.student.send_form")
        #expect(error.message.contains("types text"))
        let fine = try UserConfig.parse("[keys.student]\nsend_form = [\"ctrl-o\", \"f2\"]\n", file: "c.toml")
        #expect(fine.studentKeys.action(for: .function(2), in: [.form]) == .sendForm)
    }

    @Test func oneKeyMeansOneThingInEachScope() throws {
        let map = StudentAction.defaultKeyMap
        #expect(map.action(for: .character("y"), in: [.studentPanes, .global]) == .acceptOffer)
        #expect(map.action(for: .character("y"), in: [.confirmation, .global]) == .confirmYes)
        #expect(map.action(for: .pageDown, in: [.myApplications, .studentPanes, .global]) == .timelineDown)
        #expect(map.action(for: .pageDown, in: [.studentPanes, .global]) == .pageDown)
        // Where text is typed, a letter is never an action; ctrl-c still quits.
        #expect(map.action(for: .character("q"), in: [.form]) == nil)
        #expect(map.action(for: .control("c"), in: [.form]) == .quitNow)
        // Binding a key takes it from the other actions of the same scope only.
        var rebound = map
        rebound.bind(.withdraw, to: [.character("y")])
        #expect(rebound.keys(for: .acceptOffer).isEmpty)
        #expect(rebound.keys(for: .confirmYes) == [.character("y"), .character("Y")])
    }

    @Test func everyStudentActionHasADefaultKeyAndAPlaceInHelp() {
        let inHelp = Set(StudentAction.helpGroups.flatMap(\.1))
        for action in StudentAction.allCases {
            #expect(inHelp.contains(action), "\(action) is missing from the help overlay")
            #expect(!StudentAction.defaultKeyMap.keys(for: action).isEmpty, "\(action) has no key")
        }
    }

    @Test func defaultPathFollowsXDG() {
        #expect(UserConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"]) == "/xdg/tern/config.toml")
        #expect(UserConfig.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.config/tern/config.toml")
        // The XDG spec says a relative value is invalid and must be ignored.
        #expect(UserConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.config/tern/config.toml")
        #expect(UserConfig.defaultPath.hasSuffix("/tern/config.toml"))
    }
}
