import Foundation
import TernStore

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

/// The student's own profile as one read: the record, the completed micro-internships with
/// their feedback and skills gained, and who at the career center saw or changed the student's
/// records, newest first (FERPA's record of disclosures; `tern audit --mine` lists them all).
public struct StudentProfile: Sendable, Equatable {
    public var student: Student?
    public var portfolio: [PortfolioEntry]
    public var disclosures: [Disclosure]

    public init(student: Student? = nil, portfolio: [PortfolioEntry] = [], disclosures: [Disclosure] = []) {
        self.student = student
        self.portfolio = portfolio
        self.disclosures = disclosures
    }
}

/// The student's own profile: reading it and saving edits. Saving checks the version read, so
/// an edit made meanwhile elsewhere (another terminal, staff) is never silently overwritten.
///
/// ```swift
/// let profile = try await ProfileViewModel.read(session: session, store: store)
/// var draft = ProfileDraft(profile.student!)
/// draft.hoursPerWeek = "12"
/// try await ProfileViewModel.save(draft, over: profile.student!, session: session, store: store)
/// ```
public enum ProfileViewModel {
    public static func read(session: StudentSession, store: any StudentStore) async throws -> StudentProfile {
        guard let username = session.username else { return StudentProfile() }
        return StudentProfile(student: try await store.student(username: username),
                              portfolio: try await store.portfolio(ofStudent: username),
                              disclosures: try await store.disclosures(ofStudent: username, limit: 1_000))
    }

    /// A draft checked, as the store takes it (what to fix is said by field).
    public static func check(_ draft: ProfileDraft) throws(ProfileDraft.Invalid) -> (skills: [StudentSkill], interests: [Field], hours: Int) {
        (try draft.parsedSkills(), Field.allCases.filter(draft.interests.contains), try draft.parsedHours())
    }

    /// Saves `draft` over `student` as last read; a profile changed since is refused
    /// (``CatalogueError/versionConflict(_:)``).
    @discardableResult
    public static func save(_ draft: ProfileDraft, over student: Student, session: StudentSession, store: any StudentStore,
                            now: Date = Date()) async throws -> Student {
        guard let username = session.username else { throw CatalogueError.notPermitted("guests have no profile") }
        let checked = try check(draft)
        return try await store.updateProfile(of: username, skills: checked.skills, interests: checked.interests,
                                             hoursPerWeek: checked.hours, expectedVersion: student.version, now: now)
    }
}
