import Foundation

/// The catalogue as a file: who owns it, who else may touch it, and how a new one is made.
///
/// A catalogue holds personal data. A new one is private (0600) unless it is made in a shared
/// setgid directory, where it is 0660 and takes the directory's group; a catalogue or directory
/// that every account may write is refused, because anyone could replace it or plant a `-wal`
/// file beside it.
///
/// ```swift
/// let file = try CatalogueFile.inspect("/srv/tern/catalogue.sqlite")
/// file.isPersonal   // false: group-writable, shared through a group
/// ```
public struct CatalogueFile: Sendable, Equatable {
    public let path: String
    public let ownerUID: UInt32
    public let mode: UInt32
    /// May this process open it for writing (with its effective ids, setgid group included,
    /// which plain `access(2)` ignores)?
    public let isWritable: Bool

    /// Not shared for writing with a group or everyone: a demo or development catalogue.
    public var isPersonal: Bool { mode & 0o022 == 0 }
    public var isWorldReadable: Bool { mode & 0o004 != 0 }

    /// Facts about an existing catalogue; refuses one that every account may write, or that sits
    /// in a directory every account may write.
    public static func inspect(_ path: String) throws -> CatalogueFile {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw CatalogueError.missing(path) }
            throw CatalogueError.unusable("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw CatalogueError.unusable("\(path) is not a file") }
        let mode = UInt32(info.st_mode) & 0o7777
        if mode & 0o002 != 0 {
            throw CatalogueError.unusable("\(path) may be written by every account; refusing it (chmod o-w it, and check it was not tampered with)")
        }
        try refuseWorldWritableDirectory(of: path)
        guard faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) == 0 else {
            throw CatalogueError.notPermitted("you may not read \(path)")
        }
        return CatalogueFile(path: path, ownerUID: info.st_uid, mode: mode, isWritable: faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0)
    }

    /// Warnings a person should see (not errors): a world-readable catalogue shows every
    /// student's records to every account on the host.
    public var warnings: [String] {
        isWorldReadable ? ["\(path) is readable by every account on this host; chmod o-r it to keep student records private"] : []
    }

    /// Creates an empty catalogue file with the right mode before SQLite fills it: 0600, or 0660
    /// in a setgid (shared) directory. A missing directory is made private (0700). Fails if the
    /// file exists.
    public static func create(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var info = stat()
        if stat(directory, &info) != 0 {
            guard errno == ENOENT else { throw CatalogueError.unusable("cannot use the directory \(directory): \(String(cString: strerror(errno)))") }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw CatalogueError.unusable("cannot create the directory \(directory)")
            }
            guard stat(directory, &info) == 0 else { throw CatalogueError.unusable("cannot create the directory \(directory)") }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw CatalogueError.unusable("\(directory) is not a directory") }
        try refuseWorldWritableDirectory(of: path)
        let shared = info.st_mode & S_ISGID != 0
        let mode: mode_t = shared ? 0o660 : 0o600
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == EEXIST { throw CatalogueError.refused("\(path) already exists") }
            throw CatalogueError.unusable("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        // The umask may have taken bits away; a shared catalogue needs its group's write bit.
        _ = fchmod(fd, mode)
        Foundation.close(fd)
    }

    private static func refuseWorldWritableDirectory(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var info = stat()
        guard stat(directory, &info) == 0 else { return }
        if UInt32(info.st_mode) & 0o002 != 0 {
            throw CatalogueError.unusable("\(directory) may be written by every account, so anyone could replace the catalogue or its -wal file; keep catalogues in a private or group directory")
        }
    }
}
