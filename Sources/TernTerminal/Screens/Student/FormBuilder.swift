import TernStore
import TernViewModels

extension Form {
    /// The field labelled `label` (forms here have unique labels). Asking for a label the form
    /// does not have is a mistake in the code: it stops a debug build (every test), and a release
    /// build reads an empty field rather than crash in front of someone.
    func field(_ label: String) -> FormField {
        guard let found = fields.first(where: { $0.label == label }) else {
            assertionFailure("the form “\(title)” has no field labelled “\(label)”")
            return FormField(label, .text(TextField()))
        }
        return found
    }
}

/// The student shell's forms: each built from a view-model draft and read back into one, so the
/// rules (what is valid, what a value means) stay in the view models.
enum FormBuilder {
    // MARK: Filters

    static func sorts(signedIn: Bool) -> [OpportunitySort] {
        OpportunitySort.allCases.filter { signedIn || $0 != .match }
    }

    /// `clearKeys` names the key that clears every filter, from the key map.
    static func filters(_ query: OpportunityQuery, signedIn: Bool, clearKeys: String = "x") -> Form {
        let draft = ListingFilters(query)
        let sorts = sorts(signedIn: signedIn)
        let fields = Field.allCases, places = LocationKind.allCases
        return Form(title: "Filters", subtitle: "space toggles · ←/→ choose · \(clearKeys) on the list clears all filters", fields: [
            FormField("Sort", .choice(ChoiceField(sorts.map(\.label), selected: sorts.firstIndex(of: draft.sort) ?? 0))),
            FormField("Fields", .checklist(Checklist(fields.map(\.label), checked: Set(fields.indices.filter { draft.fields.contains(fields[$0]) })))),
            FormField("Where", .checklist(Checklist(places.map(\.label), checked: Set(places.indices.filter { draft.locationKinds.contains(places[$0]) })))),
            FormField("Pay", .choice(ChoiceField(ListingFilters.PayFilter.all.map(\.label), selected: ListingFilters.PayFilter.all.firstIndex(of: draft.pay) ?? 0))),
            FormField("Skills", .text(TextField(draft.skills, limit: 200))),
            FormField("Max hours", .text(TextField(draft.maxHours, limit: 4))),
            FormField("Max days", .text(TextField(draft.maxDurationDays, limit: 4))),
            FormField("Closes within", .text(TextField(draft.deadlineWithinDays, limit: 4))),
            FormField("Organization", .text(TextField(draft.organization, limit: 100))),
            FormField("Closed too", .checkbox(Checkbox("include closed and past-deadline listings", checked: draft.includeClosed))),
        ])
    }

    static func filterDraft(_ form: Form, base: OpportunityQuery, signedIn: Bool) -> ListingFilters {
        var draft = ListingFilters(base)
        let sorts = sorts(signedIn: signedIn)
        draft.sort = sorts[min(form.field("Sort").choice, sorts.count - 1)]
        draft.fields = Set(form.field("Fields").checkedOptions.map { Field.allCases[$0] })
        draft.locationKinds = Set(form.field("Where").checkedOptions.map { LocationKind.allCases[$0] })
        draft.pay = ListingFilters.PayFilter.all[min(form.field("Pay").choice, ListingFilters.PayFilter.all.count - 1)]
        draft.skills = form.field("Skills").text
        draft.maxHours = form.field("Max hours").text
        draft.maxDurationDays = form.field("Max days").text
        draft.deadlineWithinDays = form.field("Closes within").text
        draft.organization = form.field("Organization").text
        draft.includeClosed = form.field("Closed too").isChecked
        return draft
    }

    // MARK: Saved searches

    /// `listKeys` names the key that lists saved searches, from the key map.
    static func saveSearch(_ query: OpportunityQuery, listKeys: String = "o") -> Form {
        let suggestion = ([query.words] + ListingFilters.chips(query)).filter { !$0.isEmpty }.joined(separator: " ")
        return Form(title: "Save this search", subtitle: "New listings that match it are counted for you (\(listKeys) lists saved searches)",
                    fields: [FormField("Name", .text(TextField(String(suggestion.prefix(StoredText.savedSearchName.limit)),
                                                             counted: StoredText.savedSearchName.limit)))])
    }

    // MARK: Applying

    static func apply(_ draft: ApplicationDraft, listing: Opportunity) -> Form {
        Form(title: "Apply", subtitle: "\(listing.title) — \(listing.organization)", fields: [
            FormField("Cover note", .text(TextField(draft.coverNote, multiline: true, counted: StoredText.coverNote.limit))),
            FormField("Portfolio link", .text(TextField(draft.portfolioLink, counted: StoredText.portfolioLink.limit))),
            FormField("Hours offered", .text(TextField(draft.hoursOffered, limit: 3))),
        ])
    }

    static func applicationDraft(_ form: Form) -> ApplicationDraft {
        ApplicationDraft(coverNote: form.field("Cover note").text, portfolioLink: form.field("Portfolio link").text,
                         hoursOffered: form.field("Hours offered").text)
    }

    // MARK: Delivering and rating

    /// Marking delivered, or correcting the link of work already delivered (`link`).
    static func deliver(title: String, link: String = "") -> Form {
        Form(title: link.isEmpty ? "Mark delivered" : "Correct the deliverable link", subtitle: title,
             fields: [FormField("Deliverable link", .text(TextField(link, counted: StoredText.deliverableLink.limit)))])
    }

    /// The rating's choices: the first says none is chosen yet, so nobody sends five stars by
    /// pressing enter; the others are 5 down to 1.
    static let ratings = [5, 4, 3, 2, 1]
    static let unrated = "choose 1 to 5 stars"

    /// The rating chosen, or nil while the form still says "choose".
    static func rating(_ form: Form) -> Int? {
        let choice = form.field("Rating").choice
        return choice == 0 ? nil : ratings[min(choice - 1, ratings.count - 1)]
    }

    static func rate(title: String, organization: String) -> Form {
        Form(title: "Rate \(organization)", subtitle: title, fields: [
            FormField("Rating", .choice(ChoiceField([unrated] + ratings.map { PaneContent.stars($0) }))),
            FormField("Strengths", .text(TextField(counted: StoredText.strengths.limit))),
            FormField("To improve", .text(TextField(counted: StoredText.improvements.limit))),
            FormField("Comment", .text(TextField(multiline: true, counted: StoredText.comment.limit))),
        ])
    }

    // MARK: Profile

    static func profile(_ draft: ProfileDraft) -> Form {
        let fields = Field.allCases
        return Form(title: "Edit profile", subtitle: "Skills: comma-separated, a level in brackets: Python (advanced), SQL", fields: [
            FormField("Skills", .text(TextField(draft.skills, limit: 600))),
            FormField("Interests", .checklist(Checklist(fields.map(\.label), checked: Set(fields.indices.filter { draft.interests.contains(fields[$0]) })))),
            FormField("Hours/week", .text(TextField(draft.hoursPerWeek, limit: 2))),
        ])
    }

    static func profileDraft(_ form: Form) -> ProfileDraft {
        ProfileDraft(skills: form.field("Skills").text,
                     interests: Set(form.field("Interests").checkedOptions.map { Field.allCases[$0] }),
                     hoursPerWeek: form.field("Hours/week").text)
    }
}
