import Foundation

/// The hidden staff prompt (F10): the PIN checked against its slow hash, wrong tries counted and
/// kept (``KioskLockout``) before the check, and the lock's message kept true as time passes.
extension KioskScreen {
    var lockMessage: String? {
        guard let seconds = lockout.remainingSeconds(at: now()) else { return nil }
        let time = seconds > 90 ? "\((seconds + 59) / 60) min" : "\(seconds) s"
        return "too many tries: locked for \(time)"
    }

    func handlePIN(_ key: Key) -> [Effect<KioskOutcome>] {
        guard var pin = state.pin else { return [] }
        switch key {
        case .escape:
            state.pin = nil
            return []
        case .enter:
            guard !pin.checking else { return [] }
            let typed = pin.field.text
            pin.field = TextField(limit: 32)
            if let locked = lockMessage {
                pin.message = locked
                state.pin = pin
                return []
            }
            // Counted (and written) before the slow check: killing the kiosk during it loses no
            // try; the right PIN then clears the count.
            lockout.fail(at: now())
            keepLockout()
            pin.checking = true
            pin.message = "checking…"
            state.pin = pin
            let hash = config.pinHash
            return [.run(.kioskPIN) { _ in .pinChecked(hash.map { KioskPIN.matches(typed, hash: $0) } ?? false) }]
        case .character(let c) where Self.types(c) && !pin.checking:
            _ = pin.field.handle(key)
            state.pin = pin
        case .backspace:
            _ = pin.field.handle(key)
            state.pin = pin
        default:
            break
        }
        return []
    }

    /// The slow check came back. The prompt may have gone meanwhile (the idle reset): a right
    /// PIN still ends the kiosk only while staff are at the prompt.
    func pinChecked(_ matches: Bool) -> [Effect<KioskOutcome>] {
        guard var pin = state.pin, pin.checking else { return [] }
        pin.checking = false
        if matches {
            lockout.succeed()
            keepLockout()
            return [.quit]
        }
        let left = lockout.triesLeft
        pin.message = lockMessage ?? "wrong PIN (\(left) \(left == 1 ? "try" : "tries") left)"
        state.pin = pin
        return []
    }

    /// A file that cannot be written leaves the count in memory, which still holds until a restart.
    private func keepLockout() {
        try? saveLockout?(lockout)
    }

    /// Once a second with the prompt open: the lock counts down, and its message goes when it ends.
    func refreshLockMessage() {
        guard var pin = state.pin, pin.message?.hasPrefix("too many tries") == true else { return }
        pin.message = lockMessage ?? "locked no more: try again"
        state.pin = pin
    }
}
