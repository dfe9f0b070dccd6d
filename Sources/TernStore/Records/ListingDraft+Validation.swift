extension ListingDraft {
    /// Checks every field before anything is written, in the order a form shows them, and
    /// throws the first problem with the field it is in. Text is checked as stored, never
    /// trimmed: what passes is stored exactly.
    ///
    /// ```swift
    /// var draft = ListingDraft(try catalogue.opportunity(ref: "acme-logo")!)
    /// draft.title = ""
    /// try draft.validate()   // throws ListingDraftError(.title, .required)
    /// ```
    public func validate() throws(ListingDraftError) {
        if let ref, let problem = ListingRules.refProblem(ref) { throw ListingDraftError(.ref, problem) }
        try Self.required(title, .title, as: .title)
        try Self.required(organization, .organization, as: .organization)
        if let refusal = StoredText.brief.refusal(of: brief) { throw ListingDraftError(.brief, .unstorable(refusal)) }
        try Self.list(deliverables, .deliverables, item: .deliverable)
        try Self.list(skills, .skills, item: .skill)
        if let skill = ListingRules.duplicateSkill(in: skills) { throw ListingDraftError(.skills, .duplicateSkill(skill)) }
        try Self.number(hours, .hours, in: ListingRules.hours)
        try Self.number(durationDays, .durationDays, in: ListingRules.durationDays)
        if let problem = ListingRules.amountProblem(kind: compensationKind, hasAmount: compensation != nil) {
            throw ListingDraftError(.compensation, problem)
        }
        if let compensation {
            if let problem = ListingRules.currencyProblem(compensation.currency) { throw ListingDraftError(.currency, problem) }
            guard compensation.cents >= 0 else { throw ListingDraftError(.compensation, .negativeAmount) }
        }
        if let city, let refusal = StoredText.city.refusal(of: city) { throw ListingDraftError(.city, .unstorable(refusal)) }
        if let problem = ListingRules.cityProblem(location: locationKind, city: city) { throw ListingDraftError(.city, problem) }
        try Self.number(spots, .spots, in: ListingRules.spots)
    }

    private static func required(_ text: String, _ field: ListingField, as kind: StoredText) throws(ListingDraftError) {
        guard !text.isEmpty else { throw ListingDraftError(field, .required) }
        if let refusal = kind.refusal(of: text) { throw ListingDraftError(field, .unstorable(refusal)) }
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { throw ListingDraftError(field, .blank) }
    }

    private static func list(_ items: [String], _ field: ListingField, item kind: StoredText) throws(ListingDraftError) {
        for (index, item) in items.enumerated() {
            guard !item.isEmpty else { throw ListingDraftError(field, .emptyItem(index: index)) }
            if let refusal = kind.refusal(of: item) { throw ListingDraftError(field, .unstorableItem(index: index, refusal)) }
        }
        guard items.count <= StoredText.listLimit else { throw ListingDraftError(field, .tooManyItems(count: items.count)) }
    }

    private static func number(_ value: Int, _ field: ListingField, in range: ClosedRange<Int>) throws(ListingDraftError) {
        guard range.contains(value) else { throw ListingDraftError(field, .outOfRange(range, got: value)) }
    }
}
