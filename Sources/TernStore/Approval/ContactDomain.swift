import Foundation

/// Whether an organization's contact email is at its website's domain: a recruiter posting for
/// someone else, or an impersonator, often writes from a domain of their own.
///
/// ```swift
/// ContactDomain.mismatch(email: "jobs@gmail.com", website: "https://acme.example")   // true
/// ContactDomain.mismatch(email: "hr@mail.acme.example", website: "https://www.acme.example")   // false
/// ```
package enum ContactDomain {
    /// Nil when either side has no readable domain (nothing to compare, so nothing to flag).
    package static func mismatch(email: String, website: String) -> Bool? {
        guard let at = email.lastIndex(of: "@") else { return nil }
        let mailDomain = normalized(String(email[email.index(after: at)...]))
        let host = URL(string: website)?.host ?? URL(string: "https://" + website)?.host
        guard let host, !mailDomain.isEmpty else { return nil }
        let siteDomain = normalized(host)
        // A subdomain either way is the same organization (mail.acme.example, www.acme.example).
        return !(mailDomain == siteDomain || mailDomain.hasSuffix("." + siteDomain) || siteDomain.hasSuffix("." + mailDomain))
    }

    private static func normalized(_ domain: String) -> String {
        var lowered = domain.lowercased()
        if lowered.hasSuffix(".") { lowered.removeLast() }
        if lowered.hasPrefix("www.") { lowered.removeFirst(4) }
        return lowered
    }
}
