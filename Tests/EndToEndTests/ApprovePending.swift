import Foundation

extension TernProcess {
    /// Approves every listing waiting for review, through `tern postings` as the file's owner:
    /// imported listings reach students only once staff approve them (issue 10), and tests about
    /// searching or showing imported listings need them on the board.
    static func approvePending(db: String) throws {
        let pending = try run(["postings", "list", "--status", "pending", "--json", "--db", db])
        guard pending.status == 0 else { throw Failure(description: "postings list: \(pending.stderr)") }
        let rows = try JSONSerialization.jsonObject(with: Data(pending.stdout.utf8)) as? [[String: Any]] ?? []
        let refs = rows.compactMap { $0["ref"] as? String }
        guard !refs.isEmpty else { return }
        let approved = try run(["postings", "approve"] + refs + ["--db", db])
        guard approved.status == 0 else { throw Failure(description: "postings approve: \(approved.stderr)") }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }
}
