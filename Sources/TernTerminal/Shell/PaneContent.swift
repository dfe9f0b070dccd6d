import TernCatalogue
import TernViewModels

/// Turns view-model data into the rows and text blocks the panes draw: the one place that
/// decides what a listing or an application looks like on screen.
enum PaneContent {
    static func listingColumns(width: Int) -> [ListColumn] {
        if width >= 90 {
            return [ListColumn("Title", .flexible(min: 20)), ListColumn("Organization", .flexible(min: 10)),
                    ListColumn("Field", .fixed(13)), ListColumn("Hours", .fixed(5), alignment: .right),
                    ListColumn("Pay", .fixed(15)), ListColumn("Where", .fixed(8)), ListColumn("Deadline", .fixed(10))]
        }
        if width >= 60 {
            // The title is what people scan; the organization gets a fixed, shorter column.
            return [ListColumn("Title", .flexible(min: 16)), ListColumn("Organization", .fixed(16)),
                    ListColumn("Hours", .fixed(5), alignment: .right), ListColumn("Pay", .fixed(12)), ListColumn("Deadline", .fixed(10))]
        }
        return [ListColumn("Title", .flexible(min: 10)), ListColumn("Hours", .fixed(5), alignment: .right), ListColumn("Deadline", .fixed(10))]
    }

    static func listingCells(_ row: OpportunitySummary, width: Int, today: CalendarDay? = nil) -> [String] {
        var row = row
        // The Saved view and "closed too" show listings that take no applications: say so first.
        if row.status != .open { row.title = "(\(row.status.rawValue)) " + row.title }
        else if let today, row.deadline < today { row.title = "(past deadline) " + row.title }
        let place = row.locationKind == .remote ? "Remote" : row.locationKind == .hybrid ? "Hybrid" : "On site"
        if width >= 90 {
            return [row.title, row.organization, row.field.label, "\(row.hours)", pay(row.compensationKind, row.compensation), place, row.deadline.description]
        }
        if width >= 60 {
            return [row.title, row.organization, "\(row.hours)", pay(row.compensationKind, row.compensation), row.deadline.description]
        }
        return [row.title, "\(row.hours)", row.deadline.description]
    }

    static func pay(_ kind: CompensationKind, _ money: Money?) -> String {
        guard let money else { return kind.label }
        return kind == .hourly ? "\(money.formatted)/h" : money.formatted
    }

    static func applicationColumns(width: Int) -> [ListColumn] {
        [ListColumn("Listing", .flexible(min: 12)), ListColumn("Organization", .flexible(min: 8)), ListColumn("Status", .fixed(14))]
    }

    static func applicationCells(_ overview: ApplicationOverview) -> [String] {
        [overview.opportunity.title, overview.opportunity.organization, overview.application.status.label]
    }

    static func detailBlocks(_ detail: ListingDetail?, isGuest: Bool, keyMap: KeyMap = .defaults) -> [TextBlock] {
        guard let detail else { return [.paragraph("Select a listing to read its brief.")] }
        let opp = detail.opportunity
        var blocks: [TextBlock] = [.heading(opp.title)]
        let organization = opp.organization + ((detail.organization?.verified ?? false) ? " ✓ verified" : "")
        blocks.append(.field(label: "Organization", value: organization))
        blocks.append(.field(label: "Field", value: opp.field.label))
        blocks.append(.field(label: "Effort", value: "about \(opp.hours) h over \(opp.durationDays) days, \(opp.schedule == .flexible ? "flexible dates" : "fixed dates")\(opp.startsOn.map { ", starts \($0)" } ?? "")"))
        blocks.append(.field(label: "Pay", value: compensation(opp)))
        blocks.append(.field(label: "Location", value: opp.locationKind == .remote ? "Remote" : "\(opp.locationKind.label), \(opp.city ?? "")"))
        let state = detail.isAcceptingApplications ? detail.deadlineCountdown
            : opp.status == .open ? "\(detail.deadlineCountdown) — not taking applications" : "\(opp.status.rawValue) — not taking applications"
        blocks.append(.field(label: "Deadline", value: "\(opp.deadline) (\(state))", valueStyle: detail.isAcceptingApplications && detail.daysLeft <= 3 ? .error : .plain))
        blocks.append(.field(label: "Spots", value: "\(detail.spotsLeft) of \(opp.spots) left"))
        if let mine = detail.myApplication {
            blocks.append(.field(label: "You", value: "applied — \(mine.status.label)", valueStyle: Style(.status(mine.status), bold: true)))
            if let link = mine.deliverableLink { blocks.append(.field(label: "Delivered", value: link)) }
        } else if !isGuest && detail.isAcceptingApplications {
            blocks.append(.field(label: "You", value: "not applied — press \(keyMap.keyNames(for: .apply)) to apply", valueStyle: .muted))
        }
        if let reason = detail.fitReason { blocks.append(.field(label: "For you", value: reason)) }
        if detail.isSaved { blocks.append(.field(label: "Saved", value: "yes (\(keyMap.keyNames(for: .toggleSaved)) to remove)", valueStyle: .muted)) }
        blocks += [.blank, .heading("Brief"), .paragraph(opp.brief)]
        if !opp.deliverables.isEmpty { blocks += [.blank, .heading("Deliverables"), .numbered(opp.deliverables)] }
        if !opp.skills.isEmpty { blocks += [.blank, .heading("Skills"), .paragraph(opp.skills.joined(separator: " · "))] }
        if let about = detail.organization, !about.description.isEmpty {
            blocks += [.blank, .heading("About \(about.name)"), .paragraph(about.description)]
            if let website = about.website { blocks.append(.field(label: "Website", value: website)) }
        }
        return blocks
    }

    static func compensation(_ opp: Opportunity) -> String {
        guard let money = opp.compensation else { return opp.compensationKind.label }
        switch opp.compensationKind {
        case .hourly: return "\(money.formatted) per hour"
        default: return "\(money.formatted) (\(opp.compensationKind.label.lowercased()))"
        }
    }

    static func timelineBlocks(_ timeline: [TimelineEntry]) -> [TextBlock] {
        guard !timeline.isEmpty else { return [] }
        let lines = timeline.map { entry -> String in
            let day = String(entry.at.prefix(10))
            let who = entry.role == .student ? "you" : entry.role == .system ? "Tern" : entry.role.rawValue
            let what = entry.status.map { "→ \($0.label)" } ?? "note"
            return "\(day)  \(what) (\(who))\(entry.note.map { ": \($0)" } ?? "")"
        }
        return [.heading("Timeline"), .bullets(lines)]
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
                blocks.append(.field(label: "You rated", value: "\(stars(mine.rating))\(mine.comment.map { " — \($0)" } ?? "")"))
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
    static func profileBlocks(_ student: Student?, portfolio: [PortfolioEntry]) -> [TextBlock] {
        guard let student else { return [.paragraph("No profile.")] }
        var blocks: [TextBlock] = [.heading(student.name)]
        blocks.append(.field(label: "Email", value: student.email))
        if !student.program.isEmpty {
            blocks.append(.field(label: "Program", value: student.program + (student.graduationYear.map { ", class of \($0)" } ?? "")))
        }
        blocks.append(.field(label: "Hours free", value: "\(student.hoursPerWeek) h/week"))
        blocks.append(.field(label: "Skills", value: student.skills.isEmpty ? "none yet — press e to add"
                             : student.skills.map { "\($0.name) (\($0.level.rawValue))" }.joined(separator: ", ")))
        blocks.append(.field(label: "Interests", value: student.interests.isEmpty ? "none yet" : student.interests.map(\.label).joined(separator: ", ")))
        if !student.portfolioLinks.isEmpty { blocks.append(.field(label: "Links", value: student.portfolioLinks.joined(separator: "  "))) }
        blocks += [.blank, .heading("Portfolio: completed micro-internships (\(portfolio.count))")]
        if portfolio.isEmpty { blocks.append(.paragraph("Completed work and its feedback collect here; `tern portfolio` exports them.")) }
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
