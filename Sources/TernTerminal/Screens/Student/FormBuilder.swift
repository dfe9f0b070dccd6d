import TernStore
import TernViewModels

/// The student shell's forms, each declared once over its view-model draft: opened from a draft
/// and read back into one by the same bindings, so the rules (what is valid, what a value
/// means) stay in the view models.
enum FormBuilder {
    // MARK: Filters

    static func sorts(signedIn: Bool) -> [OpportunitySort] {
        OpportunitySort.allCases.filter { signedIn || $0 != .match }
    }

    /// A guest has no "best match" sort to choose.
    static func filtersSpec(signedIn: Bool) -> FormSpec<ListingFilters> {
        FormSpec(blank: ListingFilters(OpportunityQuery()), [
            .choice("Sort", \.sort, Choices(sorts(signedIn: signedIn), title: \.label)),
            .checklist("Fields", \.fields, Choices(allCases: \.label)),
            .checklist("Where", \.locationKinds, Choices(allCases: \.label)),
            .choice("Pay", \.pay, Choices(ListingFilters.PayFilter.all, title: \.label)),
            .text("Skills", \.skills, limit: 200),
            .text("Max hours", \.maxHours, limit: 4),
            .text("Max days", \.maxDurationDays, limit: 4),
            .text("Closes within", \.deadlineWithinDays, limit: 4),
            .text("Organization", \.organization, limit: 100),
            .toggle("Closed too", \.includeClosed, "include closed and past-deadline listings"),
        ])
    }

    /// `clearKeys` names the key that clears every filter, from the key map.
    static func filters(_ query: OpportunityQuery, signedIn: Bool, clearKeys: String = "x") -> Form {
        filtersSpec(signedIn: signedIn).form(title: "Filters", subtitle: "space toggles · ←/→ choose · \(clearKeys) on the list clears all filters",
                                             ListingFilters(query))
    }

    // MARK: Saved searches

    /// The name a search is saved under.
    static var saveSearchSpec: FormSpec<String> { FormSpec(blank: "", [.text("Name", \.self, counted: StoredText.savedSearchName.limit)]) }

    /// `listKeys` names the key that lists saved searches, from the key map.
    static func saveSearch(_ query: OpportunityQuery, listKeys: String = "o") -> Form {
        let suggestion = ([query.words] + ListingFilters.chips(query)).filter { !$0.isEmpty }.joined(separator: " ")
        return saveSearchSpec.form(title: "Save this search", subtitle: "New listings that match it are counted for you (\(listKeys) lists saved searches)",
                               String(suggestion.prefix(StoredText.savedSearchName.limit)))
    }

    // MARK: Applying

    static var applySpec: FormSpec<ApplicationDraft> {
        FormSpec(blank: ApplicationDraft(), [
            .text("Cover note", \.coverNote, multiline: true, counted: StoredText.coverNote.limit),
            .text("Portfolio link", \.portfolioLink, counted: StoredText.portfolioLink.limit),
            .text("Hours offered", \.hoursOffered, limit: 3),
        ])
    }

    static func apply(_ draft: ApplicationDraft, listing: Opportunity) -> Form {
        applySpec.form(title: "Apply", subtitle: "\(listing.title) — \(listing.organization)", draft)
    }

    // MARK: Delivering and rating

    /// The link to the work delivered.
    static var deliverSpec: FormSpec<String> { FormSpec(blank: "", [.text("Deliverable link", \.self, counted: StoredText.deliverableLink.limit)]) }

    /// Marking delivered, or correcting the link of work already delivered (`link`).
    static func deliver(title: String, link: String = "") -> Form {
        deliverSpec.form(title: link.isEmpty ? "Mark delivered" : "Correct the deliverable link", subtitle: title, link)
    }

    /// The rating's choices: the first says none is chosen yet (nil), so nobody sends five
    /// stars by pressing enter; the others are 5 down to 1.
    static var rateSpec: FormSpec<FeedbackDraft<Int?>> {
        FormSpec(blank: FeedbackDraft(rating: nil), [
            .choice("Rating", \.rating, Choices([nil, 5, 4, 3, 2, 1]) { $0.map(PaneContent.stars) ?? "choose 1 to 5 stars" }),
            .text("Strengths", \.strengths, counted: StoredText.strengths.limit),
            .text("To improve", \.improvements, counted: StoredText.improvements.limit),
            .text("Comment", \.comment, multiline: true, counted: StoredText.comment.limit),
        ])
    }

    static func rate(title: String, organization: String) -> Form {
        rateSpec.form(title: "Rate \(organization)", subtitle: title, rateSpec.blank)
    }

    // MARK: Profile

    static var profileSpec: FormSpec<ProfileDraft> {
        FormSpec(blank: ProfileDraft(skills: "", interests: [], hoursPerWeek: ""), [
            .text("Skills", \.skills, limit: 600),
            .checklist("Interests", \.interests, Choices(allCases: \.label)),
            .text("Hours/week", \.hoursPerWeek, limit: 2),
        ])
    }

    static func profile(_ draft: ProfileDraft) -> Form {
        profileSpec.form(title: "Edit profile", subtitle: "Skills: comma-separated, a level in brackets: Python (advanced), SQL", draft)
    }
}
