import Foundation
import TernCatalogue
import TernTerminal
import TernViewModels

/// The resident set size now, in megabytes (from /proc: the current figure, not the peak).
func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kilobytes / 1024
}

/// Drives a kiosk through `hours` of a lab's day, compressed: every simulated 20 seconds
/// someone types a few letters, moves, opens a listing, changes the field or walks away (and
/// the idle timer brings the attract screen, which cycles). Reports resident memory after the
/// first hour and at the end.
func kioskSoak(path: String, hours: Int) -> String {
    final class Clock: @unchecked Sendable { var date = Date(); var milliseconds = 0 }
    let clock = Clock()
    let open: KioskOpener = {
        let catalogue = try Catalogue(path: path, readOnly: true, opening: .existing)
        return try KioskCatalogue.start(listings: catalogue, changes: try catalogue.changeFeed())
    }
    let screen = KioskScreen(open: open, config: KioskConfig(pinHash: "$y$unused", idleSeconds: 60, attractSeconds: 6),
                             large: false, now: { clock.date })
    let backend = InMemoryBackend(size: Size(width: 120, height: 40))
    let loop = Loop(screen: screen, backend: backend, changeFeed: screen.changes, clock: { clock.milliseconds }, pendingSignal: { nil })
    loop.runUntilIdle()
    let words = ["design", "python", "data", "write", "market", "social", "excel", "research"]
    var random = SystemRandomNumberGenerator()
    var afterFirstHour = 0.0
    let started = Date()
    var interactions = 0
    var marks: [String] = []
    for second in stride(from: 0, to: hours * 3600, by: 20) {
        clock.date += 20
        clock.milliseconds += 20_000
        loop.step(waitMilliseconds: 0)
        switch Int.random(in: 0..<6, using: &random) {
        case 0: backend.queue(typing: words.randomElement(using: &random)!)
        case 1: backend.queue(.down, .down, .pageDown, .enter)
        case 2: backend.queue(.tab)
        case 3: backend.queue(.escape, .escape)
        case 4: backend.queue(.backspace, .up)
        default: break  // nobody there: the idle timer will bring the attract screen
        }
        loop.runUntilIdle()
        interactions += 1
        if second < 3600 && second + 20 >= 3600 { afterFirstHour = residentMegabytes() }
        let hour = (second + 20) / 3600
        if (second + 20) % 3600 == 0, hour & (hour - 1) == 0 { marks.append(String(format: "%d h %.1f MB", hour, residentMegabytes())) }
    }
    let end = residentMegabytes()
    let took = Date().timeIntervalSince(started)
    return String(format: "kiosk soak: %d simulated hours, %d interactions in %.0f s; resident memory %.1f MB after the first hour, %.1f MB at the end (%+.1f MB); ",
                  hours, interactions, took, afterFirstHour, end, end - afterFirstHour) + marks.joined(separator: ", ")
}
