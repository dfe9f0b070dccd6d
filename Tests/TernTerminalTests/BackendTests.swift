import Foundation
import Testing
@testable import TernTerminal

/// Everything that starts curses. Curses is one global screen per process, so these run one at
/// a time, each starting its own offscreen screen (xterm-256color writing to /dev/null, 24×80)
/// and shutting it down.
@Suite("Ncurses backend", .serialized)
struct BackendTests {
    /// A backend whose input is a pipe the test writes to.
    final class Piped {
        let backend: NcursesBackend
        let writer: Int32

        init(mouse: Bool = false) throws {
            var descriptors: [Int32] = [0, 0]
            #expect(pipe(&descriptors) == 0)
            writer = descriptors[1]
            backend = try NcursesBackend.offscreen(mouse: mouse, inputDescriptor: descriptors[0])
        }

        func send(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
        }

        func close() {
            if writer >= 0 { Glibc.close(writer) }
        }

        deinit {
            backend.shutdown()
        }
    }

    @Test func refusesWithoutATerminalBeforeTouchingCurses() {
        #expect(throws: TerminalError.notInteractive) { try NcursesBackend(theme: .builtInDefault, mouse: false, environment: [:]) }
        #expect(throws: TerminalError.notInteractive) { try NcursesBackend(theme: .builtInDefault, mouse: false, environment: ["TERM": "dumb"]) }
        #expect(throws: TerminalError.notInteractive) { try NcursesBackend(theme: .builtInDefault, mouse: false, environment: ["TERM": ""]) }
    }

    @Test func unknownTerminalTypeCannotInitialize() throws {
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        let error = try #require(throws: TerminalError.self) {
            try NcursesBackend(theme: .builtInDefault, mouse: false, environment: [:], terminalType: "no-such-terminal-tern",
                               output: output, input: input, ownedStreams: [output, input], installGuard: false)
        }
        guard case .cannotInitialize(let reason) = error else { Issue.record("got \(error)"); return }
        #expect(reason.contains("no-such-terminal-tern"))
    }

    @Test func drawsASCIIWideCharactersAndEmoji() throws {
        let backend = try NcursesBackend.offscreen()
        defer { backend.shutdown() }
        #expect(backend.size.width == 80 && backend.size.height == 24)

        var grid = CellGrid(width: 80, height: 24)
        grid.write("Tern jobs", x: 0, y: 0)
        grid.write("ab数据分析cd", x: 2, y: 1)
        grid.write("art 🎨 ok", x: 0, y: 2)
        grid.write("e\u{301}te\u{301}", x: 0, y: 3)
        grid.write("edge", x: 76, y: 23)
        backend.draw(grid, cursor: nil)

        #expect(backend.screenRow(0) == "Tern jobs")
        #expect(backend.screenRow(1) == "  ab数据分析cd")
        #expect(backend.screenRow(2) == "art 🎨 ok")
        #expect(backend.screenRow(3) == "e\u{301}te\u{301}")
        #expect(backend.screenRow(23).hasSuffix("edge"))  // the bottom-right cell is written too
        #expect(backend.screenCell(x: 79, y: 23).text == "e")

        // Each wide character takes two columns: 数 at 4, 据 at 6, 分 at 8, 析 at 10, then c at 12.
        #expect(backend.screenCell(x: 4, y: 1).text == "数")
        #expect(backend.screenCell(x: 6, y: 1).text == "据")
        #expect(backend.screenCell(x: 8, y: 1).text == "分")
        #expect(backend.screenCell(x: 10, y: 1).text == "析")
        #expect(backend.screenCell(x: 12, y: 1).text == "c")
        #expect(backend.screenCell(x: 13, y: 1).text == "d")
        #expect(backend.screenCell(x: 4, y: 2).text == "🎨")
        #expect(backend.screenCell(x: 6, y: 2).text == " ")
        #expect(backend.screenCell(x: 7, y: 2).text == "o")
        // The combining accent shares its base's cell.
        #expect(backend.screenCell(x: 0, y: 3).text == "e\u{301}")
        #expect(backend.screenCell(x: 1, y: 3).text == "t")
    }

    @Test func columnsStayPutWhenTheCLibraryDisagrees() throws {
        let backend = try NcursesBackend.offscreen(columns: 20)
        defer { backend.shutdown() }
        var grid = CellGrid(width: 30, height: 24)
        // ❤️ (VS16) and 👨‍👩‍👧 (ZWJ) are two columns to DisplayWidth and to most terminals, but
        // curses asks wcwidth, which measures ❤ as one and cannot hold a ZWJ sequence in a cell.
        grid.write("❤️|👨‍👩‍👧|", x: 0, y: 0)
        grid.write("abcdefghijklmnopqrs数x", x: 0, y: 1)  // 数 straddles the 20-column screen edge
        backend.draw(grid, cursor: nil)
        #expect(backend.screenCell(x: 0, y: 0).text == "❤")
        #expect(backend.screenCell(x: 1, y: 0).text == " ")
        #expect(backend.screenCell(x: 2, y: 0).text == "|")
        #expect(backend.screenCell(x: 3, y: 0).text == "👨")
        #expect(backend.screenCell(x: 5, y: 0).text == "|")
        #expect(backend.screenRow(1) == "abcdefghijklmnopqrs")
        #expect(backend.screenRow(2) == "")  // nothing wrapped onto the next row
    }

    @Test func secondDrawWritesOnlyWhatChanged() throws {
        let backend = try NcursesBackend.offscreen()
        defer { backend.shutdown() }
        var grid = CellGrid(width: 80, height: 24)
        grid.write("status: open", x: 0, y: 0)
        grid.write("数据", x: 0, y: 1)
        backend.draw(grid, cursor: nil)

        // A mark behind the backend's back, in a cell the next frame does not change: if the
        // backend repainted everything it would be gone.
        backend.scribble("#", x: 40, y: 10)
        grid.write("c", x: 8, y: 0)  // "status: cpen"
        grid.write("x", x: 0, y: 1)  // overwrites half of 数: the other half becomes a space
        backend.draw(grid, cursor: nil)
        #expect(backend.screenRow(0) == "status: cpen")
        #expect(backend.screenRow(1) == "x 据")
        #expect(backend.screenCell(x: 40, y: 10).text == "#")

        // A wide character over two narrow ones.
        grid.write("分", x: 0, y: 0)
        backend.draw(grid, cursor: nil)
        #expect(backend.screenRow(0) == "分atus: cpen")
        #expect(backend.screenCell(x: 2, y: 0).text == "a")
    }

    /// The whole student screen through the loop into curses, its output counted: moving the
    /// selection one row sends the changed rows, not the screen. The figures are printed for
    /// docs/performance.md; the test holds only the ratio, which no machine's speed changes.
    @Test func aSelectionMoveSendsTheChangedCellsNotTheScreen() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tern-curses-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let backend = try NcursesBackend.offscreen(outputPath: output)
        defer { backend.shutdown() }
        backend.resize(rows: 40, columns: 120)
        #expect(backend.nextInput(timeoutMilliseconds: 100) == .resize)
        let student = try StudentScreenHarness()
        let loop = Loop(screen: student.screen, backend: backend, clock: { 0 }, pendingSignal: { nil })
        func bytes() throws -> Int { (try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0 }
        loop.send(.resize(backend.size))
        let first = try bytes()
        let firstCells = backend.cellsWrittenLastDraw
        loop.send(.key(.character("j")))
        let move = try bytes() - first
        print("120x40 student screen: first frame \(first) bytes (\(firstCells) cells); j: \(move) bytes (\(backend.cellsWrittenLastDraw) cells)")
        #expect(backend.cellsWrittenLastDraw > 0)
        #expect(backend.cellsWrittenLastDraw * 5 < firstCells)
        #expect(move * 5 < first)
    }

    @Test func resizeRepaintsEverything() throws {
        let backend = try NcursesBackend.offscreen()
        defer { backend.shutdown() }
        var grid = CellGrid(width: 80, height: 24)
        grid.write("hello", x: 0, y: 0)
        backend.draw(grid, cursor: nil)

        backend.resize(rows: 30, columns: 100)
        #expect(backend.nextInput(timeoutMilliseconds: 100) == .resize)
        #expect(backend.size.width == 100 && backend.size.height == 30)

        backend.scribble("#", x: 40, y: 10)
        var bigger = CellGrid(width: 100, height: 30)
        bigger.write("hello", x: 0, y: 0)
        bigger.write("wider", x: 95, y: 29)
        backend.draw(bigger, cursor: nil)
        #expect(backend.screenCell(x: 40, y: 10).text == " ")  // a full redraw after a resize
        #expect(backend.screenRow(29).hasSuffix("wider"))

        // A grid larger than the screen is clipped, not wrapped.
        backend.resize(rows: 10, columns: 20)
        #expect(backend.nextInput(timeoutMilliseconds: 100) == .resize)
        backend.draw(bigger, cursor: nil)
        #expect(backend.screenRow(0) == "hello")
    }

    @Test func coloursFollowTheTheme() throws {
        let backend = try NcursesBackend.offscreen()
        defer { backend.shutdown() }
        #expect(backend.depth == .full256)
        var grid = CellGrid(width: 80, height: 24)
        grid.write("accent", x: 0, y: 0, style: .accent)
        grid.write("selected", x: 0, y: 1, style: .selected)
        grid.write("plain", x: 0, y: 2)
        grid.write("offered", x: 0, y: 3, style: Style(.status(.offered), underline: true, dim: true))
        backend.draw(grid, cursor: nil)

        let accent = backend.screenCell(x: 0, y: 0)
        #expect(accent.bold)
        #expect(backend.pairColors(accent.pair) == (33, -1))  // the default theme keeps the terminal's background

        let selected = backend.screenCell(x: 0, y: 1)
        #expect(backend.pairColors(selected.pair) == (-1, 63))
        #expect(selected.reverse == false)  // the selection colour marks it; reverse is the monochrome fallback

        #expect(backend.screenCell(x: 0, y: 2).pair == 0)  // default on default needs no pair

        let offered = backend.screenCell(x: 0, y: 3)
        #expect(backend.pairColors(offered.pair) == (29, -1))
        #expect(offered.underline)
        #expect(offered.dim)

        // Roles with the same colours share a pair.
        #expect(backend.screenCell(x: 1, y: 0).pair == accent.pair)
    }

    @Test func noColorMeansMonochrome() throws {
        let backend = try NcursesBackend.offscreen(environment: ["NO_COLOR": ""])
        defer { backend.shutdown() }
        #expect(backend.depth == .none)
        #expect(backend.theme == .monochromeTheme)
        var grid = CellGrid(width: 80, height: 24)
        grid.write("accent", x: 0, y: 0, style: .accent)
        grid.write("selected", x: 0, y: 1, style: .selected)
        grid.write("muted", x: 0, y: 2, style: .muted)
        grid.write("error", x: 0, y: 3, style: Style(.error))
        backend.draw(grid, cursor: nil)
        #expect(backend.screenCell(x: 0, y: 0).pair == 0)
        #expect(backend.screenCell(x: 0, y: 0).bold)
        #expect(backend.screenCell(x: 0, y: 1).reverse)
        #expect(backend.screenCell(x: 0, y: 2).dim)
        #expect(backend.screenCell(x: 0, y: 3).bold)
    }

    @Test func monochromeThemeOnAColourTerminal() throws {
        let backend = try NcursesBackend.offscreen(theme: .monochromeTheme)
        defer { backend.shutdown() }
        #expect(backend.depth == .none)
        var grid = CellGrid(width: 80, height: 24)
        grid.write("selected", x: 0, y: 0, style: .selected)
        backend.draw(grid, cursor: nil)
        #expect(backend.screenCell(x: 0, y: 0).pair == 0)
        #expect(backend.screenCell(x: 0, y: 0).reverse)
    }

    @Test func eightColourTerminalDegrades() throws {
        let backend = try NcursesBackend.offscreen(terminalType: "xterm")
        defer { backend.shutdown() }
        #expect(backend.depth == .eight)
        var grid = CellGrid(width: 80, height: 24)
        grid.write("accent", x: 0, y: 0, style: .accent)
        grid.write("error", x: 0, y: 1, style: .error)
        grid.write("selected", x: 0, y: 2, style: .selected)
        grid.write("─", x: 0, y: 3, style: Style(.border))
        backend.draw(grid, cursor: nil)
        // 33 #0087ff → cyan would read 2:1 on a white terminal: the terminal's own text colour instead.
        #expect(backend.screenCell(x: 0, y: 0).pair == 0)
        #expect(backend.screenCell(x: 0, y: 0).bold)
        #expect(backend.pairColors(backend.screenCell(x: 0, y: 1).pair) == (1, -1))  // 160 #d70000 → red
        // Light text on cyan was 1.6:1: no 8-colour bar keeps 4.5:1, so reverse video.
        let selected = backend.screenCell(x: 0, y: 2)
        #expect(selected.reverse)
        #expect(selected.pair == 0)
        // The grey border went to black, invisible on a black terminal.
        #expect(backend.pairColors(backend.screenCell(x: 0, y: 3).pair) != (0, -1))
    }

    /// Issue 18 point 25: 👩🏽‍💻 reached the terminal as 👩 and 🇺🇸 as 🇺 (a curses cell holds one
    /// spacing character). The whole cluster is sent, at its cell, and the cells after it again.
    @Test func emojiSequencesReachTheTerminalWhole() throws {
        let path = NSTemporaryDirectory() + "tern-clusters-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let backend = try NcursesBackend.offscreen(outputPath: path)
        var grid = CellGrid(width: 80, height: 24)
        grid.write("coder 👩🏽‍💻 flag 🇺🇸 end", x: 0, y: 3)
        backend.draw(grid, cursor: nil)
        #expect(backend.screenRow(3).hasPrefix("coder 👩"), "curses' own cells keep the columns")
        backend.shutdown()
        let sent = try String(contentsOfFile: path, encoding: .utf8)
        #expect(sent.contains("\u{1b}[4;7H👩🏽‍💻"), "the whole cluster at its cell (row 4, column 7)")
        #expect(sent.contains("\u{1b}[4;15H🇺🇸"))
        #expect(sent.contains("\u{1b}[4;9H"), "the cell after the cluster is written again at its own column")
        #expect(sent.contains("\u{1b}7") && sent.contains("\u{1b}8"), "curses' cursor and rendition are saved and restored")
    }

    /// Issue 18 point 25: on the Linux console (8 colours) no pane border is black on black.
    @Test func linuxConsoleBordersAreVisible() throws {
        let backend = try NcursesBackend.offscreen(terminalType: "linux")
        defer { backend.shutdown() }
        #expect(backend.depth == .eight)
        var grid = CellGrid(width: 80, height: 24)
        grid.write("─", x: 0, y: 0, style: Style(.border))
        grid.write("─", x: 0, y: 1, style: Style(.focusedBorder))
        backend.draw(grid, cursor: nil)
        for y in 0..<2 {
            let colors = backend.pairColors(backend.screenCell(x: 0, y: y).pair)
            // Black (0) vanishes on the console's black; -1 on -1 is the console's own text colour.
            #expect(colors.foreground != 0 && (colors.foreground != colors.background || colors.foreground == -1), "row \(y): \(colors)")
        }
    }

    @Test func cursorIsParkedOrHidden() throws {
        let backend = try NcursesBackend.offscreen()
        defer { backend.shutdown() }
        var grid = CellGrid(width: 80, height: 24)
        grid.write("search: data", x: 0, y: 0)
        backend.draw(grid, cursor: (x: 12, y: 0))
        #expect(backend.isCursorVisible)
        #expect(backend.cursorPosition == (12, 0))
        backend.draw(grid, cursor: nil)
        #expect(!backend.isCursorVisible)
        backend.draw(grid, cursor: (x: 500, y: 0))  // off screen: hidden rather than misplaced
        #expect(!backend.isCursorVisible)
    }

    /// Issue 18 point 8: ESC[200~ … ESC[201~ is one paste, not 3,000 keys; typing after it is keys again.
    @Test func decodesABracketedPasteAsOneEvent() throws {
        let piped = try Piped()
        defer { piped.close() }
        let text = String(repeating: "0123456789", count: 300)
        piped.send("\u{1b}[200~" + text + "\r\n" + "\u{1b}[201~" + "j")
        #expect(piped.backend.nextInput(timeoutMilliseconds: 500) == .paste(text + "\n"))
        #expect(piped.backend.nextInput(timeoutMilliseconds: 500) == .character("j"))
    }

    @Test func decodesTypedKeys() throws {
        let piped = try Piped()
        defer { piped.close() }
        let backend = piped.backend
        func next() -> Key? { backend.nextInput(timeoutMilliseconds: 500) }

        piped.send("j")
        #expect(next() == .character("j"))
        piped.send("G数é")
        #expect(next() == .character("G"))
        #expect(next() == .character("数"))
        #expect(next() == .character("é"))
        piped.send("\u{3}\u{1A}\u{9}\r\n\u{7F}\u{8}")
        #expect(next() == .control("c"))
        #expect(next() == .control("z"))
        #expect(next() == .tab)
        #expect(next() == .enter)
        #expect(next() == .enter)
        #expect(next() == .backspace)
        #expect(next() == .backspace)
        // xterm in keypad-transmit mode: \EOA up, \E[5~ page up, \E[6~ page down, \E[Z shift-tab,
        // \EOP F1, \E[3~ delete, \EOH home.
        piped.send("\u{1B}OA\u{1B}[5~\u{1B}[6~\u{1B}[Z\u{1B}OP\u{1B}[3~\u{1B}OH")
        #expect(next() == .up)
        #expect(next() == .pageUp)
        #expect(next() == .pageDown)
        #expect(next() == .backTab)
        #expect(next() == .function(1))
        #expect(next() == .delete)
        #expect(next() == .home)
        // A lone Esc arrives after the 25 ms escape delay, not after ncurses' default second.
        let start = Date()
        piped.send("\u{1B}")
        #expect(next() == .escape)
        #expect(Date().timeIntervalSince(start) < 0.5)
        // Keys Tern has no use for are skipped, not returned as something else.
        piped.send("\u{0}\u{1C}k")
        #expect(next() == .character("k"))

        #expect(backend.nextInput(timeoutMilliseconds: 50) == nil)  // a timeout
        #expect(!backend.inputClosed)
    }

    @Test func decodesMouseEvents() throws {
        let piped = try Piped(mouse: true)
        defer { piped.close() }
        // SGR (1006) reports, which xterm-256color's terminfo announces: 1-based column;row,
        // M for press and m for release; 64 and 65 are the wheel.
        piped.send("\u{1B}[<0;11;6M\u{1B}[<0;11;6m")
        #expect(piped.backend.nextInput(timeoutMilliseconds: 1000) == .mouse(MouseEvent(kind: .click, column: 10, row: 5)))
        piped.send("\u{1B}[<64;3;4M")
        #expect(piped.backend.nextInput(timeoutMilliseconds: 1000) == .mouse(MouseEvent(kind: .wheelUp, column: 2, row: 3)))
        piped.send("\u{1B}[<65;3;4M")
        #expect(piped.backend.nextInput(timeoutMilliseconds: 1000) == .mouse(MouseEvent(kind: .wheelDown, column: 2, row: 3)))
    }

    @Test func endOfInputDoesNotSpin() throws {
        let piped = try Piped()
        piped.send("q")
        #expect(piped.backend.nextInput(timeoutMilliseconds: 500) == .character("q"))
        piped.close()
        let start = Date()
        var calls = 0
        while !piped.backend.inputClosed && calls < 100 {
            #expect(piped.backend.nextInput(timeoutMilliseconds: 200) == nil)
            calls += 1
        }
        #expect(piped.backend.inputClosed)
        #expect(Date().timeIntervalSince(start) < 2)
        // From then on nil at once.
        let after = Date()
        #expect(piped.backend.nextInput(timeoutMilliseconds: 1000) == nil)
        #expect(Date().timeIntervalSince(after) < 0.1)
    }

    @Test func endOfInputFromDevNull() throws {
        let backend = try NcursesBackend.offscreen()
        defer { backend.shutdown() }
        let start = Date()
        for _ in 0..<20 where !backend.inputClosed { _ = backend.nextInput(timeoutMilliseconds: 200) }
        #expect(backend.inputClosed)
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func endOfInputWhileBlocking() throws {
        let backend = try NcursesBackend.offscreen()
        defer { backend.shutdown() }
        for _ in 0..<20 where !backend.inputClosed { _ = backend.nextInput(timeoutMilliseconds: -1) }
        #expect(backend.inputClosed)
    }

    @Test func shutdownIsIdempotent() throws {
        let backend = try NcursesBackend.offscreen()
        var grid = CellGrid(width: 80, height: 24)
        grid.write("bye", x: 0, y: 0)
        backend.draw(grid, cursor: nil)
        backend.shutdown()
        backend.shutdown()
        backend.draw(grid, cursor: nil)  // ignored after shutdown, no crash
        #expect(backend.nextInput(timeoutMilliseconds: 10) == nil)
    }
}

@Suite("Key decoding")
struct KeyDecoderTests {
    @Test func controlCharacters() {
        #expect(KeyDecoder.character(1) == .control("a"))
        #expect(KeyDecoder.character(3) == .control("c"))
        #expect(KeyDecoder.character(26) == .control("z"))
        #expect(KeyDecoder.character(9) == .tab)
        #expect(KeyDecoder.character(13) == .enter)
        #expect(KeyDecoder.character(10) == .enter)
        #expect(KeyDecoder.character(27) == .escape)
        #expect(KeyDecoder.character(127) == .backspace)
        #expect(KeyDecoder.character(8) == .backspace)
        #expect(KeyDecoder.character(0) == nil)
        #expect(KeyDecoder.character(0x9B) == nil)
        #expect(KeyDecoder.character(0xD800) == nil)  // not a scalar
    }

    @Test func printable() {
        #expect(KeyDecoder.character(0x20) == .character(" "))
        #expect(KeyDecoder.character(0x6A) == .character("j"))
        #expect(KeyDecoder.character(0x6570) == .character("数"))
        #expect(KeyDecoder.character(0x1F3A8) == .character("🎨"))
    }
}
