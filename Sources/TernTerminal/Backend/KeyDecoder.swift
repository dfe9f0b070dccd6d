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
}
