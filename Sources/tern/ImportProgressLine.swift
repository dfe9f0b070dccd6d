import Foundation
import TernCatalogue
import TernTerminal
import TernText

/// `tern import`'s progress on a terminal: one line on stderr, redrawn in place ("\r") as the
/// import reads, checks and writes, and cleared at the end. Nothing at all when stderr is not a
/// terminal (a script or a log gets only the result line). The import calls it on its own
/// thread, while it holds the write lock for the writing phase, so it only formats and writes.
///
/// ```swift
/// let line = ImportProgressLine(file: "jobs.csv")
/// try catalogue.importFile(data, format: .csv) { line.show($0) }
/// line.finish()
/// ```
final class ImportProgressLine: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDrawn = ""
    private let width: Int

    init(file: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        label = TextLayout.truncate(Sanitizer.line((file as NSString).lastPathComponent), to: 30)
        self.enabled = enabled
        var size = winsize()
        width = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 20 ? Int(size.ws_col) : 80
    }

    /// The line for `progress`, fitted to the terminal's width.
    static func text(label: String, progress: ImportProgress, width: Int) -> String {
        let phase = switch progress.phase {
        case .reading: "reading"
        case .validating: "checking \(progress.done)/\(progress.total) rows"
        case .writing: "writing \(progress.done)/\(progress.total) rows"
        }
        let percent = String(format: " %3.0f%%", progress.fraction * 100)
        let head = "importing \(label) · \(phase) "
        let room = max(0, min(30, width - 1 - DisplayWidth.of(head) - percent.count))
        let bar = BarChart.bar(Int(progress.fraction * 1000), maximum: 1000, width: room)
        return head + TextLayout.pad(bar, to: room) + percent
    }

    func show(_ progress: ImportProgress) {
        guard enabled else { return }
        let line = Self.text(label: label, progress: progress, width: width)
        lock.withLock {
            guard line != lastDrawn else { return }
            lastDrawn = line
            Output.transient("\r\u{1B}[2K" + line)
        }
    }

    /// Clears the line, so the result (or the error) prints on a clean line.
    func finish() {
        guard enabled else { return }
        lock.withLock {
            if !lastDrawn.isEmpty { Output.transient("\r\u{1B}[2K") }
            lastDrawn = ""
        }
    }
}
