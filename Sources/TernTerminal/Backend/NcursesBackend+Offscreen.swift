#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Foundation

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
