#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Foundation

/// Drawing: the frame's changed cells, the cursor, and the colour pairs curses needs.
extension NcursesBackend {

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

    func setCursorVisible(_ visible: Bool) {
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
    func put(_ cell: Cell, x: Int, y: Int, screenWidth: Int) {
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
    func colorPair(for style: Style) -> Int16 {
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
    func drawn(_ role: ColorRole) -> ColorValue {
        if let fixed = role.fixedColor { return ColorMapping.degrade(fixed, to: codeDepth) }
        return drawnTheme.color(role)
    }

    /// A colour already degraded to the terminal's depth as a curses colour number. "default" is
    /// -1 when use_default_colors worked, else the classic white on black.
    func curses(_ value: ColorValue, isBackground: Bool) -> Int16 {
        switch value {
        case .index256(let index): return Int16(index)
        case .default: return hasDefaultColors ? -1 : (isBackground ? 0 : 7)
        }
    }
}
