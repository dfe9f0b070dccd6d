import Foundation
import TOMLKit
import TernText

/// Why the config file could not be used: the file, the key and its line when known, and what
/// is wrong.
///
/// ```swift
/// ConfigError(file: "config.toml", key: "keys.quit", line: 5, message: "unknown key name \"ctrl-\"").description
/// // config.toml: line 5: key 'keys.quit': unknown key name "ctrl-"
/// ```
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var file: String
    /// The key as a dotted path (`mouse`, `keys.move_down`); nil for a syntax error.
    public var key: String?
    /// The 1-based line, when known (always for a syntax error).
    public var line: Int?
    public var message: String

    public init(file: String, key: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    public var description: String {
        var text = "\(file): "
        if let line { text += "line \(line): " }
        if let key { text += "key '\(key)': " }
        return text + message
    }
}

extension ConfigError {
    /// A config file's text; nil when there is no such file. A file that cannot be read or is not
    /// UTF-8 is an error naming it.
    ///
    /// ```swift
    /// guard let text = try ConfigError.text(of: path) else { return .defaults }
    /// ```
    static func text(of path: String) throws(ConfigError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigError(file: path, message: "cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigError(file: path, message: "is not UTF-8 text") }
        return text
    }

    /// A config file's text read as TOML; a syntax error names the file and its line.
    ///
    /// ```swift
    /// let document = try ConfigError.document("mouse = false\n", file: "config.toml")
    /// ```
    static func document(_ text: String, file: String) throws(ConfigError) -> TOMLDocument {
        do {
            return try TOMLDocument(text: text)
        } catch {
            throw ConfigError(file: file, line: error.line, message: error.message)
        }
    }

    /// `key`'s value refused, at the line where `document` sets it.
    init(file: String, key: String, in document: TOMLDocument, message: String) {
        self.init(file: file, key: key, line: document.line(ofKey: key), message: message)
    }
}
