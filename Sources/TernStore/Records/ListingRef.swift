import Foundation

/// Refs made for listings that staff create without naming one: readable in an export and a
/// URL, from the organization and the title (`acme-studio-logo-refresh`), and always a ref
/// ``ListingRules/refProblem(_:)`` accepts whatever the names are written in.
///
/// ```swift
/// ListingRef.base(organization: "Café Olé", title: "Menu design!")   // "cafe-ole-menu-design"
/// ListingRef.base(organization: "東京大学", title: "翻訳")              // "listing"
/// ```
package enum ListingRef {
    /// Room is left under ``ListingRules/refLimit`` for the `-2`, `-3`… that keeps a ref unique.
    package static let baseLimit = 100

    package static func base(organization: String, title: String) -> String {
        var ref = ""
        var pendingDash = false
        // Decomposed, "é" is "e" and a combining accent: the letter is kept, the accent dropped.
        for scalar in (organization + " " + title).decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !ref.isEmpty { ref += "-" }
                pendingDash = false
                ref.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                if ref.count >= baseLimit { break }
            } else if scalar.properties.generalCategory != .nonspacingMark {
                pendingDash = true
            }
        }
        return ref.isEmpty ? "listing" : ref
    }

    /// The `n`th candidate for `base`: the base itself, then `base-2`, `base-3`…
    package static func candidate(_ base: String, _ n: Int) -> String {
        n <= 1 ? base : "\(base)-\(n)"
    }
}
