import Foundation
internal import GRDB

extension Catalogue {
    /// The settings key of the kiosk's apply link.
    public static let applyLinkSetting = "apply_link"

    /// Where a student applies to a listing from outside tern (the kiosk shows it as a QR code):
    /// a URL with `{ref}` for the listing's ref, set by staff. Nil until set.
    ///
    /// ```swift
    /// try catalogue.applyLinkTemplate()   // "https://careers.example.edu/apply/{ref}"
    /// ```
    public func applyLinkTemplate() throws -> String? {
        try read { try String.fetchOne($0, SQLRequest(literal: "SELECT value FROM settings WHERE key = \(Self.applyLinkSetting)")) }
    }

    /// Sets the apply link: an `https://` (or `http://`) URL holding `{ref}` once, at most 500
    /// characters, no spaces or control characters.
    ///
    /// ```swift
    /// try catalogue.setApplyLinkTemplate("https://careers.example.edu/apply/{ref}")
    /// ```
    public func setApplyLinkTemplate(_ template: String) throws {
        try Self.validateApplyLink(template)
        try write { db in
            try db.execute(literal: "INSERT INTO settings(key, value) VALUES (\(Self.applyLinkSetting), \(template)) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        }
    }

    static func validateApplyLink(_ template: String) throws {
        try SettingsChange.checkApplyLink(template)
    }

    /// The apply link for one listing: the template with the ref put in (percent-encoded
    /// where a URL path needs it); nil when no link is set.
    ///
    /// ```swift
    /// Catalogue.applyLink(template: "https://x.edu/apply/{ref}", ref: "acme-logo")   // "https://x.edu/apply/acme-logo"
    /// ```
    public static func applyLink(template: String?, ref: String) -> String? {
        guard let template else { return nil }
        let encoded = ref.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? ref
        return template.replacingOccurrences(of: "{ref}", with: encoded)
    }
}
