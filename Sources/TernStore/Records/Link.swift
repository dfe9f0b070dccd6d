/// What a link field takes: a web address, `https://…` or `http://…` with a host. Every
/// other scheme is refused (`javascript:`, `data:`, `file:`, `ftp:`), and so is text with no
/// scheme at all: a link is opened by someone else (an organization, staff, a student's
/// browser), and anything but a web page could run or read something on their machine.
///
/// The one rule for every link the catalogue keeps: a student's portfolio links, an
/// application's portfolio link, a deliverable link, an organization's website, the kiosk's
/// apply link. Forms, imports and the command line all reach it through ``StoredText``.
///
/// ```swift
/// Link.refusal(of: "https://ana.example/work")   // nil
/// Link.refusal(of: "javascript:alert(1)")        // "must start with https:// or http://, not \"javascript:\""
/// ```
public enum Link {
    package static let webSchemes = ["https", "http"]

    /// Why `text` is not a link a field may keep (one line without the field's name), or nil.
    public static func refusal(of text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        // RFC 3986: a scheme is a letter, then letters, digits, "+", "-" and ".", then ":".
        let schemeEnd = scalars.firstIndex(of: ":")
        let scheme = schemeEnd.flatMap { end -> String? in
            let candidate = scalars[..<end]
            guard let first = candidate.first, first.isASCII, first.properties.isAlphabetic,
                  candidate.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) })
            else { return nil }
            return String(String.UnicodeScalarView(candidate)).lowercased()
        }
        guard let scheme, let schemeEnd, webSchemes.contains(scheme) else {
            let named = scheme.map { ", not \"\($0):\"" } ?? ""
            return "must start with https:// or http://\(named)"
        }
        let rest = scalars[(schemeEnd + 1)...]
        guard rest.starts(with: "//".unicodeScalars), let host = rest.dropFirst(2).first, host != "/" else {
            return "must be a web address with a host, such as https://example.org/work"
        }
        return nil
    }
}
