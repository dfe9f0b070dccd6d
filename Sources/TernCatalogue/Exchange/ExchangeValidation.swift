import Foundation

/// Turns format-neutral rows into catalogue records, refusing the first bad value with its place.
enum ExchangeValidation {
    static func opportunity(_ row: ExchangeRow, now: Date) throws(ImportError) -> Opportunity {
        let ref = try row.text("ref")
        guard ref.count <= 120, ref.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.".unicodeScalars.contains($0)) }) else {
            throw row.error("ref", "must be letters, digits, '-', '_' or '.' (at most 120), got \"\(ref)\"")
        }
        let kind = try row.enumeration("compensation_kind", CompensationKind.self)
        var compensation: Money? = nil
        if let amount = row.optionalText("compensation_amount") {
            guard kind.isPaid else { throw row.error("compensation_amount", "must be empty for \(kind.rawValue)") }
            let currency = try row.text("currency")
            guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw row.error("currency", "must be a three-letter ISO 4217 code such as USD, got \"\(currency)\"")
            }
            guard let money = Money(decimal: amount.trimmingCharacters(in: .whitespaces), currency: currency) else {
                throw row.error("compensation_amount", "must be a non-negative amount with at most two decimals, got \"\(amount)\"")
            }
            compensation = money
        } else if kind.isPaid {
            throw row.error("compensation_amount", "is required for \(kind.rawValue)")
        }
        let location = try row.enumeration("location_kind", LocationKind.self)
        let city = row.optionalText("city")
        if location != .remote, city == nil { throw row.error("city", "is required for \(location.rawValue) listings") }
        let schedule = row.optionalText("schedule") == nil ? Schedule.flexible : try row.enumeration("schedule", Schedule.self)
        let status = row.optionalText("status") == nil ? OpportunityStatus.open : try row.enumeration("status", OpportunityStatus.self)
        var postedAt = Timestamp.string(now)
        if let raw = row.optionalText("posted_at") {
            guard let date = Timestamp.date(raw) else { throw row.error("posted_at", "not a timestamp (2026-11-21T09:30:00Z): \"\(raw)\"") }
            postedAt = Timestamp.string(date)
        }
        let skills = row.list("skills")
        var seen = Set<String>()
        for skill in skills where !seen.insert(skill.lowercased()).inserted {
            throw row.error("skills", "lists \"\(skill)\" twice")
        }
        return Opportunity(
            ref: ref, title: try row.text("title"), organization: try row.text("organization"),
            field: try row.enumeration("field", Field.self), brief: row.optionalText("brief") ?? "",
            deliverables: row.list("deliverables"), skills: skills, hours: try row.int("hours", in: 1...400),
            durationDays: try row.int("duration_days", in: 1...365), schedule: schedule,
            startsOn: try row.day("starts_on", required: false), deadline: try row.day("deadline", required: true)!,
            compensationKind: kind, compensation: compensation, locationKind: location, city: city,
            spots: row.optionalText("spots") == nil ? 1 : try row.int("spots", in: 1...1000), status: status,
            postedAt: postedAt)
    }

    static func student(_ row: ExchangeRow) throws(ImportError) -> Student {
        let username = try row.text("username")
        guard username.count <= 64, !username.contains(where: \.isWhitespace) else {
            throw row.error("username", "must be a login name without spaces, got \"\(username)\"")
        }
        var skills: [StudentSkill] = []
        for item in row.list("skills") {
            let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let level = SkillLevel(rawValue: parts[1]) else {
                throw row.error("skills", "each skill is NAME:LEVEL with level beginner, intermediate, advanced or expert, got \"\(item)\"")
            }
            skills.append(StudentSkill(name: parts[0], level: level))
        }
        var interests: [Field] = []
        for item in row.list("interests") {
            guard let field = Field(rawValue: item) else { throw row.error("interests", "unknown field \"\(item)\"") }
            interests.append(field)
        }
        let optOut = row.optionalText("directory_opt_out") ?? "false"
        guard ["true", "false", "1", "0"].contains(optOut) else {
            throw row.error("directory_opt_out", "must be true or false, got \"\(optOut)\"")
        }
        return Student(username: username, name: try row.text("name"), email: try row.text("email"),
                       program: row.optionalText("program") ?? "",
                       graduationYear: row.optionalText("graduation_year") == nil ? nil : try row.int("graduation_year", in: 1900...2200),
                       skills: skills, interests: interests,
                       hoursPerWeek: row.optionalText("hours_per_week") == nil ? 0 : try row.int("hours_per_week", in: 0...80),
                       portfolioLinks: row.list("portfolio_links"), directoryOptOut: optOut == "true" || optOut == "1")
    }
}
