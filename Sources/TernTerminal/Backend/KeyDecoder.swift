import CNcursesw

/// Turns what `wget_wch` returns into ``Key`` values. Pure, so it is tested without a terminal;
/// the backend handles the two codes that need curses state (KEY_RESIZE, KEY_MOUSE) itself.
///
/// ```swift
/// KeyDecoder.character(3)                         // .control("c"): raw mode delivers Ctrl-C as a key
/// KeyDecoder.functionKey(Int32(KEY_NPAGE))        // .pageDown
/// ```
enum KeyDecoder {
    /// A character `wget_wch` returned with OK: a Unicode scalar value, already decoded from
    /// UTF-8 by curses (the locale is set before curses starts). Nil for one Tern has no use
    /// for (Ctrl-@, Ctrl-\ and friends), which the caller skips.
    static func character(_ code: UInt32) -> Key? {
        switch code {
        // Ctrl-H and Ctrl-I, Ctrl-J and Ctrl-M are the same bytes as Backspace, Tab and Enter:
        // the terminal cannot tell them apart, so they are those keys. With nonl() Enter is 13;
        // 10 still comes from Ctrl-J and from terminals that send LF.
        case 8, 127: return .backspace
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 0, 28...31: return nil
        case 0x80...0x9F: return nil  // C1 controls: never typed, only mangled escape sequences
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A key code `wget_wch` returned with KEY_CODE_YES (keypad mode turns escape sequences
    /// into these). Nil for keys Tern does not use (shifted arrows, keypad corners…).
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1, KEY_LL: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        default:
            // F1–F24: xterm reports F13–F24 for shifted F1–F12, which is still a function key.
            let n = Int(code) - Int(tern_key_f(0))
            return (1...24).contains(n) ? .function(n) : nil
        }
    }

    /// A mouse event from `getmouse`'s button state, in screen cells. Button 1 is a click
    /// (CLICKED when press and release came together, PRESSED when the release was slow);
    /// buttons 4 and 5 are the wheel. Nil for anything else (releases, other buttons).
    static func mouse(buttons: mmask_t, column: Int, row: Int) -> Key? {
        if buttons & (tern_button1_clicked() | tern_button1_pressed()) != 0 {
            return .mouse(MouseEvent(kind: .click, column: column, row: row))
        }
        if buttons & tern_button4_pressed() != 0 { return .mouse(MouseEvent(kind: .wheelUp, column: column, row: row)) }
        if buttons & tern_button5_pressed() != 0 { return .mouse(MouseEvent(kind: .wheelDown, column: column, row: row)) }
        return nil
    }

    // MARK: - Bracketed paste

    /// The key codes the backend asks curses (define_key) to return for the bracketed-paste
    /// markers ESC[200~ and ESC[201~, past every code curses has of its own.
    static let pasteStart = Int32(KEY_MAX) + 1
    static let pasteEnd = Int32(KEY_MAX) + 2

    /// The most characters (Unicode scalars) one paste keeps: more than the longest stored
    /// text (a listing's brief, 20,000), so a whole field's worth always arrives; the rest of a
    /// larger paste is read and dropped, never typed as keys.
    static let pasteLimit = 25_000
}

/// What arrives between ESC[200~ and ESC[201~ while bracketed paste is on, gathered into one
/// ``Key/paste(_:)`` so a 3,000-character cover note is one event and one frame, not 3,000 keys.
/// Pure: the backend feeds it what `wget_wch` returns, and tests feed it by hand.
///
/// Line breaks become "\n" (terminals send CR for them, CR LF from some clipboards), a tab a
/// space; every other control character (ESC of a stray sequence, C1 controls, DEL) is dropped,
/// so nothing pasted can act as a key or reach the screen as a control code.
///
/// ```swift
/// var paste = PastedText()
/// for scalar in "Dear team,\r\nI".unicodeScalars { paste.append(scalar.value) }
/// paste.key   // .paste("Dear team,\nI")
/// ```
struct PastedText {
    private(set) var text = String.UnicodeScalarView()
    /// Scalars dropped because the paste passed ``KeyDecoder/pasteLimit``.
    private(set) var dropped = 0
    /// Scalars kept (a UnicodeScalarView counts in linear time).
    private var kept = 0
    private var afterCarriageReturn = false

    mutating func append(_ code: UInt32) {
        defer { afterCarriageReturn = code == 13 }
        let scalar: Unicode.Scalar
        switch code {
        case 13: scalar = "\n"
        case 10:
            if afterCarriageReturn { return }
            scalar = "\n"
        case 9: scalar = " "
        case 0...31, 127, 0x80...0x9F: return
        default:
            guard let decoded = Unicode.Scalar(code) else { return }
            scalar = decoded
        }
        guard kept < KeyDecoder.pasteLimit else { dropped += 1; return }
        text.append(scalar)
        kept += 1
    }

    /// The paste as one key; nil when nothing printable arrived.
    var key: Key? { text.isEmpty ? nil : .paste(String(text)) }
}
