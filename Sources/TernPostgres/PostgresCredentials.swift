import Crypto
import Foundation
import PostgresNIO
import TernStore
import TernText

/// An account's own password for a catalogue over the network: kept in a file of the user's
/// (`$XDG_CONFIG_HOME/tern/postgres-password`), which must be theirs and private (0600) or it is
/// not read, as ssh treats its keys. Set with `tern accounts password`, which sends the server
/// only a SCRAM-SHA-256 verifier (``scramVerifier(for:salt:iterations:)``): the password itself
/// never reaches the server or its logs.
public enum PostgresCredentials {
    /// The rules a password must meet: long enough to resist guessing, and printable ASCII so
    /// that every client hashes it the same way (no Unicode normalization to disagree on).
    public static let minimumLength = 12

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (home as NSString).appendingPathComponent(".config")
        return (config as NSString).appendingPathComponent("tern/postgres-password")
    }

    /// Refuses a password that breaks the rules, saying which.
    public static func check(_ password: String) throws {
        guard password.count >= minimumLength else {
            throw CatalogueError.invalid("a password has at least \(minimumLength) characters")
        }
        guard password.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw CatalogueError.invalid("a password is letters, digits and punctuation (printable ASCII, no spaces)")
        }
    }

    /// The password in `path`, if the file is the user's own and private; nil when there is none.
    public static func read(path: String) throws -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw CatalogueError.unusable("cannot read \(Sanitizer.line(path))")
        }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid() else {
            throw CatalogueError.notPermitted("\(Sanitizer.line(path)) must be a file of your own")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw CatalogueError.notPermitted("\(Sanitizer.line(path)) may be read by others; make it private (chmod 600) and set a new password with tern accounts password")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CatalogueError.unusable("cannot read \(Sanitizer.line(path))")
        }
        let password = text.trimmingCharacters(in: .newlines)
        try check(password)
        return password
    }

    /// Writes `password` to `path`, private (0600) from the start, replacing the old file only
    /// once the new one is whole.
    public static func write(_ password: String, path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".new"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CatalogueError.unusable("cannot write \(Sanitizer.line(temporary))") }
        let bytes = Array((password + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CatalogueError.unusable("cannot write \(Sanitizer.line(path)) (is the disk full?)")
        }
    }

    /// The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802, RFC 7677):
    /// `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, base64.
    public static func scramVerifier(for password: String, salt: [UInt8], iterations: Int = 4096) -> String {
        let key = SymmetricKey(data: Array(password.utf8))
        // PBKDF2-HMAC-SHA256 with one block: the key is as long as the hash.
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var salted = block
        for _ in 1..<iterations {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in salted.indices { salted[index] ^= block[index] }
        }
        let saltedKey = SymmetricKey(data: salted)
        let clientKey = Array(HMAC<SHA256>.authenticationCode(for: Array("Client Key".utf8), using: saltedKey))
        let storedKey = Array(SHA256.hash(data: clientKey))
        let serverKey = Array(HMAC<SHA256>.authenticationCode(for: Array("Server Key".utf8), using: saltedKey))
        func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
        return "SCRAM-SHA-256$\(iterations):\(base64(salt))$\(base64(storedKey)):\(base64(serverKey))"
    }
}

extension PostgresSession {
    /// Sets this session's own account's password, sending only its SCRAM verifier.
    public func setOwnPassword(_ password: String) async throws {
        try PostgresCredentials.check(password)
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        let verifier = PostgresCredentials.scramVerifier(for: password, salt: salt)
        // A utility statement takes no parameters; the verifier is base64 and punctuation only.
        precondition(verifier.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=$:-".contains($0)) })
        try await execute(PostgresQuery(unsafeSQL: "ALTER ROLE CURRENT_USER PASSWORD '\(verifier)'"))
    }
}
