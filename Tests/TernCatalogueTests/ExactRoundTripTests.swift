import Foundation
import Testing
@testable import TernCatalogue

/// An export imports back to the same values, byte for byte, in both formats. Values are
/// compared as UTF-8 bytes throughout: Swift's String equality would take "é" for "e\u{301}".
@Suite struct ExactRoundTripTests {
    static let postedAt = "2026-11-21T09:30:00Z"

    @Test func aBriefWithCRLFSurvivesACSVRoundTrip() throws {
        let source = try CatalogueFixture()
        try source.addListings([["ref": "a", "brief": "a\r\nb\rc\n\r\nd"]])
        let target = try roundTrip(source, .opportunities, .csv)
        #expect(Self.bytes(try target.catalogue.opportunity(ref: "a")?.brief) == Self.bytes("a\r\nb\rc\n\r\nd"))
    }

    @Test func listItemsKeepEdgeSpacesBarsAndBackslashesThroughCSV() throws {
        let source = try CatalogueFixture()
        let deliverables = [" pad ", "\u{202F}narrow\u{202F}", "\u{205F}math", "ideo\u{3000}", "a|b\\", "\\", " ", "\t|\t"]
        try source.addListings([["ref": "a", "deliverables": deliverables, "skills": [" Python ", "\u{3000}SQL"]]])
        let target = try roundTrip(source, .opportunities, .csv)
        let listing = try #require(try target.catalogue.opportunity(ref: "a"))
        #expect(listing.deliverables.map(Self.bytes) == deliverables.map(Self.bytes))
        #expect(Set(listing.skills.map(Self.bytes)) == Set([" Python ", "\u{3000}SQL"].map(Self.bytes)))
    }

    /// Typed by hand, `Python | SQL |` means two skills: unescaped spaces around a bar are not
    /// part of an item, and an empty item is no item. An escaped space is kept.
    @Test func handWrittenListsTrimUnescapedSpacesAndDropEmptyItems() throws {
        let fixture = try CatalogueFixture()
        let csv = "ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind,skills,deliverables\n"
            + "a,T,Acme,design,10,5,2099-01-01,unpaid,remote,Python | SQL |,\\ kept\\ || x\n"
        _ = try fixture.catalogue.importApproved(Data(csv.utf8), format: .csv)
        let listing = try #require(try fixture.catalogue.opportunity(ref: "a"))
        #expect(listing.skills == ["Python", "SQL"])
        #expect(listing.deliverables.map(Self.bytes) == [" kept ", "x"].map(Self.bytes))
        try fixture.addListings([["ref": "b", "deliverables": ["one", "", "two"]]])
        #expect(try fixture.catalogue.opportunity(ref: "b")?.deliverables == ["one", "two"])
    }

    @Test func aStudentSkillNameMayHoldColonsAndEdgeSpaces() throws {
        let fixture = try CatalogueFixture()
        _ = try fixture.catalogue.importApproved(Data(#"[{"username": "ana", "name": "Ana", "email": "a@b.example", "skills": [" C++: the hard parts :expert"]}]"#.utf8), format: .json)
        let target = try roundTrip(fixture, .students, .csv)
        let skills = try #require(try target.catalogue.student(username: "ana")).skills
        #expect(skills.map { Self.bytes($0.name) } == [Self.bytes(" C++: the hard parts ")])
        #expect(skills.map(\.level) == [.expert])
    }

    // MARK: - Any catalogue text

    /// Random catalogue text in every text and list column of listings and students comes
    /// back unchanged from CSV and JSON round trips.
    @Test(arguments: [UInt64(0x5EED_0001), 0x5EED_0002, 0x5EED_0003])
    func anyCatalogueTextSurvivesCSVAndJSONRoundTrips(seed: UInt64) throws {
        var text = CatalogueText(seed: seed)
        let listings = (0..<60).map { text.listing(number: $0) }
        let students = (0..<30).map { text.student(number: $0) }
        let source = try CatalogueFixture()
        _ = try source.catalogue.importApproved(Data(("[" + listings.map(\.json).joined(separator: ",\n") + "]").utf8), format: .json)
        _ = try source.catalogue.importApproved(Data(("[" + students.map(\.json).joined(separator: ",\n") + "]").utf8), format: .json)
        // The catalogue holds exactly what the file said.
        for listing in listings {
            #expect(try Self.stored(source, listing: listing.ref) == listing.expected, "listing \(listing.ref)")
        }
        for student in students {
            #expect(try Self.stored(source, student: student.username) == student.expected, "student \(student.username)")
        }
        // And each export gives a catalogue holding the same.
        for format in ExchangeFormat.allCases {
            let target = try CatalogueFixture()
            _ = try target.catalogue.importApproved(Data(try Self.exported(source, .opportunities, format).utf8), format: format)
            _ = try target.catalogue.importApproved(Data(try Self.exported(source, .students, format).utf8), format: format)
            for listing in listings {
                #expect(try Self.stored(target, listing: listing.ref) == listing.expected, "\(format) listing \(listing.ref)")
            }
            for student in students {
                #expect(try Self.stored(target, student: student.username) == student.expected, "\(format) student \(student.username)")
            }
        }
    }

    // MARK: - Helpers

    static func bytes(_ text: String?) -> [UInt8] { Array((text ?? "<nil>").utf8) }

    static func exported(_ fixture: CatalogueFixture, _ subject: ExchangeSubject, _ format: ExchangeFormat) throws -> String {
        var text = ""
        try fixture.catalogue.export(subject, as: format) { text += $0 }
        return text
    }

    /// A fresh catalogue that imported `source`'s export of `subject` (with what it needs first).
    func roundTrip(_ source: CatalogueFixture, _ subject: ExchangeSubject, _ format: ExchangeFormat) throws -> CatalogueFixture {
        let target = try CatalogueFixture()
        _ = try target.catalogue.importApproved(Data(try Self.exported(source, subject, format).utf8), format: format)
        return target
    }

    /// A listing's text as the catalogue holds it, as bytes; skills as a set (stored sorted).
    static func stored(_ fixture: CatalogueFixture, listing ref: String) throws -> StoredTexts {
        guard let listing = try fixture.catalogue.opportunity(ref: ref) else { return StoredTexts(values: [], lists: [], sets: []) }
        return StoredTexts(values: [listing.title, listing.organization, listing.brief, listing.city].map(bytes),
                           lists: [listing.deliverables.map(bytes)], sets: [Set(listing.skills.map(bytes))])
    }

    static func stored(_ fixture: CatalogueFixture, student username: String) throws -> StoredTexts {
        guard let student = try fixture.catalogue.student(username: username) else { return StoredTexts(values: [], lists: [], sets: []) }
        return StoredTexts(values: [student.name, student.email, student.program].map(bytes),
                           lists: [student.portfolioLinks.map(bytes)],
                           sets: [Set(student.skills.map { bytes($0.name + ":" + $0.level.rawValue) })])
    }
}

/// Text values compared byte for byte.
struct StoredTexts: Equatable {
    var values: [[UInt8]]
    var lists: [[[UInt8]]]
    var sets: [Set<[UInt8]>]
}

/// Deterministic random catalogue text: every plane, controls other than NUL, CR, LF and CRLF,
/// whitespace of every kind at both ends, and the characters the formats are made of.
struct CatalogueText {
    var random: SplitMix64
    /// Keeps skill and organization names apart, since the catalogue folds their ASCII case.
    var serial = 0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    static let spaces: [Unicode.Scalar] = [
        " ", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}",
        "\u{2005}", "\u{2006}", "\u{2007}", "\u{2008}", "\u{2009}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}",
        "\u{205F}", "\u{3000}", "\u{FEFF}",
    ]
    static let syntax: [String] = ["|", "\\", "\"", ",", ":", "\\|", "\\\\", "||", "\r", "\n", "\r\n", "\n\r", "\"\"", "'"]

    mutating func piece() -> String {
        switch random.int(0...99) {
        case 0..<30: return String(Character(Unicode.Scalar(UInt8(random.int(0x20...0x7E)))))
        case 30..<38: return String(Character(Unicode.Scalar(UInt8(random.pick(Array(0x01...0x1F) + Array(0x7F...0x9F))))))
        case 38..<50: return String(random.pick(Self.spaces))
        case 50..<62:
            // The rest of the Basic Multilingual Plane, stepping over the surrogates.
            let value = random.int(0xA0...0xF7FF)
            return String(Unicode.Scalar(UInt32(value < 0xD800 ? value : value + 0x800))!)
        case 62..<74: return String(Unicode.Scalar(UInt32(random.int(0x10000...0x10FFFF)))!)
        case 74..<80: return String(Unicode.Scalar(UInt32(random.int(0x300...0x36F)))!)
        default: return random.pick(Self.syntax)
        }
    }

    /// Up to `pieces` pieces; half the time wrapped in whitespace of any kind.
    mutating func text(pieces: Int) -> String {
        var text = (0..<random.int(0...pieces)).map { _ in piece() }.joined()
        if random.chance(50) {
            text = String(random.pick(Self.spaces)) + text + String(random.pick(Self.spaces))
        }
        return text
    }

    /// Text with something besides whitespace, as a required field needs.
    mutating func required(pieces: Int) -> String {
        let text = text(pieces: pieces)
        return text.unicodeScalars.contains { !$0.properties.isWhitespace } ? text : text + "x"
    }

    /// Unique among names of its kind, whatever the case.
    mutating func name(pieces: Int) -> String {
        serial += 1
        return text(pieces: pieces) + "#\(serial)#" + text(pieces: pieces)
    }

    struct Sample {
        var ref: String
        var username: String
        var json: String
        var expected: StoredTexts
    }

    mutating func listing(number: Int) -> Sample {
        let title = required(pieces: 30), organization = name(pieces: 12), brief = text(pieces: 120)
        let city = random.chance(50) ? nil : required(pieces: 12)
        let deliverables = (0..<random.int(0...4)).map { _ in random.chance(20) ? String(random.pick(Self.spaces)) : required(pieces: 20) }
        let skills = (0..<random.int(0...4)).map { _ in name(pieces: 10) }
        let ref = "listing-\(number)"
        let json = """
            {"ref": "\(ref)", "title": \(Self.json(title)), "organization": \(Self.json(organization)), "field": "design",
             "brief": \(Self.json(brief)), "deliverables": [\(deliverables.map(Self.json).joined(separator: ", "))],
             "skills": [\(skills.map(Self.json).joined(separator: ", "))], "hours": 10, "duration_days": 5, "deadline": "2099-01-01",
             "compensation_kind": "unpaid", "location_kind": "remote", "city": \(city.map(Self.json) ?? "null"),
             "posted_at": "\(ExactRoundTripTests.postedAt)"}
            """
        let bytes = ExactRoundTripTests.bytes
        return Sample(ref: ref, username: "", json: json,
                      expected: StoredTexts(values: [title, organization, brief, city].map(bytes), lists: [deliverables.map(bytes)],
                                            sets: [Set(skills.map(bytes))]))
    }

    mutating func student(number: Int) -> Sample {
        let name = required(pieces: 30), email = required(pieces: 30), program = text(pieces: 30)
        let skills = (0..<random.int(0...4)).map { _ in (name: self.name(pieces: 10), level: random.pick(SkillLevel.allCases)) }
        // A link is a web address (Link); any text may follow the host.
        let links = (0..<random.int(0...3)).map { _ in "https://example.org/" + required(pieces: 40) }
        let username = "student-\(number)"
        let items = skills.map { Self.json($0.name + ":" + $0.level.rawValue) }
        let json = """
            {"username": "\(username)", "name": \(Self.json(name)), "email": \(Self.json(email)), "program": \(Self.json(program)),
             "skills": [\(items.joined(separator: ", "))], "portfolio_links": [\(links.map(Self.json).joined(separator: ", "))]}
            """
        let bytes = ExactRoundTripTests.bytes
        return Sample(ref: "", username: username, json: json,
                      expected: StoredTexts(values: [name, email, program].map(bytes), lists: [links.map(bytes)],
                                            sets: [Set(skills.map { bytes($0.name + ":" + $0.level.rawValue) })]))
    }

    /// A JSON string with every scalar outside printable ASCII escaped (surrogate pairs above
    /// the BMP), written here rather than by the catalogue's own escaper under test.
    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20..<0x7F where scalar != "\"" && scalar != "\\":
                out.unicodeScalars.append(scalar)
            case 0x10000...:
                let offset = scalar.value - 0x10000
                out += String(format: "\\u%04X\\u%04X", 0xD800 + (offset >> 10), 0xDC00 + (offset & 0x3FF))
            default:
                out += String(format: "\\u%04X", scalar.value)
            }
        }
        return out + "\""
    }
}
