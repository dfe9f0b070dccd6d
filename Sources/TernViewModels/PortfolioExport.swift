import Foundation
import TernStore
import TernText

/// The files a portfolio can be exported as.
public enum PortfolioFormat: String, CaseIterable, Sendable {
    /// JSON Resume v1.0.0 (https://jsonresume.org/schema), for resume builders and themes.
    case jsonResume = "json-resume"
    /// Plain Markdown, to read, paste or publish.
    case markdown
}

extension Portfolio {
    /// The portfolio as a file's text, ending in a newline. Catalogue text is untrusted: neither
    /// format ever contains a raw control, bidi, line-separator or invisible character (TernText's
    /// `UnsafeScalar`): JSON escapes them, Markdown shows them as the screen does.
    ///
    /// ```swift
    /// try Data(portfolio.render(.jsonResume).utf8).write(to: url)
    /// ```
    public func render(_ format: PortfolioFormat) -> String {
        switch format {
        case .jsonResume: jsonResume().rendered() + "\n"
        case .markdown: markdown()
        }
    }
}

extension PortfolioEntry {
    /// The first paragraph of the brief: enough to say what the work was.
    var briefSummary: String {
        let normalized = opportunity.brief.replacingOccurrences(of: "\r\n", with: "\n")
        return normalized.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .first { !$0.isEmpty } ?? ""
    }
}

extension Feedback {
    /// "★ 4/5".
    var ratingText: String { "★ \(rating)/5" }
}

extension SkillLevel {
    /// "Advanced".
    var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// Links that are safe to make live: absolute http(s) URLs with nothing a reader cannot see or
/// that would end a Markdown autolink early. Anything else is shown as text, never linked.
enum WebLink {
    static func isLinkable(_ text: String) -> Bool {
        guard text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" && $0 != "\\" && $0 != "\"" }),
              let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else { return false }
        return true
    }

    /// The host, without a leading "www.", as a name for the link.
    static func host(_ text: String) -> String? {
        guard let host = URL(string: text)?.host else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
