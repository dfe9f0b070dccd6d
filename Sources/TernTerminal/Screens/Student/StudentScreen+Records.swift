import Foundation
import TernStore
import TernViewModels

/// The student's own records (applications, feedback, saved searches, profile), read in the
/// background.
extension StudentScreen {
    // MARK: - The student's records

    /// Reads the student's applications, feedback and marks again.
    func readRecords(keepScroll: Bool) -> [Effect<StudentOutcome>] {
        guard !session.isGuest else { return [] }
        let (store, session, day, moment) = (store, session, today(), now())
        return [.run(.records) { _ in
            do {
                return .records(try await StudentRecords.read(store: store, session: session, today: day, now: moment), keepScroll: keepScroll)
            } catch {
                return .failed("\(error)", of: .records)
            }
        }]
    }

    /// The part below My applications follows its selection, newest event first.
    func showSelectedApplication(keepingScroll: Bool = false) -> [Effect<StudentOutcome>] {
        guard let id = state.applications.selectedID else {
            if !keepingScroll || !state.timeline.isEmpty { state.timelineScroll = 0 }
            state.timeline = []
            return [.cancel(.timeline)]
        }
        let (store, session) = (store, session)
        return [.run(.timeline) { _ in
            do {
                return .timeline(id, try await ApplicationsViewModel.timeline(of: id, session: session, store: store), keepScroll: keepingScroll)
            } catch {
                return .failed("\(error)", of: .timeline)
            }
        }]
    }

    func readSavedSearches(open: Bool) -> [Effect<StudentOutcome>] {
        let (store, session, day) = (store, session, today())
        return [.run(.savedSearches) { _ in
            do { return .savedSearches(try await SavedSearchesViewModel.read(session: session, store: store, today: day), open: open) }
            catch { return .failed("\(error)") }
        }]
    }

    func readProfile(_ read: ProfileRead) -> [Effect<StudentOutcome>] {
        let (store, session) = (store, session)
        return [.run(.profile) { _ in
            do { return .profile(try await ProfileViewModel.read(session: session, store: store), read) } catch { return .failed("\(error)") }
        }]
    }

    /// The profile overlay shows the profile as it is now, after an edit made elsewhere.
    func refreshProfileOverlay() -> [Effect<StudentOutcome>] {
        guard case .text(let overlay)? = state.modals.top, overlay.scope == .profile else { return [] }
        return readProfile(.refresh)
    }

    func showProfile(_ read: ProfileRead) -> [Effect<StudentOutcome>] {
        let onTop: TextOverlay<StudentPurpose>? = if case .text(let overlay)? = state.modals.top, overlay.scope == .profile { overlay } else { nil }
        switch read {
        case .open:
            state.modals.open(.text(profileOverlay()))
        case .refresh:
            guard let onTop else { return [] }
            var fresh = profileOverlay()
            fresh.scroll = onTop.scroll
            state.modals.replaceTop(.text(fresh))
        case .saved:
            if onTop != nil { state.modals.replaceTop(.text(profileOverlay())) }
        case .edit:
            // Edited against the profile as it is now, not as the overlay first read it: an edit
            // made elsewhere meanwhile would make the first save fail.
            guard onTop != nil else { return [] }
            state.modals.replaceTop(.text(profileOverlay()))
            guard let student = state.profile.student else { return [] }
            state.modals.open(.form(FormModal(FormBuilder.profile(ProfileDraft(student)), purpose: .editProfile)))
        }
        return []
    }
}
