import Foundation
import TernStore

/// Where an import running in the background leaves its progress for the console to read on
/// its next tick: the import reports from its own thread (while holding the write lock, so it
/// only stores the value), the loop's timer copies it into the state, and the view draws it.
final class ImportProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: ImportProgress?

    func store(_ progress: ImportProgress) { lock.withLock { latest = progress } }
    var value: ImportProgress? { lock.withLock { latest } }
}

/// An import the console is running: the file, and how far it has got.
public struct ConsoleImport: Sendable, Equatable {
    public var file: String
    public var progress: ImportProgress?
}

extension TimerID {
    /// While an import runs: copies its progress into the state for the bar.
    static let importProgress = TimerID("import progress")
}

extension TaskKind {
    static let importFile = TaskKind("import")
}

/// Importing from the console: `:import FILE` (no key of its own), its progress bar, and the
/// queues read again when it ends.
struct ImportController: StaffController {
    unowned let screen: TriageScreen
    static let helpTitle = "Import"

    var bindings: [StaffBinding] { [] }

    static var command: StaffCommand {
        Command("import", argument: .text("FILE"), summary: "import listings, students or applications (CSV, or JSON by name), all or nothing") { screen, rest in
            ImportController(screen: screen).start(rest)
        }
    }

    /// `:import FILE`: the same all-or-nothing import as `tern import`, in the background, with
    /// a progress bar; the queues read again when it is done.
    func start(_ path: String) -> [Effect<TriageOutcome>] {
        guard state.importing == nil else { return state.toasts.show("an import is running already", isError: true) }
        guard !path.isEmpty else { return state.toasts.show(":import FILE (CSV, or JSON by its .json name)", isError: true) }
        // Opened here, on the loop's thread, with the user's own rights (an installed tern drops
        // its group for it, which must not happen while another thread works); the import reads
        // it through the open file, a segment at a time.
        let source: ImportSource
        do {
            source = try screen.openFile(path)
        } catch {
            return state.toasts.show("cannot read \(path)", isError: true)
        }
        let box = ImportProgressBox()
        state.importing = ConsoleImport(file: path, progress: nil)
        screen.progressBox = box
        let store = screen.store, moment = now()
        let origin = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let recorded = ImportRecord(session: session, origin: origin)
        return [.startTimer(.importProgress, everyMilliseconds: 100),
                .run(.importFile) { _ in
                    do {
                        let summary = try await store.importFile(source, format: ExchangeFormat.guess(path: path), dryRun: false, now: moment,
                                                                 recorded: recorded) { box.store($0) }
                        return .imported(summary, failure: nil)
                    } catch {
                        return .imported(nil, failure: "\(error)")
                    }
                }]
    }

    /// The import ended: say how, read everything again.
    func finish(_ summary: ImportSummary?, failure: String?) -> [Effect<TriageOutcome>] {
        let file = state.importing.map { ($0.file as NSString).lastPathComponent } ?? "the file"
        state.importing = nil
        screen.progressBox = nil
        var effects: [Effect<TriageOutcome>] = [.stopTimer(.importProgress)]
        guard let summary else {
            return effects + state.toasts.show("nothing imported from \(file): \(failure ?? "it failed")", isError: true)
        }
        effects += screen.reloadAll()
        effects += state.toasts.show("imported \(file): \(summary.inserted) new and \(summary.updated) updated \(summary.subject); new listings wait in Postings")
        return effects
    }

    func showProgress() {
        guard state.importing != nil, let progress = screen.progressBox?.value else { return }
        state.importing?.progress = progress
    }
}
