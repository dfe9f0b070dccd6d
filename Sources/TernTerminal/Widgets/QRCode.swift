import CQRencode

/// A QR code's modules, from libqrencode, drawn in a terminal with Unicode half blocks: each
/// cell holds two modules one above the other (▀ top, ▄ bottom, █ both), so a code is about
/// square on a terminal's tall cells. Dark modules are drawn in the text colour on the
/// background, with a quiet zone of light modules around, as scanners need.
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

    /// The code as lines of half blocks: what ``draw(_:into:x:y:darkGlyphs:)`` puts on screen.
    public var lines: [String] { lines(darkGlyphs: true) }

    /// The lines with the glyphs marking dark modules (text darker than the background), or
    /// light ones (light text on a dark background), so the code on screen is always dark on
    /// light, as every scanner reads it.
    public func lines(darkGlyphs: Bool) -> [String] {
        let height = size + 2 * Self.quietZone
        func marked(_ x: Int, _ y: Int) -> Bool {
            // Below the last module row (an odd height) is background, never a mark.
            guard y < height else { return false }
            return isDark(x, y) == darkGlyphs
        }
        return stride(from: 0, to: height, by: 2).map { y in
            String((0..<drawnWidth).map { x -> Character in
                switch (marked(x, y), marked(x, y + 1)) {
                case (true, true): "█"
                case (true, false): "▀"
                case (false, true): "▄"
                case (false, false): " "
                }
            })
        }
    }

    /// Draws the code with its top-left corner at (x, y), glyphs in the text colour: marking the
    /// dark modules on a light background (`darkGlyphs`), the light ones on a dark background.
    public static func draw(_ code: QRCode, into grid: inout CellGrid, x: Int, y: Int, darkGlyphs: Bool = true) {
        for (row, line) in code.lines(darkGlyphs: darkGlyphs).enumerated() {
            grid.write(line, x: x, y: y + row, style: Style(.text))
        }
    }
}
