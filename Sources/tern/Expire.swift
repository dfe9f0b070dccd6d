import ArgumentParser
import Foundation
import TernCatalogue

/// `tern expire`: close listings past their deadline and expire the applications still waiting
/// on them. Every command that writes does this first; this is for cron.
struct Expire: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Close listings past their deadline and expire their pending applications (staff; for cron).")

    @OptionGroup var catalogue: CatalogueOptions

    func run() throws {
        let opened = try catalogue.openStore(for: .expireListings, expire: false)
        // Every other command skips expiry on a catalogue it may only read; this one exists to
        // do it, and cron must hear that it could not.
        if let file = opened.file, file.isReadOnly {
            throw CatalogueError.notPermitted("you may only read \(file.path); no listing was closed")
        }
        let store = opened.store
        let done = try waitFor { try await store.closeExpired(now: Date()) }
        try Output.line("closed \(done.listingsClosed) listing\(done.listingsClosed == 1 ? "" : "s"), expired \(done.applicationsExpired) application\(done.applicationsExpired == 1 ? "" : "s")")
    }
}
