/// A student's profile: who they are, what they can do, what they want, how much time they have.
///
/// ```swift
/// let me = try catalogue.student(username: "aokafor")
/// me?.skills.map(\.name)   // ["Python", "SQL"]
/// ```
public struct Student: Sendable, Hashable {
    public var id: Int64?
    /// The student's OS login, which is how Tern knows who is at the terminal.
    public var username: String
    public var name: String
    public var email: String
    public var program: String
    public var graduationYear: Int?
    public var skills: [StudentSkill]
    public var interests: [Field]
    public var hoursPerWeek: Int
    public var portfolioLinks: [String]
    /// FERPA directory opt-out: never list or show this student to anyone but themselves and staff.
    public var directoryOptOut: Bool
    public var version: Int

    public init(id: Int64? = nil, username: String, name: String, email: String, program: String = "",
                graduationYear: Int? = nil, skills: [StudentSkill] = [], interests: [Field] = [],
                hoursPerWeek: Int = 0, portfolioLinks: [String] = [], directoryOptOut: Bool = false, version: Int = 1) {
        self.id = id
        self.username = username
        self.name = name
        self.email = email
        self.program = program
        self.graduationYear = graduationYear
        self.skills = skills
        self.interests = interests
        self.hoursPerWeek = hoursPerWeek
        self.portfolioLinks = portfolioLinks
        self.directoryOptOut = directoryOptOut
        self.version = version
    }
}

public struct StudentSkill: Sendable, Hashable, Codable {
    public var name: String
    public var level: SkillLevel

    public init(name: String, level: SkillLevel) {
        self.name = name
        self.level = level
    }
}
