import Foundation
import TernCatalogue

/// The staff console's Applications queue: what the limit shows, the marks, the moves, undo,
/// claims, notes, the student record and saved views. Plain Swift over the catalogue, so every
/// rule is tested without a terminal.
///
/// ```swift
/// let triage = try TriageViewModel(catalogue: catalogue, session: session)
/// try triage.limit("status:under_review field:design")
/// triage.marks.toggle(row)
/// let action = try triage.move(StaffMove.shortlist, on: triage.targets(selected: row))
/// try triage.undo()
/// ```
public final class TriageViewModel {
    public let catalogue: Catalogue
    public let session: TriageSession
    public private(set) var rows: TriageQueueRows
    /// The limit pattern as typed (`l`), and the words searched within it (`/`).
    public private(set) var pattern = ""
    public private(set) var searchWords = ""
    public private(set) var order: TriageOrder = .oldestFirst
    public var marks = TriageMarks()
    /// "Mark everything the limit shows" marks at most this many: a bulk action on more is a
    /// job for a narrower limit (or `tern applications move`).
    public static let markAllLimit = 1_000
    private let now: () -> Date

    public init(catalogue: Catalogue, session: TriageSession, now: @escaping () -> Date = Date.init) throws {
        self.catalogue = catalogue
        self.session = session
        self.now = now
        rows = TriageQueueRows(catalogue: catalogue, viewer: session.username, now: now)
        try rows.reload()
    }

    /// The filter the queue shows now: the limit with the searched words added.
    public func filter() throws -> TriageFilter {
        try Self.filter(pattern: pattern, words: searchWords)
    }

    /// A limit pattern with `/`'s words added: the one place both are read, so the console's
    /// line, a background limit and the scripting API refuse the same input the same way.
    /// Only words go after `/`: `status:` and the like belong to the limit.
    ///
    /// ```swift
    /// try TriageViewModel.filter(pattern: "status:submitted", words: "logo")   // status + one word
    /// ```
    public static func filter(pattern: String, words: String) throws -> TriageFilter {
        var filter = try TriageFilter(pattern: pattern)
        let searched = try TriageFilter(pattern: words)
        guard searched == TriageFilter(words: searched.words) else {
            throw CatalogueError.invalid("/ searches words; put status:, field:, age and the like in the limit (l)")
        }
        filter.words += searched.words
        return filter
    }

    /// Narrows the queue to `pattern` (`status:submitted field:design age>7d`); an empty one
    /// shows everything needing action. A bad pattern is refused, the queue unchanged.
    public func limit(_ pattern: String) throws {
        let filter = try Self.filter(pattern: pattern, words: searchWords)
        try rows.set(filter: filter, order: order)
        if let student = filter.student {
            try catalogue.recordDisclosure(.listedStudentApplications, session: session, student: student,
                                           detail: "\(rows.count) applications to the staff console")
        }
        self.pattern = pattern.trimmingCharacters(in: .whitespaces)
        try findHiddenMarks()
    }

    /// `/`: words each shown row must contain (listing title, organization, student), within
    /// the limit.
    public func search(_ words: String) throws {
        try rows.set(filter: try Self.filter(pattern: pattern, words: words), order: order)
        searchWords = words.trimmingCharacters(in: .whitespaces)
        try findHiddenMarks()
    }

    /// A limit and search worked out off the input path: the filter checked, counted and its
    /// first page read on a queue of its own, for ``adopt(_:)`` to put in place. On 2,000,000
    /// applications a free word can take seconds; the console stays responsive meanwhile.
    ///
    /// ```swift
    /// let prepared = try triage.prepare(pattern: "status:submitted", words: "bakery")  // in a background task
    /// triage.adopt(prepared)                                                          // back on the loop
    /// ```
    public func prepare(pattern: String, words: String) throws -> PreparedQueue {
        try Self.prepare(catalogue: catalogue, viewer: session.username, order: order, at: now(), pattern: pattern, words: words,
                         disclosingAs: session)
    }

    /// ``prepare(pattern:words:)`` with everything it needs given, for a background task. A
    /// limit to one student (`student:U`) discloses their records: with `disclosingAs`, it is
    /// recorded in the audit log before the rows are shown (a refresh of the same list is not
    /// recorded again).
    public static func prepare(catalogue: Catalogue, viewer: String, order: TriageOrder, at moment: Date,
                               pattern: String, words: String, disclosingAs session: TriageSession? = nil) throws -> PreparedQueue {
        let filter = try Self.filter(pattern: pattern, words: words)
        let queue = TriageQueueRows(catalogue: catalogue, viewer: viewer, now: { moment })
        try queue.set(filter: filter, order: order)
        if let session, let student = filter.student {
            try catalogue.recordDisclosure(.listedStudentApplications, session: session, student: student,
                                           detail: "\(queue.count) applications to the staff console")
        }
        _ = try queue.rows(in: 0..<min(queue.count, 100))
        return PreparedQueue(rows: queue, pattern: pattern.trimmingCharacters(in: .whitespaces), words: words.trimmingCharacters(in: .whitespaces))
    }

    /// Puts a prepared queue in place (its rows, counts, limit and words).
    public func adopt(_ prepared: PreparedQueue) throws {
        prepared.rows.useClock(now)
        rows = prepared.rows
        pattern = prepared.pattern
        searchWords = prepared.words
        try findHiddenMarks()
    }

    public func setOrder(_ order: TriageOrder) throws {
        try rows.set(filter: try filter(), order: order)
        self.order = order
    }

    public func reload() throws {
        try rows.reload()
        try findHiddenMarks()
    }

    /// Notes which marks the limit hides now, so actions leave them alone and the console can
    /// say how many there are. Called whenever the queue is read again.
    public func findHiddenMarks() throws {
        guard !marks.isEmpty else { marks.hidden = []; return }
        let ids = Array(marks.rows.keys)
        let shown = try catalogue.triageShown(ids, filter: try filter(), now: now())
        marks.hidden = Set(ids).subtracting(shown)
    }

    // MARK: - Marks

    /// Marks every row from the `v` anchor to `index` (both ends included) and ends the range.
    public func markRange(to index: Int) throws -> Int {
        guard let anchor = marks.rangeAnchor else { return 0 }
        let range = min(anchor, index)..<(max(anchor, index) + 1)
        guard range.count <= Self.markAllLimit else {
            throw CatalogueError.refused("a range marks at most \(Self.markAllLimit) rows; narrow the limit (l) instead")
        }
        let chosen = try rows.rows(in: range)
        marks.mark(chosen)
        marks.rangeAnchor = nil
        return chosen.count
    }

    /// Marks everything the limit shows, or refuses naming how many it shows.
    @discardableResult
    public func markAllShown() throws -> Int {
        guard let all = try rows.allRows(upTo: Self.markAllLimit) else {
            throw CatalogueError.refused("the limit shows \(rows.count) applications; narrow it to \(Self.markAllLimit) or fewer to mark them all")
        }
        marks.mark(all)
        return all.count
    }

    /// The rows an action applies to: the marked ones, else the selected one.
    public func targets(selected: TriageRow?) -> [TriageRow] { marks.targets(selected: selected) }

    /// The moves legal for every one of `targets`.
    public func moves(for targets: [TriageRow]) -> [StaffMove] {
        StaffMove.available(for: Set(targets.map(\.status)))
    }

    // MARK: - Acting

    /// Moves `targets` together, in one transaction: all or none. A row another staff member
    /// changed since it was read is refused ("changed by someone else since you opened it") and
    /// nothing moves. The marks go once the move is made.
    @discardableResult
    public func move(_ move: StaffMove, on targets: [TriageRow], reason: RejectionReason? = nil, note: MoveNote? = nil) throws -> TriageAction {
        guard !targets.isEmpty else { throw CatalogueError.refused("nothing selected: the queue is empty") }
        if let illegal = targets.first(where: { !move.isLegal(from: $0.status) }) {
            throw CatalogueError.refused("cannot \(move.label) application \(illegal.id): it is \(illegal.status.label.lowercased())")
        }
        let action = try catalogue.bulkMove(targets.map { ApplicationVersion(id: $0.id, version: $0.version) }, to: move.target,
                                            session: session, reason: reason, note: note, now: now())
        marks.unmark(targets.map(\.id))
        try reload()
        return action
    }

    /// Takes back this session's last move (new events; history is kept), or says why not.
    @discardableResult
    public func undo() throws -> [Application] {
        let restored = try catalogue.undoLast(session: session, now: now())
        try reload()
        return restored
    }

    /// A note on an application: shared with the student, or staff-only.
    public func addNote(_ text: String, to applicationID: Int64, visibility: Visibility) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CatalogueError.invalid("the note is empty") }
        try catalogue.addNote(applicationID, by: session.actor, note: trimmed, visibility: visibility, now: now())
    }

    // MARK: - Looking

    /// Opens an application: claims it for a few minutes (other staff see "being looked at by
    /// …") and reads it with its whole history, staff-only notes included.
    public func open(_ row: TriageRow) throws -> ApplicationFile {
        let holder = try catalogue.claim(row.id, session: session, now: now())
        let application = try catalogue.application(row.id, as: session.actor)
        let events = try catalogue.events(of: row.id, as: session.actor)
        return ApplicationFile(row: row, application: application, events: events,
                               heldBy: holder.staffUsername == session.username ? nil : holder.staffName)
    }

    /// Lets go of this session's claim on an application.
    public func close(_ applicationID: Int64) throws {
        try catalogue.release(applicationID, session: session)
    }

    /// A student's whole record; reading it writes an audit entry.
    public func studentRecord(_ username: String) throws -> StudentRecord {
        try catalogue.studentRecord(username, session: session, now: now())
    }

    // MARK: - Saved views

    /// This staff member's views, then the built-in ones ("listing taken down with work under way").
    public func views() throws -> [TriageView] { (try catalogue.triageViews(session: session)) + [TriageView.takenDownWithWorkUnderWay] }

    /// Saves the current limit under `name`.
    public func saveView(_ name: String) throws {
        guard !pattern.isEmpty else { throw CatalogueError.invalid("set a limit (l) first: a view is a saved limit") }
        try catalogue.saveTriageView(name, pattern: pattern, session: session, now: now())
    }

    public func deleteView(_ name: String) throws {
        guard name != TriageView.takenDownWithWorkUnderWay.name else { throw CatalogueError.refused("“\(name)” is built in; it cannot be deleted") }
        try catalogue.deleteTriageView(name, session: session)
    }
}

/// A queue read in the background for a new limit or search; handed back to the loop whole.
public struct PreparedQueue: @unchecked Sendable {
    // Made and filled on one thread, then only read on the loop's: never shared while in use.
    public let rows: TriageQueueRows
    public let pattern: String
    public let words: String
}

/// One application as staff open it: the queue row, the application now, its whole history,
/// and who else holds it (nil when nobody else does).
public struct ApplicationFile: Sendable, Hashable {
    public var row: TriageRow
    public var application: Application
    public var events: [ApplicationEvent]
    public var heldBy: String?
}
