import ArgumentParser
import Foundation
import TernCatalogue

/// `tern apply REF`: apply to a listing from a script or a shell, as yourself.
struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply to a listing as yourself (the student your OS login is).",
        discussion: "The same rules as the apply form: the listing must be open and before its deadline, and you may apply once.")

    @OptionGroup var catalogue: CatalogueOptions

    @Argument(help: "The listing's ref (as `tern search --json` shows it).")
    var ref: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Hours you offer (1 to 400).", valueName: "H"))
    var hours: Int

    @Option(help: ArgumentHelp("A cover note.", valueName: "text"))
    var note: String = ""

    @Option(help: ArgumentHelp("A link to your portfolio (http or https).", valueName: "url"))
    var link: String?

    @Option(help: ArgumentHelp("Staff only (or the owner of a personal catalogue): apply for this student.", valueName: "name"))
    var user: String?

    func validate() throws {
        guard (1...400).contains(hours) else { throw ValidationError("--hours takes 1 to 400") }
    }

    func run() throws {
        let opened = try catalogue.openStore(for: .apply, actingFor: user)
        let store = opened.store
        guard let student = opened.access.student else { throw Failure("only students apply") }
        // A listing students may not see (pending, declined, a draft) is refused in the same
        // words as one that does not exist, naming the ref typed: neither its internal id nor
        // that it exists is given away.
        let unknown = Failure("no listing with the ref \(ref)")
        let ref = ref, note = note, link = link, hours = hours
        guard let listing = try waitFor({ try await store.opportunity(ref: ref) }), let id = listing.id else { throw unknown }
        let application: Application
        do {
            application = try waitFor {
                try await store.apply(as: student, to: id, coverNote: note, portfolioLink: link, hoursOffered: hours, now: Date())
            }
        } catch CatalogueError.notFound(let what) where what == "listing \(id)" {
            throw unknown
        }
        try Output.line("applied to \(listing.title) as \(student): application \(application.id), \(application.status.rawValue)")
    }
}
