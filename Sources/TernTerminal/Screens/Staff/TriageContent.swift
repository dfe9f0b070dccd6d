import Foundation
import TernStore
import TernText
import TernViewModels

/// Turns the console's data into rows and text blocks: the one place that decides what an
/// application, a posting, an organization and the report look like on screen.
enum TriageContent {
    // MARK: Applications

    /// The queue's columns for a list `width` cells wide. Who is looking at a row comes before
    /// the organization (the detail names that): each is added only where the listing keeps its
    /// minimum, so neither depends on a guessed width (at 120x40 the queue is 69 cells).
    static func queueColumns(width: Int) -> [ListColumn] {
        let base = [ListColumn("", .fixed(1)), ListColumn("Waiting", .fixed(7), alignment: .right), ListColumn("Status", .fixed(12)),
                    ListColumn("Student", .fixed(16)), ListColumn("Listing", .flexible(min: 12))]
        let organization = ListColumn("Organization", .fixed(16)), claim = ListColumn("Looked at by", .fixed(14))
        for columns in [base + [organization, claim], base + [claim]] where minimumWidth(columns) <= width { return columns }
        return base
    }

    /// The narrowest list that shows `columns` whole: fixed widths, flexible minimums, one-space gaps.
    static func minimumWidth(_ columns: [ListColumn]) -> Int {
        columns.reduce(max(0, columns.count - 1)) { total, column in
            switch column.width {
            case .fixed(let width): total + width
            case .flexible(let minimum): total + minimum
            }
        }
    }

    /// "*" marks a marked row, ">" the start of a `v` range.
    static func queueCells(_ row: TriageRow, index: Int, columns: [ListColumn], marks: TriageMarks) -> [String] {
        columns.map { column in
            switch column.title {
            case "": marks.contains(row.id) ? "*" : marks.rangeAnchor == index ? ">" : " "
            case "Waiting": "\(row.waitingDays) d"
            case "Status": row.status.label
            case "Student": row.studentName
            case "Listing": row.opportunityTitle
            case "Organization": row.organization
            case "Looked at by": row.claimedBy ?? ""
            default: ""
            }
        }
    }

    /// "submitted 12 · under review 3 · delivered 1 · offers waiting 2".
    static func countsLine(_ counts: [ApplicationStatus: Int]) -> String {
        let order: [ApplicationStatus] = [.submitted, .underReview, .shortlisted, .offered, .accepted, .inProgress, .delivered, .completed,
                                          .rejected, .withdrawn, .offerDeclined, .expired]
        return order.compactMap { status in
            counts[status].map { "\(status == .offered && counts.count == 4 ? "offers waiting" : status.label.lowercased()) \($0)" }
        }.joined(separator: " · ")
    }

    static func applicationBlocks(_ state: TriageState) -> [TextBlock] {
        guard let row = state.queue.selectedRow else {
            return [.paragraph(state.queueCount == 0 && state.pattern.isEmpty && state.searchWords.isEmpty
                ? "Nothing needs action. New applications show here as they arrive."
                : "Nothing matches the limit. l changes it; an empty limit shows everything needing action.")]
        }
        var blocks: [TextBlock] = [
            .heading(row.opportunityTitle),
            .field(label: "Application", value: "\(row.id) (version \(row.version))"),
            .field(label: "Student", value: "\(row.studentName) (\(row.studentUsername))"),
            .field(label: "Organization", value: row.organization),
            .field(label: "Listing", value: row.opportunityRef + (row.field.map { " · \($0.label)" } ?? "")),
            .field(label: "Status", value: row.status.label, valueStyle: Style(.status(row.status), bold: true)),
            .field(label: "Waiting", value: "\(row.waitingDays) d since \(row.updatedAt.prefix(10))"),
        ]
        if let holder = row.claimedBy { blocks.append(.field(label: "Being looked at by", value: holder, valueStyle: .error)) }
        let moves = StaffMove.available(for: [row.status])
        if !moves.isEmpty {
            blocks.append(.field(label: "Moves", value: moves.map { "\(state.keyMap.keyNames(for: StaffAction($0))) \($0.label)" }.joined(separator: " · ")))
        }
        guard let file = state.file, file.row.id == row.id else {
            blocks += [.blank, .paragraph("enter opens it with its history (others then see you are looking at it); p shows the student's record; n adds a note")]
            return blocks
        }
        if let holder = file.heldBy { blocks.append(.field(label: "Opened by", value: "\(holder) too", valueStyle: .error)) }
        if !file.application.coverNote.isEmpty { blocks += [.blank, .heading("Cover note"), .paragraph(file.application.coverNote)] }
        blocks += [.blank, .heading("History (newest first)")]
        for event in file.events.reversed() { blocks.append(eventBlock(event)) }
        return blocks
    }

    /// One event: when, who, the move, its note; staff-only notes say so.
    static func eventBlock(_ event: ApplicationEvent) -> TextBlock {
        var what: [String] = []
        if let to = event.toStatus { what.append((event.fromStatus.map { "\($0.label) → " } ?? "") + to.label) }
        if let note = event.note { what.append(note) }
        let who = event.actorRole == .organization && event.enteredBy != nil
            ? "\(event.actorUsername) (entered by \(event.enteredBy!))"
            : "\(event.actorRole.rawValue) \(event.actorUsername)" + (event.onBehalfOf.map { " for \($0)" } ?? "")
        let tag = event.visibility == .staff ? "[staff only] " : ""
        return .field(label: String(event.at.prefix(16)).replacingOccurrences(of: "T", with: " "),
                      value: tag + what.joined(separator: ": ") + " — " + who, valueStyle: event.visibility == .staff ? .muted : .plain)
    }

    static func studentRecordBlocks(_ record: StudentRecord) -> [TextBlock] {
        let student = record.student
        var blocks: [TextBlock] = [
            .heading(student.name),
            .field(label: "Username", value: student.username),
            .field(label: "Email", value: student.email),
            .field(label: "Program", value: student.program + (student.graduationYear.map { ", \($0)" } ?? "")),
            .field(label: "Hours/week", value: "\(student.hoursPerWeek)"),
            .field(label: "Skills", value: student.skills.map { "\($0.name) (\($0.level.rawValue))" }.joined(separator: ", ")),
            .field(label: "Interests", value: student.interests.map(\.label).joined(separator: ", ")),
        ]
        if !student.portfolioLinks.isEmpty { blocks.append(.field(label: "Portfolio", value: student.portfolioLinks.joined(separator: " "))) }
        blocks += [.blank, .heading("Applications (\(record.applications.count))")]
        for entry in record.applications {
            let application = entry.overview.application
            blocks += [.blank, .field(label: "\(application.id)", value: "\(entry.overview.opportunity.title) — \(entry.overview.opportunity.organization)"),
                       .field(label: "Status", value: application.status.label, valueStyle: Style(.status(application.status), bold: true))]
            for event in entry.events { blocks.append(eventBlock(event)) }
            for feedback in entry.feedback {
                let from = feedback.direction == .organizationToStudent ? "Organization's feedback" : "Student's rating"
                let parts = [feedback.strengths.map { "strengths: \($0)" }, feedback.improvements.map { "to improve: \($0)" }, feedback.comment]
                blocks.append(.field(label: from, value: "\(feedback.rating)/5 " + parts.compactMap { $0 }.joined(separator: "; ")))
            }
        }
        if !record.staffNotes.isEmpty {
            blocks += [.blank, .heading("Staff-only notes (\(record.staffNotes.count))")]
            blocks += record.staffNotes.map(eventBlock)
        }
        return blocks
    }

    // MARK: Postings and organizations

    static func postingColumns(width: Int) -> [ListColumn] {
        [ListColumn("", .fixed(1)), ListColumn("Flags", .fixed(5), alignment: .right), ListColumn("Title", .flexible(min: 12)),
         ListColumn("Organization", .fixed(min(20, max(10, width / 4)))), ListColumn("Waiting", .fixed(7), alignment: .right)]
    }

    /// A posting's row; "waiting 6 d" counts from when it was posted (or resubmitted).
    static func postingCells(_ posting: PostingReview, marked: Bool, asOf: Date) -> [String] {
        let waited = posting.waitingDays(at: asOf)
        return [marked ? "*" : " ", posting.flags.isEmpty ? "" : "⚑ \(posting.flags.count)", posting.title,
                posting.organization + (posting.organizationApproval == .pending ? " (new)" : ""), waited.map { "\($0) d" } ?? ""]
    }

    static func postingBlocks(_ detail: PostingDetail?, keyMap: KeyMap<StaffAction>) -> [TextBlock] {
        guard let detail else { return [.paragraph("No posting here. New listings and those of new organizations wait here for review.")] }
        let review = detail.review
        var blocks: [TextBlock] = [.heading(review.title), .field(label: "Ref", value: review.ref),
                                   .field(label: "Organization", value: review.organization + " · " + organizationStanding(review)),
                                   .field(label: "Review", value: review.approval.rawValue + (review.resubmitted ? " (resubmitted once)" : "")),
                                   .field(label: "Listing", value: review.status.rawValue)]
        if review.flags.isEmpty {
            blocks.append(.field(label: "Flags", value: "none"))
        } else {
            blocks += [.blank, .heading("Flags (look twice)")]
            blocks += review.flags.map { .field(label: "⚑", value: $0.description, valueStyle: .error) }
        }
        if let listing = detail.listing {
            blocks += [.blank] + ListingDetailBlocks.facts(listing, deadline: listing.deadline.description) + ListingDetailBlocks.body(listing)
        }
        if !detail.decisions.isEmpty {
            blocks += [.blank, .heading("Decisions")]
            blocks += detail.decisions.map(decisionBlock)
        }
        // Only what works on this posting where it stands (as the key bar does).
        let keys: String = switch detail.review.approval {
        case .pending: "\(keyMap.keyNames(for: .approvePosting)) approve · \(keyMap.keyNames(for: .declinePosting)) decline with a reason · \(keyMap.keyNames(for: .mark)) marks for bulk approval"
        case .declined: "\(keyMap.keyNames(for: .resubmitPosting)) resubmits it for review (once)"
        case .approved: "\(keyMap.keyNames(for: .declinePosting)) declines (takes it down) with a reason · \(keyMap.keyNames(for: .editListing)) edits · \(keyMap.keyNames(for: .closeListing)) closes"
        }
        blocks += [.blank, .paragraph(keys)]
        return blocks
    }

    static func organizationStanding(_ review: PostingReview) -> String {
        review.organizationTrusted ? "trusted" : review.organizationApproval == .pending ? "new: its first listing is reviewed" : review.organizationApproval.rawValue
    }

    static func decisionBlock(_ decision: PostingDecision) -> TextBlock {
        let why = [decision.reason?.label, decision.note].compactMap { $0 }.joined(separator: ": ")
        return .field(label: String(decision.at.prefix(10)), value: "\(decision.decision.rawValue)\(why.isEmpty ? "" : " (\(why))") — \(decision.actor.username)")
    }

    static let organizationColumns = [ListColumn("Organization", .flexible(min: 12)), ListColumn("Pending", .fixed(7), alignment: .right),
                                      ListColumn("Website", .fixed(24))]

    static func organizationCells(_ organization: OrganizationReview) -> [String] {
        [organization.name, "\(organization.pendingListings)", organization.website ?? ""]
    }

    static func organizationBlocks(_ state: TriageState) -> [TextBlock] {
        guard let organization = state.organizations.selectedRow else {
            return [.paragraph("No organization waits for review. A new organization's first listing brings it here.")]
        }
        var blocks: [TextBlock] = [.heading(organization.name),
                                   .field(label: "Website", value: organization.website ?? "none given"),
                                   .field(label: "Contact", value: organization.contactEmail ?? "none given"),
                                   .field(label: "Listings", value: "\(organization.pendingListings) pending, \(organization.approvedListings) approved"),
                                   .field(label: "Trusted", value: organization.trusted ? "yes" : "no")]
        if !state.organizationDecisions.isEmpty {
            blocks += [.blank, .heading("Decisions")]
            blocks += state.organizationDecisions.map(decisionBlock)
        }
        let keys = state.keyMap
        blocks += [.blank, .paragraph("\(keys.keyNames(for: .approveOrganization)) approve · \(keys.keyNames(for: .declineOrganization)) decline · \(keys.keyNames(for: .trustOrganization)) trust (later listings approved on arrival)")]
        return blocks
    }

    // MARK: The pane on the right

    static func detailBlocks(_ state: TriageState) -> [TextBlock] {
        switch state.kind {
        case .applications: applicationBlocks(state)
        case .postings: postingBlocks(state.postingDetail, keyMap: state.keyMap)
        case .organizations: organizationBlocks(state)
        case .reports: ReportContent.blocks(state.report, status: state.reportStatus, ascii: state.box == .ascii)
        }
    }
}
