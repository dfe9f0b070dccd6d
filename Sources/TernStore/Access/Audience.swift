/// Who may use a command or a screen. Every front-end command names one ``Operation``; its
/// audience is looked up here, in one table, and checked before the command does any work.
///
/// ```swift
/// Operation.importFile.audience   // .staff
/// Operation.importFile.role       // .admin
/// ```
public enum Audience: String, Sendable, CaseIterable {
    /// Anyone who can run tern: guests included. Never shows personal data.
    case anyone
    /// The student themself: their own applications, portfolio and profile.
    case student
    /// Career-center staff of the operation's ``Operation/role``; also the catalogue file's
    /// owner, who counts as an admin because they can rewrite the file anyway.
    case staff
}

/// Everything a front end does to the catalogue, each with its audience and, for staff work, the
/// role it needs: the "who may do what" table of the README, as code.
public enum Operation: String, Sendable, CaseIterable {
    case browse, search, check
    case createCatalogue
    case apply, portfolio, ownDisclosures, followUpdates
    case seed, importFile, exportListings, exportStudents, exportApplications, backup, restore, changeSettings
    case readStudentRecord, actForStudent
    case reviewPostings, trustOrganizations, listStaff, manageStaff, expireListings
    case listApplications, moveApplications, readAuditTrail, report
    case triageConsole
    case kiosk
    case migrateCatalogue
    case syncAccounts

    public var audience: Audience {
        switch self {
        case .browse, .search, .check, .createCatalogue, .kiosk: .anyone
        case .apply, .portfolio, .ownDisclosures, .followUpdates: .student
        case .seed, .importFile, .exportListings, .exportStudents, .exportApplications, .backup, .restore,
             .changeSettings, .migrateCatalogue, .syncAccounts, .readStudentRecord, .actForStudent, .reviewPostings, .trustOrganizations, .listStaff, .manageStaff,
             .expireListings, .listApplications, .moveApplications, .readAuditTrail, .report, .triageConsole: .staff
        }
    }

    /// The staff role staff work needs; nil for what anyone or a student may do. Advisors do the
    /// daily work on applications and postings; what changes who may do what, what the catalogue
    /// holds wholesale, or what discloses every student at once is an admin's.
    public var role: StaffRole? {
        guard audience == .staff else { return nil }
        switch self {
        case .moveApplications, .listApplications, .readStudentRecord, .actForStudent, .reviewPostings,
             .exportListings, .report, .triageConsole:
            return .advisor
        default:
            // Unlisted staff work is an admin's: a new operation is closed until someone decides.
            return .admin
        }
    }

    /// What it is, for the README's table and refusals ("import is for staff").
    public var summary: String {
        switch self {
        case .browse: "browse listings in the full-screen interface (as a guest, or as yourself)"
        case .search: "search listings"
        case .check: "check a catalogue's health"
        case .createCatalogue: "create a new catalogue (tern init)"
        case .apply: "apply, and act on your own applications"
        case .portfolio: "export your own portfolio"
        case .ownDisclosures: "see who at the career center saw your own records (tern audit --mine)"
        case .followUpdates: "read what changed on your own applications and saved listings (tern updates)"
        case .seed: "seed a catalogue"
        case .importFile: "import"
        case .exportListings: "export listings"
        case .exportStudents: "export students"
        case .exportApplications: "export applications"
        case .backup: "back up the catalogue"
        case .restore: "restore a backup"
        case .changeSettings: "change the catalogue's settings"
        case .migrateCatalogue: "copy the catalogue into PostgreSQL"
        case .syncAccounts: "give students and staff their PostgreSQL accounts"
        case .readStudentRecord: "read another student's records"
        case .actForStudent: "act for a student (--user)"
        case .reviewPostings: "review listings and organizations"
        case .trustOrganizations: "trust organizations"
        // Listing who the staff are is its own operation: refusing `tern staff list` must name
        // listing, not adding and removing.
        case .listStaff: "list staff and their roles"
        case .manageStaff: "add and remove staff and change their roles"
        case .expireListings: "close listings past their deadline"
        case .listApplications: "list applications for triage"
        case .moveApplications: "move applications (alone or in bulk) and add notes"
        case .readAuditTrail: "read the audit trail"
        case .report: "report on placements"
        case .triageConsole: "open the staff console (tern triage)"
        case .kiosk: "run the public kiosk (tern kiosk), read-only"
        }
    }
}

extension StaffRole {
    /// Whether this role may do work that needs `needed`: an admin does everything an advisor does.
    public func includes(_ needed: StaffRole) -> Bool {
        self == .admin || needed == .advisor
    }

    /// How a refusal names the role: "an advisor", "an admin".
    public var withArticle: String {
        switch self {
        case .advisor: "an advisor"
        case .admin: "an admin"
        }
    }

    /// The role's holders: "advisors", "admins".
    public var plural: String { rawValue + "s" }
}
