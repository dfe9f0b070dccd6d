import Foundation
import TernStore

/// The staff console's Applications queue: what the limit shows, the moves, undo, claims,
/// notes, the student record and saved views, as plain functions over the store protocols.
/// They hold nothing: the console keeps the queue (``TriagePages``), the limit, the order and
/// the marks (``TriageMarks``) in its state and calls these from its background tasks.
///
/// ```swift
/// let read = try await TriageWork.read(pattern: "status:under_review", words: "", order: .oldestFirst,
///                                       viewer: session.username, at: now, in: store)
/// let row = read.pages.held(0..<1)!.first!
/// let action = try await TriageWork.move(.shortlist, on: [row], session: session, now: now, in: store)
/// try await TriageWork.undo(session: session, now: now, in: store)
/// ```
public enum TriageWork {
    /// "Mark everything the limit shows" marks at most this many: a bulk action on more is a
    /// job for a narrower limit (or `tern applications move`).
    public static let markAllLimit = 1_000

    /// A limit pattern with `/`'s words added: the one place both are read, so the console's
    /// line, a background limit and the scripting API refuse the same input the same way.
    /// Only words go after `/`: `status:` and the like belong to the limit.
    ///
    /// ```swift
    /// try TriageWork.filter(pattern: "status:submitted", words: "logo")   // status + one word
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

    /// A limit and search read: the queue counted with its first page, the limit as typed, which
    /// of the marks it hides, and the applications with work under way on listings taken down.
    public struct Read: Sendable, Equatable {
        public var pages: TriagePages
        public var pattern: String
        public var words: String
        /// The marked ids (of those asked about) the limit does not show.
        public var hidden: Set<Int64>
        public var takenDown: Int

        public init(pages: TriagePages, pattern: String, words: String, hidden: Set<Int64>, takenDown: Int) {
            (self.pages, self.pattern, self.words, self.hidden, self.takenDown) = (pages, pattern, words, hidden, takenDown)
        }
    }

    /// Reads the queue for `pattern` and `words` (a bad pattern is refused before anything is
    /// read). A limit to one student (`student:U`) discloses their records: with `disclosingAs`,
    /// it is recorded in the audit log before the rows are shown (a read-again of the same list
    /// is not recorded again). `around`: an index to keep in view; `marks`: the marked ids.
    public static func read(pattern: String, words: String, order: TriageOrder, viewer: String, at moment: Date, around: Int? = nil,
                            marks: [Int64] = [], disclosingAs session: TriageSession? = nil,
                            in store: any TriageStore) async throws -> Read {
        let filter = try filter(pattern: pattern, words: words)
        let pages = try await TriagePages.read(filter, order: order, viewer: viewer, at: moment, around: around, in: store)
        if let session, let student = filter.student {
            try await store.recordDisclosure(.listedStudentApplications, session: session, student: student,
                                             detail: "\(pages.count) applications to the staff console")
        }
        let shown = marks.isEmpty ? [] : try await store.triageShown(marks, filter: filter, offerWaitDays: nil, now: moment)
        return Read(pages: pages, pattern: pattern.trimmingCharacters(in: .whitespaces), words: words.trimmingCharacters(in: .whitespaces),
                    hidden: Set(marks).subtracting(shown), takenDown: try await store.takenDownWithWorkUnderWay())
    }

    // MARK: - Acting

    /// Why `move` cannot be made on `targets` before anything is written, or nil.
    public static func refusal(_ move: StaffMove, on targets: [TriageRow]) -> CatalogueError? {
        guard !targets.isEmpty else { return .refused("nothing selected: the queue is empty") }
        if let illegal = targets.first(where: { !move.isLegal(from: $0.status) }) {
            return .refused("cannot \(move.label) application \(illegal.id): it is \(illegal.status.label.lowercased())")
        }
        return nil
    }

    /// Moves `targets` together, in one transaction: all or none. A row another staff member
    /// changed since it was read is refused ("changed by someone else since you opened it") and
    /// nothing moves.
    @discardableResult
    public static func move(_ move: StaffMove, on targets: [TriageRow], reason: RejectionReason? = nil, note: MoveNote? = nil,
                            session: TriageSession, now: Date, in store: any TriageStore) async throws -> TriageAction {
        if let refusal = refusal(move, on: targets) { throw refusal }
        return try await store.bulkMove(targets.map { ApplicationVersion(id: $0.id, version: $0.version) }, to: move.target,
                                        session: session, reason: reason, note: note, now: now)
    }

    /// Takes back this session's last move (new events; history is kept), or says why not.
    @discardableResult
    public static func undo(session: TriageSession, now: Date, in store: any TriageStore) async throws -> [Application] {
        try await store.undoLast(session: session, now: now)
    }

    /// A note on an application: shared with the student, or staff-only.
    public static func addNote(_ text: String, to applicationID: Int64, visibility: Visibility, session: TriageSession, now: Date,
                               in store: any TriageStore) async throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CatalogueError.invalid("the note is empty") }
        try await store.addNote(applicationID, by: session.actor, note: trimmed, visibility: visibility, now: now)
    }

    // MARK: - Looking

    /// Opens an application: claims it for a few minutes (other staff see "being looked at by
    /// …") and reads it with its whole history, staff-only notes included.
    public static func open(_ row: TriageRow, session: TriageSession, now: Date, in store: any TriageStore & StudentStore) async throws -> ApplicationFile {
        let holder = try await store.claim(row.id, session: session, now: now)
        return try await file(row, heldBy: holder.staffUsername == session.username ? nil : holder.staffName, session: session, in: store)
    }

    /// The application as it is now, with its history (read again after a note).
    public static func file(_ row: TriageRow, heldBy: String?, session: TriageSession, in store: any StudentStore) async throws -> ApplicationFile {
        let application = try await store.application(row.id, as: session.actor)
        let events = try await store.events(of: row.id, as: session.actor)
        return ApplicationFile(row: row, application: application, events: events, heldBy: heldBy)
    }

    /// Lets go of this session's claim on an application.
    public static func close(_ applicationID: Int64, session: TriageSession, in store: any TriageStore) async throws {
        try await store.release(applicationID, session: session)
    }

    /// A student's whole record; reading it writes an audit entry.
    public static func studentRecord(_ username: String, session: TriageSession, now: Date, in store: any TriageStore) async throws -> StudentRecord {
        try await store.studentRecord(username, session: session, now: now)
    }

    // MARK: - Saved views

    /// This staff member's views, then the built-in ones ("listing taken down with work under way").
    public static func views(session: TriageSession, in store: any TriageStore) async throws -> [TriageView] {
        (try await store.triageViews(session: session)) + [TriageView.takenDownWithWorkUnderWay]
    }

    /// Saves `pattern` (the current limit) under `name`.
    public static func saveView(_ name: String, pattern: String, session: TriageSession, now: Date, in store: any TriageStore) async throws {
        guard !pattern.isEmpty else { throw CatalogueError.invalid("set a limit (l) first: a view is a saved limit") }
        try await store.saveTriageView(name, pattern: pattern, session: session, now: now)
    }

    public static func deleteView(_ name: String, session: TriageSession, in store: any TriageStore) async throws {
        guard name != TriageView.takenDownWithWorkUnderWay.name else { throw CatalogueError.refused("“\(name)” is built in; it cannot be deleted") }
        try await store.deleteTriageView(name, session: session)
    }
}

/// One application as staff open it: the queue row, the application now, its whole history,
/// and who else holds it (nil when nobody else does).
public struct ApplicationFile: Sendable, Hashable {
    public var row: TriageRow
    public var application: Application
    public var events: [ApplicationEvent]
    public var heldBy: String?
}
