import Foundation
import Testing
import QRScan
import TernCatalogue
import TernViewModels
@testable import TernTerminal

@Suite struct KioskScreenTests {
    @Test func theKeysThatLeaveOtherProgramsDoNothingHere() throws {
        let kiosk = try KioskHarness()
        #expect(kiosk.state.mode == .browsing)
        kiosk.press(.control("c"), .control("z"), .control("\\"), .character("q"), .escape, .escape)
        #expect(kiosk.loop.ending == nil)
        #expect(kiosk.text.contains("open listings"))
        // q typed into the search, and Esc cleared it: a letter is only ever a letter here.
        kiosk.type("q")
        #expect(kiosk.state.search.text == "q")
        kiosk.press(.escape)
        #expect(kiosk.state.search.text.isEmpty)
    }

    @Test func theRightPINLeavesAndThreeWrongOnesLockThePromptForAMinute() throws {
        let kiosk = try KioskHarness()
        kiosk.press(.function(10))
        #expect(kiosk.text.contains("PIN to leave the kiosk"))
        kiosk.type("12")
        let dots = try #require(kiosk.text.split(separator: "\n").first { $0.contains("••") })
        #expect(!dots.contains("12"))
        kiosk.press(.enter)
        #expect(kiosk.text.contains("wrong PIN (2 tries left)"))
        for _ in 0..<2 {
            kiosk.type("000000")
            kiosk.press(.enter)
        }
        #expect(kiosk.text.contains("locked for 60 s"))
        // The fourth try within the minute is refused, even with the right PIN.
        kiosk.wait(seconds: 30)
        kiosk.type(KioskHarness.pin)
        kiosk.press(.enter)
        #expect(kiosk.loop.ending == nil)
        #expect(kiosk.text.contains("locked for 30 s"))
        kiosk.wait(seconds: 31)
        kiosk.type(KioskHarness.pin)
        kiosk.press(.enter)
        #expect(kiosk.loop.ending == .quit)
    }

    @Test func afterTheIdleTimeTheSearchIsClearedAndFeaturedListingsCycle() throws {
        let kiosk = try KioskHarness()
        kiosk.type("design")
        kiosk.press(.tab)
        let narrowed = kiosk.state.listingCount
        #expect(kiosk.state.field != nil)
        kiosk.wait(seconds: 59)
        #expect(kiosk.state.mode == .browsing)
        kiosk.wait(seconds: 2)
        #expect(kiosk.state.mode == .attract(index: 0))
        #expect(kiosk.state.search.text.isEmpty && kiosk.state.field == nil)
        #expect(kiosk.text.contains("Featured micro-internships") && kiosk.text.contains("Press any key"))
        let first = kiosk.state.featuredDetail?.opportunity.id
        kiosk.wait(seconds: 6)
        #expect(kiosk.state.mode == .attract(index: 1))
        #expect(kiosk.state.featuredDetail?.opportunity.id != first)
        // Any key: browsing again, from the top, with nothing of the last person's.
        kiosk.press(.character("x"))
        #expect(kiosk.state.mode == .browsing)
        #expect(kiosk.state.search.text.isEmpty)
        #expect(kiosk.state.listingCount > narrowed)
        #expect(kiosk.state.listings.state.selected == 0)
    }

    @Test func aMissingCatalogueShowsTheCalmScreenAndTheKioskComesBackWhenItIsThere() throws {
        let demo = try DemoCatalogue()
        let later = demo.directory.appendingPathComponent("later.sqlite").path
        let kiosk = try KioskHarness(demo: demo, path: later)
        #expect(kiosk.state.mode == .unavailable)
        #expect(kiosk.text.contains("Listings are being updated"))
        kiosk.press(.character("a"), .enter)
        #expect(kiosk.state.mode == .unavailable)
        try demo.catalogue.backup(to: later)
        kiosk.wait(seconds: 2)
        #expect(kiosk.state.mode == .browsing)
        #expect(kiosk.state.listingCount > 0)
    }

    @Test func anotherProcesssCommitIsReadAgainInTheBackgroundAndTheSelectionStays() throws {
        let kiosk = try KioskHarness()
        kiosk.press(.down, .down, .down)
        let selected = try #require(kiosk.state.listings.selectedID)
        #expect(kiosk.state.listings.state.selected == 3)
        #expect(kiosk.state.applyLink?.hasPrefix("https://careers.example.edu/apply/") == true)
        // Staff change the apply link through their own connection; the retry tick notices.
        try kiosk.demo.catalogue.setApplyLinkTemplate("https://jobs.example.org/{ref}")
        kiosk.wait(seconds: 2)
        #expect(kiosk.state.listings.selectedID == selected)
        #expect(kiosk.state.listings.state.selected == 3)
        #expect(kiosk.state.applyLink?.hasPrefix("https://jobs.example.org/") == true)
        #expect(kiosk.text.contains("https://jobs.example.org/"))
    }

    @Test func aWriteThroughTheKiosksConnectionFailsAndChangesNothing() throws {
        let demo = try DemoCatalogue()
        try demo.catalogue.setApplyLinkTemplate("https://a.example/{ref}")
        let connection = try KioskHarness.openReadOnly(demo.directory.appendingPathComponent("c.sqlite").path)
        #expect(connection.isReadOnly)
        #expect(throws: (any Error).self) { try connection.setApplyLinkTemplate("https://b.example/{ref}") }
        #expect(throws: (any Error).self) { try connection.setHomeCurrency("EUR") }
        #expect(try demo.catalogue.applyLinkTemplate() == "https://a.example/{ref}")
        #expect(try demo.catalogue.homeCurrency() == "USD")
    }

    @Test func aPendingOrDeclinedPostingNeverShows() async throws {
        let demo = try DemoCatalogue()
        let pending = try demo.catalogue.postings(approval: .pending)
        #expect(!pending.isEmpty)
        let shown = try #require(try demo.catalogue.postings(approval: .approved).first { $0.status == .open })
        try demo.catalogue.decline(shown.ref, reason: .notARealProject, by: Actor(role: .staff, username: "rpatel"))
        let kiosk = try KioskHarness(demo: demo)
        let opened = try #require(kiosk.screen.catalogue)
        let every = try await opened.listings.opportunities(matching: kiosk.state.pages.query, after: nil, limit: 1_000, today: kiosk.state.today).map(\.ref)
        for hidden in pending.map(\.ref) + [shown.ref] { #expect(!every.contains(hidden)) }
        #expect(every.count == kiosk.state.listingCount)
        for id in try demo.catalogue.postings(approval: .pending).compactMap({ try demo.catalogue.opportunity(ref: $0.ref)?.id }) {
            #expect(try await opened.shown(id, today: kiosk.state.today) == nil)
        }
    }

    @Test func theQRCodeIsTheApplyLinkAndWithoutRoomTheLinkAloneShows() throws {
        let kiosk = try KioskHarness()
        let ref = try #require(kiosk.state.detail?.opportunity.ref)
        #expect(kiosk.state.applyLink == "https://careers.example.edu/apply/\(ref)")
        let code = try #require(kiosk.state.qrCode)
        #expect(kiosk.text.contains(code.lines[1]))
        let small = try KioskHarness(demo: kiosk.demo, size: Size(width: 70, height: 20))
        small.press(.enter)
        #expect(small.text.contains("Apply at:"))
        #expect(!small.text.contains(code.lines[1]))
        let noLink = try KioskHarness(link: nil)
        #expect(noLink.text.contains("ask at the career center desk"))
    }

    @Test func largeModeSpacesTheRowsOut() throws {
        let regular = try KioskHarness()
        let large = try KioskHarness(demo: regular.demo, large: true)
        #expect(large.state.listings.viewport < regular.state.listings.viewport)
        #expect(large.state.rowHeight == 3)
    }

    @Test func aTooSmallTerminalSaysSo() throws {
        let kiosk = try KioskHarness(size: Size(width: 40, height: 10))
        #expect(kiosk.text.contains("too small"))
    }
}

@Suite struct KioskPINTests {
    @Test func thePINIsStoredOnlyAsASaltedHashThatMatchesItAlone() throws {
        let a = try KioskPIN.hash("730518", cost: 1), b = try KioskPIN.hash("730518", cost: 1)
        #expect(a.hasPrefix("$y$") && !a.contains("730518"))
        #expect(a != b)  // salted
        #expect(KioskPIN.matches("730518", hash: a) && KioskPIN.matches("730518", hash: b))
        #expect(!KioskPIN.matches("730519", hash: a) && !KioskPIN.matches("", hash: a) && !KioskPIN.matches("730518", hash: "plain"))
        #expect(throws: KioskPIN.Invalid.self) { try KioskPIN.hash("12") }
        #expect(throws: KioskPIN.Invalid.self) { try KioskPIN.hash("730 518") }
    }

    @Test func theConfigKeepsTheHashAndRefusesWhatItDoesNotKnow() throws {
        let config = KioskConfig(pinHash: "$y$abc", idleSeconds: 90, attractSeconds: 5, theme: "high-contrast")
        #expect(try KioskConfig.parse(config.text, file: "k.toml") == config)
        #expect(throws: ConfigError.self) { try KioskConfig.parse("pin = \"1234\"\n", file: "k.toml") }
        #expect(throws: ConfigError.self) { try KioskConfig.parse("idle_seconds = 1\n", file: "k.toml") }
    }
}

@Suite struct QRCodeTests {
    @Test func themesSayWhetherTheirTextIsLight() throws {
        let themes = [ThemeTestFiles.repositoryThemes]
        #expect(try ThemeLoader.load(named: "high-contrast", searchPaths: themes).hasLightText == true)
        #expect(try ThemeLoader.load(named: "solarized-dark", searchPaths: themes).hasLightText == true)
        #expect(try ThemeLoader.load(named: "campus-light", searchPaths: themes).hasLightText == false)
        // The terminal's own colours: only the terminal knows (so the QR code never uses them).
        #expect(try ThemeLoader.load(named: "default", searchPaths: themes).hasLightText == nil)
        #expect(Theme.monochromeTheme.hasLightText == nil)
    }

    /// The kiosk's frame, its QR cells turned into an image as a terminal would show them (each
    /// cell's glyph in its foreground colour, the rest in its background; a theme's colours, or
    /// the terminal's own where the theme says "default" or is monochrome), on a black terminal
    /// and a white one, decoded by zbarimg (Debian's zbar-tools): what a phone would scan.
    @Test(.enabled(if: QRScan.available, "needs zbarimg (make deps)"),
          arguments: ["default", "monochrome", "campus-light", "high-contrast"], [true, false])
    func theCodeOnScreenDecodesOnADarkAndALightTerminal(themeName: String, darkTerminal: Bool) throws {
        let theme = try ThemeLoader.load(named: themeName, searchPaths: [ThemeTestFiles.repositoryThemes])
        let kiosk = try KioskHarness()
        let link = try #require(kiosk.state.applyLink)
        let code = try #require(kiosk.state.qrCode)
        let grid = kiosk.backend.screen
        // Where the code is: the row holding its first line of modules (the one above is quiet zone).
        let rows = (0..<grid.height).map { y in (0..<grid.width).map { grid[$0, y] } }
        let marked = code.lines[1]
        var origin: (x: Int, y: Int)?
        for (y, row) in rows.enumerated() where origin == nil {
            let text = String(row.map { Character($0.text.isEmpty ? " " : $0.text) })
            if let range = text.range(of: marked) { origin = (text.distance(from: text.startIndex, to: range.lowerBound), y - 1) }
        }
        let (x0, y0) = try #require(origin, "no QR code on screen")
        /// Whether a role comes out dark, as the backend draws it with this theme.
        func dark(_ role: ColorRole?, foreground: Bool) -> Bool {
            let value: ColorValue
            if let role, role.isFixed { value = theme.color(role) }
            else if theme.monochrome { value = .default }
            else { value = theme.color(role ?? .background) }
            guard case .index256(let index) = value else { return foreground ? !darkTerminal : darkTerminal }
            let (r, g, b) = ColorMapping.rgb(index)
            return 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b) < 127.5
        }
        // The code and two cells of the screen around it; two modules a cell, 8 pixels a module.
        var pixels: [[Bool]] = []
        for y in (y0 - 1)...(y0 + code.drawnHeight) {
            var top: [Bool] = [], bottom: [Bool] = []
            for x in (x0 - 2)..<(x0 + code.drawnWidth + 2) {
                let cell = grid[x, y]
                var (fore, back) = (dark(cell.style.foreground, foreground: true), dark(cell.style.background, foreground: false))
                if cell.style.reverse && (theme.monochrome || cell.style.background == nil) { (fore, back) = (back, fore) }
                top.append(cell.text == "█" || cell.text == "▀" ? fore : back)
                bottom.append(cell.text == "█" || cell.text == "▄" ? fore : back)
            }
            pixels += [top, bottom]
        }
        let decoded = try QRScan.decode(pixels)
        #expect(decoded == link, "\(themeName) on a \(darkTerminal ? "black" : "white") terminal")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/qrencode"), "needs qrencode (make deps)"))
    func theModulesAreTheSameAsTheQrencodeTools() throws {
        let link = "https://careers.example.edu/apply/acme-logo"
        let code = try #require(QRCode(link))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qrencode")
        process.arguments = ["-t", "ASCII", "-m", "0", "-l", "M", "-8", link]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let ascii = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // qrencode's ASCII draws each module as two characters, "##" dark.
        let modules = ascii.split(separator: "\n").map { line in stride(from: 0, to: line.count, by: 2).map { Array(line)[$0] == "#" } }
        #expect(modules == code.modules)
    }
}
