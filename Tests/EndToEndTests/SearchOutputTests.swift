import Foundation
import Testing

/// `tern search` prints catalogue text, which anyone who can import wrote: neither its JSON nor
/// its table may carry a raw control, C1, bidi or separator character to the terminal.
@Suite struct SearchOutputTests {
    /// DEL, every C1 control (U+009B is a one-character CSI), ESC, the bidi embeddings, overrides
    /// and isolates, and the line and paragraph separators.
    static let hostileTitle: String = {
        var scalars: [UInt32] = [0x7F, 0x1B]
        scalars += Array(0x80...0x9F)
        scalars += Array(0x202A...0x202E) + Array(0x2066...0x2069) + [0x2028, 0x2029]
        return "Quokka survey " + String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))) + " end"
    }()

    /// A catalogue holding one listing titled ``hostileTitle``, from the Quokka Trust.
    static func catalogueWithHostileListing(_ scratch: Scratch) throws -> String {
        try catalogue(scratch, withListingTitled: hostileTitle)
    }

    /// A new catalogue holding one listing (ref `quokka-1`, from the Quokka Trust) with `title`.
    static func catalogue(_ scratch: Scratch, withListingTitled title: String) throws -> String {
        let db = scratch.path("c.sqlite")
        #expect(try TernProcess.run(["init", "--db", db]).status == 0)
        let file = scratch.path("hostile.csv")
        try """
            ref,title,organization,field,hours,duration_days,deadline,compensation_kind,location_kind
            quokka-1,"\(title)",Quokka Trust,research,10,5,2099-01-01,unpaid,remote

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try TernProcess.run(["import", file, "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        try TernProcess.approvePending(db: db)
        return db
    }

    @Test func searchJSONEscapesEveryTerminalControlYetParsesBackToTheExactTitle() throws {
        let scratch = try Scratch()
        let db = try Self.catalogueWithHostileListing(scratch)
        let result = try TernProcess.run(["search", "--organization", "Quokka", "--json", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(TerminalSafeOutput.rawControls(in: result.stdout, allowingNewlines: true) == [])
        #expect(result.stdout.contains(#"\u009B"#) && result.stdout.contains(#"\u202E"#) && result.stdout.contains(#"\u2028"#))
        let listings = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(listings.count == 1)
        #expect(listings.first?["title"] as? String == Self.hostileTitle)
        #expect(listings.first?["ref"] as? String == "quokka-1")
        #expect(listings.first?["remote"] as? Bool == true)
        #expect(listings.first?["hours"] as? Int == 10)
    }

    @Test func theSearchTableShowsTheSameTitleAsPlaceholders() throws {
        let scratch = try Scratch()
        let db = try Self.catalogueWithHostileListing(scratch)
        let result = try TernProcess.run(["search", "--organization", "Quokka", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(TerminalSafeOutput.rawControls(in: result.stdout, allowingNewlines: true) == [])
        #expect(result.stdout.contains("Quokka survey ^?^[\\u{80}\\u{81}"))
    }
}
