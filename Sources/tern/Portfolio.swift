import ArgumentParser
import Foundation
import TernCatalogue
import TernText
import TernViewModels

/// `tern portfolio`: a student's completed micro-internships as a JSON Resume or Markdown file.
struct PortfolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract: "Export your completed micro-internships as a portfolio.",
        discussion: """
            Writes your profile and every completed micro-internship (dates, hours, deliverables, \
            skills gained, the organization's feedback) as Markdown (the default) or as a JSON Resume \
            v1.0.0 document (https://jsonresume.org/schema).
            """)

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: ArgumentHelp("Staff only (or the owner of a personal catalogue): export this student's portfolio. Everyone else exports their own, found by their OS login.", valueName: "name"))
    var user: String?

    @Option(help: ArgumentHelp("\(PortfolioFormat.allCases.map(\.rawValue).joined(separator: " or ")).", valueName: "format"))
    var format: PortfolioFormat = .markdown

    @Option(help: ArgumentHelp("Write to this file instead of stdout; it is replaced whole or not at all.", valueName: "file"))
    var output: String?

    func validate() throws {
        if let output, output.isEmpty { throw ValidationError("--output needs a file name") }
    }

    func run() throws {
        let opened = try catalogue.openStore(for: .portfolio, actingFor: user)
        let store = opened.store
        let student = try opened.access.student.flatMap { name in try waitFor { try await store.student(username: name) } }
        let session = try StudentSession(opened.access, student: { _ in student })
        guard let username = session.username else { throw PortfolioError.guest }
        let entries = try waitFor { try await store.portfolio(ofStudent: username) }
        let text = try Portfolio.assemble(username: username, student: student, entries: entries).render(format)
        guard let output else { return try Output.write(text) }
        // Written beside the destination and renamed over it: a reader never sees half a file.
        // The file is the user's, written with their own rights.
        try Installation.asUser { try Output.replaceFile(output, with: Data(text.utf8)) }
    }
}
