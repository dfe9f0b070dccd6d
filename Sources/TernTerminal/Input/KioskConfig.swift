import Foundation

/// A kiosk's own settings, in `$XDG_CONFIG_HOME/tern/kiosk.toml` of the kiosk's account (default
/// `~/.config/tern/kiosk.toml`). `tern kiosk --set-pin` writes the PIN's hash here; the PIN itself
/// is never stored.
///
/// ```toml
/// pin_hash = "$y$jDT$…"      # written by tern kiosk --set-pin
/// idle_seconds = 60           # back to the attract screen after this long without a key
/// attract_seconds = 6         # each featured listing shows this long
/// theme = "high-contrast"
/// ```
///
/// ```swift
/// let config = try KioskConfig.load(path: KioskConfig.defaultPath(environment: env))
/// ```
public struct KioskConfig: Sendable, Equatable {
    public var pinHash: String?
    public var idleSeconds = 60
    public var attractSeconds = 6
    public var theme: String?

    public init(pinHash: String? = nil, idleSeconds: Int = 60, attractSeconds: Int = 6, theme: String? = nil) {
        self.pinHash = pinHash
        self.idleSeconds = idleSeconds
        self.attractSeconds = attractSeconds
        self.theme = theme
    }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        UserConfig.configDirectory(environment: environment) + "/kiosk.toml"
    }

    /// Reads the file; a missing one is all defaults (and no PIN: the kiosk then refuses to
    /// start, since nobody could leave it).
    public static func load(path: String) throws(ConfigError) -> KioskConfig {
        guard let text = try ConfigError.text(of: path) else { return KioskConfig() }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> KioskConfig {
        let document = try ConfigError.document(text, file: file)
        func fail(_ key: String, _ message: String) -> ConfigError {
            ConfigError(file: file, key: key, in: document, message: message)
        }
        var config = KioskConfig()
        for entry in document.entries(of: document.root) {
            switch entry.key {
            case "pin_hash":
                guard let hash = entry.value.string, hash.hasPrefix("$") else { throw fail("pin_hash", "expected the hash tern kiosk --set-pin writes") }
                config.pinHash = hash
            case "idle_seconds", "attract_seconds":
                guard let seconds = entry.value.int, (2...3600).contains(seconds) else {
                    throw fail(entry.key, "expected a number of seconds from 2 to 3600")
                }
                if entry.key == "idle_seconds" { config.idleSeconds = seconds } else { config.attractSeconds = seconds }
            case "theme":
                guard let name = entry.value.string, !name.isEmpty else { throw fail("theme", "expected a theme name string") }
                config.theme = name
            default:
                throw fail(entry.key, "unknown setting (known: pin_hash, idle_seconds, attract_seconds, theme)")
            }
        }
        return config
    }

    /// The file's text, as `save` writes it.
    public var text: String {
        var lines = ["# tern kiosk settings; the PIN is stored only as this salted hash (tern kiosk --set-pin)"]
        if let pinHash { lines.append("pin_hash = \"\(pinHash)\"") }
        lines.append("idle_seconds = \(idleSeconds)")
        lines.append("attract_seconds = \(attractSeconds)")
        if let theme { lines.append("theme = \"\(theme.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the file readable by its owner only, replacing it whole (never half-written).
    public func save(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigError(file: path, message: "cannot be written")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ConfigError(file: path, message: "cannot be written")
        }
    }
}
