import CQRencode

/// A QR code's modules, from libqrencode, drawn in a terminal with Unicode half blocks: each
/// cell holds two modules one above the other (▀ top, ▄ bottom, █ both), so a code is about
/// square on a terminal's tall cells. Dark modules are drawn black on white, with a quiet zone
/// of light modules around, as scanners need, whatever the theme (``style``).
///
/// ```swift
/// let code = QRCode("https://careers.example.edu/apply/acme-logo")!
/// code.size            // 29 (modules per side)
/// QRCode.draw(code, into: &grid, x: 2, y: 3)
/// ```
public struct QRCode: Sendable, Equatable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row by row; true is dark.
    public let modules: [[Bool]]
    /// Light modules around the code on every side (the standard asks for 4; 2 scans well on
    /// a screen and saves room).
    public static let quietZone = 2

    /// Encodes `text` (8-bit mode, error correction M); nil when it cannot be (too long).
    public init?(_ text: String) {
        guard !text.isEmpty, let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        var rows: [[Bool]] = []
        for y in 0..<width {
            rows.append((0..<width).map { x in code.pointee.data[y * width + x] & 1 == 1 })
        }
        size = width
        modules = rows
    }

    /// Cells the code takes with its quiet zone: columns, and rows (two modules a row).
    public var drawnWidth: Int { size + 2 * Self.quietZone }
    public var drawnHeight: Int { (size + 2 * Self.quietZone + 1) / 2 }

    /// Whether the module at (x, y), counted with the quiet zone, is dark.
    func isDark(_ x: Int, _ y: Int) -> Bool {
        let (mx, my) = (x - Self.quietZone, y - Self.quietZone)
        guard mx >= 0, my >= 0, mx < size, my < size else { return false }
        return modules[my][mx]
    }

    /// The code as lines of half blocks marking the dark modules: what ``draw(_:into:x:y:)`` puts
    /// on screen.
    public var lines: [String] {
        let height = size + 2 * Self.quietZone
        // Below the last module row (an odd height) is light, like the quiet zone.
        func dark(_ x: Int, _ y: Int) -> Bool { y < height && isDark(x, y) }
        return stride(from: 0, to: height, by: 2).map { y in
            String((0..<drawnWidth).map { x -> Character in
                switch (dark(x, y), dark(x, y + 1)) {
                case (true, true): "█"
                case (true, false): "▀"
                case (false, true): "▄"
                case (false, false): " "
                }
            })
        }
    }

    /// How every cell of a code is drawn: glyphs black, the rest (the quiet zone too) white,
    /// whatever the theme or the terminal's own colours, so it is dark on light on a dark
    /// terminal as on a light one. Only a terminal without colour draws it in its own.
    public static let style = Style(.codeDark, background: .codeLight)

    /// Draws the code with its top-left corner at (x, y).
    public static func draw(_ code: QRCode, into grid: inout CellGrid, x: Int, y: Int) {
        for (row, line) in code.lines.enumerated() {
            grid.write(line, x: x, y: y + row, style: style)
        }
    }
}
