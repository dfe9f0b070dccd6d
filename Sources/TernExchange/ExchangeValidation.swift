import Foundation
import TernStore

/// Turns format-neutral rows into catalogue records, refusing the first bad value with its place.
/// Text limits and what text can be stored at all come from ``StoredText``, as for every writer.
package enum ExchangeValidation {
    /// A student's skill item, `NAME:LEVEL`: the name is held to ``StoredText/skill`` on its own.
    package static let studentSkill = StoredText(field: "skill", limit: StoredText.skill.limit + ":intermediate".count)
    /// One of a student's interests: a field's name, checked against ``Field``.
    package static let interest = StoredText(field: "interest", limit: 60)

    /// The same rules as a staff form's ``ListingDraft/validate()`` (``ListingRules``), checked in
    /// the file's terms: each refusal names the column and where it stands. `postedAt` is the
    /// import's time as stored, for a listing whose row gives none.
    package static func opportunity(_ row: ExchangeRow, postedAt stamp: String, dates: ImportDates? = nil) throws(ImportError) -> Opportunity {
        func refuse(_ field: ListingField, _ problem: ListingDraftError.Problem?) throws(ImportError) {
            if let problem { throw row.error(field.column, problem.message) }
        }
        let ref = try row.required("ref")
        try refuse(.ref, ListingRules.refProblem(ref))
        let kind = try row.enumeration("compensation_kind", CompensationKind.self)
        var compensation: Money? = nil
        let amount = try row.optionalText("compensation_amount")
        try refuse(.compensation, ListingRules.amountProblem(kind: kind, hasAmount: amount != nil))
        if let amount {
            let currency = try row.required("currency")
            try refuse(.currency, ListingRules.currencyProblem(currency))
            guard let money = Money(decimal: TextChecks.trimmingWhitespaces(amount), currency: currency) else {
                throw row.error("compensation_amount", "must be a non-negative amount with at most two decimals, got \"\(amount)\"")
            }
            compensation = money
        }
        let location = try row.enumeration("location_kind", LocationKind.self)
        let city = try row.optionalText("city", .city)
        try refuse(.city, ListingRules.cityProblem(location: location, city: city))
        let schedule = try row.optionalText("schedule") == nil ? Schedule.flexible : try row.enumeration("schedule", Schedule.self)
        let status = try row.optionalText("status") == nil ? OpportunityStatus.open : try row.enumeration("status", OpportunityStatus.self)
        let skills = try row.list("skills", item: .skill)
        try refuse(.skills, ListingRules.duplicateSkill(in: skills).map { ListingDraftError.Problem.duplicateSkill($0) })
        return Opportunity(
            ref: ref, title: try row.text("title", .title), organization: try row.text("organization", .organization),
            field: try row.enumeration("field", Field.self), brief: try row.optionalText("brief", .brief) ?? "",
            deliverables: try row.list("deliverables", item: .deliverable), skills: skills,
            hours: try row.int("hours", in: ListingRules.hours),
            durationDays: try row.int("duration_days", in: ListingRules.durationDays), schedule: schedule,
            startsOn: try row.day("starts_on", required: false, dates: dates), deadline: try row.day("deadline", required: true, dates: dates)!,
            compensationKind: kind, compensation: compensation, locationKind: location, city: city,
            spots: try row.optionalText("spots") == nil ? 1 : try row.int("spots", in: ListingRules.spots), status: status,
            postedAt: try row.timestamp("posted_at", dates: dates) ?? stamp)
    }

    package static func student(_ row: ExchangeRow) throws(ImportError) -> Student {
        let username = try row.text("username", .username)
        if let problem = LoginName.problem(of: username) { throw row.error("username", "must be a login name: it \(problem)") }
        var skills: [StudentSkill] = []
        for item in try row.list("skills", item: studentSkill) {
            // The level is the part after the last colon, so a skill's name may hold colons.
            let scalars = item.unicodeScalars
            let colon = scalars.lastIndex(of: ":")
            let name = colon.map { String(scalars[..<$0]) } ?? ""
            let level = colon.flatMap { SkillLevel(rawValue: String(scalars[scalars.index(after: $0)...]).trimmingCharacters(in: .whitespaces)) }
            guard let level, !name.isEmpty else {
                throw row.error("skills", "each skill is NAME:LEVEL with level beginner, intermediate, advanced or expert, got \"\(item)\"")
            }
            if let refusal = StoredText.skill.refusal(of: name) { throw row.error("skills", "\"\(name)\" \(refusal.message)") }
            skills.append(StudentSkill(name: name, level: level))
        }
        var seen = Set<String>()
        for skill in skills where !seen.insert(skill.name.lowercased()).inserted {
            throw row.error("skills", "lists \"\(skill.name)\" twice")
        }
        var interests: [Field] = []
        for item in try row.list("interests", item: interest) {
            guard let field = Field(rawValue: item) else { throw row.error("interests", "unknown field \"\(item)\"") }
            interests.append(field)
        }
        let optOut = try row.optionalText("directory_opt_out") ?? "false"
        guard ["true", "false", "1", "0"].contains(optOut) else {
            throw row.error("directory_opt_out", "must be true or false, got \"\(optOut)\"")
        }
        return Student(username: username, name: try row.text("name", .name), email: try row.text("email", .email),
                       program: try row.optionalText("program", .program) ?? "",
                       graduationYear: try row.optionalText("graduation_year") == nil ? nil : try row.int("graduation_year", in: 1900...2200),
                       skills: skills, interests: interests,
                       hoursPerWeek: try row.optionalText("hours_per_week") == nil ? 0 : try row.int("hours_per_week", in: 0...80),
                       portfolioLinks: try row.list("portfolio_links", item: .portfolioLink),
                       directoryOptOut: optOut == "true" || optOut == "1")
    }
}
