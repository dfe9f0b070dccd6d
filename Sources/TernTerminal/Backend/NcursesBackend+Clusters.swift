#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// Emoji sequences curses cannot hold, drawn whole.
///
/// A curses cell (`cchar_t`) holds one spacing character and the zero-width marks after it, so
/// 👩🏽‍💻 (woman, skin tone, ZWJ, laptop) kept only 👩, and 🇺🇸 (two regional indicators) only
/// 🇺. The grid holds the whole cluster in one two-column cell; curses draws its first scalar,
/// and once curses has sent the frame the whole cluster is written over that cell directly.
///
/// Terminals disagree on how wide such a sequence is (tmux 3.3 draws 👩🏽‍💻 as four columns), so
/// the overlay cannot trust the cursor after it: it blanks the cell's two columns, writes the
/// cluster at the cell's start, then writes the next few cells of the row again at their own
/// columns, so a wider drawing is cut back rather than pushing the row along. Autowrap is off
/// meanwhile, so nothing spills onto the next row; the cursor and the rendition curses believes
/// in are saved and restored around it all (DECSC/DECRC), so curses' own bookkeeping stays true.
extension NcursesBackend {
    /// How many columns after a cluster are written again, at most: the widest drawing
    /// terminals make of a two-column cluster (four scalars, two columns each) less its own two.
    static let clusterSpill = 6

    /// Whether curses keeps only part of `cell`: a multi-scalar cluster whose scalars after the
    /// first are not all zero-width to the C library, or whose first scalar the C library
    /// measures other than the grid does (❤️: ❤ is one column, the cluster two).
    static func needsWholeCluster(_ cell: Cell) -> Bool {
        let scalars = cell.text.unicodeScalars
        guard cell.width == 2, scalars.count > 1, let first = scalars.first else { return false }
        if wcwidth(wchar_t(bitPattern: first.value)) != 2 { return true }
        return scalars.dropFirst().contains { wcwidth(wchar_t(bitPattern: $0.value)) != 0 }
    }

    /// Writes every cluster curses could not hold on `rows` (the rows this frame changed: curses
    /// may have rewritten any cell of them) over what curses drew.
    func drawWholeClusters(_ grid: CellGrid, rows: [Int], width: Int) {
        var sequence = ""
        for y in rows {
            for x in 0..<width where x + 1 < width && Self.needsWholeCluster(grid[x, y]) {
                let cell = grid[x, y]
                let style = sgr(cell.style)
                sequence += Self.moveTo(x: x, y: y) + style + "  " + Self.moveTo(x: x, y: y) + cell.text
                // The cells after it, at their own columns, until the next cluster (drawn in turn).
                var column = x + 2
                while column < min(width, x + 2 + Self.clusterSpill) {
                    let next = grid[column, y]
                    if next.width == 0 { column += 1; continue }
                    if Self.needsWholeCluster(next) { break }
                    sequence += Self.moveTo(x: column, y: y) + sgr(next.style) + next.text
                    column += max(1, next.width)
                }
            }
        }
        guard !sequence.isEmpty else { return }
        // DECSC, autowrap off … autowrap on, DECRC (which also restores the rendition).
        fputs("\u{1b}7\u{1b}[?7l" + sequence + "\u{1b}[0m\u{1b}[?7h\u{1b}8", output)
        fflush(output)
    }

    /// CUP to a 0-based cell.
    private static func moveTo(x: Int, y: Int) -> String { "\u{1b}[\(y + 1);\(x + 1)H" }

    /// The SGR sequence that draws `style` as curses would: the same attributes and colour pair.
    private func sgr(_ style: Style) -> String {
        let (attributes, pair) = rendition(style)
        var codes = ["0"]
        if attributes & tern_a_bold() != 0 { codes.append("1") }
        if attributes & tern_a_dim() != 0 { codes.append("2") }
        if attributes & tern_a_underline() != 0 { codes.append("4") }
        if attributes & tern_a_reverse() != 0 { codes.append("7") }
        if depth != .none {
            let (foreground, background) = pairColors(pair)
            codes.append(Self.colorCode(foreground, base: 30, bright: 90, extended: 38))
            codes.append(Self.colorCode(background, base: 40, bright: 100, extended: 48))
        }
        return "\u{1b}[" + codes.joined(separator: ";") + "m"
    }

    /// One colour's SGR parameter: the terminal's own (-1), basic, bright, or a 256-colour index.
    private static func colorCode(_ color: Int16, base: Int, bright: Int, extended: Int) -> String {
        switch color {
        case ..<0: "\(base + 9)"
        case 0..<8: "\(base + Int(color))"
        case 8..<16: "\(bright + Int(color) - 8)"
        default: "\(extended);5;\(color)"
        }
    }
}
