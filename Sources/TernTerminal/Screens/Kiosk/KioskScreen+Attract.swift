import Foundation
import TernStore
import TernViewModels

/// The idle minute and the attract screen: what the last person typed goes, and featured
/// listings cycle, each read in the background like every other read.
extension KioskScreen {
    func idleTick() -> [Effect<KioskOutcome>] {
        refreshLockMessage()
        let effects = newDay()
        guard now().timeIntervalSince(lastActivity) >= Double(config.idleSeconds) else { return effects }
        // A half-typed PIN goes however the prompt was opened (over the attract screen too).
        state.pin = nil
        guard state.mode == .browsing else { return effects }
        // Whatever the last person typed goes: the search, the filter. The attract screen
        // comes when the featured listings are read.
        return effects + resetBrowsing() + readFeatured(entering: true)
    }

    /// Past midnight: every "closes in N days" counts from the new day, and a listing whose
    /// deadline was yesterday leaves the list (the search runs again, the selection kept).
    func newDay() -> [Effect<KioskOutcome>] {
        let day = today()
        guard day != state.today else { return [] }
        state.today = day
        guard state.mode != .unavailable else { return [] }
        return refreshFeatured() + requery(again: true)
    }

    /// The featured listings read again (the catalogue changed, or a day passed): a listing
    /// declined, closed or full meanwhile leaves the attract screen with its code and link.
    func refreshFeatured() -> [Effect<KioskOutcome>] {
        guard case .attract = state.mode else { return [] }
        return readFeatured(entering: false)
    }

    func readFeatured(entering: Bool) -> [Effect<KioskOutcome>] {
        guard let catalogue else { return [] }
        let day = state.today
        return [.run(.kioskFeatured) { _ in
            do { return .featured(try await catalogue.featured(today: day), entering: entering) } catch { return .unavailable }
        }]
    }

    func takeFeatured(_ featured: [OpportunitySummary], entering: Bool) -> [Effect<KioskOutcome>] {
        state.featured = featured
        if entering {
            // Someone came back while they were read: no attract screen.
            guard state.mode == .browsing, now().timeIntervalSince(lastActivity) >= Double(config.idleSeconds), !featured.isEmpty else { return [] }
            state.mode = .attract(index: 0)
            return showFeatured(0) + [.startTimer(.kioskAttract, everyMilliseconds: config.attractSeconds * 1000)]
        }
        guard case .attract(let index) = state.mode else { return [] }
        guard !featured.isEmpty else {
            // Nothing left to feature: the (empty) list, and the attract timer stops on its tick.
            (state.featuredDetail, state.featuredLink, state.featuredQR) = (nil, nil, nil)
            state.mode = .browsing
            return []
        }
        let shown = state.featuredDetail?.opportunity.id
        let next = featured.firstIndex { $0.id == shown } ?? min(index, featured.count - 1)
        state.mode = .attract(index: next)
        return showFeatured(next)
    }

    func nextFeatured() -> [Effect<KioskOutcome>] {
        guard case .attract(let index) = state.mode, !state.featured.isEmpty else { return [.stopTimer(.kioskAttract)] }
        let next = (index + 1) % state.featured.count
        state.mode = .attract(index: next)
        return showFeatured(next)
    }

    func showFeatured(_ index: Int) -> [Effect<KioskOutcome>] {
        guard state.featured.indices.contains(index), let catalogue else { return [] }
        let id = state.featured[index].id, day = state.today
        return [.run(.kioskFeaturedDetail) { _ in
            do { return .featuredShown(id, try await catalogue.shown(id, today: day)) } catch { return .unavailable }
        }]
    }
}
