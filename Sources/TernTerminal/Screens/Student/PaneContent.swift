import TernStore
import TernViewModels

/// Turns view-model data into the rows and text blocks the panes draw: the one place that
/// decides what a listing or an application looks like on screen.
enum PaneContent {
    /// The title keeps at least this many columns before any optional column is shown.
    static let titleTarget = 28

    /// The listing columns for a list `width` columns wide (its marker column excluded). The
    /// title is what people scan, so spare width goes to it first: the other columns join,
    /// most useful first, only while the title keeps ``titleTarget`` columns, and the title
    /// takes whatever is left.
    static func listingColumns(width: Int) -> [ListColumn] {
        let optional: [(rank: Int, column: ListColumn)] = [
            (7, ListColumn("Deadline", .fixed(10))),
            (5, ListColumn("Pay", .fixed(12))),
            (4, ListColumn("Hours", .fixed(5), alignment: .right)),
            (2, ListColumn("Organization", .fixed(14))),
            (3, ListColumn("Field", .fixed(13))),
            (6, ListColumn("Where", .fixed(7))),
        ]
        var left = width - 3  // what the title has beside the marks column and its separator
        var chosen: [(rank: Int, column: ListColumn)] = []
        for candidate in optional {
            guard case .fixed(let w) = candidate.column.width, left - (w + 1) >= titleTarget else { continue }
            left -= w + 1
            chosen.append(candidate)
        }
        return [ListColumn("", .fixed(2)), ListColumn("Title", .flexible(min: 12))]
            + chosen.sorted { $0.rank < $1.rank }.map(\.column)
    }

    /// The Pay column's title when the list is sorted by pay: amounts per hour, the order's key.
    static let payPerHourTitle = "Pay per h"

    /// One listing row's cells for `columns`: "✓" when the student applied, "●" when it is new
    /// to the saved search just opened, "★" when they saved it; a listing that takes no
    /// applications says so in its Deadline cell ("closed", "past due"), so its title keeps its
    /// room. Under ``payPerHourTitle`` pay is shown per estimated hour, so the pay order reads
    /// in order.
    static func listingCells(_ row: OpportunitySummary, columns: [ListColumn], today: CalendarDay,
                             applied: Bool, saved: Bool, withdrawn: Bool = false, isNew: Bool = false) -> [String] {
        columns.map { column in
            switch column.title {
            case "": (applied ? "✓" : isNew ? "●" : " ") + (saved ? "★" : "")
            case payPerHourTitle: PayText.perHour(row.compensationKind, row.perHour)
            case "Title": row.title
            case "Organization": row.organization
            case "Field": row.field.label
            case "Hours": "\(row.hours)"
            case "Pay": PayText.compact(row.compensationKind, row.compensation)
            case "Where": row.locationKind == .remote ? "Remote" : row.locationKind == .hybrid ? "Hybrid" : "On site"
            // A withdrawn application is no ✓: the row says so where the deadline would be.
            case "Deadline" where withdrawn: "withdrawn"
            case "Deadline":
                row.status != .open ? row.status.rawValue : row.deadline < today ? "past due" : row.deadline.description
            default: ""
            }
        }
    }

    static func applicationColumns(width: Int) -> [ListColumn] {
        [ListColumn("Listing", .flexible(min: 12)), ListColumn("Organization", .flexible(min: 8)), ListColumn("Status", .fixed(14))]
    }

    static func applicationCells(_ overview: ApplicationOverview) -> [String] {
        [overview.opportunity.title, overview.opportunity.organization, overview.application.status.label]
    }

    /// `actions` are what the student may do to their application to it now ("You can").
    static func detailBlocks(_ detail: ListingDetail?, isGuest: Bool, keyMap: KeyMap<StudentAction> = StudentAction.defaultKeyMap,
                             actions: [KeyHint] = [], offersApply: Bool = true) -> [TextBlock] {
        guard let detail else { return [.paragraph("Select a listing to read its brief.")] }
        var mine: [TextBlock] = []
        if let application = detail.myApplication {
            mine.append(.field(label: "You", value: "applied — \(application.status.label)", valueStyle: Style(.status(application.status), bold: true)))
            if let link = application.deliverableLink { mine.append(.field(label: "Delivered", value: link)) }
            mine += actionBlocks(actions)
        } else if !isGuest && offersApply && detail.isAcceptingApplications {
            mine.append(.field(label: "You", value: "not applied — press \(keyMap.keyNames(for: .apply)) to apply", valueStyle: .muted))
        }
        if let reason = detail.fitReason { mine.append(.field(label: "For you", value: reason)) }
        if detail.isSaved { mine.append(.field(label: "Saved", value: "yes (\(keyMap.keyNames(for: .toggleSaved)) to remove)", valueStyle: .muted)) }
        return ListingDetailBlocks.blocks(detail, personal: mine)
    }

    /// The selected application below My applications: what the student may do, the timeline
    /// newest first (the newest event is always on screen), then what they sent.
    static func applicationBlocks(_ overview: ApplicationOverview?, timeline: [TimelineEntry], actions: [KeyHint]) -> [TextBlock] {
        guard let overview else { return [] }
        var blocks = actionBlocks(actions) + timelineBlocks(timeline)
        let mine = overview.application
        blocks += [.blank, .heading("What you sent"), .field(label: "Hours offered", value: "\(mine.hoursOffered)")]
        if let link = mine.portfolioLink { blocks.append(.field(label: "Portfolio link", value: link)) }
        if let delivered = mine.deliverableLink { blocks.append(.field(label: "Delivered", value: delivered)) }
        blocks.append(.field(label: "Cover note", value: mine.coverNote))
        return blocks
    }

    static func timelineBlocks(_ timeline: [TimelineEntry]) -> [TextBlock] {
        guard !timeline.isEmpty else { return [] }
        let lines = timeline.reversed().map { entry -> String in
            let day = String(entry.at.prefix(10))
            let who = entry.forYou ? "career center (for you)"
                : entry.role == .student ? "you" : entry.role == .system ? "Tern" : entry.role.rawValue
            let what = entry.status.map { "→ \($0.label)" } ?? "note"
            return "\(day)  \(what) (\(who))\(entry.note.map { ": \($0)" } ?? "")"
        }
        return [.heading("Timeline, newest first"), .bullets(lines)]
    }

    /// The record of disclosures in one line: how many, and the latest, who and what.
    static func disclosureLine(_ disclosures: [Disclosure]) -> String {
        guard let latest = disclosures.first else { return "none: nobody at the career center has seen your records" }
        let count = disclosures.count == 1 ? "1 by the career center" : "\(disclosures.count) by the career center"
        return "\(count); latest \(latest.at.prefix(10)), \(latest.role) \(latest.name): \(latest.what) (tern audit --mine lists them)"
    }

    static func feedbackBlocks(_ items: [FeedbackViewModel.Item], isGuest: Bool, rateKeys: String = "r") -> [TextBlock] {
        if isGuest { return [.paragraph("Feedback on your completed micro-internships appears here.")] }
        guard !items.isEmpty else { return [.paragraph("No completed micro-internships yet. Feedback from organizations appears here when your work is done.")] }
        var blocks: [TextBlock] = []
        for item in items {
            blocks.append(.heading(item.opportunity.title))
            blocks.append(.field(label: "From", value: item.opportunity.organization))
            if let given = item.fromOrganization {
                blocks.append(.field(label: "Rating", value: stars(given.rating), valueStyle: Style(.accent)))
                if let strengths = given.strengths { blocks.append(.field(label: "Strengths", value: strengths)) }
                if let improvements = given.improvements { blocks.append(.field(label: "To improve", value: improvements)) }
                if !given.skillsDemonstrated.isEmpty { blocks.append(.field(label: "Skills shown", value: given.skillsDemonstrated.joined(separator: ", "))) }
            }
            if let mine = item.fromStudent {
                // What the student wrote is theirs to read back, every part of it.
                blocks.append(.field(label: "You rated", value: stars(mine.rating)))
                if let strengths = mine.strengths { blocks.append(.field(label: "Your strengths", value: strengths)) }
                if let improvements = mine.improvements { blocks.append(.field(label: "Your to improve", value: improvements)) }
                if let comment = mine.comment { blocks.append(.field(label: "Your comment", value: comment)) }
            } else if !rateKeys.isEmpty {
                blocks.append(.field(label: "You rated", value: "not yet — press \(rateKeys) to rate \(item.opportunity.organization)", valueStyle: .muted))
            }
            blocks.append(.blank)
        }
        return blocks
    }

    static func stars(_ rating: Int) -> String {
        String(repeating: "★", count: max(0, min(5, rating))) + String(repeating: "☆", count: max(0, 5 - rating)) + " \(rating)/5"
    }

    /// "Next: w withdraw · y accept offer" above the timeline: what the student may do now.
    static func actionBlocks(_ hints: [KeyHint]) -> [TextBlock] {
        guard !hints.isEmpty else { return [] }
        return [.field(label: "You can", value: hints.map { "\($0.keys) \($0.label)" }.joined(separator: " · "), valueStyle: Style(.accent))]
    }

    /// The profile overlay: who the student is, what they offer, and the completed work with
    /// its feedback and the skills it showed.
    static func profileBlocks(_ student: Student?, portfolio: [PortfolioEntry], disclosures: [Disclosure] = [], editKeys: String = "e") -> [TextBlock] {
        guard let student else { return [.paragraph("No profile.")] }
        var blocks: [TextBlock] = [.heading(student.name)]
        blocks.append(.field(label: "Email", value: student.email))
        if !student.program.isEmpty {
            blocks.append(.field(label: "Program", value: student.program + (student.graduationYear.map { ", class of \($0)" } ?? "")))
        }
        blocks.append(.field(label: "Hours free", value: "\(student.hoursPerWeek) h/week"))
        blocks.append(.field(label: "Skills", value: student.skills.isEmpty ? "none yet — press \(editKeys) to add"
                             : student.skills.map { "\($0.name) (\($0.level.rawValue))" }.joined(separator: ", ")))
        blocks.append(.field(label: "Interests", value: student.interests.isEmpty ? "none yet" : student.interests.map(\.label).joined(separator: ", ")))
        if !student.portfolioLinks.isEmpty { blocks.append(.field(label: "Links", value: student.portfolioLinks.joined(separator: "  "))) }
        blocks.append(.field(label: "Disclosures", value: disclosureLine(disclosures)))
        blocks += [.blank, .heading("Portfolio: completed micro-internships (\(portfolio.count))")]
        if portfolio.isEmpty { blocks.append(.paragraph("Completed work and its feedback collect here; the command tern portfolio exports them.")) }
        for entry in portfolio {
            let opp = entry.opportunity
            blocks.append(.field(label: "Project", value: "\(opp.title) — \(opp.organization)"))
            let dates = [entry.startedOn, entry.completedOn].compactMap { $0?.description }.joined(separator: " to ")
            blocks.append(.field(label: "Done", value: "\(opp.hours) h\(dates.isEmpty ? "" : ", \(dates)")"))
            if let link = entry.deliverableLink { blocks.append(.field(label: "Work", value: link)) }
            if let given = entry.fromOrganization {
                blocks.append(.field(label: "Rated", value: stars(given.rating), valueStyle: Style(.accent)))
                if let strengths = given.strengths { blocks.append(.field(label: "Strengths", value: strengths)) }
                if let improvements = given.improvements { blocks.append(.field(label: "To improve", value: improvements)) }
            }
            if !entry.skillsGained.isEmpty { blocks.append(.field(label: "Skills gained", value: entry.skillsGained.joined(separator: ", "))) }
            blocks.append(.blank)
        }
        return blocks
    }
}

extension PaneContent {
    /// The Updates overlay: the unread first under their own heading, then the earlier ones,
    /// each dated by the day it happened.
    static func updateBlocks(_ updates: [StudentUpdate]) -> [TextBlock] {
        guard !updates.isEmpty else {
            return [.paragraph("Nothing changed in the last \(StudentUpdate.windowDays) days. Status moves, offers, feedback, saved listings closing or taken down, and new matches of your saved searches show here.")]
        }
        let unread = updates.filter(\.isUnread), earlier = updates.filter { !$0.isUnread }
        var blocks: [TextBlock] = []
        if !unread.isEmpty {
            blocks.append(.heading("New since you last looked (\(unread.count))"))
            blocks += unread.map { .field(label: "● " + String($0.at.prefix(10)), value: $0.headline, valueStyle: Style(.accent)) }
        }
        if !earlier.isEmpty {
            if !blocks.isEmpty { blocks.append(.blank) }
            blocks.append(.heading("Earlier"))
            blocks += earlier.map { .field(label: String($0.at.prefix(10)), value: $0.headline) }
        }
        return blocks
    }
}
