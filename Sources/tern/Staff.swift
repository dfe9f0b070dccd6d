import ArgumentParser
import Foundation
import TernCatalogue
import TernPostgres
import TernStore
import TernText

/// `tern staff`: who the career-center staff are, and their roles. An admin's work; the catalogue
/// file's owner adds the first staff member (they could rewrite the file anyway).
struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, add and remove staff, and change their roles (admins, or the catalogue file's owner).",
        discussion: "Advisors triage and review; admins also manage staff, settings, trust, backups, imports and exports of people. See README: Who may do what.",
        subcommands: [StaffList.self, StaffAdd.self, StaffRemove.self, StaffRoleCommand.self])
}

extension StaffRole: ExpressibleByArgument {}

struct StaffList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List staff by username.")
    @OptionGroup var catalogue: CatalogueOptions

    func run() throws {
        let members: [StaffMember]
        if let postgres = try catalogue.openServer(for: .listStaff, readOnly: true) {
            members = try waitFor { try await postgres.catalogue.staffMembers() }
        } else {
            members = try catalogue.open(for: .listStaff, readOnly: true).0.staffMembers()
        }
        guard !members.isEmpty else { try Output.line("no staff"); return }
        for member in members { try Output.line(Sanitizer.line("\(member.username)  \(member.name)  \(member.role.rawValue)")) }
    }
}

struct StaffAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a staff member by OS login.")
    @OptionGroup var catalogue: CatalogueOptions
    @Argument(help: "Their OS login.") var username: String
    @Option(help: ArgumentHelp("Their full name (default: the login).", valueName: "text")) var name: String?
    @Option(help: ArgumentHelp("advisor (the default) or admin.", valueName: "role")) var role: StaffRole = .advisor
    @Flag(name: .customLong("also-student"), help: "The account is also a student's, and is meant to be staff as well.")
    var alsoStudent = false

    func run() throws {
        if let postgres = try catalogue.openServer(for: .manageStaff) {
            let username = username, name = name, role = role, alsoStudent = alsoStudent, by = reviewer(postgres.access)
            try waitFor { try await postgres.catalogue.addStaff(username: username, name: name, role: role, alsoStudent: alsoStudent, by: by) }
        } else {
            let (opened, access) = try catalogue.open(for: .manageStaff)
            try opened.addStaff(username: username, name: name, role: role, alsoStudent: alsoStudent, by: reviewer(access))
        }
        try Output.line(Sanitizer.line("added \(username) as \(role.withArticle)"))
    }
}

struct StaffRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a staff member (never the last admin).")
    @OptionGroup var catalogue: CatalogueOptions
    @Argument(help: "Their OS login.") var username: String

    func run() throws {
        if let postgres = try catalogue.openServer(for: .manageStaff) {
            let username = username, by = reviewer(postgres.access)
            try waitFor { try await postgres.catalogue.removeStaff(username: username, by: by) }
        } else {
            let (opened, access) = try catalogue.open(for: .manageStaff)
            try opened.removeStaff(username: username, by: reviewer(access))
        }
        try Output.line(Sanitizer.line("removed \(username) from staff"))
    }
}

struct StaffRoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "role", abstract: "Change a staff member's role (never the last admin's).")
    @OptionGroup var catalogue: CatalogueOptions
    @Argument(help: "Their OS login.") var username: String
    @Argument(help: ArgumentHelp("advisor or admin.", valueName: "role")) var role: StaffRole

    func run() throws {
        if let postgres = try catalogue.openServer(for: .manageStaff) {
            let username = username, role = role, by = reviewer(postgres.access)
            try waitFor { try await postgres.catalogue.setStaffRole(username: username, to: role, by: by) }
        } else {
            let (opened, access) = try catalogue.open(for: .manageStaff)
            try opened.setStaffRole(username: username, to: role, by: reviewer(access))
        }
        try Output.line(Sanitizer.line("\(username) is now \(role.withArticle)"))
    }
}
