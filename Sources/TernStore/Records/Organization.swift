/// A company, nonprofit, campus office or startup that posts micro-internships.
public struct Organization: Codable, Sendable, Hashable {

    public var id: Int64?
    public var name: String
    public var kind: OrganizationKind
    public var website: String?
    public var contactEmail: String?
    public var description: String
    public var verified: Bool
    /// Staff review: students see listings only from organizations that are not declined, and a
    /// new organization starts pending (its first listing is always reviewed).
    public var approval: Approval
    /// Its new listings are approved on arrival.
    public var trusted: Bool
    public var createdAt: String

    public init(id: Int64? = nil, name: String, kind: OrganizationKind, website: String? = nil,
                contactEmail: String? = nil, description: String = "", verified: Bool = false, approval: Approval = .pending, trusted: Bool = false, createdAt: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.website = website
        self.contactEmail = contactEmail
        self.description = description
        self.verified = verified
        self.approval = approval
        self.trusted = trusted
        self.createdAt = createdAt
    }

    package enum CodingKeys: String, CodingKey {
        case id, name, kind, website, contactEmail, description, verified, approval, trusted, createdAt
    }

}

/// A staff member of the career center.
public struct StaffMember: Codable, Sendable, Hashable {
    public var id: Int64?
    public var username: String
    public var name: String
    public var role: StaffRole

    public init(id: Int64? = nil, username: String, name: String, role: StaffRole) {
        self.id = id
        self.username = username
        self.name = name
        self.role = role
    }

}
