import Foundation
internal import GRDB

/// The staff standing a catalogue was authorized with, checked again inside every transaction.
///
/// A role is a row in `staff`, and the row can go (or change) while a console is open. So the
/// check at start-up is not the last word: every read and write of a catalogue authorized for
/// staff work reads the account's row again, in the same transaction as the work, and refuses
/// with ``CatalogueError/noLongerStaff(_:)`` once it is gone. The file's owner has no clearance
/// to lose: they count as an admin for as long as the file is theirs.
struct Clearance: Sendable, Equatable {
    /// The staff member's login.
    var login: String
    /// The least role the authorized work needs.
    var role: StaffRole

    /// Refuses unless `login` is still staff with a role that allows `operation` (or, with no
    /// operation, the work the catalogue was authorized for).
    func check(_ db: Database, for operation: Operation? = nil) throws {
        let needed = operation?.role ?? role
        guard let row = try Row.fetchOne(db.cachedStatement(literal: "SELECT role FROM staff WHERE username = \(login)")) else {
            throw CatalogueError.noLongerStaff(login)
        }
        let held: StaffRole = try row.known("role", stored: ("staff", "role"), rowID: nil)
        guard held.includes(needed) else {
            throw CatalogueError.notPermitted(Self.refusal(operation: operation, needs: needed, login: login, holds: held))
        }
    }

    /// "only admins may trust organizations; rpatel is an advisor".
    static func refusal(operation: Operation?, needs needed: StaffRole, login: String, holds held: StaffRole) -> String {
        let what = operation.map { "may \($0.summary)" } ?? "may do this"
        return "only \(needed.plural) \(what); \(login) is \(held.withArticle)"
    }
}

/// The clearance of one catalogue, set by ``Catalogue/authorize(_:account:actingFor:)``.
final class ClearanceBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Clearance?

    var current: Clearance? {
        lock.lock(); defer { lock.unlock() }
        return value
    }

    func set(_ clearance: Clearance?) {
        lock.lock(); defer { lock.unlock() }
        value = clearance
    }
}
