import Foundation
import TernStore
import TernViewModels

typealias StaffBinding = Binding<TriageState, StaffAction, TriageOutcome>
typealias StaffCommand = Command<TriageScreen>

/// One queue or concern of the staff console (Applications, Postings, Organizations, Reports,
/// saved views, import, the queues themselves), in the manner of lazygit's controllers: it
/// returns its bindings, and does their work on the screen it is lent. The screen owns the
/// state and routes each key to the focused queue's controller, then the others, then the
/// shared chrome.
protocol StaffController {
    var screen: TriageScreen { get }
    var bindings: [StaffBinding] { get }
    /// The help overlay's section of this controller's keys (help is made from the bindings).
    static var helpTitle: String { get }
}

extension StaffController {
    var state: TriageState {
        get { screen.state }
        nonmutating _modify { yield &screen.state }
    }
    var session: TriageSession { screen.session }
    var keys: KeyMap<StaffAction> { screen.state.keyMap }
    func now() -> Date { screen.now() }
}

/// When the key bar offers a binding: on the list (the report counts as one), in the detail.
enum Bar {
    static func list(_ state: TriageState) -> Bool { state.panes.focus != .detail || state.kind == .reports }
    static func detail(_ state: TriageState) -> Bool { !list(state) }
    static func always(_ state: TriageState) -> Bool { true }
}

/// The keys of every queue: switching queues, reading again; and the refusals of the keys that
/// belong to another queue (marks, the limit), said with the key that goes there.
struct ConsoleController: StaffController {
    unowned let screen: TriageScreen
    static let helpTitle = "Queues"

    var bindings: [StaffBinding] {
        let queues: [(StaffAction, TriageQueueKind)] = [(.applicationsQueue, .applications), (.postingsQueue, .postings),
                                                        (.organizationsQueue, .organizations), (.reportsQueue, .reports)]
        return queues.map { action, kind in StaffBinding(action) { screen.switchQueue(to: kind) } } + [
            StaffBinding(.refresh, bar: { $0.kind == .reports }) {
                screen.reloadAll() + (state.kind == .reports ? screen.readReport() : []) + state.toasts.show("read again")
            },
            StaffBinding(.nextQueue, bar: Bar.list) { try step(by: 1) },
            StaffBinding(.previousQueue) { try step(by: TriageQueueKind.allCases.count - 1) },
        ] + [StaffAction.mark, .markRange, .markAll].map { mark in
            StaffBinding(mark, disabledReason: { _ in "marks are for Applications and Postings" }, inHelp: false) { [] }
        } + [StaffAction.limit, .search].map { action in
            StaffBinding(action, disabledReason: { state in
                "\(action == .limit ? "limit" : "search") works in Applications (\(state.keyMap.keyNames(for: .applicationsQueue)))"
            }, inHelp: false) { [] }
        }
    }

    private func step(by offset: Int) throws -> [Effect<TriageOutcome>] {
        let all = TriageQueueKind.allCases
        return screen.switchQueue(to: all[(state.kind.rawValue + offset) % all.count])
    }

    static var expireCommand: StaffCommand {
        Command("expire", summary: "close listings past their deadline now (also done hourly)") { screen, _ in
            screen.closeExpired(onDemand: true)
        }
    }
}

/// The Reports queue: the report's text scrolls with the moving keys; the bar says so.
struct ReportsController: StaffController {
    unowned let screen: TriageScreen
    static let helpTitle = "Reports"

    var bindings: [StaffBinding] {
        // The moving keys, listed in help where they are (Move).
        [StaffBinding(.moveDown, bar: Bar.always, inHelp: false) { try scroll(.down) },
         StaffBinding(.moveUp, bar: Bar.always, inHelp: false) { try scroll(.up) }]
    }

    private func scroll(_ move: ListMove) throws -> [Effect<TriageOutcome>] {
        screen.moveQueue(move)
    }
}
