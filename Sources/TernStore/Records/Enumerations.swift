/// The closed vocabularies of the catalogue, spelled in snake_case in SQL, JSON and CSV.

/// The area of work of a listing, and of a student's interests.
public enum Field: String, CaseIterable, Codable, Sendable, Comparable {
    case marketing, software
    case dataAnalysis = "data_analysis"
    case design, writing, research
    case socialMedia = "social_media"
    case hr, finance, sales, nonprofit
    case dataEntry = "data_entry"
    case product, education

    public var label: String {
        switch self {
        case .marketing: "Marketing"
        case .software: "Software"
        case .dataAnalysis: "Data analysis"
        case .design: "Design"
        case .writing: "Writing"
        case .research: "Research"
        case .socialMedia: "Social media"
        case .hr: "HR"
        case .finance: "Finance"
        case .sales: "Sales & leads"
        case .nonprofit: "Nonprofit"
        case .dataEntry: "Data entry"
        case .product: "Product"
        case .education: "Education"
        }
    }

    public static func < (a: Field, b: Field) -> Bool { a.rawValue < b.rawValue }
}

public enum OrganizationKind: String, CaseIterable, Codable, Sendable {
    case company, nonprofit
    case campusOffice = "campus_office"
    case startup
}

/// A listing's life: drafts are invisible to students; only `open` listings take applications.
public enum OpportunityStatus: String, CaseIterable, Codable, Sendable {
    case draft, open, closed, filled, archived
}

public enum Schedule: String, CaseIterable, Codable, Sendable {
    case flexible, fixed
}

public enum CompensationKind: String, CaseIterable, Codable, Sendable {
    case fixedFee = "fixed_fee"
    case hourly, stipend
    case academicCredit = "academic_credit"
    case certificate, unpaid

    /// Paid means money changes hands; credit and certificates are valuable but not pay.
    public var isPaid: Bool { self == .fixedFee || self == .hourly || self == .stipend }

    public var label: String {
        switch self {
        case .fixedFee: "Fixed fee"
        case .hourly: "Hourly"
        case .stipend: "Stipend"
        case .academicCredit: "Academic credit"
        case .certificate: "Certificate"
        case .unpaid: "Unpaid"
        }
    }
}

public enum LocationKind: String, CaseIterable, Codable, Sendable {
    case remote
    case onSite = "on_site"
    case hybrid

    public var label: String {
        switch self {
        case .remote: "Remote"
        case .onSite: "On site"
        case .hybrid: "Hybrid"
        }
    }
}

public enum SkillLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case beginner, intermediate, advanced, expert

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: SkillLevel, b: SkillLevel) -> Bool { a.rank < b.rank }
}

public enum StaffRole: String, CaseIterable, Codable, Sendable {
    case advisor, admin
}

/// Staff-only notes never reach a student's screen.
public enum Visibility: String, CaseIterable, Codable, Sendable {
    case shared, staff
}
