import Foundation
import TernCatalogue

/// The profile form's values as typed: skills as "Python (advanced), SQL" so they can be edited
/// on one line.
public struct ProfileDraft: Sendable, Equatable {
    public var skills: String
    public var interests: Set<Field>
    public var hoursPerWeek: String

    public init(skills: String, interests: Set<Field>, hoursPerWeek: String) {
        self.skills = skills
        self.interests = interests
        self.hoursPerWeek = hoursPerWeek
    }

    public init(_ student: Student) {
        skills = student.skills.map { $0.level == .intermediate ? $0.name : "\($0.name) (\($0.level.rawValue))" }
            .joined(separator: ", ")
        interests = Set(student.interests)
        hoursPerWeek = "\(student.hoursPerWeek)"
    }

    /// A draft the student must fix, naming the field.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// The skills typed: "Name" or "Name (level)", comma-separated. A skill without a level is
    /// intermediate, the level most students claim.
    public func parsedSkills() throws(Invalid) -> [StudentSkill] {
        var result: [StudentSkill] = []
        for part in skills.split(separator: ",") {
            var text = part.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            var level = SkillLevel.intermediate
            if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
                let word = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces).lowercased()
                guard let parsed = SkillLevel(rawValue: word) else {
                    let levels = SkillLevel.allCases.map(\.rawValue).joined(separator: ", ")
                    throw Invalid(description: "Skills: \"\(word)\" is not a level (use \(levels))")
                }
                level = parsed
                text = text[..<open].trimmingCharacters(in: .whitespaces)
            }
            guard !text.isEmpty, text.count <= 60 else { throw Invalid(description: "Skills: each skill needs a name of at most 60 characters") }
            result.append(StudentSkill(name: text, level: level))
        }
        return result
    }

    public func parsedHours() throws(Invalid) -> Int {
        guard let hours = Int(hoursPerWeek.trimmingCharacters(in: .whitespaces)), (0...80).contains(hours) else {
            throw Invalid(description: "Hours per week: enter a whole number from 0 to 80")
        }
        return hours
    }
}

/// The student's own profile: reading it and saving edits. Saving checks the version read, so
/// an edit made meanwhile elsewhere (another terminal, staff) is never silently overwritten.
///
/// ```swift
/// let profile = ProfileViewModel(catalogue: catalogue, session: session)
/// try profile.reload()
/// var draft = ProfileDraft(profile.student!)
/// draft.hoursPerWeek = "12"
/// try profile.save(draft)
/// ```
public final class ProfileViewModel {
    let catalogue: Catalogue
    let session: StudentSession
    public private(set) var student: Student?
    /// The completed micro-internships with their feedback and skills gained.
    public private(set) var portfolio: [PortfolioEntry] = []
    /// Who at the career center saw or changed the student's records, newest first (FERPA's
    /// record of disclosures; `tern audit --mine` lists them all).
    public private(set) var disclosures: [Disclosure] = []

    public init(catalogue: Catalogue, session: StudentSession) {
        self.catalogue = catalogue
        self.session = session
    }

    public func reload() throws {
        student = try session.username.flatMap { try catalogue.student(username: $0) }
        portfolio = try session.username.map { try catalogue.portfolio(ofStudent: $0) } ?? []
        disclosures = try session.username.map { try catalogue.disclosures(ofStudent: $0) } ?? []
    }

    /// Saves `draft` over the profile last read. A conflict reloads the profile and rethrows so
    /// the screen can say so.
    @discardableResult
    public func save(_ draft: ProfileDraft, now: Date = Date()) throws -> Student {
        guard let username = session.username, let student else {
            throw CatalogueError.notPermitted("guests have no profile")
        }
        let skills = try draft.parsedSkills()
        let hours = try draft.parsedHours()
        do {
            let saved = try catalogue.updateProfile(of: username, skills: skills, interests: Field.allCases.filter(draft.interests.contains),
                                                    hoursPerWeek: hours, expectedVersion: student.version, now: now)
            self.student = saved
            return saved
        } catch let error as CatalogueError {
            if case .versionConflict = error { try reload() }
            throw error
        }
    }
}
