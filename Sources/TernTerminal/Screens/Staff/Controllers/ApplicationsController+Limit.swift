import Foundation
import TernStore
import TernViewModels

/// The limit and search line of Applications, and the limit applied in the background: the
/// screen's text line. Keys typed while a limit is being applied wait for it, then act on the
/// rows it shows, as if it had been instant (``TriageScreen/interceptKey(_:)``): a space typed
/// after Enter marks the limited queue's first row, never the old one's. Quitting does not
/// wait; Esc gives up the limit and drops what was typed after it.
extension TriageScreen {
    var textLineIsOpen: Bool { state.line != nil }

    func handleTextLineKey(_ key: Key) throws -> [Effect<TriageOutcome>] {
        guard var line = state.line else { return [] }
        switch state.keyMap.action(for: key, in: [.searchLine])?.intent {
        case .keepSearch?:
            let pattern = line.kind == .limit ? line.field.text : state.pattern
            let words = line.kind == .search ? line.field.text : state.searchWords
            do {
                // Checked here, at once: a bad pattern keeps the line open and says what is wrong.
                _ = try TriageWork.filter(pattern: pattern, words: words)
            } catch {
                return state.toasts.show("\(error)", isError: true)
            }
            state.line = nil
            return applyLimit(pattern: pattern, words: words)
        case .clearSearch?:
            state.line = nil
        case .quitNow?:
            return quit()
        default:
            _ = line.field.handle(key)
            state.line = line
        }
        return []
    }

    /// Applies a limit and search words in the background; the queue keeps showing what it
    /// showed ("limiting…" in its title) until the new rows and counts arrive.
    func applyLimit(pattern: String, words: String) -> [Effect<TriageOutcome>] {
        readQueue(.limit, pattern: pattern, words: words)
    }
}
