import Foundation
import TernStore
import TernText

/// The portfolio as Markdown. Every piece of catalogue text goes through ``MarkdownText``, so a
/// listing titled "# Evil [x](http://e)" reads as those characters rather than as a heading and
/// a link, and no control character reaches the file.
extension Portfolio {
    func markdown() -> String {
        var blocks: [String] = ["# " + MarkdownText.line(student.name)]
        var contact: [String] = []
        if !student.email.isEmpty { contact.append(MarkdownText.line(student.email)) }
        switch (student.program.isEmpty, student.graduationYear) {
        case (false, let year?): contact.append(MarkdownText.line(student.program) + ", class of \(year)")
        case (false, nil): contact.append(MarkdownText.line(student.program))
        case (true, let year?): contact.append("Class of \(year)")
        case (true, nil): break
        }
        contact += student.portfolioLinks.map(MarkdownText.link)
        if !contact.isEmpty { blocks.append(contact.joined(separator: " · ")) }
        blocks.append(summary + ".")

        let skills = skills
        if !skills.isEmpty {
            blocks.append("## Skills")
            blocks.append(skills.map(Self.skillItem).joined(separator: "\n"))
        }

        blocks.append("## Micro-internships")
        if entries.isEmpty { blocks.append("None completed yet.") }
        for entry in entries { blocks += Self.entryBlocks(entry) }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private static func skillItem(_ skill: PortfolioSkill) -> String {
        var item = "- " + MarkdownText.line(skill.name)
        if let level = skill.level { item += " (\(level.rawValue))" }
        if !skill.shownIn.isEmpty { item += " — shown in " + skill.shownIn.map(MarkdownText.line).joined(separator: "; ") }
        return item
    }

    private static func entryBlocks(_ entry: PortfolioEntry) -> [String] {
        let opportunity = entry.opportunity
        var blocks = ["### " + MarkdownText.line(opportunity.title) + " — " + MarkdownText.line(opportunity.organization)]

        var facts: [String] = []
        switch (entry.startedOn, entry.completedOn) {
        case (let started?, let completed?): facts.append("\(started) – \(completed)")
        case (nil, let completed?): facts.append("Completed \(completed)")
        case (let started?, nil): facts.append("Started \(started)")
        case (nil, nil): break
        }
        facts.append(opportunity.hours == 1 ? "1 hour" : "\(opportunity.hours) hours")
        facts.append(opportunity.field.label)
        blocks.append(facts.joined(separator: " · "))

        let brief = entry.briefSummary
        if !brief.isEmpty { blocks.append(MarkdownText.block(brief)) }
        if !entry.skillsGained.isEmpty {
            blocks.append("Skills gained: " + entry.skillsGained.map(MarkdownText.line).joined(separator: ", "))
        }
        if !opportunity.deliverables.isEmpty {
            blocks.append("Deliverables:")
            blocks.append(opportunity.deliverables.map { "- " + MarkdownText.line($0) }.joined(separator: "\n"))
        }
        if let link = entry.deliverableLink, !link.isEmpty {
            blocks.append("Work: " + MarkdownText.link(link))
        }
        if let feedback = entry.fromOrganization {
            var quote = ["\(feedback.ratingText) from " + MarkdownText.line(opportunity.organization)]
            if let strengths = nonEmpty(feedback.strengths) { quote.append("Strengths: " + MarkdownText.block(strengths)) }
            if let improvements = nonEmpty(feedback.improvements) { quote.append("To improve: " + MarkdownText.block(improvements)) }
            if let comment = nonEmpty(feedback.comment) { quote.append(MarkdownText.block(comment)) }
            blocks.append(MarkdownText.quoted(quote.joined(separator: "\n\n")))
        }
        return blocks
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}

/// Untrusted text made inert for Markdown: controls, bidi and invisible characters become the
/// visible placeholders the screen shows (TernText's `Sanitizer`), and whatever CommonMark or GitHub Markdown would read as markup is
/// backslash-escaped, so it renders as the characters themselves.
///
/// ```swift
/// MarkdownText.line("# Evil [x](http://e)")   // "\\# Evil \\[x\\](http://e)"
/// ```
public enum MarkdownText {
    /// Characters escaped wherever they appear: emphasis, code, links and images, headings,
    /// raw HTML and autolinks, tables, strikethrough, and the escape character itself.
    static let alwaysEscaped: Set<Character> = ["\\", "`", "*", "_", "[", "]", "#", "<", ">", "|", "~"]

    /// One line of inline text: line breaks become `^J`/`^M` placeholders, so it can never start
    /// a new block.
    public static func line(_ text: String) -> String {
        escapeLine(Sanitizer.line(text))
    }

    /// Multi-line text (a brief, feedback): line breaks are kept, each line escaped as a line and
    /// stripped of leading indentation (which would otherwise turn it into a code block).
    public static func block(_ text: String) -> String {
        Sanitizer.block(text)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { escapeLine(String($0)) }
            .joined(separator: "\n")
    }

    /// A live autolink for a plain http(s) URL; any other text, escaped, never linked.
    public static func link(_ text: String) -> String {
        WebLink.isLinkable(text) ? "<\(text)>" : line(text)
    }

    /// Markdown `text` (already escaped) as a block quote.
    static func quoted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">" : "> " + $0 }
            .joined(separator: "\n")
    }

    private static func escapeLine(_ text: String) -> String {
        // Leading spaces could make an indented code block; a reader loses nothing without them.
        let characters = Array(text.drop { $0 == " " })
        // What only means something at the start of a line: list bullets, setext underlines,
        // and ordered-list numbers ("1984. A year" would become a list item).
        var startMarker: Int? = nil
        if let first = characters.first, "-+=".contains(first) {
            startMarker = 0
        } else if let end = characters.firstIndex(where: { !($0.isASCII && $0.isNumber) }), (1...9).contains(end),
                  characters[end] == "." || characters[end] == ")" {
            startMarker = end
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for (index, character) in characters.enumerated() {
            if index == startMarker || alwaysEscaped.contains(character) || startsReference(characters, at: index) {
                out.append("\\")
            }
            out.append(character)
        }
        return out
    }

    /// Whether an "&" starts what a renderer would decode into a character ("&#x202E;", "&amp;"),
    /// as opposed to an ordinary ampersand ("Q&A", "R & D").
    private static func startsReference(_ characters: [Character], at index: Int) -> Bool {
        guard characters[index] == "&", index + 1 < characters.count else { return false }
        if characters[index + 1] == "#" { return true }
        var end = index + 1
        while end < characters.count, end - index <= 32, characters[end].isASCII, characters[end].isLetter || characters[end].isNumber {
            end += 1
        }
        return end > index + 1 && end < characters.count && characters[end] == ";"
    }
}
