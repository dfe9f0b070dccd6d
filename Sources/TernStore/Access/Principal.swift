/// What an OS account is in one catalogue: staff, a student, the file's owner, or nobody in
/// particular. Worked out by ``Catalogue/principal(for:)`` from the catalogue's own tables and
/// the file's owner; nothing here comes from the environment.
///
/// ```swift
/// let me = try catalogue.principal(for: .current())
/// me.isStaff          // true for a career-center advisor
/// ```
public struct Principal: Sendable, Equatable {
    public let account: Account
    /// The account's staff role, when the staff table lists its login.
    public let staffRole: StaffRole?
    /// The student record with the account's login, if any.
    public let studentUsername: String?
    /// The account owns the catalogue file (it could rewrite it with any tool).
    public let ownsFile: Bool
    /// The file is not shared for writing with a group: a personal demo or development catalogue.
    public let fileIsPersonal: Bool

    public init(account: Account, staffRole: StaffRole?, studentUsername: String?, ownsFile: Bool, fileIsPersonal: Bool) {
        self.account = account
        self.staffRole = staffRole
        self.studentUsername = studentUsername
        self.ownsFile = ownsFile
        self.fileIsPersonal = fileIsPersonal
    }

    public var isStaff: Bool { staffRole != nil }

    /// The role the account works with: its staff role, or admin for the file's owner (who could
    /// rewrite the file with any tool, so no role in it could hold them back).
    public var role: StaffRole? { ownsFile ? .admin : staffRole }

    /// Some staff work: staff of either role, and the file's owner.
    public var mayAdminister: Bool { role != nil }

    /// `--user NAME`: staff acting for a student, or the owner of a personal catalogue (demos and
    /// development). Nobody else is ever anyone but themself.
    public var mayActForStudents: Bool { isStaff || (ownsFile && fileIsPersonal) }

    /// Whether the account may do `operation` at all (a student operation also needs a student,
    /// which ``Catalogue/authorize(_:account:actingFor:)`` checks).
    public func allows(_ operation: Operation) -> Bool {
        switch operation.audience {
        case .anyone: true
        case .student: studentUsername != nil || mayActForStudents
        case .staff: role.map { $0.includes(operation.role ?? .admin) } ?? false
        }
    }
}

/// The outcome of an access check: who is acting, and for which student.
///
/// ```swift
/// let access = try catalogue.authorize(.portfolio, account: .current(), actingFor: nil)
/// access.student   // "aokafor": whose records this command works on
/// ```
public struct Authorization: Sendable, Equatable {
    public let principal: Principal
    /// The student whose records the command works on: the account's own, or the one staff act
    /// for with `--user`. Nil for a guest.
    public let student: String?
    /// Set when someone acts for a student who is not themself; recorded in the audit log.
    public let actingAs: String?

    package init(principal: Principal, student: String?, actingAs: String?) {
        self.principal = principal
        self.student = student
        self.actingAs = actingAs
    }
}

extension Principal {
    /// The role an audit row names for this principal: its staff role, or "owner" for the
    /// catalogue file's owner.
    package var auditRole: String {
        staffRole?.rawValue ?? (ownsFile ? "owner" : "staff")
    }
}
