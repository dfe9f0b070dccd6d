import Foundation

/// A QR code read back the way a phone would: pixels written as a plain PGM and decoded by
/// zbarimg (Debian's zbar-tools). Shared by the unit tests, which read the code from a frame's
/// cells, and the end-to-end tests, which read it from a real terminal's text.
public enum QRScan {
    /// Whether zbarimg is installed (`make deps`); tests that scan are skipped without it.
    public static var available: Bool { FileManager.default.isExecutableFile(atPath: zbarimg) }

    /// `pixels` (true is dark), each scaled to a `scale`×`scale` square, as a plain PGM (dark 0, light 1).
    public static func pgm(_ pixels: [[Bool]], scale: Int = 8) -> String {
        var pgm = "P2\n\((pixels.first?.count ?? 0) * scale) \(pixels.count * scale)\n1\n"
        for line in pixels {
            let expanded = line.flatMap { Array(repeating: $0 ? "0" : "1", count: scale) }.joined(separator: " ")
            for _ in 0..<scale { pgm += expanded + "\n" }
        }
        return pgm
    }

    /// What zbarimg reads in `pixels` (empty when it finds no code).
    public static func decode(_ pixels: [[Bool]], scale: Int = 8) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pgm")
        defer { try? FileManager.default.removeItem(at: file) }
        try pgm(pixels, scale: scale).write(to: file, atomically: true, encoding: .ascii)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--quiet", "--raw", file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let decoded = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return decoded.trimmingCharacters(in: .newlines)
    }

    private static let zbarimg = "/usr/bin/zbarimg"
}
