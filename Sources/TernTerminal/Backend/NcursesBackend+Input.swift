#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Foundation

/// Input: keys, the mouse and bracketed paste, as whole characters.
extension NcursesBackend {

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

    func decode(status: Int32, code: wint_t) -> Key? {
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
    static func enableBracketedPaste(_ output: UnsafeMutablePointer<FILE>) {
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
    func readPaste() -> Key? {
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
    func noteFailure(waitedMilliseconds: Int, timeoutMilliseconds: Int) {
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
}
