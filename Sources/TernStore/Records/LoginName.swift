import TernText

/// What a username (a student's or a staff member's OS login) may hold, checked wherever one
/// enters the catalogue: `tern staff add` and student imports.
///
/// A username is shown to other people as who did something ("approved by rpatel"), so it must
/// read as what it is: no spaces, no controls, and none of the scalars ``UnsafeScalar`` keeps off
/// the screen (bidi overrides such as U+202E, zero-width and other format characters such as
/// U+200B, blank fillers), nor the joiners U+200C and U+200D, which are invisible on their own.
/// Stored text is never cleaned, so such a name is refused, never repaired.
///
/// ```swift
/// LoginName.problem(of: "rpatel")            // nil
/// LoginName.problem(of: "rp\u{202E}atel")    // "holds U+202E, an invisible or direction-changing character, at character 3"
/// ```
public enum LoginName {
    /// Why `login` cannot be a username (without the field's name), or nil when it can.
    public static func problem(of login: String) -> String? {
        if let refusal = StoredText.username.refusal(of: login) { return refusal.message }
        if login.isEmpty { return "must not be empty" }
        for (offset, scalar) in login.unicodeScalars.enumerated() {
            let place = "at character \(offset + 1)"
            if scalar.properties.isWhitespace { return "holds a space \(place); a login has none" }
            if scalar.properties.generalCategory == .control { return "holds a control character (\(code(scalar))) \(place)" }
            if UnsafeScalar.contains(scalar) || scalar == "\u{200C}" || scalar == "\u{200D}" {
                return "holds \(code(scalar)), an invisible or direction-changing character, \(place)"
            }
        }
        return nil
    }

    /// Returns `login` when it can be a username; throws ``CatalogueError/invalid(_:)`` naming the
    /// field otherwise.
    @discardableResult
    public static func check(_ login: String) throws(CatalogueError) -> String {
        if let problem = problem(of: login) { throw .invalid("username: \(problem)") }
        return login
    }

    private static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
