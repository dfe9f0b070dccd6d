import ArgumentParser
import TernCatalogue

/// What `tern postings list` and `tern organizations list` both take: which decision to show,
/// and JSON for scripts.
struct ReviewListOptions: ParsableArguments {
    @Option(help: "pending, approved or declined (default: all).")
    var status: Approval?

    @Flag(help: "A JSON array for scripts.")
    var json = false

    var approval: Approval? { status }
}
