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
    public internal(set) var size: Size
    /// True once input has ended (the terminal went away, stdin reached end of file). The app
    /// should quit: ``nextInput(timeoutMilliseconds:)`` returns nil at once from then on.
    ///
    /// ```swift
    /// if backend.inputClosed { break }   // the terminal is gone: drawing would go nowhere
    /// ```
    public internal(set) var inputClosed = false

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

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let inputDescriptor: Int32
    /// Where curses writes: the bracketed-paste mode is switched on and off there too, and
    /// clusters curses cannot hold are drawn there whole (``drawWholeClusters(_:rows:width:)``).
    let output: UnsafeMutablePointer<FILE>
    /// Streams this backend opened itself (tests), closed after delscreen.
    let ownedStreams: [UnsafeMutablePointer<FILE>]
    var isShutDown = false

    /// Cells the last draw wrote (a wide character counts once): what a frame cost.
    public internal(set) var cellsWrittenLastDraw = 0

    /// The frame on the terminal now, for drawing only what changed; nil forces a full redraw.
    var previous: CellGrid?
    var cursorVisible: Bool? = nil
    /// use_default_colors worked, so -1 means the terminal's own colour.
    var hasDefaultColors = false
    var pairsByRoles: [PairRoles: Int16] = [:]
    var pairsByColors: [PairColors: Int16] = [:]
    var nextPair: Int32 = 1
    let maxPairs: Int32
    /// Consecutive wget_wch errors that came back long before the timeout: how end of input
    /// shows when the descriptor gives no HUP (see ``nextInput(timeoutMilliseconds:)``).
    var earlyErrors = 0

    struct PairRoles: Hashable { var foreground: ColorRole; var background: ColorRole? }
    struct PairColors: Hashable { var foreground: Int16; var background: Int16 }

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
    static func setUTF8Locale() {
        setlocale(LC_ALL, "")
        if !isUTF8Codeset() {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    static func isUTF8Codeset() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
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
