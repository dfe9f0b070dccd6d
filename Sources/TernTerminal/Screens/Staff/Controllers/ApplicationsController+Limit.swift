import Foundation
import TernCatalogue
import TernViewModels

/// The limit and search line of Applications, and the limit applied in the background: the
/// screen's text line and the keys it holds while a limit is being applied.
extension TriageScreen {
    var textLineIsOpen: Bool { state.line != nil }

    /// Keys typed while a limit is being applied wait for it, then act on the rows it shows, as
    /// if it had been instant: a space typed after Enter marks the limited queue's first row,
    /// never the old one's. Quitting does not wait; Esc gives up the limit and drops what was
    /// typed after it.
    func interceptKey(_ key: Key) throws -> [Effect<TriageOutcome>]? {
        guard state.isLimiting else { return nil }
        switch state.keyMap.action(for: key, in: [.global])?.intent {
        case .quitNow?:
            return quit()
        case .back?:
            state.isLimiting = false
            keysWhileLimiting.removeAll()
            return [.cancel(.limitQueue)] + state.toasts.show("limit given up; the queue is as it was")
        default:
            keysWhileLimiting.append(key)
            return []
        }
    }

    func handleTextLineKey(_ key: Key) throws -> [Effect<TriageOutcome>] {
        guard var line = state.line else { return [] }
        switch state.keyMap.action(for: key, in: [.searchLine])?.intent {
        case .keepSearch?:
            let pattern = line.kind == .limit ? line.field.text : triage.pattern
            let words = line.kind == .search ? line.field.text : triage.searchWords
            do {
                // Checked here, at once: a bad pattern keeps the line open and says what is wrong.
                _ = try TriageViewModel.filter(pattern: pattern, words: words)
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
    func applyLimit(pattern: String, words: String, refresh: Bool = false) -> [Effect<TriageOutcome>] {
        if !refresh { state.isLimiting = true }
        let catalogue = catalogue, viewer = session.username, order = triage.order, moment = now()
        let disclosingAs = refresh ? nil : session
        return [.run(.limitQueue) { task in
            do {
                let prepared = try TriageViewModel.prepare(catalogue: catalogue, viewer: viewer, order: order, at: moment,
                                                           pattern: pattern, words: words, disclosingAs: disclosingAs)
                return .queue(task.isSuperseded ? nil : prepared, failure: nil, refresh: refresh)
            } catch {
                return .queue(nil, failure: "\(error)", refresh: refresh)
            }
        }]
    }

    func adoptQueue(_ prepared: PreparedQueue?, failure: String?, refresh: Bool) throws -> [Effect<TriageOutcome>] {
        if !refresh { state.isLimiting = false }
        if let failure { return state.toasts.show(failure, isError: true) }
        guard let prepared else { return [] }
        // A refresh of a limit since replaced by a newer one is of no use.
        if refresh && (prepared.pattern != triage.pattern || prepared.words != triage.searchWords) { return [] }
        try triage.adopt(prepared)
        try readQueue(reset: !refresh)
        if refresh { return [] }
        let what = triage.pattern.isEmpty ? "no limit: everything needing action" : "limit: \(triage.pattern)"
        return state.toasts.show(what + (triage.searchWords.isEmpty ? "" : " · searching: \(triage.searchWords)") + " · \(triage.rows.count) shown")
    }

    /// Adopts a limit, then replays the keys typed while it was being applied.
    func adoptQueueAndReplay(_ prepared: PreparedQueue?, failure: String?, refresh: Bool) throws -> [Effect<TriageOutcome>] {
        let waiting = refresh ? [] : keysWhileLimiting
        if !refresh { keysWhileLimiting.removeAll() }
        var effects = try adoptQueue(prepared, failure: failure, refresh: refresh)
        // The keys typed meanwhile, in order, on the rows now shown (dropped if the limit failed).
        guard failure == nil, prepared != nil else { return effects }
        for key in waiting { effects += try chromeHandle(key) }
        return effects
    }
}
