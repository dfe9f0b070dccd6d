import Foundation
import Testing
@testable import TernTerminal

/// Files the theme and config tests read and write.
enum ThemeTestFiles {
    /// The repository's `themes/` directory, found from this file's path (Tests/TernTerminalTests/…).
    static let repositoryThemes: String = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return tests.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path
    }()

    /// A fresh empty directory under the temporary directory.
    static func directory(_ label: String) throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("tern-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

@Suite("Theme files")
struct ThemeFileTests {
    static let shipped = ["default", "high-contrast", "monochrome", "solarized-dark", "campus-light"]

    @Test("Every shipped theme loads with every role", arguments: shipped)
    func shippedThemeLoads(name: String) throws {
        let theme = try ThemeLoader.load(named: name, searchPaths: [ThemeTestFiles.repositoryThemes])
        for role in ColorRole.all {
            #expect(theme.colors[role] != nil, "\(name) lacks \(role.themeKey)")
        }
        #expect(theme.colors.count == ColorRole.all.count)
        #expect(!theme.name.isEmpty)
        // A shipped file states every role itself rather than leaning on the fallback.
        let text = try String(contentsOfFile: "\(ThemeTestFiles.repositoryThemes)/\(name).toml", encoding: .utf8)
        for role in ColorRole.all {
            #expect(text.contains("\n\(role.themeKey) ="), "\(name).toml does not set \(role.themeKey)")
        }
    }

    @Test func defaultFileMatchesBuiltIn() throws {
        #expect(try ThemeLoader.load(named: "default", searchPaths: [ThemeTestFiles.repositoryThemes]) == Theme.builtInDefault)
    }

    @Test func monochromeFileMatchesBuiltIn() throws {
        #expect(try ThemeLoader.load(named: "monochrome", searchPaths: [ThemeTestFiles.repositoryThemes]) == Theme.monochromeTheme)
    }

    @Test func colourThemesAreColourful() throws {
        for name in ["default", "high-contrast", "solarized-dark", "campus-light"] {
            let theme = try ThemeLoader.load(named: name, searchPaths: [ThemeTestFiles.repositoryThemes])
            #expect(!theme.monochrome)
            #expect(theme.colors[.selection] != .default, "\(name): the selection bar needs a colour")
        }
        let solarized = try ThemeLoader.load(named: "solarized-dark", searchPaths: [ThemeTestFiles.repositoryThemes])
        #expect(solarized.colors[.background] == .index256(ColorMapping.nearest256(red: 0x00, green: 0x2b, blue: 0x36)))
        #expect(solarized.name == "Solarized dark")
        #expect(try ThemeLoader.load(named: "default", searchPaths: [ThemeTestFiles.repositoryThemes]).colors[.background] == .default)
    }
}

@Suite("Theme parsing")
struct ThemeParsingTests {
    @Test func badColourNamesFileAndKey() {
        let text = "name = \"X\"\n[colors]\ntext = \"purpleish\"\n"
        #expect(throws: ThemeError(file: "themes/x.toml", key: "text", line: 3, message: "not a colour: \"purpleish\"")) {
            try ThemeLoader.parse(text, file: "themes/x.toml", name: "x")
        }
        do {
            _ = try ThemeLoader.parse(text, file: "themes/x.toml", name: "x")
        } catch {
            #expect(error.description == "themes/x.toml: key 'text': not a colour: \"purpleish\"")
        }
    }

    @Test("Values that are not colours", arguments: [
        "256", "-1", "\"#ff00\"", "\"#gg0000\"", "\"ff0000\"", "\"purple\"", "\"bright red\"", "1.5", "true", "[1, 2]",
    ])
    func rejectsValue(_ value: String) {
        #expect(throws: ThemeError.self) {
            try ThemeLoader.parse("[colors]\naccent = \(value)\n", file: "t.toml", name: "t")
        }
    }

    @Test func unknownRole() throws {
        let error = try #require(throws: ThemeError.self) {
            try ThemeLoader.parse("[colors]\ntext = 1\ntxt = 2\n", file: "themes/typo.toml", name: "typo")
        }
        #expect(error.file == "themes/typo.toml")
        #expect(error.key == "txt")
        #expect(error.line == 3)
        #expect(error.message.hasPrefix("unknown colour role"))
    }

    @Test func unknownStatus() throws {
        let error = try #require(throws: ThemeError.self) {
            try ThemeLoader.parse("[colors]\nstatus.hired = 1\n", file: "t.toml", name: "t")
        }
        #expect(error.key == "status.hired")
        #expect(error.line == 2)
    }

    @Test func unknownTopLevelKeyAndTable() throws {
        let key = try #require(throws: ThemeError.self) {
            try ThemeLoader.parse("name = \"a\"\ncolour = 3\n", file: "t.toml", name: "t")
        }
        #expect(key.key == "colour")
        #expect(key.line == 2)
        let table = try #require(throws: ThemeError.self) {
            try ThemeLoader.parse("[colours]\ntext = 3\n", file: "t.toml", name: "t")
        }
        #expect(table.key == "colours.text")
        #expect(table.line == 2)
        #expect(throws: ThemeError.self) { try ThemeLoader.parse("colors = 3\n", file: "t.toml", name: "t") }
        #expect(throws: ThemeError.self) { try ThemeLoader.parse("monochrome = \"yes\"\n", file: "t.toml", name: "t") }
        #expect(throws: ThemeError.self) { try ThemeLoader.parse("name = \"\"\n", file: "t.toml", name: "t") }
    }

    @Test func syntaxErrorHasLine() throws {
        let text = "name = \"Broken\"\n[colors]\ntext = 12\naccent = \n"
        let error = try #require(throws: ThemeError.self) {
            try ThemeLoader.parse(text, file: "themes/broken.toml", name: "broken")
        }
        #expect(error.file == "themes/broken.toml")
        #expect(error.key == nil)
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("themes/broken.toml: line 4: "))
    }

    @Test func duplicateKeyIsSyntaxError() throws {
        let error = try #require(throws: ThemeError.self) {
            try ThemeLoader.parse("[colors]\ntext = 1\ntext = 2\n", file: "t.toml", name: "t")
        }
        #expect(error.line == 3)
    }

    @Test func missingKeysFallBackToDefault() throws {
        let theme = try ThemeLoader.parse("[colors]\ntext = 252\n", file: "t.toml", name: "mine")
        #expect(theme.name == "mine")
        #expect(!theme.monochrome)
        #expect(theme.colors[.text] == .index256(252))
        for role in ColorRole.all where role != .text {
            #expect(theme.colors[role] == Theme.builtInDefault.colors[role])
        }
        #expect(try ThemeLoader.parse("", file: "t.toml", name: "empty").colors == Theme.builtInDefault.colors)
    }

    @Test func colourForms() throws {
        let text = """
            [colors]
            text = "#FF0000"
            muted = 0
            accent = "bright-blue"
            border = "Default"
            error = "red"
            success = "#000000"
            "status.offered" = 255
            status.accepted = "white"
            """
        let theme = try ThemeLoader.parse(text, file: "t.toml", name: "t")
        #expect(theme.colors[.text] == .index256(196))
        #expect(theme.colors[.muted] == .index256(0))
        #expect(theme.colors[.accent] == .index256(12))
        #expect(theme.colors[.border] == .default)
        #expect(theme.colors[.error] == .index256(1))
        #expect(theme.colors[.success] == .index256(16))  // the fixed black, not the palette's 0
        #expect(theme.colors[.status(.offered)] == .index256(255))
        #expect(theme.colors[.status(.accepted)] == .index256(7))
        // A [colors.status] sub-table says the same as dotted keys.
        let table = try ThemeLoader.parse("[colors.status]\nexpired = \"bright-white\"\n", file: "t.toml", name: "t")
        #expect(table.colors[.status(.expired)] == .index256(15))
    }

    @Test func everyRoleHasAKey() {
        for role in ColorRole.all {
            #expect(ThemeLoader.rolesByKey[role.themeKey] == role)
        }
        #expect(ThemeLoader.rolesByKey.count == ColorRole.all.count)
        #expect(ThemeLoader.rolesByKey["status.under_review"] != nil)
        #expect(ThemeLoader.rolesByKey["status.offer_declined"] != nil)
    }
}

@Suite("Theme lookup")
struct ThemeLookupTests {
    @Test func firstDirectoryWins() throws {
        let mine = try ThemeTestFiles.directory("themes-a")
        let other = try ThemeTestFiles.directory("themes-b")
        try "name = \"Mine\"\n".write(toFile: "\(mine)/ocean.toml", atomically: true, encoding: .utf8)
        try "name = \"Other\"\n".write(toFile: "\(other)/ocean.toml", atomically: true, encoding: .utf8)
        try "name = \"Only here\"\n".write(toFile: "\(other)/forest.toml", atomically: true, encoding: .utf8)
        #expect(try ThemeLoader.load(named: "ocean", searchPaths: [mine, other]).name == "Mine")
        #expect(try ThemeLoader.load(named: "forest", searchPaths: ["/nonexistent", mine, other]).name == "Only here")
    }

    @Test func errorsNameTheFileFound() throws {
        let directory = try ThemeTestFiles.directory("themes-bad")
        try "[colors]\ntext = \"nope\"\n".write(toFile: "\(directory)/bad.toml", atomically: true, encoding: .utf8)
        let error = try #require(throws: ThemeError.self) { try ThemeLoader.load(named: "bad", searchPaths: [directory]) }
        #expect(error.file == "\(directory)/bad.toml")
        #expect(error.key == "text")
    }

    @Test func missingAndInvalidNames() throws {
        let missing = try #require(throws: ThemeError.self) { try ThemeLoader.load(named: "nope", searchPaths: [ThemeTestFiles.repositoryThemes]) }
        #expect(missing.message.contains("no such theme"))
        #expect(missing.message.contains(ThemeTestFiles.repositoryThemes))
        #expect(throws: ThemeError.self) { try ThemeLoader.load(named: "../themes/default", searchPaths: [ThemeTestFiles.repositoryThemes]) }
        #expect(throws: ThemeError.self) { try ThemeLoader.load(named: "", searchPaths: [ThemeTestFiles.repositoryThemes]) }
    }

    @Test func searchPathsWalkUpFromTheExecutable() throws {
        let repository = try ThemeTestFiles.directory("repo")
        try FileManager.default.createDirectory(atPath: "\(repository)/themes", withIntermediateDirectories: true)
        try "".write(toFile: "\(repository)/themes/default.toml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: "\(repository)/.build/x86_64-unknown-linux-gnu/release", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(repository)/.build/release", withDestinationPath: "x86_64-unknown-linux-gnu/release")
        try "".write(toFile: "\(repository)/.build/release/tern", atomically: true, encoding: .utf8)
        let resolvedPointer = try #require(realpath(repository, nil))
        let resolved = String(cString: resolvedPointer)
        free(resolvedPointer)

        let paths = ThemeLoader.searchPaths(executablePath: "\(repository)/.build/release/tern",
                                            environment: ["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"])
        #expect(paths == ["/xdg/tern/themes", "\(resolved)/themes"])

        let installed = ThemeLoader.searchPaths(executablePath: "/usr/local/bin/tern", environment: ["HOME": "/home/u"])
        #expect(installed == ["/home/u/.config/tern/themes", "/usr/local/share/tern/themes"])
    }
}

@Suite("Colour degradation")
struct ColorMappingTests {
    @Test("Nearest basic colour", arguments: [
        // (index, 16-colour result, 8-colour result)
        (196, 9, 1),     // #ff0000: bright red; red among the 8
        (21, 4, 4),      // #0000ff: blue (0,0,238) is nearer than bright blue (92,92,255)
        (46, 10, 2),     // #00ff00
        (231, 15, 7),    // white
        (232, 0, 0),     // the darkest grey is black
        (244, 8, 7),     // #808080: bright black; among the 8, white (greys stay grey: plain distance says yellow)
        (33, 6, 6),      // #0087ff: cyan (0,205,205) is nearer than either blue
        (240, 8, 0),     // #585858: bright black; black among the 8
        (226, 11, 3),    // #ffff00
        (9, 9, 1),       // a basic bright colour keeps itself at 16, degrades at 8
        (5, 5, 5),
    ])
    func nearest(index: Int, sixteen: Int, eight: Int) {
        #expect(ColorMapping.degrade(.index256(index), to: .sixteen) == .index256(sixteen))
        #expect(ColorMapping.degrade(.index256(index), to: .eight) == .index256(eight))
        #expect(ColorMapping.degrade(.index256(index), to: .full256) == .index256(index))
        #expect(ColorMapping.degrade(.index256(index), to: .none) == .default)
    }

    @Test func defaultStaysDefault() {
        for depth in [ColorDepth.none, .eight, .sixteen, .full256] {
            #expect(ColorMapping.degrade(.default, to: depth) == .default)
        }
    }

    @Test func depthFromTerminalAndEnvironment() {
        #expect(ColorMapping.depth(colors: 256, environment: [:]) == .full256)
        #expect(ColorMapping.depth(colors: 16_777_216, environment: [:]) == .full256)
        #expect(ColorMapping.depth(colors: 88, environment: [:]) == .sixteen)
        #expect(ColorMapping.depth(colors: 16, environment: [:]) == .sixteen)
        #expect(ColorMapping.depth(colors: 8, environment: [:]) == .eight)
        #expect(ColorMapping.depth(colors: 2, environment: [:]) == .none)
        #expect(ColorMapping.depth(colors: -1, environment: [:]) == .none)
        #expect(ColorMapping.depth(colors: 256, environment: ["NO_COLOR": ""]) == .none)
        #expect(ColorMapping.depth(colors: 256, environment: ["NO_COLOR": "1"]) == .none)
    }

    @Test func hexRoundTripsThroughTheFixedColours() {
        for index in 16..<256 {
            let c = ColorMapping.rgb(index)
            #expect(ColorMapping.nearest256(red: c.red, green: c.green, blue: c.blue) == index)
        }
        #expect(ColorMapping.nearest256(red: 0x26, green: 0x8b, blue: 0xd2) == 32)
    }
}
