import Foundation
import TernStore

/// A student's portfolio: their profile and the micro-internships they completed, ready to be
/// rendered as a JSON Resume or Markdown (see ``render(_:)``).
///
/// ```swift
/// let portfolio = try await Portfolio.load(store: store, session: session)
/// print(portfolio.render(.markdown))
/// ```
public struct Portfolio: Sendable, Hashable {
    public var student: Student
    /// Completed micro-internships, most recently completed first.
    public var entries: [PortfolioEntry]
    /// When the portfolio was read; the JSON Resume's `meta.lastModified`.
    public var generatedAt: Date

    public init(student: Student, entries: [PortfolioEntry], generatedAt: Date) {
        self.student = student
        self.entries = entries
        self.generatedAt = generatedAt
    }

    /// Reads the session's student and their completed work. A guest has no portfolio.
    public static func load(store: any StudentStore, session: StudentSession, now: Date = Date()) async throws -> Portfolio {
        guard let username = session.username else { throw PortfolioError.guest }
        guard let student = try await store.student(username: username) else { throw PortfolioError.noProfile(username) }
        return Portfolio(student: student, entries: try await store.portfolio(ofStudent: username), generatedAt: now)
    }

    /// The portfolio from what was read for `username` (a command line reading synchronously).
    public static func assemble(username: String, student: Student?, entries: @autoclosure () throws -> [PortfolioEntry], now: Date = Date()) throws -> Portfolio {
        guard let student else { throw PortfolioError.noProfile(username) }
        return Portfolio(student: student, entries: try entries(), generatedAt: now)
    }

    /// Estimated hours of all the completed listings together.
    public var totalHours: Int { entries.reduce(0) { $0 + $1.opportunity.hours } }

    /// "2 completed micro-internships, 25 hours".
    public var summary: String {
        switch entries.count {
        case 0: "No completed micro-internships yet"
        case 1: "1 completed micro-internship, \(totalHours) hours"
        default: "\(entries.count) completed micro-internships, \(totalHours) hours"
        }
    }

    /// The profile's skills (with the student's own level), then skills organizations saw the
    /// student use that the profile does not list; each with the micro-internships it was shown in.
    public var skills: [PortfolioSkill] {
        var shownIn: [String: [String]] = [:]
        var spelling: [String: String] = [:]
        for entry in entries {
            for skill in entry.skillsGained {
                let key = skill.lowercased()
                spelling[key] = spelling[key] ?? skill
                if shownIn[key]?.contains(entry.opportunity.title) != true {
                    shownIn[key, default: []].append(entry.opportunity.title)
                }
            }
        }
        let listed = student.skills.map { PortfolioSkill(name: $0.name, level: $0.level, shownIn: shownIn[$0.name.lowercased()] ?? []) }
        let profileKeys = Set(student.skills.map { $0.name.lowercased() })
        let gained = spelling.filter { !profileKeys.contains($0.key) }
            .sorted { $0.key < $1.key }
            .map { PortfolioSkill(name: $0.value, level: nil, shownIn: shownIn[$0.key] ?? []) }
        return listed + gained
    }
}

/// A skill as a portfolio lists it.
public struct PortfolioSkill: Sendable, Hashable {
    public var name: String
    /// The student's own rating; nil for a skill only an organization's feedback names.
    public var level: SkillLevel?
    /// Titles of the completed micro-internships in which an organization saw the skill used.
    public var shownIn: [String]
}

/// Why there is no portfolio to show.
public enum PortfolioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nobody is signed in: the login matched no student.
    case guest
    /// The session names a student the catalogue no longer has.
    case noProfile(String)

    public var description: String {
        switch self {
        case .guest: "a portfolio needs a student profile; this login matches none"
        case .noProfile(let username): "no student profile for \(username)"
        }
    }
}
