/// Everything the catalogue refuses, typed so that the edge (a command, a screen) can turn it
/// into one clear line for a person.
public enum CatalogueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No such record (or not one the actor may see; we don't reveal which).
    case notFound(String)
    /// Someone else saved the record since it was read: reload and try again.
    case versionConflict(expected: Int, current: Int)
    /// Staff opened an application and someone else moved it before they acted: says where it
    /// stands now, so they can decide again.
    case changedSinceOpened(application: Int64, now: ApplicationStatus)
    /// Staff opened a listing (to edit, close or archive it) and someone else saved it before
    /// they did: says where it stands now, so they can reopen it and decide again.
    case listingChangedSinceOpened(ref: String, now: OpportunityStatus)
    /// A review decision on a posting or an organization that changed after the reviewer looked
    /// at it: who changed it and when.
    case reviewChanged(ReviewConflict)
    case illegalTransition(from: ApplicationStatus, to: ApplicationStatus)
    /// The actor's role may not do this (a student shortlisting themselves).
    case notPermitted(String)
    /// The staff member (this login) was removed from the staff list after this catalogue was
    /// opened for their staff work: nothing more is done for them.
    case noLongerStaff(String)
    /// A business rule says no: deadline passed, listing closed, already applied, profile missing.
    case refused(String)
    /// Input that can't be stored: the message names what is wrong.
    case invalid(String)
    /// The file is not a Tern catalogue, or is newer than this program.
    case unusable(String)
    /// No catalogue at this path: only `tern init` (and the interface's first run on the default
    /// path) creates one, so that a mistyped `--db` never makes a catalogue full of demo data.
    case missing(String)
    /// Another process held the write lock for longer than a writer waits.
    case busy(String)
    /// A read stopped because its answer was no longer wanted (``Catalogue/cancelling(when:_:)``).
    case cancelled
    /// A stored value outside the set Tern knows (a status, a kind, a role): the file was edited
    /// by hand or by a newer program. Reads refuse rather than guess a default.
    case damaged(table: String, column: String, value: String?, row: Int64?)
    /// A record just written could not be read back in the same transaction (a trigger or a
    /// hand edit removed it): nothing was saved.
    case lostWrite(String)

    public var description: String {
        switch self {
        case .notFound(let what): "not found: \(what)"
        case .versionConflict(let expected, let current):
            "changed by someone else (you had version \(expected), it is now \(current)); reload and try again"
        case .changedSinceOpened(let id, let now):
            "application \(id) was changed by someone else since you opened it; it is now \(now.rawValue)"
        case .listingChangedSinceOpened(let ref, let now):
            "listing \(ref) was changed by someone else since you opened it; it is now \(now.rawValue): reopen it to see their changes"
        case .reviewChanged(let conflict): conflict.description
        case .illegalTransition(let from, let to):
            "cannot move an application from \(from.rawValue) to \(to.rawValue)"
        case .notPermitted(let why): "not permitted: \(why)"
        case .noLongerStaff(let login): "you are no longer staff (\(login) was removed from the staff list); nothing was done"
        case .refused(let why): why
        case .invalid(let why): why
        case .unusable(let why): why
        case .missing(let path): "no catalogue at \(path); create one with tern init [--demo]"
        case .busy(let why): why
        case .cancelled: "stopped: a newer request replaced this one"
        case .damaged(let table, let column, let value, let row):
            "the catalogue holds a value Tern does not know: \(table).\(column) = \(value.map { "'\($0)'" } ?? "NULL")"
                + (row.map { " in row \($0)" } ?? "") + "; run tern check"
        case .lostWrite(let what): "\(what) was written but could not be read back, so nothing was saved; run tern check"
        }
    }
}
