/// What a listing's values must be, whoever writes it: ``ListingDraft/validate()`` for staff
/// forms and the importer for files both ask these, so neither accepts what the other refuses.
/// Text limits are ``StoredText``'s, as for every writer.
///
/// ```swift
/// ListingRules.hours                                  // 1...400
/// ListingRules.refProblem("acme logo")                // .badRef("acme logo")
/// ```
public enum ListingRules {
    /// The longest ref, in characters.
    public static let refLimit = 120
    public static let hours = 1...400
    public static let durationDays = 1...365
    public static let spots = 1...1000

    /// A ref is a short ASCII key that survives a spreadsheet, a shell and a URL: letters, digits,
    /// `-_.`, never starting with `.` (so never `.` or `..`).
    package static func refProblem(_ ref: String) -> ListingDraftError.Problem? {
        // Among ASCII scalars, the alphabetic ones are the letters and those with a numeric type
        // the digits; and for ASCII text without a CR, characters are bytes.
        let allowed = ref.utf8.count <= refLimit && ref.utf8.allSatisfy {
            switch $0 {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
            default: false
            }
        }
        // "." and ".." are path segments, not names: an apply link ending in /apply/.. points at
        // the parent page. No ref starts with a dot, so no hidden-file names either.
        return allowed && !ref.hasPrefix(".") ? nil : .badRef(ref)
    }

    package static func currencyProblem(_ code: String) -> ListingDraftError.Problem? {
        // The ASCII uppercase characters are the letters A to Z, one byte each.
        code.utf8.count == 3 && code.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) ? nil : .badCurrency(code)
    }

    /// An amount goes with the paid kinds and only with them.
    package static func amountProblem(kind: CompensationKind, hasAmount: Bool) -> ListingDraftError.Problem? {
        switch (kind.isPaid, hasAmount) {
        case (false, true): .amountNotPaid(kind)
        case (true, false): .amountRequired(kind)
        default: nil
        }
    }

    /// A listing students travel to says where.
    package static func cityProblem(location: LocationKind, city: String?) -> ListingDraftError.Problem? {
        guard location != .remote, city?.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) != true else { return nil }
        return .cityRequired(location)
    }

    /// Skill names are unique regardless of case in the catalogue, so a list naming one twice is
    /// a mistake, not two skills.
    package static func duplicateSkill(in skills: [String]) -> String? {
        var seen = Set<String>()
        return skills.first { !seen.insert($0.lowercased()).inserted }
    }
}
