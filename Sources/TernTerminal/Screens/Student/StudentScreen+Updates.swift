import Foundation
import TernStore
import TernViewModels

/// Updates: what changed for the student since they last looked. Read again after every
/// catalogue change as a background task; what arrives unread while the screen is open is
/// announced in a toast; opening the overlay marks everything up to now read, also off the loop.
extension StudentScreen {
    /// Reads the Updates again off the loop thread.
    /// `first`: the read as the screen opens, whose unread updates are counted, not announced.
    func rereadUpdates(first: Bool = false) -> [Effect<StudentOutcome>] {
        guard !session.isGuest else { return [] }
        let (store, session, day, moment) = (store, session, today(), now())
        return [.run(.updates) { _ in
            do {
                return .updates(try await StudentUpdates.read(store: store, session: session, today: day, now: moment),
                                markedRead: false, failure: nil, first: first)
            } catch {
                return .updates(StudentUpdates(), markedRead: false, failure: "\(error)", first: first)
            }
        }]
    }

    /// The key (or `:updates`): the overlay as the updates stand, new ones marked, and the
    /// marker moved up to now in the background.
    func openUpdates() -> [Effect<StudentOutcome>] {
        guard !session.isGuest else { return guestRefusal(.updates) }
        state.modals.open(.text(updatesOverlay(state.updates)))
        return [.cancel(.updates)] + markingRead()
    }

    /// Updates read again came back: a change that arrived unread is announced, unless the
    /// student is looking at the Updates already (then the overlay shows it, and it is read).
    func show(_ updates: StudentUpdates, markedRead: Bool, failure: String?, first: Bool = false) -> [Effect<StudentOutcome>] {
        if let failure { return state.toasts.show("could not read your updates: \(failure)", isError: true) }
        if first {
            state.updates = updates
            return []
        }
        let arrived = updates.arrived(since: state.updates)
        state.updates = updates
        if isShowingUpdates, !markedRead, !arrived.isEmpty {
            // Shown where the student is looking, with its "new" mark, and read by being shown.
            state.modals.replaceTop(.text(updatesOverlay(updates)))
            return markingRead()
        }
        guard !markedRead, let first = arrived.first else { return [] }
        let more = arrived.count > 1 ? " (+\(arrived.count - 1) more; \(keyName(.updates)) to see them)" : ""
        return state.toasts.show("Update: \(first.headline)\(more)")
    }

    private var isShowingUpdates: Bool {
        if case .text(let overlay)? = state.modals.top, overlay.scope == .updates { return true }
        return false
    }

    /// Moves the student's marker up to now off the loop, then reads the Updates again.
    private func markingRead() -> [Effect<StudentOutcome>] {
        let (store, session, day, moment) = (store, session, today(), now())
        return [.run(.markUpdatesRead) { _ in
            do {
                return .updates(try await StudentUpdates.markRead(store: store, session: session, today: day, now: moment),
                                markedRead: true, failure: nil, first: false)
            } catch {
                return .updates(StudentUpdates(), markedRead: true, failure: "\(error)", first: false)
            }
        }]
    }

    func updatesOverlay(_ updates: StudentUpdates) -> TextOverlay<StudentPurpose> {
        TextOverlay(title: "Updates (\(updates.unread) unread)", blocks: PaneContent.updateBlocks(updates.items),
                    scope: .updates, purpose: .updates)
    }

    /// The first key bound to `action`, for messages that name keys.
    func keyName(_ action: StudentAction) -> String {
        state.keyMap.keyNames(for: action)
    }
}

extension KeyScope {
    /// The Updates overlay.
    public static let updates = KeyScope("updates")
}
