import Foundation
import TernTerminal

/// How this tern was installed. `make install` as root makes it setgid to group `tern`, the only
/// group that may open the shared catalogue: users are not in the group, so tern is the only door
/// to the file, and every access goes through its role checks.
///
/// A setgid process takes its catalogue path only from the installation's system configuration,
/// and opens nothing of the user's with the group's rights: the user's config, themes, import
/// files, backups and portfolio files are read and written with the group dropped
/// (``asUser(_:)``).
enum Installation {
    /// The group this process holds beyond its user's own: set when installed setgid.
    static let privilegedGroup: gid_t? = getegid() != getgid() ? getegid() : nil

    static var isShared: Bool { privilegedGroup != nil }

    /// Runs `body` with the user's own group (the setgid group dropped), then takes it back.
    /// Tern is single-threaded wherever this is used (before the catalogue opens, or around one
    /// file), so no other thread opens a file meanwhile.
    static func asUser<T>(_ body: () throws -> T) throws -> T {
        guard let group = privilegedGroup else { return try body() }
        guard setegid(getgid()) == 0 else { throw Failure("cannot drop the tern group's rights") }
        defer { _ = setegid(group) }
        return try body()
    }

    /// This executable's real path (not a symlink to it).
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// `PREFIX/etc/tern/tern.toml` for an executable at `PREFIX/bin/tern`; `/etc/tern/tern.toml`
    /// when PREFIX is `/usr`.
    static func systemConfigPath(executable: String = executablePath) -> String {
        let prefix = ((executable as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        let etc = prefix == "/usr" || prefix == "/" ? "/etc" : (prefix as NSString).appendingPathComponent("etc")
        return (etc as NSString).appendingPathComponent("tern/tern.toml")
    }

    /// The shared catalogue's path from the system configuration, which must belong to root or
    /// to the executable's owner.
    static func sharedCataloguePath() throws -> String {
        var info = stat()
        let owner: UInt32 = stat(executablePath, &info) == 0 ? info.st_uid : 0
        do {
            return try SystemConfig.load(path: systemConfigPath(), trustedOwner: owner).catalogue
        } catch {
            throw Failure(error.description)
        }
    }
}
