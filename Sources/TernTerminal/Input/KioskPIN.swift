import CCrypt
import Foundation

/// The staff PIN that lets someone leave the kiosk, kept only as a salted, slow hash: yescrypt
/// from the system's libxcrypt, the hash Debian uses for login passwords. The PIN itself is
/// never stored, and checking one costs tens of milliseconds, so guessing from a copied config
/// file is slow; at the kiosk, three wrong tries lock the prompt for a minute besides.
///
/// ```swift
/// let stored = try KioskPIN.hash("4821")        // "$y$j9T$…"
/// KioskPIN.matches("4821", hash: stored)        // true
/// KioskPIN.matches("0000", hash: stored)        // false
/// ```
public enum KioskPIN {
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Checks a new PIN: 4 to 32 digits or letters, nothing else (a kiosk keyboard types them).
    public static func validate(_ pin: String) throws {
        guard (4...32).contains(pin.count) else { throw Invalid(description: "a PIN has 4 to 32 characters") }
        guard pin.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw Invalid(description: "a PIN has only letters and digits")
        }
    }

    /// A new salted yescrypt hash of `pin`.
    public static func hash(_ pin: String) throws -> String {
        try validate(pin)
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        // A nil random source asks libxcrypt for the system's own (getrandom).
        guard crypt_gensalt_rn("$y$", 0, nil, 0, &setting, Int32(setting.count)) != nil else {
            throw Invalid(description: "the system cannot make a password salt")
        }
        guard let hashed = cryptReentrant(pin, setting: String(cString: setting)) else {
            throw Invalid(description: "the system cannot hash the PIN")
        }
        return hashed
    }

    /// Whether `pin` is the one `hash` was made from. Compares in constant time.
    public static func matches(_ pin: String, hash: String) -> Bool {
        guard hash.hasPrefix("$"), let computed = cryptReentrant(pin, setting: hash) else { return false }
        let a = Array(computed.utf8), b = Array(hash.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// crypt_r with its work area on the heap (it is large, and `crypt` itself shares one
    /// static buffer between threads). Nil on failure ("*" results).
    private static func cryptReentrant(_ phrase: String, setting: String) -> String? {
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        defer { data.deallocate() }
        memset(data, 0, MemoryLayout<crypt_data>.size)
        guard let result = crypt_r(phrase, setting, data) else { return nil }
        let text = String(cString: result)
        return text.hasPrefix("*") || text.isEmpty ? nil : text
    }
}
