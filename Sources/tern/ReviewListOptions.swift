import ArgumentParser
import TernCatalogue

/// What `tern postings list` and `tern organizations list` both take: which decision to show,
/// and JSON for scripts.
struct ReviewListOptions: ParsableArguments {
    @Option(help: "pending, approved or declined (default: all).")
    var status: String?

    @Flag(help: "A JSON array for scripts.")
    var json = false

    var approval: Approval? { status.flatMap(Approval.init(rawValue:)) }

    func validate() throws {
        if let status, Approval(rawValue: status) == nil { throw ValidationError("--status takes pending, approved or declined") }
    }
}
