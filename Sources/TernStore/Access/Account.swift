import Foundation

/// The OS account running this process: who you are, in every command and screen.
///
/// Taken from the real user id and the password database, never from `$USER`, `$LOGNAME` or an
/// option: anyone can set an environment variable, nobody can change their uid.
///
/// ```swift
/// let me = Account.current()
/// me.login   // "aokafor"
/// ```
public struct Account: Sendable, Hashable {
    /// The real user id.
    public let uid: UInt32
    /// The login name from the password database, or nil for a uid with no entry (a container's
    /// anonymous user): such an account is nobody in the catalogue.
    public let login: String?

    public init(uid: UInt32, login: String?) {
        self.uid = uid
        self.login = login
    }

    /// The account of the real uid (under a setgid install the effective group differs; the user
    /// does not).
    public static func current() -> Account {
        let uid = getuid()
        return Account(uid: uid, login: loginName(of: uid))
    }

    /// The account named `login`, when the system knows it.
    public static func named(_ login: String) -> Account? {
        guard let entry = getpwnam(login) else { return nil }
        return Account(uid: entry.pointee.pw_uid, login: login)
    }

    /// How messages name the account: its login, or its uid when it has none.
    public var displayName: String { login ?? "uid \(uid)" }

    package static func loginName(of uid: uid_t) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return nil
        }
        let login = String(cString: name)
        return login.isEmpty ? nil : login
    }
}
