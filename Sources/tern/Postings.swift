import ArgumentParser
import Foundation
import TernCatalogue
import TernText

/// `tern postings`: staff review of listings: the queue, approve (in bulk), decline with a
/// reason, and the one resubmission a declined listing gets.
struct Postings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review listings (staff): list, approve, decline, resubmit.",
        discussion: "Students see a listing only once it is approved. See README: Postings and organizations.",
        subcommands: [PostingsList.self, PostingsApprove.self, PostingsDecline.self, PostingsResubmit.self])
}

/// The staff member acting, as the catalogue records them (the file's owner does staff work
/// under their own login).
func reviewer(_ access: Authorization) -> Actor {
    Actor(role: .staff, username: access.principal.account.displayName)
}

struct PostingsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List listings for review, newest first, with their flags.")

    @OptionGroup var catalogue: CatalogueOptions

    @OptionGroup var review: ReviewListOptions

    func run() throws {
        let store = try catalogue.openStore(for: .reviewPostings, readOnly: true).store
        let approval = review.approval
        let postings = try waitFor { try await store.postings(approval: approval, limit: nil) }
        if review.json {
            try Output.line(JSONText.array(postings.map(Self.json)).rendered())
            return
        }
        guard !postings.isEmpty else { try Output.line("no listings"); return }
        for posting in postings {
            var line = "\(posting.approval.rawValue)  \(posting.ref)  \(posting.title) — \(posting.organization)"
            if posting.organizationApproval != .approved { line += " (organization \(posting.organizationApproval.rawValue))" }
            if posting.organizationTrusted { line += " (trusted)" }
            line += "  [\(posting.status.rawValue), deadline \(posting.deadline)]"
            if let decision = posting.lastDecision, decision.decision == .declined, let reason = decision.reason {
                line += "  declined: \(reason.label)" + (decision.note.map { " — \($0)" } ?? "")
            }
            try Output.line(Sanitizer.line(line))
            for flag in posting.flags { try Output.line(Sanitizer.line("    flag: \(flag)")) }
        }
    }

    static func json(_ posting: PostingReview) -> JSONText {
        .object([
            ("ref", .string(posting.ref)), ("title", .string(posting.title)), ("organization", .string(posting.organization)),
            ("approval", .string(posting.approval.rawValue)), ("organization_approval", .string(posting.organizationApproval.rawValue)),
            ("organization_trusted", .bool(posting.organizationTrusted)), ("status", .string(posting.status.rawValue)),
            ("deadline", .string(posting.deadline.description)), ("posted_at", .string(posting.postedAt)),
            ("resubmitted", .bool(posting.resubmitted)), ("version", .integer(posting.version)),
            ("flags", .array(posting.flags.map { .string($0.description) })),
            ("decline_reason", .optional(posting.lastDecision?.decision == .declined ? posting.lastDecision?.reason?.rawValue : nil)),
            ("decision_note", .optional(posting.lastDecision?.note)),
        ])
    }
}

struct PostingsApprove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve pending listings, all or none.",
        discussion: "A listing of a pending organization approves the organization with it.")

    @OptionGroup var catalogue: CatalogueOptions

    @Argument(help: "Refs of the listings to approve.")
    var refs: [String]

    @Option(help: ArgumentHelp("A note kept with the decision.", valueName: "text"))
    var note: String?

    @Option(name: .customLong("expect-version"), help: ArgumentHelp("With one ref: the version you read (postings list --json); refused if it changed since.", valueName: "n"))
    var expectVersion: Int?

    func validate() throws {
        if refs.isEmpty { throw ValidationError("name at least one listing to approve") }
        if expectVersion != nil && refs.count != 1 { throw ValidationError("--expect-version goes with one listing") }
    }

    func run() throws {
        let opened = try catalogue.openStore(for: .reviewPostings)
        let store = opened.store, refs = refs, note = note, by = reviewer(opened.access)
        let versions = expectVersion.map { [refs[0]: $0] } ?? [:]
        try waitFor { try await store.approve(refs, versions: versions, note: note, by: by, now: Date()) }
        try Output.line(Sanitizer.line("approved \(refs.count == 1 ? refs[0] : "\(refs.count) listings")"))
    }
}

struct PostingsDecline: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decline", abstract: "Decline a listing with a reason.")

    @OptionGroup var catalogue: CatalogueOptions

    @Argument(help: "The listing's ref.")
    var ref: String

    @Option(help: ArgumentHelp("Why: \(DeclineReason.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "reason"))
    var reason: DeclineReason

    @Option(help: ArgumentHelp("A note kept with the decision (required with --reason other).", valueName: "text"))
    var note: String?

    @Option(name: .customLong("expect-version"), help: ArgumentHelp("The version you read (postings list --json); refused if it changed since.", valueName: "n"))
    var expectVersion: Int?


    func run() throws {
        let opened = try catalogue.openStore(for: .reviewPostings)
        let store = opened.store, ref = ref, reason = reason, note = note, expectVersion = expectVersion, by = reviewer(opened.access)
        let summary = try waitFor {
            try await store.decline(ref, reason: reason, note: note, expectedVersion: expectVersion, by: by, now: Date())
        }
        try Output.line(Sanitizer.line("declined \(ref): \(reason.label)" + TakeDownSummary.sentence(summary)))
    }
}

struct PostingsResubmit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resubmit", abstract: "Put a declined listing back for review (once per listing).")

    @OptionGroup var catalogue: CatalogueOptions

    @Argument(help: "The listing's ref.")
    var ref: String

    @Option(help: ArgumentHelp("What the organization changed.", valueName: "text"))
    var note: String?

    func run() throws {
        let opened = try catalogue.openStore(for: .reviewPostings)
        let store = opened.store, ref = ref, note = note, by = reviewer(opened.access)
        try waitFor { try await store.resubmit(ref, note: note, expectedVersion: nil, by: by, now: Date()) }
        try Output.line(Sanitizer.line("resubmitted \(ref); it waits for review"))
    }
}
