import ArgumentParser
import Foundation
import TernCatalogue
import TernText

/// `tern staff`: who the career-center staff are. Staff work; the catalogue file's owner adds
/// the first staff member (they could rewrite the file anyway).
struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, add and remove staff (staff, or the catalogue file's owner).",
        subcommands: [StaffList.self, StaffAdd.self, StaffRemove.self])
}

struct StaffList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List staff by username.")
    @OptionGroup var catalogue: CatalogueOptions

    func run() throws {
        let (opened, _) = try catalogue.open(for: .manageStaff, readOnly: true)
        let members = try opened.staffMembers()
        guard !members.isEmpty else { try Output.line("no staff"); return }
        for member in members { try Output.line(Sanitizer.line("\(member.username)  \(member.name)  \(member.role.rawValue)")) }
    }
}

struct StaffAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a staff member by OS login.")
    @OptionGroup var catalogue: CatalogueOptions
    @Argument(help: "Their OS login.") var username: String
    @Option(help: ArgumentHelp("Their full name (default: the login).", valueName: "text")) var name: String?
    @Option(help: "advisor (default) or admin.") var role: String = StaffRole.advisor.rawValue

    func validate() throws {
        if StaffRole(rawValue: role) == nil { throw ValidationError("--role takes advisor or admin") }
    }

    func run() throws {
        let (opened, access) = try catalogue.open(for: .manageStaff)
        try opened.addStaff(username: username, name: name, role: StaffRole(rawValue: role)!, by: reviewer(access))
        try Output.line(Sanitizer.line("added \(username) as \(role)"))
    }
}

struct StaffRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a staff member.")
    @OptionGroup var catalogue: CatalogueOptions
    @Argument(help: "Their OS login.") var username: String

    func run() throws {
        let (opened, access) = try catalogue.open(for: .manageStaff)
        try opened.removeStaff(username: username, by: reviewer(access))
        try Output.line(Sanitizer.line("removed \(username) from staff"))
    }
}
