#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Foundation

/// Why the full-screen interface cannot start.
///
/// ```swift
/// do { backend = try NcursesBackend(theme: theme, mouse: false) }
/// catch .notInteractive { print("tern needs an interactive terminal; try `tern search`") }
/// ```
public enum TerminalError: Error, Equatable {
    /// stdin or stdout is not a terminal, or TERM is unset or "dumb": nothing to draw on.
    case notInteractive
    /// curses could not start (an unknown TERM, for one); the text says why.
    case cannotInitialize(String)
}

/// The one place Tern talks to curses: flushes a ``CellGrid`` to the terminal with ncursesw's
/// wide-character API and decodes input into ``Key`` values.
///
/// Why the wide-character calls throughout: Swift cannot call C variadic functions (printw,
/// mvprintw), and the narrow ones (addch, addstr) cannot place a CJK character or an emoji in
/// one cell. setcchar + mvwadd_wch write exactly one cell each, which is what a grid is.
///
/// ```swift
/// let backend = try NcursesBackend(theme: theme, mouse: config.mouse)
/// defer { backend.shutdown() }
/// let ending = Loop(screen: screen, backend: backend).run()
/// ```
///
/// or, driving it by hand:
///
/// ```swift
/// backend.draw(grid, cursor: nil)
/// if let key = backend.nextInput(timeoutMilliseconds: 250) { … }
/// ```
public final class NcursesBackend: Backend {
    /// Screen columns and rows, updated when a resize is read by ``nextInput(timeoutMilliseconds:)``.
    ///
    /// ```swift
    /// var grid = CellGrid(width: backend.size.width, height: backend.size.height)
    /// ```
    public private(set) var size: Size
    /// True once input has ended (the terminal went away, stdin reached end of file). The app
    /// should quit: ``nextInput(timeoutMilliseconds:)`` returns nil at once from then on.
    ///
    /// ```swift
    /// if backend.inputClosed { break }   // the terminal is gone: drawing would go nowhere
    /// ```
    public private(set) var inputClosed = false

    /// The theme actually drawn with: the monochrome theme when the terminal has no colour.
    let theme: Theme
    /// What the terminal can show; colours are degraded to it.
    let depth: ColorDepth
    /// The theme's colours at ``depth``, each keeping its contrast, and whether the selection
    /// bar is reverse video.
    let drawnTheme: ThemeRendition
    /// The same for a QR code's fixed black and white (``ColorRole/codeDark``): the terminal's
    /// colours even under the monochrome theme, since a code drawn in the terminal's own
    /// colours comes out inverted on a dark one and does not scan. None only without colour.
    let codeDepth: ColorDepth

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let inputDescriptor: Int32
    /// Where curses writes: the bracketed-paste mode is switched on and off there too, and
    /// clusters curses cannot hold are drawn there whole (``drawWholeClusters(_:rows:width:)``).
    let output: UnsafeMutablePointer<FILE>
    /// Streams this backend opened itself (tests), closed after delscreen.
    private let ownedStreams: [UnsafeMutablePointer<FILE>]
    private var isShutDown = false

    /// Cells the last draw wrote (a wide character counts once): what a frame cost.
    public private(set) var cellsWrittenLastDraw = 0

    /// The frame on the terminal now, for drawing only what changed; nil forces a full redraw.
    private var previous: CellGrid?
    private var cursorVisible: Bool? = nil
    /// use_default_colors worked, so -1 means the terminal's own colour.
    private var hasDefaultColors = false
    private var pairsByRoles: [PairRoles: Int16] = [:]
    private var pairsByColors: [PairColors: Int16] = [:]
    private var nextPair: Int32 = 1
    private let maxPairs: Int32
    /// Consecutive wget_wch errors that came back long before the timeout: how end of input
    /// shows when the descriptor gives no HUP (see ``nextInput(timeoutMilliseconds:)``).
    private var earlyErrors = 0

    private struct PairRoles: Hashable { var foreground: ColorRole; var background: ColorRole? }
    private struct PairColors: Hashable { var foreground: Int16; var background: Int16 }

    /// Starts curses on the real terminal.
    ///
    /// Checks TERM (unset, empty or "dumb" → `.notInteractive`) and isatty(stdin/stdout) before
    /// touching curses, so `tern | less` fails cleanly instead of writing escape codes into a pipe.
    /// Then: the locale (wide characters need a UTF-8 one), newterm rather than initscr (initscr
    /// exits the process on failure; newterm returns NULL, which becomes `.cannotInitialize`),
    /// raw (Ctrl-C and Ctrl-Z are keys, not signals: the app decides what they do), noecho,
    /// keypad (arrows as KEY_* codes), nonl (Enter reads as CR and LF is not turned into CR LF on
    /// output), set_escdelay(25) (Esc answers at once instead of after ncurses' default second),
    /// colours when the depth allows, the mouse only when `mouse` is true (a program that grabs
    /// the mouse takes select-to-copy away from the terminal), and the ``TerminalGuard``.
    ///
    /// ```swift
    /// let backend = try NcursesBackend(theme: .builtInDefault, mouse: false)
    /// ```
    public convenience init(theme: Theme, mouse: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws(TerminalError) {
        guard Self.canStart(environment: environment), let term = environment["TERM"] else { throw .notInteractive }
        try self.init(theme: theme, mouse: mouse, environment: environment, terminalType: term,
                      output: tern_stdout(), input: tern_stdin(), ownedStreams: [], installGuard: true)
    }

    /// Whether there is a terminal to start on: stdin and stdout are terminals and TERM is set
    /// and not "dumb". Asked before anything else is done, so a pipe gets one clear line.
    ///
    /// ```swift
    /// guard NcursesBackend.canStart() else { fail("tern needs an interactive terminal") }
    /// ```
    public static func canStart(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return false }
        return isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Starts curses on the given streams: the real terminal from the public init, /dev/null or
    /// a pipe in tests (`newterm("xterm-256color", …)` renders into memory just the same).
    init(theme: Theme, mouse: Bool, environment: [String: String], terminalType: String,
         output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>,
         ownedStreams: [UnsafeMutablePointer<FILE>], installGuard: Bool) throws(TerminalError) {
        Self.setUTF8Locale()
        guard let screen = newterm(terminalType, output, input) else {
            ownedStreams.forEach { fclose($0) }
            throw .cannotInitialize("curses cannot drive terminal type \"\(terminalType)\"")
        }
        self.screen = screen
        window = tern_stdscr()
        inputDescriptor = fileno(input)
        self.output = output
        self.ownedStreams = ownedStreams

        raw()
        noecho()
        keypad(window, true)
        nonl()
        tern_set_escdelay(25)
        // Cells are written one by one; letting curses scroll at the bottom-right one would
        // shift the whole screen up.
        scrollok(window, false)

        var depth = ColorMapping.depth(colors: has_colors() ? Int(tigetnum("colors")) : 0, environment: environment)
        if depth != .none, start_color() == tern_ok() {
            // Without it "default" (-1) is refused and a themed background would paint over a
            // transparent or user-chosen one.
            hasDefaultColors = use_default_colors() == tern_ok()
            depth = ColorMapping.depth(colors: Int(tern_colors()), environment: environment)
        } else {
            depth = .none
        }
        codeDepth = depth
        if theme.monochrome { depth = .none }
        self.depth = depth
        self.theme = depth == .none ? (theme.monochrome ? theme : .monochromeTheme) : theme
        drawnTheme = ThemeRendition(theme: self.theme, depth: depth)
        maxPairs = codeDepth == .none ? 0 : Int32(min(tern_color_pairs(), Int32(Int16.max)))

        if mouse {
            mousemask(tern_button1_clicked() | tern_button1_pressed() | tern_button4_pressed() | tern_button5_pressed(), nil)
        }
        size = Size(width: Int(tern_cols()), height: Int(tern_lines()))
        Self.enableBracketedPaste(output)
        if installGuard {
            TerminalGuard.install()
            TerminalGuard.arm()
        }
    }

    deinit { shutdown() }

    /// Wide characters need an LC_CTYPE whose codeset is UTF-8, set before curses starts. Take
    /// the user's locale; when that is C/POSIX (LANG unset: containers, CI, some ssh setups),
    /// fall back to C.UTF-8 for LC_CTYPE only, because Tern's data is UTF-8 and so is every
    /// terminal it meets in practice, while in a C locale the C library (and so curses) cannot
    /// measure or draw any non-ASCII character.
    private static func setUTF8Locale() {
        setlocale(LC_ALL, "")
        if !isUTF8Codeset() {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    private static func isUTF8Codeset() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    // MARK: - Drawing

    /// Flushes the frame: only the cells that differ from the previous frame are written (one
    /// setcchar + mvwadd_wch each; for a wide character the first cell, its continuation is
    /// skipped), then wnoutrefresh + doupdate send the difference to the terminal. The screen is
    /// only ever cleared after a resize (clearok), which wipes what the terminal's own reflow
    /// left behind; clearing on every frame would flicker.
    ///
    /// `cursor`: where to park and show the hardware cursor (screen readers and magnifiers
    /// follow it, so it belongs on the focused item or the text being typed); nil hides it.
    ///
    /// ```swift
    /// backend.draw(grid, cursor: (x: 12, y: 0))   // a search field with the caret after "data"
    /// ```
    public func draw(_ grid: CellGrid, cursor: (x: Int, y: Int)?) {
        guard !isShutDown else { return }
        let width = min(grid.width, size.width)
        let height = min(grid.height, size.height)
        var old = previous
        if let frame = old, frame.width != grid.width || frame.height != grid.height { old = nil }
        if old == nil {
            // A new size or a resize: nothing on screen can be trusted, so every cell is written,
            // and anything outside a smaller grid is blanked in the window (not on the terminal:
            // curses still only sends what differs unless clearok was set).
            werase(window)
        }
        var written = 0
        var touchedRows: [Int] = []
        for y in 0..<height {
            var touched = false
            for x in 0..<width {
                let cell = grid[x, y]
                if cell.width == 0 { continue }  // the continuation of a wide character
                // CellGrid never leaves half a wide character, so comparing lead cells is enough.
                if let old, old[x, y] == cell { continue }
                put(cell, x: x, y: y, screenWidth: width)
                written += 1
                touched = true
            }
            if touched { touchedRows.append(y) }
        }
        cellsWrittenLastDraw = written
        previous = grid

        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.width, cursor.y < size.height {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            setCursorVisible(true)
        } else {
            setCursorVisible(false)
        }
        wnoutrefresh(window)
        doupdate()
        drawWholeClusters(grid, rows: touchedRows, width: width)
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        // ERR on terminals that cannot hide the cursor: nothing better to do then.
        curs_set(visible ? 1 : 0)
    }

    /// Writes one cell. Columns must stay where the grid put them even when curses (which asks
    /// the C library's wcwidth) disagrees with ``DisplayWidth`` about a character, so a cell is
    /// only written as itself when both agree on its width; otherwise its first scalar is
    /// written without the marks that make it wide (❤️ → ❤ plus a space), or `?` when the C
    /// library cannot print it at all.
    private func put(_ cell: Cell, x: Int, y: Int, screenWidth: Int) {
        let space = wchar_t(0x20)
        var scalars: [wchar_t] = []
        var columns = cell.width
        let first = cell.text.unicodeScalars.first.map { wchar_t(bitPattern: $0.value) } ?? space
        let firstWidth = Int(wcwidth(first))
        if x + cell.width > screenWidth {
            // A wide character cut by the screen edge (a grid wider than the screen): half a
            // glyph cannot be drawn, and curses would wrap it to the next row.
            scalars = [space]
            columns = 1
        } else if firstWidth == cell.width {
            scalars.append(first)
            // Combining marks ride in the same cchar_t, up to what it holds (CCHARW_MAX, 5);
            // curses would cut at the first spacing character anyway.
            for scalar in cell.text.unicodeScalars.dropFirst() {
                let c = wchar_t(bitPattern: scalar.value)
                guard wcwidth(c) == 0, scalars.count < 4 else { break }
                scalars.append(c)
            }
            // A dangling ZWJ would glue this cell to whatever the terminal prints next.
            while scalars.count > 1, scalars.last == 0x200D { scalars.removeLast() }
        } else if firstWidth == 1 {
            scalars = [first]
        } else {
            scalars = [wchar_t(UInt8(ascii: "?"))]
        }
        let written = max(1, Int(wcwidth(scalars[0])))
        scalars.append(0)
        let (attributes, pair) = rendition(cell.style)
        var cchar = cchar_t()
        scalars.withUnsafeBufferPointer { _ = setcchar(&cchar, $0.baseAddress, attributes, pair, nil) }
        // ERR at the bottom-right cell (the cursor cannot advance past it) is expected: the
        // character is placed all the same.
        mvwadd_wch(window, Int32(y), Int32(x), &cchar)
        // Fill the columns a narrower stand-in left over, in the same style.
        if written < columns {
            var blank = cchar_t()
            [space, 0].withUnsafeBufferPointer { _ = setcchar(&blank, $0.baseAddress, attributes, pair, nil) }
            for column in (x + written)..<(x + columns) { mvwadd_wch(window, Int32(y), Int32(column), &blank) }
        }
    }

    /// Attributes and colour pair for a style.
    ///
    /// In colour, a style with its own background role (the selected row) shows that colour and
    /// drops `reverse`, which ``Style/selected`` carries only so selection stays visible in
    /// monochrome; reversing too would swap the theme's selection colour into the text. Where
    /// no selection colour keeps its contrast at this depth (``ThemeRendition/selectionReversed``)
    /// the row is reverse video of its text on the background instead.
    /// In monochrome, roles whose meaning would otherwise be lost become attributes: accent,
    /// error and the focused border bold, muted text dim.
    func rendition(_ style: Style) -> (attr_t, Int16) {
        var attributes = tern_a_normal()
        var reverse = style.reverse
        var bold = style.bold
        var dim = style.dim
        var pair: Int16 = 0
        if style.foreground.isFixed, codeDepth != .none {
            pair = colorPair(for: style)
        } else if depth == .none {
            switch style.foreground {
            case .accent, .error, .focusedBorder: bold = true
            case .muted: dim = true
            default: break
            }
        } else {
            if style.background == .selection && drawnTheme.selectionReversed {
                pair = colorPair(for: Style(style.foreground))
                reverse = true
            } else {
                pair = colorPair(for: style)
                if style.background != nil && pair != 0 { reverse = false }
            }
        }
        if bold { attributes |= tern_a_bold() }
        if reverse { attributes |= tern_a_reverse() }
        if style.underline { attributes |= tern_a_underline() }
        if dim { attributes |= tern_a_dim() }
        return (attributes, pair)
    }

    /// The pair for a style's (foreground, background) roles, allocated on first use so only the
    /// combinations the views actually draw take pairs; roles that resolve to the same colours
    /// share one. Pair 0 (the terminal's defaults) when pairs run out.
    private func colorPair(for style: Style) -> Int16 {
        let roles = PairRoles(foreground: style.foreground, background: style.background)
        if let pair = pairsByRoles[roles] { return pair }
        let colors = PairColors(
            foreground: curses(drawn(style.foreground), isBackground: false),
            background: curses(drawn(style.background ?? .background), isBackground: true)
        )
        let pair: Int16
        if let existing = pairsByColors[colors] {
            pair = existing
        } else if colors.foreground == -1 && colors.background == -1 {
            pair = 0
        } else if nextPair < maxPairs, init_pair(Int16(nextPair), colors.foreground, colors.background) == tern_ok() {
            pair = Int16(nextPair)
            nextPair += 1
        } else {
            pair = 0
        }
        pairsByColors[colors] = pair
        pairsByRoles[roles] = pair
        return pair
    }

    /// A role's colour as drawn: the theme's at ``depth`` (``drawnTheme``), or a fixed role's
    /// (a QR code's black and white) at ``codeDepth``.
    private func drawn(_ role: ColorRole) -> ColorValue {
        if let fixed = role.fixedColor { return ColorMapping.degrade(fixed, to: codeDepth) }
        return drawnTheme.color(role)
    }

    /// A colour already degraded to the terminal's depth as a curses colour number. "default" is
    /// -1 when use_default_colors worked, else the classic white on black.
    private func curses(_ value: ColorValue, isBackground: Bool) -> Int16 {
        switch value {
        case .index256(let index): return Int16(index)
        case .default: return hasDefaultColors ? -1 : (isBackground ? 0 : 7)
        }
    }

    // MARK: - Input

    /// Waits up to `timeoutMilliseconds` (0 polls, negative waits for ever) for a key, using
    /// wtimeout + wget_wch so that UTF-8 input arrives as whole characters. Decodes keypad codes,
    /// control characters, printable characters, mouse events (when enabled) and KEY_RESIZE,
    /// which becomes `.resize` after ``size`` is updated and the next draw is set to repaint
    /// everything. Keys Tern has no use for are skipped. Returns nil on timeout.
    ///
    /// End of input (terminal gone, stdin at end of file): wget_wch then fails at once on every
    /// call, and a loop around it would spin at 100% CPU. So a failure is checked: a hang-up on
    /// the descriptor, or several failures in a row long before the timeout, set
    /// ``inputClosed``, and from then on this returns nil immediately.
    ///
    /// ```swift
    /// if let key = backend.nextInput(timeoutMilliseconds: 250), key == .character("q") { return }
    /// ```
    public func nextInput(timeoutMilliseconds: Int) -> Key? {
        guard !isShutDown, !inputClosed else { return nil }
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            let elapsed = Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            let remaining = timeoutMilliseconds < 0 ? -1 : max(0, timeoutMilliseconds - elapsed)
            wtimeout(window, Int32(clamping: remaining))
            var code: wint_t = 0
            let waitStart = DispatchTime.now().uptimeNanoseconds
            let status = wget_wch(window, &code)
            if status == tern_err() {
                let waited = Int((DispatchTime.now().uptimeNanoseconds - waitStart) / 1_000_000)
                noteFailure(waitedMilliseconds: waited, timeoutMilliseconds: remaining)
                return nil
            }
            earlyErrors = 0
            if let key = decode(status: status, code: code) { return key }
            if timeoutMilliseconds >= 0, Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) >= timeoutMilliseconds {
                return nil
            }
        }
    }

    private func decode(status: Int32, code: wint_t) -> Key? {
        guard status == tern_key_code_yes() else { return KeyDecoder.character(code) }
        let key = Int32(bitPattern: code)
        if key == tern_key_resize() {
            // ncurses has already resized stdscr (its SIGWINCH handling, or resizeterm).
            size = Size(width: Int(tern_cols()), height: Int(tern_lines()))
            previous = nil
            clearok(window, true)
            return .resize
        }
        if key == KeyDecoder.pasteStart { return readPaste() }
        if key == KeyDecoder.pasteEnd { return nil }  // an end without a start: nothing to paste
        if key == tern_key_mouse() {
            var event = MEVENT()
            guard getmouse(&event) == tern_ok() else { return nil }
            return KeyDecoder.mouse(buttons: event.bstate, column: Int(event.x), row: Int(event.y))
        }
        return KeyDecoder.functionKey(key)
    }

    // MARK: - Bracketed paste

    /// Switches the terminal to bracketed paste (xterm's mode 2004: a paste arrives between
    /// ESC[200~ and ESC[201~) and has curses return the two markers as key codes of their own.
    /// Terminals without the mode ignore the request and paste as typing, as before.
    private static func enableBracketedPaste(_ output: UnsafeMutablePointer<FILE>) {
        define_key("\u{1b}[200~", KeyDecoder.pasteStart)
        define_key("\u{1b}[201~", KeyDecoder.pasteEnd)
        fputs("\u{1b}[?2004h", output)
        fflush(output)
    }

    /// What turns bracketed paste off again, written on shutdown and by the ``TerminalGuard``.
    static let bracketedPasteOff = "\u{1b}[?2004l"

    /// Reads a paste up to its end marker into one ``Key/paste(_:)``. A paste is already in the
    /// input buffer when it starts, so waiting stops after half a second without a byte: a
    /// terminal that dropped the end marker cannot swallow later typing for ever.
    private func readPaste() -> Key? {
        var paste = PastedText()
        while true {
            wtimeout(window, 500)
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == tern_err() { break }
            if status == tern_key_code_yes() {
                if Int32(bitPattern: code) == KeyDecoder.pasteEnd { break }
                continue  // a keypad code inside pasted text is not text
            }
            paste.append(code)
        }
        return paste.key
    }

    /// A wget_wch failure is a timeout, or input that has ended. Tell them apart without
    /// reading: poll reports a hang-up or a dead descriptor directly (the terminal closed); a
    /// file or pipe at its end shows only as failures that return at once, so five of those in
    /// a row, each well before its timeout, count as the end too. With a zero timeout nothing
    /// can be told from timing, so only the poll decides.
    private func noteFailure(waitedMilliseconds: Int, timeoutMilliseconds: Int) {
        var descriptor = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, 0) >= 0, descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            inputClosed = true
            return
        }
        // A blocking wait (negative timeout) ends with an error only when input has ended or a
        // signal interrupted it, so every such failure counts as early.
        if timeoutMilliseconds < 0 || (timeoutMilliseconds >= 10 && waitedMilliseconds * 2 < timeoutMilliseconds) {
            earlyErrors += 1
            if earlyErrors >= 5 { inputClosed = true }
        } else {
            earlyErrors = 0
        }
    }

    // MARK: - Shutdown

    /// Restores the terminal (endwin: cooked mode, echo, cursor, the main screen) and frees
    /// curses' screen. Idempotent; the ``TerminalGuard`` does the endwin part on exit and on
    /// signals, when this never gets to run.
    ///
    /// ```swift
    /// defer { backend.shutdown() }
    /// ```
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        TerminalGuard.disarm()
        if cursorVisible == false { curs_set(1) }
        fputs(Self.bracketedPasteOff, output)
        fflush(output)
        endwin()
        delscreen(screen)
        ownedStreams.forEach { fclose($0) }
    }
}

// MARK: - Test hooks

extension NcursesBackend {
    /// Starts curses writing to /dev/null with input from `input` (a pipe's read end, or
    /// /dev/null), at a fixed size: what the tests draw into and read back, no terminal needed.
    /// `outputPath` receives what curses would send the terminal (to count its bytes).
    static func offscreen(theme: Theme = .builtInDefault, mouse: Bool = false, rows: Int = 24, columns: Int = 80,
                          terminalType: String = "xterm-256color", inputDescriptor: Int32? = nil,
                          environment: [String: String] = [:], outputPath: String = "/dev/null") throws(TerminalError) -> NcursesBackend {
        guard let output = fopen(outputPath, "w") else { throw .cannotInitialize("cannot open \(outputPath)") }
        let input = inputDescriptor.flatMap { fdopen($0, "r") } ?? fopen("/dev/null", "r")
        guard let input else { fclose(output); throw .cannotInitialize("cannot open the input") }
        let backend = try NcursesBackend(theme: theme, mouse: mouse, environment: environment, terminalType: terminalType,
                                         output: output, input: input, ownedStreams: [output, input], installGuard: false)
        backend.resize(rows: rows, columns: columns)
        flushinp()  // resizeterm queued a KEY_RESIZE; tests start from an empty queue
        return backend
    }

    /// Resizes curses' idea of the screen, as a SIGWINCH would; queues KEY_RESIZE.
    func resize(rows: Int, columns: Int) {
        resizeterm(Int32(rows), Int32(columns))
    }

    /// The text of one screen row as curses holds it (mvwinnwstr skips the continuation
    /// columns of wide characters), trailing spaces trimmed.
    func screenRow(_ y: Int) -> String {
        var buffer = [wchar_t](repeating: 0, count: size.width * 6 + 1)
        let count = buffer.withUnsafeMutableBufferPointer { mvwinnwstr(window, Int32(y), 0, $0.baseAddress, Int32(size.width * 6)) }
        guard count != tern_err() else { return "" }
        var text = String(String.UnicodeScalarView(buffer.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// One screen cell as curses holds it, decoded so tests need no curses of their own.
    struct ScreenCell {
        var text: String
        var bold: Bool
        var reverse: Bool
        var underline: Bool
        var dim: Bool
        var pair: Int16
    }

    /// One screen cell as curses holds it: its characters (base and combining marks),
    /// attributes and colour pair.
    func screenCell(x: Int, y: Int) -> ScreenCell {
        var cchar = cchar_t()
        mvwin_wch(window, Int32(y), Int32(x), &cchar)
        var characters = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        characters.withUnsafeMutableBufferPointer { _ = getcchar(&cchar, $0.baseAddress, &attributes, &pair, nil) }
        let text = String(String.UnicodeScalarView(characters.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        return ScreenCell(text: text, bold: attributes & tern_a_bold() != 0, reverse: attributes & tern_a_reverse() != 0,
                          underline: attributes & tern_a_underline() != 0, dim: attributes & tern_a_dim() != 0, pair: pair)
    }

    /// The foreground and background colour numbers of a pair.
    func pairColors(_ pair: Int16) -> (foreground: Int16, background: Int16) {
        var foreground: Int16 = 0, background: Int16 = 0
        pair_content(pair, &foreground, &background)
        return (foreground, background)
    }

    /// Writes a character straight into curses' window behind the backend's back, so a test can
    /// see that a later draw leaves cells it has no reason to touch alone.
    func scribble(_ character: Character, x: Int, y: Int) {
        var cchar = cchar_t()
        var text = character.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        text.withUnsafeMutableBufferPointer { _ = setcchar(&cchar, $0.baseAddress, tern_a_normal(), 0, nil) }
        mvwadd_wch(window, Int32(y), Int32(x), &cchar)
    }

    /// Whether the cursor is shown, as the backend last set it.
    var isCursorVisible: Bool { cursorVisible ?? true }

    /// Where curses' cursor is.
    var cursorPosition: (x: Int, y: Int) { (Int(getcurx(window)), Int(getcury(window))) }
}
