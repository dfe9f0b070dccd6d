import Foundation

/// A kind of text the catalogue keeps, with the most it holds: the one rule every writer follows,
/// whether the text comes from an import file or a form. Text is stored exactly as given, or
/// refused; it is never shortened, trimmed or cleaned on the way in.
///
/// Two things are refused:
/// - **NUL (U+0000).** Text reaches SQLite as a C string, so a NUL would silently end it there:
///   the title `before<NUL>after` would be stored as `before`, and the login `tnguyen<NUL>x` would
///   find the student `tnguyen`. Every other scalar is stored as given (controls, bidi marks,
///   noncharacters: making them safe to show is the screens' job, not the store's).
/// - **More than ``limit`` Unicode scalars.** Scalars, not Characters: the count of a string does
///   not change with the Unicode version, and it bounds what a row costs.
///
/// ```swift
/// StoredText.title.refusal(of: "before\u{0}after")   // .nul(scalarOffset: 6)
/// try StoredText.coverNote.check(note)                // throws CatalogueError.invalid("cover note: …")
/// ```
public struct StoredText: Sendable, Hashable {
    /// The field as people know it, used in messages: "cover note".
    public let field: String
    /// The most Unicode scalars the field holds.
    public let limit: Int
    /// A link someone else will open: a web address only (``Link``).
    public let isLink: Bool

    public init(field: String, limit: Int, isLink: Bool = false) {
        self.field = field
        self.limit = limit
        self.isLink = isLink
    }

    /// Why `text` cannot be stored in this field, or nil when it can be, exactly.
    ///
    /// ```swift
    /// StoredText.skill.refusal(of: String(repeating: "x", count: 61))   // .tooLong(count: 61, limit: 60)
    /// ```
    public func refusal(of text: String) -> Refusal? {
        // A UTF-8 byte count is at least the scalar count, so short text needs no counting.
        let bytes = text.utf8.count
        // Native strings are contiguous UTF-8: memchr looks for the NUL far faster than an index walk.
        let mayHoldNUL = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        } ?? true
        if mayHoldNUL, let offset = text.utf8.firstIndex(of: 0) {
            return .nul(scalarOffset: text.unicodeScalars.distance(from: text.startIndex, to: offset))
        }
        if bytes > limit {
            let scalars = text.unicodeScalars.count
            if scalars > limit { return .tooLong(count: scalars, limit: limit) }
        }
        if isLink, let why = Link.refusal(of: text) { return .notALink(why) }
        return nil
    }

    /// Returns `text` unchanged when it can be stored, and throws ``CatalogueError/invalid(_:)``
    /// naming the field otherwise.
    ///
    /// ```swift
    /// let link = try StoredText.deliverableLink.check(form.link)
    /// ```
    @discardableResult
    public func check(_ text: String) throws(CatalogueError) -> String {
        if let refusal = refusal(of: text) { throw .invalid("\(field): \(refusal.message)") }
        return text
    }

    /// ``check(_:)`` for an optional value: nil is always storable.
    @discardableResult
    public func check(_ text: String?) throws(CatalogueError) -> String? {
        guard let text else { return nil }
        return try check(text)
    }

    /// Why a text was refused.
    public enum Refusal: Sendable, Hashable {
        /// A NUL at this many scalars from the start.
        case nul(scalarOffset: Int)
        case tooLong(count: Int, limit: Int)
        /// A link field given something other than a web address: why, from ``Link``.
        case notALink(String)

        /// One line, without the field's name: "is 20001 characters long; the most it can hold is 20000".
        public var message: String {
            switch self {
            case .nul: "contains a NUL character (U+0000), which cannot be stored"
            case .tooLong(let count, let limit): "is \(count) characters long; the most it can hold is \(limit)"
            case .notALink(let why): why
            }
        }
    }
}

extension StoredText {
    // Listings.
    public static let title = StoredText(field: "title", limit: 200)
    public static let organization = StoredText(field: "organization", limit: 200)
    public static let brief = StoredText(field: "brief", limit: 20_000)
    public static let deliverable = StoredText(field: "deliverable", limit: 500)
    public static let skill = StoredText(field: "skill", limit: 60)
    public static let city = StoredText(field: "city", limit: 100)
    // Organizations.
    public static let website = StoredText(field: "website", limit: 2_000, isLink: true)
    // Students.
    public static let username = StoredText(field: "username", limit: 64)
    public static let name = StoredText(field: "name", limit: 200)
    public static let email = StoredText(field: "email", limit: 254)
    public static let program = StoredText(field: "program", limit: 200)
    public static let portfolioLink = StoredText(field: "portfolio link", limit: 2_000, isLink: true)
    // Applications and what is said about them.
    public static let coverNote = StoredText(field: "cover note", limit: 5_000)
    public static let deliverableLink = StoredText(field: "deliverable link", limit: 2_000, isLink: true)
    /// A note in an application's history.
    public static let note = StoredText(field: "note", limit: 5_000)
    /// Why an application was rejected; also kept as the rejection's note.
    public static let statusReason = StoredText(field: "reason", limit: 5_000)
    public static let strengths = StoredText(field: "strengths", limit: 5_000)
    public static let improvements = StoredText(field: "improvements", limit: 5_000)
    public static let comment = StoredText(field: "comment", limit: 5_000)
    // A student's own things.
    public static let savedSearchName = StoredText(field: "saved search name", limit: 60)
    public static let searchWords = StoredText(field: "search words", limit: 500)

    /// Every kind of text, for the README's table of limits to be checked against (one limit
    /// per field, defined here and nowhere else).
    public static let all: [StoredText] = [
        title, organization, brief, deliverable, skill, city, website, username, name, email, program, portfolioLink,
        coverNote, deliverableLink, note, statusReason, strengths, improvements, comment, savedSearchName, searchWords,
    ]

    /// The most items one list holds: a listing's deliverables or skills, a student's skills or
    /// portfolio links.
    public static let listLimit = 50
}
