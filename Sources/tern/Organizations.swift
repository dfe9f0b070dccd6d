import ArgumentParser
import Foundation
import TernCatalogue
import TernText

/// `tern organizations`: staff review of the organizations that post listings.
struct Organizations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review organizations (staff): list, approve, decline, trust.",
        discussion: "A trusted organization's new listings are approved on arrival. See README: Postings and organizations.",
        subcommands: [OrganizationsList.self, OrganizationsApprove.self, OrganizationsDecline.self, OrganizationsTrust.self])
}

struct OrganizationsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List organizations by name.")

    @OptionGroup var catalogue: CatalogueOptions

    @OptionGroup var review: ReviewListOptions

    func run() throws {
        let store = try catalogue.openStore(for: .reviewPostings, readOnly: true).store
        let approval = review.approval
        let organizations = try waitFor { try await store.organizations(approval: approval) }
        if review.json {
            let document = JSONText.array(organizations.map { org in
                .object([("name", .string(org.name)), ("approval", .string(org.approval.rawValue)), ("trusted", .bool(org.trusted)),
                         ("website", .optional(org.website)), ("contact_email", .optional(org.contactEmail)),
                         ("pending_listings", .integer(org.pendingListings)), ("approved_listings", .integer(org.approvedListings)),
                         ("version", .integer(org.version))])
            })
            try Output.line(document.rendered())
            return
        }
        guard !organizations.isEmpty else { try Output.line("no organizations"); return }
        for org in organizations {
            try Output.line(Sanitizer.line("\(org.approval.rawValue)\(org.trusted ? " trusted" : "")  \(org.name)  (\(org.pendingListings) pending, \(org.approvedListings) approved listings)"))
        }
    }
}

struct OrganizationsApprove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve an organization (its listings are still reviewed).")

    @OptionGroup var catalogue: CatalogueOptions
    @Argument(help: "The organization's name.") var name: String
    @Option(help: ArgumentHelp("A note kept with the decision.", valueName: "text")) var note: String?
    @OptionGroup var expected: ExpectedReviewVersion

    func run() throws {
        let opened = try catalogue.openStore(for: .reviewPostings)
        let store = opened.store, name = name, note = note, version = expected.version, by = reviewer(opened.access)
        
        try waitFor { try await store.approveOrganization(name, note: note, expectedVersion: version, by: by, now: Date()) }
        try Output.line(Sanitizer.line("approved \(name)"))
    }
}

struct OrganizationsDecline: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decline", abstract: "Decline an organization and its pending listings.")

    @OptionGroup var catalogue: CatalogueOptions
    @Argument(help: "The organization's name.") var name: String
    @Option(help: ArgumentHelp("Why: \(DeclineReason.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "reason")) var reason: DeclineReason
    @Option(help: ArgumentHelp("A note kept with the decision (required with --reason other).", valueName: "text")) var note: String?
    @OptionGroup var expected: ExpectedReviewVersion


    func run() throws {
        let opened = try catalogue.openStore(for: .reviewPostings)
        let store = opened.store, name = name, note = note, version = expected.version, by = reviewer(opened.access)
        let reason = reason
        try waitFor { try await store.declineOrganization(name, reason: reason, note: note, expectedVersion: version, by: by, now: Date()) }
        try Output.line(Sanitizer.line("declined \(name): \(reason.label)"))
    }
}

struct OrganizationsTrust: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trust", abstract: "Trust an organization: its new listings are approved on arrival.")

    @OptionGroup var catalogue: CatalogueOptions
    @Argument(help: "The organization's name.") var name: String
    @Option(help: ArgumentHelp("A note kept with the decision.", valueName: "text")) var note: String?
    @OptionGroup var expected: ExpectedReviewVersion

    func run() throws {
        let opened = try catalogue.openStore(for: .trustOrganizations)
        let store = opened.store, name = name, note = note, version = expected.version, by = reviewer(opened.access)
        
        try waitFor { try await store.trustOrganization(name, note: note, expectedVersion: version, by: by, now: Date()) }
        try Output.line(Sanitizer.line("trusted \(name)"))
    }
}

/// `--expect-version V`: the decision is refused, saying who changed what and when, if the
/// organization is no longer at the version the reviewer read (`organizations list --json`).
struct ExpectedReviewVersion: ParsableArguments {
    @Option(name: .customLong("expect-version"), help: ArgumentHelp("The version you read (list --json); refused if it changed since.", valueName: "n"))
    var version: Int?
}
