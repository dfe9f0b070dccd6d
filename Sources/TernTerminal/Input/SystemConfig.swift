import Foundation

/// The installed tern's own settings, written by the administrator beside the installation
/// (`PREFIX/etc/tern/tern.toml`; `/etc/tern/tern.toml` for PREFIX `/usr`). A tern installed
/// setgid takes its catalogue path only from here: never from `--db` or `TERN_DB`, which would let
/// a user aim the group's rights at any file.
///
/// ```toml
/// catalogue = "/srv/tern/catalogue.sqlite"
/// ```
///
/// ```swift
/// let config = try SystemConfig.load(path: "/usr/local/etc/tern/tern.toml")
/// config.catalogue   // "/srv/tern/catalogue.sqlite"
/// ```
public struct SystemConfig: Sendable, Equatable {
    /// The shared catalogue: an absolute path, or a `postgresql://` URL.
    public var catalogue: String

    /// Reads the file, refusing one that someone other than root (or the installation's owner,
    /// `trustedOwner`) could have written.
    public static func load(path: String, trustedOwner: UInt32 = 0) throws(ConfigError) -> SystemConfig {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ConfigError(file: path, message: "is missing: an installed tern needs it to find the shared catalogue (catalogue = \"/srv/tern/catalogue.sqlite\")")
        }
        guard info.st_uid == 0 || info.st_uid == trustedOwner, info.st_mode & 0o022 == 0 else {
            throw ConfigError(file: path, message: "must belong to root and be writable by nobody else")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigError(file: path, message: "cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigError(file: path, message: "is not UTF-8 text") }
        return try parse(text, file: path)
    }

    /// Parses the file's text; `file` is used in errors only.
    ///
    /// ```swift
    /// try SystemConfig.parse("catalogue = \"/srv/tern/c.sqlite\"\n", file: "tern.toml").catalogue
    /// ```
    public static func parse(_ text: String, file: String) throws(ConfigError) -> SystemConfig {
        let document = try ConfigError.document(text, file: file)
        var catalogue: String?
        for entry in document.entries(of: document.root) {
            switch entry.key {
            case "catalogue":
                // A file on this host, or a PostgreSQL catalogue named by its URL.
                guard let path = entry.value.string,
                      path.hasPrefix("/") || path.hasPrefix("postgresql://") || path.hasPrefix("postgres://") else {
                    throw ConfigError(file: file, key: "catalogue", in: document,
                                      message: "expected an absolute path or a postgresql:// URL")
                }
                catalogue = path
            default:
                throw ConfigError(file: file, key: entry.key, in: document, message: "unknown setting (known: catalogue)")
            }
        }
        guard let catalogue else { throw ConfigError(file: file, message: "has no catalogue = \"PATH\" setting") }
        return SystemConfig(catalogue: catalogue)
    }
}
