import Foundation
import TernStore
import TernText

/// The portfolio as a JSON Resume v1.0.0 document. Fields the schema marks `format: uri` get
/// only links that are real http(s) URLs; optional fields with nothing to say are left out.
extension Portfolio {
    static let jsonResumeSchema = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"

    func jsonResume() -> JSONText {
        var document: [(String, JSONText)] = [("$schema", .string(Self.jsonResumeSchema)), ("basics", basics())]
        if let education = education() { document.append(("education", .array([education]))) }
        document.append(("skills", .array(skills.map(Self.skill))))
        document.append(("projects", .array(entries.map(Self.project))))
        document.append(("meta", .object([
            ("version", .string("v1.0.0")),
            ("lastModified", .string(Self.timestamp(generatedAt))),
        ])))
        return .object(document)
    }

    private func basics() -> JSONText {
        let links = student.portfolioLinks.filter(WebLink.isLinkable)
        var basics: [(String, JSONText)] = [("name", .string(student.name))]
        if !student.program.isEmpty { basics.append(("label", .string(student.program))) }
        if !student.email.isEmpty { basics.append(("email", .string(student.email))) }
        if let first = links.first { basics.append(("url", .string(first))) }
        basics.append(("summary", .string(summary)))
        if !links.isEmpty {
            basics.append(("profiles", .array(links.map { link in
                .object([("network", .string(WebLink.host(link) ?? link)), ("url", .string(link))])
            })))
        }
        return .object(basics)
    }

    private func education() -> JSONText? {
        var education: [(String, JSONText)] = []
        if !student.program.isEmpty { education.append(("area", .string(student.program))) }
        if let year = student.graduationYear, (1000...2999).contains(year) { education.append(("endDate", .string(String(year)))) }
        return education.isEmpty ? nil : .object(education)
    }

    private static func skill(_ skill: PortfolioSkill) -> JSONText {
        var members: [(String, JSONText)] = [("name", .string(skill.name))]
        if let level = skill.level { members.append(("level", .string(level.label))) }
        members.append(("keywords", .array(skill.shownIn.map(JSONText.string))))
        return .object(members)
    }

    private static func project(_ entry: PortfolioEntry) -> JSONText {
        var highlights = entry.opportunity.deliverables.map(JSONText.string)
        if let feedback = entry.fromOrganization {
            let words = [feedback.strengths, feedback.comment].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
                .first { !$0.isEmpty }
            highlights.append(.string("Feedback: \(feedback.ratingText)" + (words.map { " — \($0)" } ?? "")))
        }
        var project: [(String, JSONText)] = [
            ("name", .string(entry.opportunity.title)),
            ("entity", .string(entry.opportunity.organization)),
            ("type", .string("micro-internship")),
            ("description", .string(entry.briefSummary)),
            ("highlights", .array(highlights)),
            ("keywords", .array(entry.skillsGained.map(JSONText.string))),
        ]
        if let started = entry.startedOn { project.append(("startDate", .string(started.description))) }
        if let completed = entry.completedOn { project.append(("endDate", .string(completed.description))) }
        if let link = entry.deliverableLink, WebLink.isLinkable(link) { project.append(("url", .string(link))) }
        project.append(("roles", .array([.string("Micro-intern")])))
        return .object(project)
    }

    /// `YYYY-MM-DDThh:mm:ssZ` in UTC, as the schema's `lastModified` asks.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
