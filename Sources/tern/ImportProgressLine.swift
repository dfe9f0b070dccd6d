import Foundation
import TernCatalogue
import TernTerminal
import TernText

/// `tern import`'s progress on a terminal: one line on stderr, redrawn in place ("\r") as the
/// import reads, checks and writes, and cleared at the end. Nothing at all when stderr is not a
/// terminal (a script or a log gets only the result line).
///
/// The import reports progress while it holds the catalogue's write lock, so reporting must
/// never wait for the terminal: a terminal stopped with Ctrl-S, or an ssh session nobody reads,
/// would otherwise stall every writer on the host. ``show(_:)`` only records the latest
/// progress; a thread of its own draws it a few times a second through a non-blocking
/// descriptor of the terminal, skipping frames while the terminal takes nothing.
///
/// ```swift
/// let line = ImportProgressLine(file: "jobs.csv")
/// try catalogue.importFile(data, format: .csv) { line.show($0) }
/// line.finish()
/// ```
final class ImportProgressLine: @unchecked Sendable {
    private let label: String
    private let width: Int
    /// The terminal opened again, non-blocking: a descriptor of its own, so stderr itself keeps
    /// blocking for the messages that must arrive whole. Nil when there is no progress to show.
    private let terminal: NonBlockingTerminal?
    private let lock = NSLock()
    private let wake = DispatchSemaphore(value: 0)
    private var latest: ImportProgress?
    private var lastDrawn = ""
    private var finished = false
    private var drawer: Thread?
    /// Time between frames: often enough to look alive, rarely enough to cost nothing.
    static let frameInterval: TimeInterval = 0.1

    init(file: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        label = TextLayout.truncate(Sanitizer.line((file as NSString).lastPathComponent), to: 30)
        var size = winsize()
        width = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 20 ? Int(size.ws_col) : 80
        terminal = enabled ? NonBlockingTerminal(sameAs: STDERR_FILENO) : nil
        guard terminal != nil else { return }
        let thread = Thread { [weak self] in self?.drawUntilFinished() }
        thread.name = "import progress"
        drawer = thread
        thread.start()
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

    /// Records `progress` for the next frame; never writes, so it never waits.
    func show(_ progress: ImportProgress) {
        guard terminal != nil else { return }
        lock.withLock { latest = progress }
    }

    /// Stops drawing and clears the line, so the result (or the error) prints on a clean line.
    /// A terminal that takes nothing just now is not waited for.
    func finish() {
        guard let terminal else { return }
        let alreadyFinished = lock.withLock { () -> Bool in
            defer { finished = true }
            return finished
        }
        guard !alreadyFinished else { return }
        wake.signal()
        while lock.withLock({ drawer != nil }) { usleep(1_000) }
        if !lastDrawn.isEmpty { terminal.offer("\r\u{1B}[2K") }
        lastDrawn = ""
    }

    private func drawUntilFinished() {
        while true {
            _ = wake.wait(timeout: .now() + Self.frameInterval)
            let (progress, done) = lock.withLock { (latest, finished) }
            if done { break }
            guard let progress, let terminal else { continue }
            // A frame cut short by a full terminal is finished first: half an escape sequence
            // would garble the line.
            guard terminal.flushPending() else { continue }
            let line = Self.text(label: label, progress: progress, width: width)
            guard line != lastDrawn else { continue }
            lastDrawn = line
            terminal.offer("\r\u{1B}[2K" + line)
        }
        lock.withLock { drawer = nil }
    }
}

/// A terminal opened again by name with `O_NONBLOCK`: writes take what the terminal accepts now
/// and never wait. A frame the terminal cannot take is dropped, except the part of one already
/// begun, which is kept to finish first.
final class NonBlockingTerminal: @unchecked Sendable {
    private let descriptor: Int32
    private var pending: [UInt8] = []

    /// The terminal `descriptor` writes to, or nil when it is not a terminal or cannot be opened.
    init?(sameAs descriptor: Int32) {
        guard isatty(descriptor) == 1, let name = ttyname(descriptor) else { return nil }
        // A descriptor of its own: O_NONBLOCK on a dup would change stderr too (they share one
        // open file description).
        let opened = open(name, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard opened >= 0 else { return nil }
        self.descriptor = opened
    }

    deinit { close(descriptor) }

    /// Writes `text` if nothing is left over from an earlier frame; returns at once either way.
    func offer(_ text: String) {
        guard flushPending() else { return }
        pending = Array(text.utf8)
        _ = flushPending()
    }

    /// Writes what is left of the last frame; true when nothing is left.
    @discardableResult
    func flushPending() -> Bool {
        while !pending.isEmpty {
            let written = pending.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                pending.removeFirst(written)
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                // EAGAIN: the terminal is not reading (stopped, or a stalled connection).
                return false
            }
        }
        return true
    }
}
