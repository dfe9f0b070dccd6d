import CCrypt
import Foundation

/// The staff PIN that lets someone leave the kiosk, kept only as a salted, slow hash: yescrypt
/// from the system's libxcrypt, the hash Debian uses for login passwords. The PIN itself is
/// never stored, and checking one costs about 0.4 s (``cost``), so guessing from a
/// copied config file is slow; at the kiosk, wrong tries lock the prompt for doubling times
/// (``KioskLockout``) besides.
///
/// ```swift
/// let stored = try KioskPIN.hash("730518")      // "$y$jDT$…"
/// KioskPIN.matches("730518", hash: stored)      // true
/// KioskPIN.matches("000000", hash: stored)      // false
/// ```
public enum KioskPIN {
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// yescrypt's cost for new hashes (libxcrypt's count, 1 to 11; each step doubles time and
    /// memory). Measured on the 2-core host Tern is tested on, idle: 5 (the default) takes 0.03 s
    /// and 16 MiB, 8 0.20 to 0.25 s, 9 0.36 to 0.43 s and 256 MiB. 9, so that one offline guess
    /// costs at least 250 ms; the kiosk pays it once per Enter at the prompt.
    public static let cost = 9
    /// Fewest characters in a new PIN (one from before this rule keeps working, with a notice).
    public static let minimumLength = 6

    /// Checks a new PIN: 6 to 32 digits or letters (a kiosk keyboard types them), and not one a
    /// guesser tries first: one character repeated, a run up or down (`123456`, `987654`), or a
    /// short group repeated (`121212`, `123123`).
    public static func validate(_ pin: String) throws {
        guard (minimumLength...32).contains(pin.count) else {
            throw Invalid(description: "a PIN has \(minimumLength) to 32 characters")
        }
        guard pin.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw Invalid(description: "a PIN has only letters and digits")
        }
        if isTrivial(pin) {
            throw Invalid(description: "that PIN is too easy to guess (a repeated group or a run like 123456); choose another")
        }
    }

    static func isTrivial(_ pin: String) -> Bool {
        let codes = pin.lowercased().unicodeScalars.map { Int($0.value) }
        guard codes.count >= 2 else { return true }
        let steps = Set(zip(codes, codes.dropFirst()).map { $1 - $0 })
        // 123456, 654321, abcdef; and for digits 890123, 210987 (round past 9 or 0).
        if steps == [1] || steps == [-1] { return true }
        if codes.allSatisfy({ (48...57).contains($0) }), steps.isSubset(of: [1, -9]) || steps.isSubset(of: [-1, 9]) { return true }
        // A group of up to half the length, repeated: 111111, 121212, 123123.
        return (1...codes.count / 2).contains { size in
            codes.count % size == 0
                && stride(from: size, to: codes.count, by: size).allSatisfy { Array(codes[$0..<$0 + size]) == Array(codes[0..<size]) }
        }
    }

    /// A new salted yescrypt hash of `pin`, at ``cost`` (tests pass a cheaper one).
    public static func hash(_ pin: String, cost: Int = cost) throws -> String {
        try validate(pin)
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        // A nil random source asks libxcrypt for the system's own (getrandom).
        guard crypt_gensalt_rn("$y$", UInt(cost), nil, 0, &setting, Int32(setting.count)) != nil else {
            throw Invalid(description: "the system cannot make a password salt")
        }
        guard let hashed = cryptReentrant(pin, setting: String(cString: setting)) else {
            throw Invalid(description: "the system cannot hash the PIN")
        }
        return hashed
    }

    /// The cost parameters of a yescrypt hash ("j9T" in "$y$j9T$salt$hash"), nil for another kind.
    public static func parameters(of hash: String) -> String? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].isEmpty, parts[1] == "y" else { return nil }
        return String(parts[2])
    }

    /// The parameters a hash made now carries.
    public static func currentParameters(cost: Int = cost) -> String? {
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        guard crypt_gensalt_rn("$y$", UInt(cost), nil, 0, &setting, Int32(setting.count)) != nil else { return nil }
        return parameters(of: String(cString: setting) + "$")
    }

    /// Whether a stored hash was made under today's rules (6 characters, the slow cost); one made
    /// before keeps working, and the kiosk says to change it.
    public static func isCurrent(_ hash: String) -> Bool {
        guard let stored = parameters(of: hash), let now = currentParameters() else { return false }
        return stored == now
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
